"""PostgreSQL restarts under a running site: gunicorn and the Celery worker carry on without a
restart of their own. The test owns the server (Debian's PostgreSQL 15, initdb + pg_ctl on a
free port) and stops it with ``pg_ctl -m fast``, which cuts every open connection as a
restart or a failover does (config.outages, config.celery.DatabaseRetryTask)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from celery import Celery

from tests.fixtures import free_port
from tests.fixtures.celery_worker import wait_until_ready
from tests.fixtures.postgres import DEBIAN_BIN, own_postgres

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)

# Made in the site's own database by `manage.py shell`: a thread, a reply whose email task is
# held back (published to an in-memory broker nobody reads), and a signed-in member's cookie.
SEED = """
import json
from django.test import Client
from config.celery import app
from forums.models import Notification
from forums.posting import create_reply
from tests.factories import UserFactory, make_thread

app.conf.task_always_eager = False
author = UserFactory(email="author@example.org", handle="author")
thread = make_thread(author=author, title="Hyperkalaemia on the ward")
replier = UserFactory(handle="replier")
create_reply(thread=thread, author=replier, body="Calcium gluconate first.")
client = Client()
client.force_login(replier)
print(json.dumps({
    "thread": thread.get_absolute_url(),
    "cookie": client.cookies["sessionid"].value,
    "notifications": list(
        Notification.objects.filter(recipient=author).values_list("pk", flat=True)
    ),
}))
"""


def _env(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    # Test settings: DEBUG off (the real error pages), pages rendered per request (every one
    # asks the database), persistent connections with health checks as in production.
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url,
            **extra}  # fmt: skip


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


class Site:
    def __init__(self, server) -> None:
        self.server = server
        self.database_url = server.url("rounds")
        self.env = _env(self.database_url)
        server.execute("CREATE DATABASE rounds")
        _manage(self.env, "migrate", "--noinput", "-v0")
        seeded = json.loads(_manage(self.env, "shell", "-c", SEED).strip().splitlines()[-1])
        self.thread = seeded["thread"]
        self.cookie = seeded["cookie"]
        self.notifications = seeded["notifications"]

    def backends(self) -> int:
        """Client connections to the site's database, other than this one."""
        rows = self.server.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'rounds' "
            "AND pid <> pg_backend_pid()",
            database="rounds",
        )
        return rows[0][0]


@pytest.fixture(scope="module")
def _site():
    server = own_postgres(DEBIAN_BIN)
    try:
        yield Site(server)
    finally:
        server.remove()


@pytest.fixture
def site(_site):
    """The module's site, its server running (a failed test may have left it stopped)."""
    if not _site.server.running():
        _site.server.start()
    return _site


