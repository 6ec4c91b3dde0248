"""What each member gave, month by month: the counts a profile shows (``accounts.activity``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models.members import User


class MemberActivity(models.Model):
    """How many of one ``kind`` of contribution a member made in one month (in one ``area``).

    Written only by ``accounts.activity`` on behalf of the services that make the contribution
    (threads, replies, helpful marks and accepted answers by forums; published cases and
    outcomes by cases, which name their kinds through ``accounts.extensions``), so a profile
    reads a member's few rows in one query instead of counting posts. ``area`` is a specialty
    the contribution belongs to (a case's), empty when it has none. ``count`` is never below
    zero once every move is in: a removal moves the same month and area its addition did.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activity")
    month = models.DateField(_("month"))  # the first day of the month, UTC
    kind = models.CharField(_("kind"), max_length=16)
    area = models.CharField(_("area"), max_length=80, blank=True, default="")
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("member activity")
        verbose_name_plural = _("member activity")
        constraints = [
            # Also the profile's index: one member's rows (user first).
            models.UniqueConstraint(
                "user", "kind", "month", "area", name="accounts_memberactivity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.month:%Y-%m} {self.area}: {self.count}"
