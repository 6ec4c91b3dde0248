"""Email authors whose published cases have had no outcome for four weeks (run daily)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.reminders import send_outcome_reminders


class Command(BaseCommand):
    help = (
        "Remind authors to post the outcome of cases published four weeks before now (or "
        "before --now). Safe to rerun: nobody is reminded twice about a case."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="ISO-8601 moment to run as (default: now), e.g. 2027-01-05T09:00 to try the "
            "four-week reminder without waiting. Without a time zone it is UTC.",
        )

    def handle(self, *args, now: str | None = None, **options):
        moment = timezone.now()
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now: {error}") from error
            if timezone.is_naive(moment):
                moment = moment.replace(tzinfo=UTC)
        self.stdout.write(f"Looking for cases waiting for an outcome at {moment.isoformat()}...")
        sent = send_outcome_reminders(now=moment)
        self.stdout.write(f"Sent {sent} outcome reminder(s).")