class Gunicorn:
    def __init__(self, site: Site, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [str(PYTHON.with_name("gunicorn")), "config.wsgi:application", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=site.env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.log = log
        for _ in range(150):
            try:
                self.get("/healthz")
                return
            except OSError:
                if self.process.poll() is not None:
                    pytest.fail(f"gunicorn exited:\n{log.read_text()}")
                time.sleep(0.2)
        pytest.fail(f"gunicorn did not start:\n{log.read_text()}")

    def workers(self) -> set[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()}

    def get(self, path: str, *, cookie: str = "", data: bytes | None = None):
        """(status, headers, body) of one request; HTTP errors are answers too."""
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 - ours
        if cookie:
            request.add_header("Cookie", f"sessionid={cookie}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def gunicorn(site, tmp_path):
    server = Gunicorn(site, tmp_path / "gunicorn.log")
    yield server
    server.stop()


def _assert_unavailable_page(answer) -> None:
    status, headers, body = answer
    assert status == 503, body[-2000:]
    assert int(headers["Retry-After"]) > 0
    assert "Back in a moment" in body  # the branded page, not a bare error
    assert "cannot reach its database" in body


def test_pages_serve_again_at_once_after_postgresql_restarts_with_the_same_gunicorn_workers(
    site, gunicorn
):
    workers = gunicorn.workers()
    assert len(workers) == 2
    for _ in range(6):  # both workers hold a persistent connection now
        assert gunicorn.get(site.thread)[0] == 200
        assert gunicorn.get(site.thread, cookie=site.cookie)[0] == 200
    assert site.backends() >= 1

    # Down: a page is retried once, then answered with the branded 503 (never a 500); so is a
    # reply, which is never sent twice; /healthz says what is down.
    site.server.stop()
    _assert_unavailable_page(gunicorn.get(site.thread))
    _assert_unavailable_page(gunicorn.get("/", cookie=site.cookie))
    reply = gunicorn.get(f"{site.thread}reply/", cookie=site.cookie, data=b"body=Potassium")
    assert reply[0] in {403, 503}, reply[2][-2000:]  # no CSRF token: refused before or at the DB
    health = gunicorn.get("/healthz")
    assert health[0] == 503
    assert json.loads(health[2])["database"].startswith("error")

    # Back: the very first requests succeed, on the same worker processes.
    site.server.start()
    for _ in range(6):
        assert gunicorn.get(site.thread)[0] == 200
        assert gunicorn.get(site.thread, cookie=site.cookie)[0] == 200
    assert gunicorn.get("/healthz")[0] == 200
    assert gunicorn.workers() == workers


def test_a_fast_restart_under_load_costs_no_request(site, gunicorn):
    """Requests keep coming while the server restarts: each is answered 200, the ones that met
    the restart after one retry on a new connection (config.outages)."""
    answers: list[int] = []
    done = threading.Event()

    def load(cookie: str) -> None:
        while not done.is_set():
            answers.append(gunicorn.get(site.thread, cookie=cookie)[0])

    users = [threading.Thread(target=load, args=(cookie,)) for cookie in ("", site.cookie)]
    for user in users:
        user.start()
    time.sleep(1)
    started = time.monotonic()
    site.server.stop()
    site.server.start()
    restart_seconds = time.monotonic() - started
    time.sleep(1.5)  # past the retry of every request that met the restart
    done.set()
    for user in users:
        user.join(timeout=30)
    assert len(answers) > 10
    assert 500 not in answers
    # The retry waits 1 s: a restart faster than that is invisible; a slower one may show the
    # 503 page to a request or two, never more than the requests in flight.
    if restart_seconds < 0.8:
        assert set(answers) == {200}, (answers, restart_seconds)
    else:
        assert set(answers) <= {200, 503}, answers
        assert answers.count(503) <= 2, answers
    assert gunicorn.get(site.thread)[0] == 200


@pytest.fixture
def worker(site, redis_url, smtp_server, tmp_path):
    broker = redis_url.rsplit("/", 1)[0] + "/14"
    env = _env(
        site.database_url,
        DJANGO_SETTINGS_MODULE="config.settings.worker_test",
        REDIS_URL=broker,
        EMAIL_URL=f"smtp://{smtp_server.host}:{smtp_server.port}",
    )
    log = tmp_path / "worker.log"
    process = subprocess.Popen(  # noqa: S603 - our own celery, fixed arguments
        [str(PYTHON.with_name("celery")), "-A", "config", "worker", "--pool", "solo",
         "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_until_ready(process, log)
    process.log, process.broker = log, broker
    yield process
    process.terminate()
    process.wait(timeout=30)


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.redis
def test_a_task_run_while_postgresql_is_down_is_retried_and_sends_its_email_once(
    site, worker, smtp_server
):
    assert site.notifications, "the reply should have notified the thread's author"
    site.server.stop()
    Celery(broker=worker.broker).send_task(
        "forums.send_notification_emails", args=[site.notifications]
    )
    assert _wait_for(lambda: "Retry in" in worker.log.read_text(), 30), worker.log.read_text()
    assert not smtp_server.messages
    site.server.start()
    assert _wait_for(lambda: smtp_server.messages, 60), worker.log.read_text()
    time.sleep(2)  # a wrong second delivery would show by now
    assert [message["To"] for message in smtp_server.messages] == ["author@example.org"]
    subject = str(make_header(decode_header(smtp_server.messages[0]["Subject"])))
    assert "Hyperkalaemia on the ward" in subject
    ledger = site.server.execute(
        "SELECT status FROM accounts_emaildelivery WHERE kind = 'forums.notification'",
        database="rounds",
    )
    assert ledger == [("sent",)]
