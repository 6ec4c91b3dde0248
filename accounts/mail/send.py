"""Sending: a batch of messages over one SMTP connection, each outcome reported."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.core import mail
from django.core.mail import EmailMessage

K = TypeVar("K")


class AddressStopped(Exception):
    """Not sent: the address bounced hard too often (``accounts.mail.bounces``). Final, not
    retried: the member resumes the address in their preferences."""


class MailNotSent(Exception):
    """Some messages were refused (or the server was down, or another worker holds them);
    they are recorded in the ledger, and the task that raised this retries them."""


# How every mail task retries (``@shared_task(**RETRYING)``): with backoff from 5 s up to
# 10 minutes (jittered), up to an hour in all, longer than a claim takes to go stale
# (``accounts.mail.ledger.STALE_CLAIM``), so a retry takes over the claim of a worker that died.
# The ledgers make a retry send only what was not sent.
RETRYING = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (MailNotSent, OSError),  # smtplib's errors are OSErrors
    "retry_backoff": 5,
    "retry_backoff_max": 10 * 60,
    "max_retries": 12,
}


def send_batch(batch: Iterable[tuple[K, EmailMessage]]) -> Iterator[tuple[K, Exception | None]]:
    """Send each message over one connection; yield ``(key, None)`` for each the server
    accepted and ``(key, error)`` for each it refused. A server that cannot be reached refuses
    them all; an address that bounced hard too often gets ``AddressStopped`` and is not sent.
    The connection is closed when the batch is done."""
    from accounts.mail.bounces import stopped_addresses

    batch = list(batch)
    stopped = stopped_addresses({address for _key, m in batch for address in m.to})
    if stopped:
        kept = []
        for key, message in batch:
            if {address.lower() for address in message.to} <= stopped:
                yield key, AddressStopped(f"{', '.join(message.to)}: stopped after hard bounces")
            else:
                kept.append((key, message))
        batch = kept
    connection = mail.get_connection(fail_silently=False)
    try:
        connection.open()
    except OSError as error:  # down: every message waits for a retry
        for key, _message in batch:
            yield key, error
        return
    try:
        for key, message in batch:
            message.connection = connection
            try:
                message.send()
            except (OSError, mail.BadHeaderError) as error:  # smtplib's errors are OSErrors
                yield key, error
                continue
            yield key, None
    finally:
        connection.close()
