"""In-app notifications and the digests sent (their ledger). Notification emails are in the
ledger of every email, ``accounts.EmailDelivery``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models.content import Post, Thread


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Reply")
    MENTION = "mention", _("Mention")
    QUOTE = "quote", _("Quote")
    REACTION = "reaction", _("Reaction")
    ACCEPTED = "accepted", _("Accepted answer")
    NEW_THREAD = "new_thread", _("New thread")
    # A member the recipient follows started a thread or published a case (accounts'
    # MemberFollow at the in-app or email level).
    FOLLOWED = "followed", _("From a member you follow")
    # To a reporter, when moderators decide their report (forums.posting.reports).
    REPORT_RESOLVED = "report_resolved", _("Report acted on")
    REPORT_DISMISSED = "report_dismissed", _("Report reviewed")
    # The recipient earned a badge (forums.recognition): no thread, ``badge`` names it.
    BADGE = "badge", _("Badge earned")


class Notification(models.Model):
    """An in-app notification. Created only through ``forums.notifications``.

    Reactions are grouped: while unread, one row per post counts the members who reacted.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_count = models.PositiveIntegerField(default=1)
    # None only for what is about the member rather than a thread (a badge earned).
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    badge = models.CharField(max_length=32, blank=True)  # for kind BADGE: its code
    is_read = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-updated_at"], name="forums_notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=Q(is_read=False),
                name="forums_notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class DigestStatus(models.TextChoices):
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    EMPTY = "empty", _("Nothing new")
    FAILED = "failed", _("Failed")


class DigestDelivery(models.Model):
    """One row per member, frequency and period (the member's local day, or the Monday of their
    local week). The row is claimed before the email is built and marked sent after the SMTP
    server accepted it, so a rerun, a second beat or a retried task never sends twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=6)
    period = models.DateField()
    status = models.CharField(max_length=8, choices=DigestStatus.choices)
    # The digest covers (since, until]; the next one starts where this one ended.
    since = models.DateTimeField()
    until = models.DateTimeField()
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    is_final = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                "user", "frequency", "period", name="forums_digestdelivery_unique"
            )
        ]
        indexes = [models.Index(fields=["user", "-until"], name="forums_digest_latest")]

    def __str__(self) -> str:
        return f"{self.frequency} digest {self.period} for {self.user_id}: {self.status}"
