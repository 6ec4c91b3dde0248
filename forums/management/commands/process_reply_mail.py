"""Post the replies members send by email (README: Email).

    python manage.py process_reply_mail /var/mail/rounds-replies/   # a Maildir, from cron

The mail server delivers ``reply+*@…`` (``REPLY_EMAIL``) into a Maildir; each message is
handled once (``forums.mail.inbound.post_reply_by_email``) and removed.
"""

from __future__ import annotations

import mailbox
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forums.mail.inbound import post_reply_by_email


class Command(BaseCommand):
    help = "Post the replies by email waiting in a Maildir."

    def add_arguments(self, parser):
        parser.add_argument("maildir", help="A Maildir directory.")

    def handle(self, *args, maildir: str, **options):
        where = Path(maildir)
        if not where.is_dir():
            raise CommandError(f"{maildir}: no such Maildir")
        box = mailbox.Maildir(where, create=False)
        posted = refused = ignored = 0
        for key in list(box.keys()):
            outcome = post_reply_by_email(box.get_bytes(key))
            if outcome.post is not None:
                posted += 1
                self.stdout.write(f"  posted {outcome.post.get_absolute_url()}")
            elif outcome.refusal:
                refused += 1
                self.stdout.write(f"  refused (answered by email): {outcome.refusal}")
            else:
                ignored += 1
                self.stdout.write(f"  ignored: {outcome.ignored}")
            box.discard(key)
        self.stdout.write(
            self.style.SUCCESS(f"Done: posted {posted}, refused {refused}, ignored {ignored}")
        )
