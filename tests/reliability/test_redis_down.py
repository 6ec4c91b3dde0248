"""Redis stops and starts again under a running site: pages still serve (the cache degrades to
none, sessions come from PostgreSQL), posting works, and the cache is used again once Redis is
back. The test owns the redis-server it stops (config.cache.RedisCache)."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import cache

from config.cache import RedisCache
from forums.models import Post
from tests.factories import UserFactory, make_thread
from tests.fixtures import free_port

pytestmark = pytest.mark.django_db


class OwnRedis:
    """A redis-server on a fixed port, stopped and started again by the test."""

    def __init__(self, workdir: Path) -> None:
        self.port, self.workdir, self.process = free_port(), workdir, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed binary with fixed arguments
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping():
                    return
            except redis.RedisError:
                time.sleep(0.1)
        pytest.fail("redis-server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path, settings, monkeypatch):
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = OwnRedis(tmp_path)
    server.start()
    monkeypatch.setattr(RedisCache, "RETRY_SECONDS", 0.2)
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": f"down-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.VISITOR_PAGE_SECONDS = 30  # shared pages on, as in production
    yield server
    if server.process.poll() is None:
        server.stop()


def test_pages_sessions_and_posting_survive_redis_stopping_and_use_it_again_after(
    own_redis, client
):
    member = UserFactory()
    thread = make_thread()
    client.force_login(member)
    visitor = type(client)()
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert visitor.get(thread.get_absolute_url()).status_code == 200
    cache.set("probe", "up")
    assert cache.get("probe") == "up"

    own_redis.stop()
    started = time.monotonic()
    for _ in range(3):
        page = client.get(thread.get_absolute_url())
        assert page.status_code == 200
        assert page.wsgi_request.user == member  # the session, from PostgreSQL
        assert visitor.get("/").status_code == 200
    text = "Posted while Redis was down."
    reply = client.post(f"{thread.get_absolute_url()}reply/", {"body": text})
    assert reply.status_code == 302
    assert Post.objects.filter(source=text).exists()
    assert client.get(reply["Location"]).status_code == 200
    # A down Redis is not asked on every call: the whole round stays quick.
    assert time.monotonic() - started < 10

    own_redis.start()
    time.sleep(0.3)  # past RETRY_SECONDS: the next call tries Redis again
    assert cache.get("probe") is None  # a new, empty Redis
    cache.set("probe", "back")
    assert cache.get("probe") == "back"
    assert redis.Redis.from_url(own_redis.url).dbsize() > 0
    assert client.get(thread.get_absolute_url()).status_code == 200
