"""Exactly once, for every email that is about one thing (``EmailDelivery``).

``send_once`` takes the emails a task should send, each with its ledger key (recipient, kind,
object, event) and a function that builds it. For each it claims the key before building (one
INSERT; a failed row, or one claimed so long ago that its worker must have died, is taken
over), sends what it claimed over one connection, and marks each row sent or failed. A key
already sent is skipped, so a task that runs twice, or is retried after a partial failure,
sends each email once. When anything was refused, or is in another worker's hands, it raises
``MailNotSent`` after recording: the task retries (``accounts.mail.send.RETRYING``) and the
retry sends only those.

One email may also be about several things of one kind (``OnceBatch``: the notifications a
member got within the batching window): each has its row, claimed together; the email is built
from those this call claimed and all of them are marked with its outcome, so a notification
goes in one email only, whichever batch reaches it first.

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
from accounts.mail.send import AddressStopped, MailNotSent, send_batch

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


@dataclass(frozen=True)
class OnceBatch:
    """One email about several objects of one kind, each sent once: ``build`` gets the ids of
    the objects this call claimed (never empty) and makes the email about those."""

    recipient_id: int
    kind: str
    object_ids: tuple[int, ...]
    build: Callable[[list[int]], EmailMessage] = field(compare=False)
    event: str = ""


def send_once(emails: Iterable[OnceEmail | OnceBatch]) -> int:
    """Send each email whose ledger row(s) this call claims, over one connection. Returns how
    many the server accepted. Raises ``MailNotSent`` after recording, when any was refused or
    another worker holds it."""
    claimed: list[tuple[list[int], EmailMessage]] = []
    busy = 0
    for email in emails:
        if isinstance(email, OnceEmail):
            email = _as_batch(email)
        rows: list[int] = []
        objects: list[int] = []
        for object_id in email.object_ids:
            row = claim(replace_key(email, object_id))
            if row is None:
                continue  # sent already
            if row == BUSY:
                busy += 1
                continue
            rows.append(row)
            objects.append(object_id)
        if not rows:
            continue
        try:
            claimed.append((rows, email.build(objects)))
        except Exception as error:
            for row in rows:
                _failed(row, error)
            raise
    sent = failed = 0
    for rows, refusal in send_batch(claimed):
        if refusal is None:
            EmailDelivery.objects.filter(pk__in=rows).update(
                status=EmailStatus.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
            sent += 1
        else:
            for row in rows:
                _failed(row, refusal)
            if not isinstance(refusal, AddressStopped):  # final: nothing to retry
                failed += 1
    if failed or busy:
        raise MailNotSent(f"{failed} refused, {busy} held by another worker; retrying")
    return sent


def _as_batch(email: OnceEmail) -> OnceBatch:
    def build(_ids: list[int]) -> EmailMessage:
        return email.build()

    return OnceBatch(
        recipient_id=email.recipient_id,
        kind=email.kind,
        object_ids=(email.object_id,),
        build=build,
        event=email.event,
    )


def replace_key(batch: OnceBatch, object_id: int) -> OnceEmail:
    """The ledger key of one object of a batch."""
    return OnceEmail(
        recipient_id=batch.recipient_id,
        kind=batch.kind,
        object_id=object_id,
        build=lambda: EmailMessage(),
        event=batch.event,
    )


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
