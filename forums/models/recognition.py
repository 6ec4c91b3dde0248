"""Recognition: the badges a member earned (``forums.recognition`` grants them).

A badge is earned once: one row per member and badge, kept unique by the database, so a
service that runs twice (a retried task, two replies at once) grants it once. The badges
themselves are described in code (``forums.recognition.badges``): a row names one by its code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Award(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards"
    )
    badge = models.CharField(_("badge"), max_length=32)
    earned_at = models.DateTimeField(_("earned"), default=timezone.now)

    class Meta:
        verbose_name = _("badge earned")
        verbose_name_plural = _("badges earned")
        constraints = [
            models.UniqueConstraint("user", "badge", name="forums_award_once"),
        ]

    def __str__(self) -> str:
        return f"{self.badge} for {self.user_id}"
