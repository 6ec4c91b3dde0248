"""The ledger of every email about one thing (``accounts.mail.ledger`` writes it).

Defined here, beside the code that writes it, and imported by ``accounts.models`` so Django
finds it; its table is ``accounts_emaildelivery``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class EmailDelivery(models.Model):
    """One row per email: its recipient, its kind, the object it is about and the event (which
    happening of it: a case returned twice gets two). Claimed before the message is built and
    marked sent once the SMTP server took it, so a retried or repeated task never sends twice;
    a failed row is taken again by the retry. Digests have a ledger of their own
    (``forums.DigestDelivery``): theirs also records the window each digest covered."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    event = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=8, choices=EmailStatus.choices)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("email delivery")
        verbose_name_plural = _("email deliveries")
        constraints = [
            models.UniqueConstraint(
                "recipient", "kind", "object_id", "event", name="accounts_emaildelivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.event} to {self.recipient_id}: {self.status}"


class EmailBounce(models.Model):
    """Hard bounces of one address (``accounts.mail.bounces``): after ``BOUNCE_LIMIT`` of them
    the site stops mailing it (``stopped_at``) until the member resumes it in their
    preferences, which shows why. By address, not member: a new address starts clean."""

    address = models.EmailField(unique=True)
    hard_bounces = models.PositiveSmallIntegerField(default=0)
    last_bounced_at = models.DateTimeField(null=True, blank=True)
    last_reason = models.CharField(max_length=300, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("email bounce")
        verbose_name_plural = _("email bounces")

    def __str__(self) -> str:
        return f"{self.address}: {self.hard_bounces} hard bounces"
