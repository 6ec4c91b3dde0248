"""Email digests: ``build`` (what each member's digest holds, a batch at a time), ``ledger``
(who is due; one row per member and period, claimed before sending) and ``send`` (render, send
over one connection, record; the hourly fan-out into shards). The names other code uses are
here."""

from forums.mail.digests.build import (
    SECTION_LIMIT,
    Digest,
    Item,
    Window,
    build_digests,
)
from forums.mail.digests.ledger import LOOKBACK, digest_period, due_members, retry_members
from forums.mail.digests.send import BATCH_SIZE, DigestRun, queue_digests, send_digests

__all__ = [
    "BATCH_SIZE",
    "LOOKBACK",
    "SECTION_LIMIT",
    "Digest",
    "DigestRun",
    "Item",
    "Window",
    "build_digests",
    "digest_period",
    "due_members",
    "queue_digests",
    "retry_members",
    "send_digests",
]
