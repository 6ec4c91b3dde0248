"""Send the daily or weekly digests now, synchronously, through the same service as the task."""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forums.mail.digests.send import DigestRun, send_digests


class Command(BaseCommand):
    help = "Send the digests due at this hour (or at --now). Safe to rerun: nothing goes twice."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)
        parser.add_argument(
            "--now",
            help="ISO-8601 moment to send for (default: now); members whose local digest hour "
            "it is then get theirs. Without a time zone it is UTC.",
        )

    def handle(self, *args, frequency: str, now: str | None, **options):
        moment = timezone.now()
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now: {error}") from error
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, UTC)
        self.stdout.write(f"Sending {frequency} digests due at {moment.isoformat()}")

        def progress(run: DigestRun) -> None:
            self.stdout.write(
                f"  ... sent {run.sent}, nothing new {run.empty}, skipped {run.skipped}, "
                f"failed {run.failed}"
            )

        run = send_digests(frequency, now=moment, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: sent {run.sent}, skipped {run.skipped + run.empty} "
                f"({run.empty} with nothing new, {run.skipped} already done), failed {run.failed}"
            )
        )
        if run.failed:
            raise CommandError(f"{run.failed} digests failed; run again to retry them")
