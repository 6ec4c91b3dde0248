"""Email authors whose published cases have had no outcome for four weeks (run daily)."""

from django.core.management.base import BaseCommand

from cases.reminders import send_outcome_reminders


class Command(BaseCommand):
    help = "Remind authors to post the outcome of cases published four weeks ago."

    def handle(self, *args, **options):
        self.stdout.write("Looking for cases waiting for an outcome...")
        sent = send_outcome_reminders()
        self.stdout.write(f"Sent {sent} outcome reminder(s).")
