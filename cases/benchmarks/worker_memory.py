"""A probe of the Celery workers' memory under the soak's task mix, without the web load.

    python manage.py worker_memory                      # 1,200 replies at 5 a second
    python manage.py worker_memory --tracemalloc        # + allocations per worker process

It starts what the soak starts for its workers (``cases.benchmarks.soak``: a database of its
own, ``<name>_memprobe``, seeded smaller; a ``redis-server``; a Celery worker of 2 processes with
production settings; aiosmtpd's discarding SMTP sink, in a process of its own) and then writes
replies in this process, through the posting service, at a steady pace: each mentions another
member, as the soak's do, so the worker gets what the soak gives it (the notification emails of
mentions and of replies to watched threads, batched over a 5-second window). Every
``--sample`` seconds it prints the worker processes' RSS beside the replies written and the
notifications emailed (the ledger), so a warm-up plateau and a steady growth read apart; at
the end, the growth from the first sample after the warm-up.

With ``--tracemalloc`` each worker process traces its allocations (``config.worker_memory``)
and writes what it holds and its peak every 20 tasks to ``var/worker_memory/worker-<pid>.txt``.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from cases.benchmarks.servers import free_port
from cases.benchmarks.soak import Soak, children, rss_kb
from cases.benchmarks.soak_check import establish_members, switch_database
from cases.benchmarks.soak_load import Member, token

TRACE_FOLDER = "worker_memory"


class WorkerMemory(Soak):
    help = "Celery workers' RSS over time under the soak's task mix (replies with mentions)."

    def add_arguments(self, parser):
        parser.add_argument("--replies", type=int, default=1200)
        parser.add_argument("--rate", type=float, default=5.0, help="replies a second")
        parser.add_argument("--members", type=int, default=200)
        parser.add_argument("--threads", type=int, default=60, help="threads replied in")
        parser.add_argument("--posts", type=int, default=4000, help="posts seeded")
        parser.add_argument("--sample", type=float, default=10.0, help="seconds between samples")
        parser.add_argument("--warmup", type=float, default=30.0, help="seconds")
        parser.add_argument("--tracemalloc", action="store_true")
        parser.add_argument("--drain", type=float, default=180.0, help="most seconds to wait")
        parser.add_argument("--database", default="", help="default: <configured name>_memprobe")
        parser.add_argument("--keep-database", action="store_true")
        parser.add_argument("--memory-growth", type=float, default=10.0, help="percent")

    def handle(self, *args, **options):
        self.started = []
        self.secret_key = os.urandom(48).hex()
        name = options["database"] or f"{settings.DATABASES['default']['NAME']}_memprobe"
        self.say(f"database {name}: create, migrate, seed {options['posts']:,} posts ...")
        switch_database(name, posts=options["posts"], stdout=self.stdout)
        smtp_port = free_port()
        try:
            # The SMTP sink runs in a process of its own: one in this process would answer the
            # worker only when this process, busy writing replies, lets it.
            sink = ["-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink"]
            self.spawn("smtp", [sys.executable, *sink, "-l", f"127.0.0.1:{smtp_port}"])
            env = self.environment(name, smtp_port)
            if options["tracemalloc"]:
                folder = Path(settings.VAR_DIR) / TRACE_FOLDER
                folder.mkdir(parents=True, exist_ok=True)
                for old in folder.glob("worker-*.txt"):
                    old.unlink()
                env["ROUNDS_WORKER_TRACEMALLOC"] = str(folder)
                env["ROUNDS_WORKER_TRACEMALLOC_EVERY"] = "20"
            worker = self.start_worker(env)
            samples = self.write_replies(options, env, worker)
        finally:
            self.stop_all()
            if not options["keep_database"]:
                switch_database(name, drop=True)
        growth = self.summary(samples, options)
        if growth > options["memory_growth"]:
            raise CommandError(f"worker memory grew {growth:+.1f}% after the warm-up")

    def start_worker(self, env):
        worker = self.spawn("celery", [
            str(Path(sys.executable).parent / "celery"), "-A", "config", "worker",
            "--concurrency", "2", "--loglevel", "WARNING", "--without-gossip",
            "--without-mingle",
        ], env)  # fmt: skip
        for _ in range(300):
            if worker.poll() is not None:
                raise CommandError(f"celery exited:\n{worker.log.read_text()[-3000:]}")
            if len(children(worker.pid)) >= 2:
                return worker
            time.sleep(0.2)
        raise CommandError("the Celery worker did not start (var/soak/celery.log)")

    def write_replies(self, options, env, worker) -> list[tuple[float, int, int, list[int]]]:
        from celery import current_app

        from accounts.models import User
        from forums.models import Thread
        from forums.posting.checks import SITE
        from forums.posting.writing import create_reply

        # This process sends the tasks to the worker's broker, as gunicorn does in the soak.
        current_app.conf.update(broker_url=env["REDIS_URL"], task_always_eager=False)
        settings.NOTIFICATION_EMAIL_WINDOW = int(env["NOTIFICATION_EMAIL_WINDOW"])
        members = list(
            User.objects.filter(is_active=True, is_staff=False, email_verified=True)
            .exclude(email="")
            .order_by("pk")[: options["members"]]
        )
        establish_members([Member(handle=m.handle, session="", ip="") for m in members])
        threads = list(
            Thread.objects.filter(
                category__visibility="public", is_hidden=False, is_locked=False,
                is_case_discussion=False,
            ).order_by("pk")[: options["threads"]]
        )  # fmt: skip
        if len(members) < 2 or not threads:
            raise CommandError("the seeded corpus has too few members or threads")
        rng = random.Random(20)  # noqa: S311 - a load mix, not a secret
        self.say(f"{options['replies']:,} replies at {options['rate']}/s by {len(members)} members "
                 f"in {len(threads)} threads; celery pid {worker.pid}")  # fmt: skip
        samples: list[tuple[float, int, int, list[int]]] = []
        begin = time.monotonic()
        next_sample = begin
        for number in range(options["replies"]):
            author = members[number % len(members)]
            mention = rng.choice([m for m in members if m.pk != author.pk])
            body = f"Agreed, @{mention.handle}: recheck the potassium. Reference {token()}."
            create_reply(thread=rng.choice(threads), author=author, body=body, origin=SITE)
            now = time.monotonic()
            if now >= next_sample:
                samples.append(self.sample(begin, number + 1, worker))
                next_sample = now + options["sample"]
            time.sleep(max(0.0, begin + (number + 1) / options["rate"] - time.monotonic()))
        self.say("waiting for the worker to send what is queued ...")
        last, quiet = -1, 0
        deadline = time.monotonic() + options["drain"]
        # The sink still for three samples: the queue is done (or the worker is far behind).
        while quiet < 3 and time.monotonic() < deadline:
            time.sleep(options["sample"])
            samples.append(self.sample(begin, options["replies"], worker))
            quiet = quiet + 1 if samples[-1][2] == last else 0
            last = samples[-1][2]
        return samples

    def sample(self, begin, replies, worker) -> tuple[float, int, int, list[int]]:
        """Seconds, replies written, notifications emailed (the ledger), each process's RSS."""
        from accounts.mail.models import EmailDelivery, EmailStatus

        pids = children(worker.pid)
        emailed = EmailDelivery.objects.filter(status=EmailStatus.SENT).count()
        row = (time.monotonic() - begin, replies, emailed, [rss_kb(pid) for pid in pids])
        rss = "  ".join(f"{kb / 1024:6.1f}" for kb in row[3])
        self.say(f"{row[0]:6.0f} s  replies {replies:>6,}  emailed {row[2]:>6,}  "
                 f"worker RSS MB {rss}  total {sum(row[3]) / 1024:6.1f}")  # fmt: skip
        return row

    def summary(self, samples, options) -> float:
        after = [s for s in samples if s[0] >= options["warmup"]] or samples
        first, last = sum(after[0][3]) / 1024, sum(samples[-1][3]) / 1024
        growth = (last - first) / first * 100 if first else 0.0
        self.stdout.write(
            f"\nWorker RSS (both processes): {first:.1f} MB at {after[0][0]:.0f} s, "
            f"{last:.1f} MB at the end ({samples[-1][0]:.0f} s): {growth:+.1f}%; "
            f"{samples[-1][1]:,} replies, {samples[-1][2]:,} notifications emailed"
        )
        return growth
