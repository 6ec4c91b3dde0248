"""Benchmark digest sending: seed members who follow content, send their digests to a local SMTP
server, and print digests per second and SQL queries per digest.

    python manage.py bench_digests [--members 2000] [--processes 1]

Seeds (or reuses) ``--members`` members named ``dbench<n>`` who follow one forum and watch one
thread, with a daily digest due at the benchmark's hour, plus fresh threads and replies. Each
run uses a new moment one day after the last, so the ledger lets every digest through again.

The SMTP server (aiosmtpd, counting what it accepts) runs in its own process, as a real mail
server would, so it does not share this process's interpreter lock; it does share the machine.
``--processes N`` runs N sending processes, each taking its shard of the members
(``send_digests(shard=i, shards=N)``), the shape of a Celery worker with concurrency N.
Target (issue 7): 100,000 digests in 10 minutes on 2 cores, i.e. ~167 per second.
"""

from __future__ import annotations

import cProfile
import multiprocessing
import os
import subprocess
import sys
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import DigestFrequency, Preferences, User
from cases.benchmarks.digest_sender import run_shard
from cases.benchmarks.digest_shard import send_shard
from cases.benchmarks.servers import free_port
from forums.models import (
    Category,
    CategoryFollow,
    DigestDelivery,
    Thread,
    ThreadState,
    WatchLevel,
)
from forums.posting import SITE, create_reply, create_thread

PREFIX = "dbench"

# The SMTP sink's own process: accepts every message, prints "ready", and on end of input
# prints how many messages it accepted and the CPU seconds it used.
SINK = """
import sys
import time
from aiosmtpd.controller import Controller

class Sink:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        return "250 OK"

controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
print(Sink.count, time.process_time(), flush=True)
"""


