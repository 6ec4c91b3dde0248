"""Count the hard bounces that delivery status notifications report, and stop mailing an
address after ``BOUNCE_LIMIT`` of them (README: Email).

    python manage.py process_bounces /var/mail/rounds-bounces/   # a Maildir, from cron

The mail server delivers bounces (the envelope sender's mailbox) into a Maildir; each message
is read once and removed. See ``accounts.mail.bounces`` for what counts as a hard bounce.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.mail.bounces import process_bounce_message
from accounts.mail.maildir import each_message


class Command(BaseCommand):
    help = "Count hard bounces from the delivery status notifications in a Maildir."

    def add_arguments(self, parser):
        parser.add_argument("maildir", help="A Maildir directory.")

    def handle(self, *args, maildir: str, **options):
        read = counted = stopped = 0
        for raw in each_message(maildir):
            for row in process_bounce_message(raw):
                counted += 1
                just_stopped = row.stopped_at is not None and row.stopped_at == row.last_bounced_at
                stopped += just_stopped
                note = ": no more mail to it" if just_stopped else ""
                self.stdout.write(f"  {row.address}: {row.hard_bounces} hard bounces{note}")
            read += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: read {read} messages, counted {counted} hard bounces, "
                f"stopped {stopped} addresses"
            )
        )
