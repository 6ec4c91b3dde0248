"""Bounces: delivery status notifications (RFC 3464) read from a mailbox, hard bounces counted
per address, and an address that bounced hard ``BOUNCE_LIMIT`` times (default 3) is no longer
mailed (``send.send_batch`` leaves it out) until its member resumes it in their preferences.

``python manage.py process_bounces MAILDIR`` (from cron) calls ``process_bounce_message`` for
each message. A hard bounce is a failed action with a permanent (5.x.x) status; a delayed or
temporary (4.x.x) one is not counted: the server will try again.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage as MimeMessage
from typing import Any

from django.conf import settings
from django.db.models import F, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.mail.models import EmailBounce


@dataclass(frozen=True)
class Bounce:
    address: str
    status: str
    reason: str

    @property
    def is_hard(self) -> bool:
        return self.status.startswith("5")


def bounces_in(raw: bytes) -> list[Bounce]:
    """The failed recipients a delivery status notification reports; [] for anything else."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, MimeMessage)
    if message.get_content_type() != "multipart/report":
        return []
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        # Its payload is the per-message fields, then one block of fields per recipient.
        blocks: Any = part.get_payload()
        for block in blocks:
            action = str(block.get("Action", "")).strip().lower()
            recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            if action != "failed" or ";" not in recipient:
                continue
            address = recipient.split(";", 1)[1].strip().strip("<>").lower()
            status = str(block.get("Status", "")).strip()
            reason = " ".join(str(block.get("Diagnostic-Code", "")).split())[:300]
            found.append(Bounce(address=address, status=status, reason=reason or status))
    return found


def record_bounce(bounce: Bounce) -> EmailBounce | None:
    """Count a hard bounce; stop the address at the limit. Soft bounces are not counted."""
    if not bounce.is_hard or "@" not in bounce.address:
        return None
    now = timezone.now()
    row, _created = EmailBounce.objects.get_or_create(address=bounce.address)
    EmailBounce.objects.filter(pk=row.pk).update(
        hard_bounces=F("hard_bounces") + 1, last_bounced_at=now, last_reason=bounce.reason
    )
    row.refresh_from_db()
    if row.stopped_at is None and row.hard_bounces >= settings.BOUNCE_LIMIT:
        EmailBounce.objects.filter(pk=row.pk).update(stopped_at=now)
        row.stopped_at = now
    return row


def process_bounce_message(raw: bytes) -> list[EmailBounce]:
    """Record every hard bounce a message reports. Returns the rows counted."""
    return [row for bounce in bounces_in(raw) if (row := record_bounce(bounce)) is not None]


def stopped_addresses(addresses: set[str]) -> set[str]:
    """Which of ``addresses`` the site no longer mails (one query)."""
    if not addresses:
        return set()
    return set(
        EmailBounce.objects.filter(
            address__in={a.lower() for a in addresses}, stopped_at__isnull=False
        ).values_list("address", flat=True)
    )


def stopped_for(*, user_id: int) -> EmailBounce | None:
    """The bounce record that stopped mail to the member's address, if any (the preferences
    page). One query: the address is read in it (the signed-in snapshot does not hold it)."""
    from accounts.models import User

    address = Lower(Subquery(User.objects.filter(pk=user_id).values("email")[:1]))
    return EmailBounce.objects.filter(address=address, stopped_at__isnull=False).first()


def resume_address(address: str) -> None:
    """The member says their mailbox works again: mail it, counting bounces afresh."""
    EmailBounce.objects.filter(address=address.lower()).update(
        stopped_at=None, hard_bounces=0, last_reason=""
    )