class DigestBenchmark(BaseCommand):
    help = "Measure digests built and handed to a local SMTP server per second."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=2000)
        parser.add_argument(
            "--profile",
            metavar="PATH",
            help="Write cProfile statistics of the sending (one process only) to PATH.",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=1,
            help="Sending processes, each with its shard of the members (default 1).",
        )

    def handle(self, *args, members: int, processes: int, profile: str | None, **options):
        if processes < 1 or members < 1:
            raise CommandError("--members and --processes must be at least 1")
        if profile and processes > 1:
            raise CommandError("--profile measures one process: leave out --processes")
        forum, thread = self._seed(members)
        last = DigestDelivery.objects.filter(user__handle__startswith=PREFIX).aggregate(
            last=Max("until")
        )["last"]
        moment = (last + timedelta(days=1)) if last else timezone.now()
        moment = moment.replace(hour=7, minute=30)
        author = User.objects.get(handle=f"{PREFIX}author")
        # New content inside this run's window, for every member's digest.
        at = moment - timedelta(hours=1)
        create_thread(
            category=forum, author=author, title="Bench thread", body="Text", at=at, origin=SITE
        )
        create_reply(thread=thread, author=author, body="A bench reply", at=at, origin=SITE)

        port = free_port()
        sink = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SINK, str(port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            if sink.stdout.readline().strip() != "ready":
                raise CommandError("the SMTP sink did not start")
            totals, queries, cpu, elapsed = self._send(port, moment, processes, profile)
        finally:
            report, _err = sink.communicate("", timeout=60)
        received, sink_cpu = [*report.split(), "0", "0"][:2]
        sent = totals["sent"]
        done = max(sent + totals["empty"], 1)
        rate = sent / elapsed
        self.stdout.write(
            f"CPU per digest: {1000 * cpu / done:.2f} ms sending (building, rendering, SMTP "
            f"client), {1000 * float(sink_cpu) / done:.2f} ms in the SMTP sink; the database's "
            f"share is not counted. Load average now: {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} cores."
        )
        self.stdout.write(
            f"members {members}, processes {processes}: sent {sent} (SMTP received {received}), "
            f"empty {totals['empty']}, skipped {totals['skipped']}, failed {totals['failed']} "
            f"in {elapsed:.1f} s: {rate:.0f} digests/s, {queries / done:.2f} queries per digest "
            f"(100,000 would take {100_000 / max(rate, 0.001) / 60:.1f} min)"
        )

    def _send(self, port, moment, processes, profile=None):
        """Run the sending processes; return the summed counts, queries and wall time."""
        self.stdout.write(
            f"Sending daily digests at {moment.isoformat()} with {processes} process(es)"
        )
        totals = {"sent": 0, "skipped": 0, "failed": 0, "empty": 0}
        queries = 0
        cpu = 0.0
        if processes == 1:
            results = multiprocessing.SimpleQueue()
            profiler = cProfile.Profile() if profile else None
            started = time.perf_counter()
            if profiler:
                profiler.runcall(send_shard, port, moment, 0, 1, results, self.stdout.write)
                profiler.dump_stats(profile)
            else:
                send_shard(port, moment, 0, 1, results, self.stdout.write)
            elapsed = time.perf_counter() - started
            outcomes = [results.get()]
        else:
            context = multiprocessing.get_context("spawn")  # see cases.benchmarks.digest_sender
            results = context.SimpleQueue()
            database = connection.settings_dict["NAME"]
            children = [
                context.Process(
                    target=run_shard,
                    args=(
                        os.environ["DJANGO_SETTINGS_MODULE"],
                        database,
                        port,
                        moment,
                        shard,
                        processes,
                        results,
                    ),
                )
                for shard in range(processes)
            ]
            started = time.perf_counter()
            for child in children:
                child.start()
            outcomes = [results.get() for _child in children]
            elapsed = time.perf_counter() - started
            for child in children:
                child.join()
                if child.exitcode:
                    raise CommandError(f"a sending process failed (exit {child.exitcode})")
        for counts, count, seconds in outcomes:
            queries += count
            cpu += seconds
            for key in totals:
                totals[key] += counts[key]
        return totals, queries, cpu, elapsed

    def _seed(self, members: int) -> tuple[Category, Thread]:
        forum, _ = Category.objects.get_or_create(
            slug=f"{PREFIX}-forum", defaults={"name": "Digest bench"}
        )
        author, _created = User.objects.get_or_create(
            handle=f"{PREFIX}author",
            defaults={"email": f"{PREFIX}author@example.org", "email_verified": True},
        )
        thread = Thread.objects.filter(category=forum, title="Watched bench thread").first()
        if thread is None:
            thread = create_thread(
                category=forum,
                author=author,
                title="Watched bench thread",
                body="Text",
                origin=SITE,
            )
        bench_members = User.objects.filter(handle__startswith=f"{PREFIX}m")
        with transaction.atomic():
            have = bench_members.count()
            if have < members:
                self.stdout.write(f"Seeding {members - have} members ...")
                User.objects.bulk_create(
                    User(
                        handle=f"{PREFIX}m{n}",
                        email=f"{PREFIX}m{n}@example.org",
                        email_verified=True,
                        password="!",  # noqa: S106 - unusable: bench members never sign in
                    )
                    for n in range(have, members)
                )
            # Members without preferences (new ones, or an interrupted seed) get the setup.
            users = list(bench_members.filter(preferences__isnull=True))
            Preferences.objects.bulk_create(
                Preferences(user=u, digest_frequency=DigestFrequency.DAILY, digest_hour=7)
                for u in users
            )
            CategoryFollow.objects.bulk_create(
                (CategoryFollow(user=u, category=forum) for u in users), ignore_conflicts=True
            )
            ThreadState.objects.bulk_create(
                (ThreadState(user=u, thread=thread, level=WatchLevel.WATCHING) for u in users),
                ignore_conflicts=True,
            )
        # Exactly --members members are due: the first ones by id; any seeded beyond are off.
        last = bench_members.order_by("pk").values_list("pk", flat=True)[members - 1]
        Preferences.objects.filter(user__in=bench_members.filter(pk__lte=last)).update(
            digest_frequency=DigestFrequency.DAILY, digest_hour=7
        )
        Preferences.objects.filter(user__in=bench_members.filter(pk__gt=last)).update(
            digest_frequency=DigestFrequency.OFF
        )
        bench_members.update(last_login=timezone.now())
        return forum, thread
