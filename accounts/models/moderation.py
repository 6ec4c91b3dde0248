"""Moderation workspace: reason templates, staff notes, official warnings."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models.members import User


class ReasonKind(models.TextChoices):
    RETURN = "return", _("Returning a case")
    SUSPEND = "suspend", _("Suspending a member")
    WARN = "warn", _("Warning a member")
    REPORT = "report", _("Closing a report")


class ReasonTemplate(models.Model):
    """A reason moderators pick instead of typing it again; they edit the list in admin. The
    chosen text is copied into the action (the audit log keeps what was said, not a link)."""

    kind = models.CharField(_("used when"), max_length=10, choices=ReasonKind.choices)
    title = models.CharField(_("short name"), max_length=80)
    text = models.TextField(_("text the member reads"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["kind", "position", "title"]
        verbose_name = _("reason template")
        verbose_name_plural = _("reason templates")

    def __str__(self) -> str:
        return self.title


class StaffNote(models.Model):
    """A note about a member that only staff read (never shown to the member)."""

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_notes")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")

    def __str__(self) -> str:
        return self.text[:60]


class MemberWarningQuerySet(models.QuerySet):
    def unread(self) -> MemberWarningQuerySet:
        return self.filter(acknowledged_at=None)


class MemberWarning(models.Model):
    """An official warning: shown to the member on every page until they acknowledge it."""

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="warnings")
    issued_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason shown to the member"))
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("read by the member"), null=True, blank=True)

    objects = MemberWarningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("official warning")
        verbose_name_plural = _("official warnings")
        indexes = [
            models.Index(
                fields=["member"],
                condition=models.Q(acknowledged_at=None),
                name="accounts_unread_warnings",
            )
        ]

    def __str__(self) -> str:
        return self.reason[:60]
