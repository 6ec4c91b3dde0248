"""Post the replies members send by email (README: Email).

    python manage.py process_reply_mail /var/mail/rounds-replies/   # a Maildir, from cron

The mail server delivers ``reply+*@…`` (``REPLY_EMAIL``) into a Maildir; each message is
handled once (``forums.mail.inbound.post_reply_by_email``) and removed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.mail.maildir import each_message
from forums.mail.inbound import post_reply_by_email


class Command(BaseCommand):
    help = "Post the replies by email waiting in a Maildir."

    def add_arguments(self, parser):
        parser.add_argument("maildir", help="A Maildir directory.")

    def handle(self, *args, maildir: str, **options):
        posted = refused = ignored = 0
        for raw in each_message(maildir):
            outcome = post_reply_by_email(raw)
            if outcome.post is not None:
                posted += 1
                self.stdout.write(f"  posted {outcome.post.get_absolute_url()}")
            elif outcome.refusal:
                refused += 1
                self.stdout.write(f"  refused (answered by email): {outcome.refusal}")
            else:
                ignored += 1
                self.stdout.write(f"  ignored: {outcome.ignored}")
        self.stdout.write(
            self.style.SUCCESS(f"Done: posted {posted}, refused {refused}, ignored {ignored}")
        )
