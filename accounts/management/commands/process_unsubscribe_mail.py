"""Apply the unsubscribe emails that mail clients send to the ``List-Unsubscribe`` mailto.

    python manage.py process_unsubscribe_mail /var/mail/unsubscribe/        # a Maildir
    python manage.py process_unsubscribe_mail /var/mail/unsubscribe.mbox   # an mbox file

The mail server delivers ``UNSUBSCRIBE_EMAIL`` into a Maildir (or an mbox); cron runs this
every few minutes. Each message's subject carries a signed token (``unsubscribe <token>``);
a valid one turns that kind of email off for its member, anything else is ignored. Handled
messages are deleted from a Maildir; an mbox is read whole each time, which is harmless
because unsubscribing twice changes nothing (rotate it with the mail server's tools).
"""

from __future__ import annotations

import mailbox
from email.header import decode_header, make_header
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.unsubscribe import unsubscribe_by_mail


def _subject(message: mailbox.Message) -> str:
    try:
        return str(make_header(decode_header(message.get("Subject", ""))))
    except (UnicodeDecodeError, LookupError, ValueError):
        return ""


class Command(BaseCommand):
    help = "Apply unsubscribe emails from a Maildir (directory) or an mbox (file)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A Maildir directory or an mbox file.")

    def handle(self, *args, path: str, **options):
        where = Path(path)
        if where.is_dir():
            box: mailbox.Mailbox = mailbox.Maildir(where, create=False)
            delete = True
        elif where.is_file():
            box = mailbox.mbox(where, create=False)
            delete = False
        else:
            raise CommandError(f"{path}: no such Maildir or mbox")
        applied = ignored = 0
        for key in list(box.keys()):
            message = box.get_message(key)
            done = unsubscribe_by_mail(_subject(message))
            if done:
                applied += 1
                member, scope = done
                self.stdout.write(f"  unsubscribed member {member.pk} from {scope}")
            else:
                ignored += 1
            if delete:
                box.discard(key)
        self.stdout.write(
            self.style.SUCCESS(f"Done: applied {applied}, ignored {ignored} (no valid token)")
        )
