"""Exactly once, for every email that is about one thing (``EmailDelivery``).

``send_once`` takes the emails a task should send, each with its ledger key (recipient, kind,
object, event) and a function that builds it. For each it claims the key before building (one
INSERT; a failed row, or one claimed so long ago that its worker must have died, is taken
over), sends what it claimed over one connection, and marks each row sent or failed. A key
already sent is skipped, so a task that runs twice, or is retried after a partial failure,
sends each email once. When anything was refused, or is in another worker's hands, it raises
``MailNotSent`` after recording: the task retries (``accounts.mail.send.RETRYING``) and the
retry sends only those.

A worker killed between the server's "250 OK" and the UPDATE that marks the row leaves a claim
that goes stale and is sent again: at most that one message can arrive twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.mail.models import EmailDelivery, EmailStatus
from accounts.mail.send import MailNotSent, send_batch

logger = logging.getLogger(__name__)

# Sending one email takes seconds (EMAIL_TIMEOUT bounds a hung server); a claim this old belongs
# to a worker that died, and the next try takes it over.
STALE_CLAIM = timedelta(minutes=5)
# What ``claim`` returns for a row another worker holds.
BUSY = -1


@dataclass(frozen=True)
class OnceEmail:
    """An email to send once: its ledger key, and how to build it (called only once claimed)."""

    recipient_id: int
    kind: str
    object_id: int
    build: Callable[[], EmailMessage] = field(compare=False)
    event: str = ""


def send_once(emails: Iterable[OnceEmail]) -> int:
    """Send each email whose ledger row this call claims, over one connection. Returns how
    many the server accepted. Raises ``MailNotSent`` after recording, when any was refused or
    another worker holds it."""
    claimed: list[tuple[int, EmailMessage]] = []
    busy = 0
    for email in emails:
        row = claim(email)
        if row is None:
            continue  # sent already
        if row == BUSY:
            busy += 1
            continue
        try:
            claimed.append((row, email.build()))
        except Exception as error:
            _failed(row, error)
            raise
    sent = failed = 0
    for row, refusal in send_batch(claimed):
        if refusal is None:
            EmailDelivery.objects.filter(pk=row).update(
                status=EmailStatus.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
            sent += 1
        else:
            _failed(row, refusal)
            failed += 1
    if failed or busy:
        raise MailNotSent(f"{failed} refused, {busy} held by another worker; retrying")
    return sent


def claim(email: OnceEmail) -> int | None:
    """The row's id if this call now holds it; None if it was sent; ``BUSY`` if another
    worker holds a fresh claim."""
    now = timezone.now()
    key = {
        "recipient_id": email.recipient_id,
        "kind": email.kind,
        "object_id": email.object_id,
        "event": email.event,
    }
    try:
        with transaction.atomic():
            return EmailDelivery.objects.create(
                **key, status=EmailStatus.SENDING, claimed_at=now
            ).pk
    except IntegrityError:
        pass
    found = EmailDelivery.objects.filter(**key).values_list("pk", "status").first()
    if found is None or found[1] == EmailStatus.SENT:
        return None  # gone with its member meanwhile, or sent
    # One conditional UPDATE, so two workers never both take a row over.
    taken = EmailDelivery.objects.filter(
        Q(status=EmailStatus.FAILED)
        | Q(status=EmailStatus.SENDING, claimed_at__lt=now - STALE_CLAIM),
        pk=found[0],
    ).update(status=EmailStatus.SENDING, claimed_at=now)
    return found[0] if taken else BUSY


def _failed(row: int, error: Exception) -> None:
    logger.warning("email %s failed: %s", row, error)
    EmailDelivery.objects.filter(pk=row).update(
        status=EmailStatus.FAILED, attempts=F("attempts") + 1, last_error=str(error)[:1000]
    )
