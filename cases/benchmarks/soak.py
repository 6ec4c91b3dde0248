"""A soak: the whole stack under a mixed load for minutes, then what it kept and what it lost.

    python manage.py soak --minutes 10        # make soak

Starts what it needs and stops it by PID at the end: a database of its own on the configured
PostgreSQL server (``<name>_soak``: created, migrated, seeded with ``seed_bench``, dropped
after), a ``redis-server``, gunicorn (production settings, 3 sync workers) on a free port of
127.0.0.1, a Celery worker (2 processes) and an SMTP sink (aiosmtpd) in this process. Then 8
virtual users (``soak_load``) read (80%, visitors and members), reply (15%) and search (5%).

It prints progress, then a table per kind of request (requests, errors, p50, p99), the RSS of
gunicorn's and Celery's worker processes after the warm-up and at the end, and two checks: every
reply the site accepted is in the database once, and every notification email due for the
soak's replies reached the SMTP sink exactly once. Exits non-zero when a target fails: any error,
p99 over ``--p99-ms`` (250), memory growth over ``--memory-growth`` (10%), or a check. With
``--worker-memory`` it also prints the workers' RSS over the run (a warm-up levels off, growth
does not); ``manage.py worker_memory`` looks at the Celery workers alone.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.ratelimit import PER_MEMBER, rates_for
from cases.benchmarks.servers import free_port
from cases.benchmarks.soak_check import (
    database_url,
    delivered_once,
    establish_members,
    posts_kept,
    site_plan,
    switch_database,
)
from cases.benchmarks.soak_load import Results, SmtpSink, VirtualUser, percentile

KINDS = ["read visitor", "read member", "search", "reply form", "reply"]


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def static_files_current() -> bool:
    """Whether collectstatic's manifest is newer than every static file of the project and than
    the lock file (a package upgrade brings new admin and allauth files): production serves
    hashed names from it, and compressing everything again takes half a minute."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [Path(settings.BASE_DIR) / "uv.lock"]
    for folder in settings.STATICFILES_DIRS:
        sources += [path for path in Path(folder).rglob("*") if path.is_file()]
    newest = max(path.stat().st_mtime for path in sources if path.exists())
    return manifest.stat().st_mtime > newest


