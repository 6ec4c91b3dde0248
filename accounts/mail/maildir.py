"""Reading a Maildir the mail server delivers into (bounces, replies by email): each message
once, removed after it was handled."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import CommandError


def each_message(path: str) -> Iterator[bytes]:
    """The raw bytes of each message in the Maildir ``path``; a message is removed once the
    caller has handled it (asked for the next), so an error leaves it for the next run."""
    where = Path(path)
    if not where.is_dir():
        raise CommandError(f"{path}: no such Maildir")
    box = mailbox.Maildir(where, create=False)
    for key in list(box.keys()):
        yield box.get_bytes(key)
        box.discard(key)
