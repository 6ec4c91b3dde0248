"""Benchmark digest sending: seed members who follow content, send their digests to a local SMTP
server (aiosmtpd, in this process), and print digests per second and SQL queries per digest.

    python manage.py bench_digests [--members 2000]

Seeds (or reuses) ``--members`` members named ``dbench<n>`` who follow one forum and watch one
thread, with a daily digest due at the benchmark's hour, plus fresh threads and replies. Each
run uses a new moment one day after the last, so the ledger lets every digest through again.
Target (issue 7): 100,000 digests in 10 minutes on 2 cores, i.e. ~167 per second.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import DigestFrequency, Preferences, User
from forums.digests import send_digests
from forums.management.servers import free_port
from forums.models import (
    Category,
    CategoryFollow,
    DigestDelivery,
    Thread,
    ThreadState,
    WatchLevel,
)
from forums.posting import create_reply, create_thread

PREFIX = "dbench"


class _Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


class Command(BaseCommand):
    help = "Measure digests built and handed to a local SMTP server per second."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=2000)

    def handle(self, *args, members: int, **options):
        from aiosmtpd.controller import Controller

        forum, thread = self._seed(members)
        last = DigestDelivery.objects.filter(user__handle__startswith=PREFIX).aggregate(
            last=Max("until")
        )["last"]
        moment = (last + timedelta(days=1)) if last else timezone.now()
        moment = moment.replace(hour=7, minute=30)
        author = User.objects.get(handle=f"{PREFIX}author")
        # New content inside this run's window, for every member's digest.
        at = moment - timedelta(hours=1)
        create_thread(category=forum, author=author, title="Bench thread", body="Text", at=at)
        create_reply(thread=thread, author=author, body="A bench reply", at=at)

        sink = _Sink()
        port = free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        smtp = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        )
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        self.stdout.write(f"Sending daily digests for {members} members at {moment.isoformat()}")
        started = time.perf_counter()
        with smtp, connection.execute_wrapper(count):
            run = send_digests(
                DigestFrequency.DAILY,
                now=moment,
                progress=lambda r: self.stdout.write(f"  ... sent {r.sent}"),
            )
        elapsed = time.perf_counter() - started
        controller.stop()
        done = max(run.sent + run.empty, 1)
        self.stdout.write(
            f"sent {run.sent} (SMTP received {sink.count}), empty {run.empty}, "
            f"skipped {run.skipped}, failed {run.failed} in {elapsed:.1f} s: "
            f"{run.sent / elapsed:.0f} digests/s, {queries / done:.1f} queries per digest "
            f"(100,000 would take {100_000 / max(run.sent / elapsed, 0.001) / 60:.1f} min)"
        )

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
                category=forum, author=author, title="Watched bench thread", body="Text"
            )
        have = User.objects.filter(handle__startswith=f"{PREFIX}m").count()
        if have < members:
            self.stdout.write(f"Seeding {members - have} members ...")
            now = timezone.now()
            users = User.objects.bulk_create(
                User(
                    handle=f"{PREFIX}m{n}",
                    email=f"{PREFIX}m{n}@example.org",
                    email_verified=True,
                    last_login=now,
                    password="!",  # noqa: S106 - unusable password: bench members never sign in
                )
                for n in range(have, members)
            )
            Preferences.objects.bulk_create(
                Preferences(user=u, digest_frequency=DigestFrequency.DAILY, digest_hour=7)
                for u in users
            )
            CategoryFollow.objects.bulk_create(
                CategoryFollow(user=u, category=forum) for u in users
            )
            ThreadState.objects.bulk_create(
                ThreadState(user=u, thread=thread, level=WatchLevel.WATCHING) for u in users
            )
        # Members seeded beyond --members stay but are not measured: keep them out of this run.
        User.objects.filter(handle__startswith=f"{PREFIX}m").update(last_login=timezone.now())
        return forum, thread