class Soak(BaseCommand):
    help = "Drive gunicorn, Celery, Redis and PostgreSQL with a mixed load; check nothing is lost."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=float, default=0)
        parser.add_argument("--seconds", type=float, default=0, help="instead of --minutes")
        parser.add_argument("--users", type=int, default=8, help="concurrent virtual users")
        parser.add_argument("--members", type=int, default=200, help="signed-in members used")
        parser.add_argument("--think", type=float, default=0.5, help="max pause between actions")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
        parser.add_argument("--posts", type=int, default=20_000, help="posts seeded")
        parser.add_argument("--database", default="", help="default: <configured name>_soak")
        parser.add_argument("--keep-database", action="store_true")
        parser.add_argument("--p99-ms", type=float, default=250.0)
        parser.add_argument("--memory-growth", type=float, default=10.0, help="percent")
        parser.add_argument(
            "--baseline-requests", type=int, default=100,
            help="memory growth is measured from the RSS after this many requests",
        )  # fmt: skip
        parser.add_argument(
            "--worker-memory", action="store_true",
            help="print the workers' RSS over the run, every 15-30 s (plateau or growth)",
        )  # fmt: skip

    def handle(self, *args, **options):
        seconds = options["seconds"] or options["minutes"] * 60 or 600
        self.started: list[tuple[str, subprocess.Popen]] = []
        self.secret_key = os.urandom(48).hex()
        settings.SECRET_KEY = self.secret_key  # sessions made here are valid in gunicorn
        name = options["database"] or f"{settings.DATABASES['default']['NAME']}_soak"
        self.say(f"database {name}: create, migrate, seed {options['posts']:,} posts ...")
        switch_database(name, posts=options["posts"], stdout=self.stdout)
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: a line per command
        controller = None
        try:
            sink = SmtpSink()
            from aiosmtpd.controller import Controller

            smtp_port = free_port()
            controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
            controller.start()
            env = self.environment(name, smtp_port)
            gunicorn, worker = self.start_services(env, options)
            self.say("signing in the members ...")
            site, members = site_plan(port=self.port, members=options["members"])
            establish_members(members)
            self.say(
                f"load: {options['users']} users, {len(members)} members, {seconds:.0f} s, "
                f"gunicorn pid {gunicorn.pid}, celery pid {worker.pid}"
            )
            results, memory, started_at = self.drive(site, members, seconds, options,
                                                     gunicorn, worker)  # fmt: skip
            self.say("waiting for the worker to send what is queued ...")
            mail = delivered_once(sink, since=started_at, wait=120)
            kept = posts_kept(results.accepted)
            failed = self.report(results, memory, mail, kept, options, seconds)
        finally:
            self.stop_all()
            if controller is not None:
                controller.stop()
            if not options["keep_database"]:
                switch_database(name, drop=True)
        if failed:
            raise CommandError("soak targets failed: " + "; ".join(failed))

    # -- services -----------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.stdout.write(f"[{time.strftime('%H:%M:%S')}] {text}")
        self.stdout.flush()

    def environment(self, name: str, smtp_port: int) -> dict[str, str]:
        self.port = free_port()
        redis_url = os.environ.get("REDIS_URL") or self.start_redis()
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": self.secret_key,
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{self.port}",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            # The virtual users come "through a proxy", each member from an address of their own.
            "ROUNDS_TRUSTED_PROXY_COUNT": "1",
            "LOG_LEVEL": "WARNING",
            # Mentions wait a short window, so a batch of several can go as one email (and the
            # check counts notifications, not messages); ten minutes would outlast the soak.
            "NOTIFICATION_EMAIL_WINDOW": "5",
        }

    def spawn(self, label: str, command: list[str], env=None) -> subprocess.Popen:
        log = Path(settings.VAR_DIR) / "soak" / f"{label}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(  # noqa: S603 - our own programs, fixed arguments
            command, env=env, cwd=settings.BASE_DIR, stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        process.log = log  # type: ignore[attr-defined]
        self.started.append((label, process))
        return process

    def start_redis(self) -> str:
        binary = shutil.which("redis-server")
        if binary is None:
            raise CommandError("redis-server is not installed (apt-get install redis-server).")
        port = free_port()
        folder = Path(settings.VAR_DIR) / "soak"
        folder.mkdir(parents=True, exist_ok=True)
        self.spawn("redis", [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                             "--appendonly", "no", "--dir", str(folder)])  # fmt: skip
        return f"redis://127.0.0.1:{port}/0"

    def start_services(self, env, options):
        if not static_files_current():
            self.say("collectstatic (production settings) ...")
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                env=env, cwd=settings.BASE_DIR, check=True,
            )  # fmt: skip
        bin_dir = Path(sys.executable).parent
        gunicorn = self.spawn("gunicorn", [
            str(bin_dir / "gunicorn"), "config.wsgi:application", "--workers",
            str(options["workers"]), "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning",
        ], env)  # fmt: skip
        worker = self.spawn("celery", [
            str(bin_dir / "celery"), "-A", "config", "worker", "--concurrency", "2",
            "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
        ], env)  # fmt: skip
        import urllib.request

        for _ in range(300):
            for label, process in self.started:
                if process.poll() is not None:
                    raise CommandError(f"{label} exited:\n{process.log.read_text()[-3000:]}")
            try:
                url = f"http://127.0.0.1:{self.port}/healthz"
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200 and len(children(worker.pid)) >= 2:
                        return gunicorn, worker
            except OSError:
                pass
            time.sleep(0.2)
        raise CommandError("gunicorn or the Celery worker did not start (var/soak/*.log).")

    def stop_all(self) -> None:
        """Stop what this command started, by PID, newest first."""
        for _label, process in reversed(self.started):
            if process.poll() is None:
                process.terminate()
        for _label, process in reversed(self.started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    # -- load ---------------------------------------------------------------------------------

    def memory(self, gunicorn, worker) -> dict[str, tuple[list[int], int]]:
        groups = {
            "gunicorn workers": children(gunicorn.pid),
            "celery workers": children(worker.pid),
        }
        return {label: (pids, sum(rss_kb(pid) for pid in pids)) for label, pids in groups.items()}

    def drive(self, site, members, seconds, options, gunicorn, worker):
        results = Results()
        self.load_at_start = os.getloadavg()
        self.baseline_at = 0
        started_at = time.time()
        begin = time.monotonic()
        deadline = begin + seconds
        share = [members[i :: options["users"]] for i in range(options["users"])]
        # Members reply within the site's per-member limits on posting, at any pace.
        limits = [(r.amount, r.seconds) for r in rates_for("post") if r.per == PER_MEMBER]
        users = [
            VirtualUser(number=i, site=site, members=share[i] or members, results=results,
                        deadline=deadline, think=options["think"], seed=i, post_limits=limits)
            for i in range(options["users"])
        ]  # fmt: skip
        for user in users:
            user.start()
        every = 30.0 if seconds >= 300 else 5.0
        start_memory = None
        self.curve: list[tuple[float, float, float]] = []  # seconds, gunicorn MB, celery MB
        last_print, last_count = begin, 0
        next_curve = begin
        while any(user.is_alive() for user in users):
            time.sleep(0.5)
            now = time.monotonic()
            if start_memory is None and len(results.records) >= options["baseline_requests"]:
                start_memory = self.memory(gunicorn, worker)
                self.baseline_at = len(results.records)
            if now - last_print >= every:
                count, errors, p99 = results.snapshot(since=last_count)
                rate = (count - last_count) / (now - last_print)
                self.say(
                    f"{now - begin:>5.0f}/{seconds:.0f} s  requests {count:>7,}  errors {errors}"
                    f"  {rate:>6.1f} req/s  p99 {p99:>5.0f} ms  replies {len(results.accepted):,}"
                    f"  load {os.getloadavg()[0]:.2f}"
                )
                last_print, last_count = now, count
            if now >= next_curve:
                self.sample_curve(now - begin, gunicorn, worker)
                next_curve = now + max(every, 15.0)
        end_memory = self.memory(gunicorn, worker)
        self.sample_curve(time.monotonic() - begin, gunicorn, worker)
        return results, (start_memory or end_memory, end_memory), started_at

    def sample_curve(self, at: float, gunicorn, worker) -> None:
        memory = self.memory(gunicorn, worker)
        mb = [total / 1024 for _pids, total in memory.values()]
        self.curve.append((at, mb[0], mb[1]))

    def curve_table(self, warmup: float) -> None:
        """The workers' RSS over the run, and the growth of its second half: a warm-up levels
        off (little growth late), a leak or a growing working set keeps climbing."""
        out = self.stdout.write
        out("")
        out("| seconds | gunicorn workers MB | celery workers MB |")
        out("|---:|---:|---:|")
        for at, web, tasks in self.curve:
            out(f"| {at:.0f} | {web:.1f} | {tasks:.1f} |")
        after = [row for row in self.curve if row[0] >= warmup]
        if len(after) >= 3:
            middle = after[len(after) // 2]
            last = after[-1]
            for index, label in [(1, "gunicorn"), (2, "celery")]:
                late = (last[index] - middle[index]) / middle[index] * 100 if middle[index] else 0
                out(f"{label} workers, second half ({middle[0]:.0f}-{last[0]:.0f} s): {late:+.1f}%")

    # -- the table ------------------------------------------------------------------------------

    def report(self, results, memory, mail, kept, options, seconds) -> list[str]:
        failed: list[str] = []
        out = self.stdout.write
        load = os.getloadavg()
        out("")
        first = self.load_at_start
        out(
            f"Soak: {seconds:.0f} s, {options['users']} users, {os.cpu_count()} cores; load "
            f"average (1/5/15 min) at the start {first[0]:.2f} / {first[1]:.2f} / {first[2]:.2f}, "
            f"at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
        )
        out("")
        out("| kind | requests | errors | p50 ms | p99 ms |")
        out("|---|---:|---:|---:|---:|")
        for kind in [*KINDS, "all"]:
            rows = [r for r in results.records if kind in (r.kind, "all")]
            times = [r.ms for r in rows if r.ok]
            errors = sum(1 for r in rows if not r.ok)
            p50, p99 = percentile(times, 0.50), percentile(times, 0.99)
            out(f"| {kind} | {len(rows):,} | {errors} | {p50:.1f} | {p99:.1f} |")
            if kind != "all" and rows and p99 > options["p99_ms"]:
                failed.append(f"{kind} p99 {p99:.0f} ms > {options['p99_ms']:.0f} ms")
        errors = sum(1 for r in results.records if not r.ok)
        if errors:
            failed.append(f"{errors} errors")
            for what, count in sorted(results.failures.items(), key=lambda item: -item[1])[:10]:
                out(f"  error x{count}: {what}")
        out("")
        out("| processes | RSS after the baseline MB | RSS at the end MB | growth |")
        out("|---|---:|---:|---:|")
        start, end = memory
        for label in end:
            before, after = start[label][1] / 1024, end[label][1] / 1024
            growth = (after - before) / before * 100 if before else 0.0
            note = "" if start[label][0] == end[label][0] else " (processes replaced)"
            out(f"| {label}{note} | {before:.1f} | {after:.1f} | {growth:+.1f}% |")
            if growth > options["memory_growth"] or note:
                failed.append(f"{label} memory {growth:+.1f}%{note}")
        out(
            f"RSS measured after request {self.baseline_at:,} and after the last, "
            f"{len(results.records):,}"
        )
        if options["worker_memory"]:
            self.curve_table(min(30.0, seconds / 10))
        out("")
        out(
            f"Replies accepted: {len(results.accepted):,}; in the database once: {kept.once:,}; "
            f"missing: {kept.missing}; more than once: {kept.doubled}"
        )
        out(
            f"Notification emails due: {mail.due:,}; at the SMTP sink: {mail.received:,}; "
            f"exactly once: {mail.once:,}; missing: {mail.missing}; extra: {mail.extra}; "
            f"ledger not sent: {mail.unsent}; messages at the sink: {mail.messages:,}; "
            f"read on the site first (not emailed): {mail.read_first}"
        )
        if kept.missing or kept.doubled or not results.accepted:
            failed.append("accepted replies not all in the database once")
        if mail.missing or mail.extra or mail.unsent:
            failed.append("notification emails not each sent exactly once")
        out("Targets: " + ("all met" if not failed else "FAILED: " + "; ".join(failed)))
        return failed
