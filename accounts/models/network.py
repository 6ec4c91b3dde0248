"""Members following members: who follows whom, and how each follower wants to hear."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models.members import User


class FollowLevel(models.TextChoices):
    """What a follower hears of a followed member's new threads and cases (the Following tab
    and the digest show them at every level)."""

    NONE = "none", _("Only in the Following tab and digests")
    IN_APP = "in_app", _("Notify me on the site")
    EMAIL = "email", _("Notify me on the site and by email")


class MemberFollow(models.Model):
    """Written only by ``accounts.network`` (follow, unfollow, level), which also keeps
    ``Profile.followers_count``."""

    follower = models.ForeignKey(User, on_delete=models.CASCADE, related_name="following")
    followed = models.ForeignKey(User, on_delete=models.CASCADE, related_name="followers")
    level = models.CharField(
        _("notifications"), max_length=6, choices=FollowLevel.choices, default=FollowLevel.IN_APP
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member follow")
        verbose_name_plural = _("member follows")
        constraints = [
            models.UniqueConstraint("follower", "followed", name="accounts_memberfollow_unique"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followed")),
                name="accounts_memberfollow_not_self",
            ),
        ]
        # The followed member's list of followers, newest first; the follower's side is the
        # unique constraint's index.
        indexes = [
            models.Index(fields=["followed", "-created_at"], name="accounts_memberfollow_back")
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followed_id}"


class MemberBlock(models.Model):
    """``blocker`` hears nothing from ``blocked``: no private consults and no notifications of
    their mentions, quotes or replies. Written only by ``accounts.blocking``; the blocked
    member is never told."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member block")
        verbose_name_plural = _("member blocks")
        constraints = [
            models.UniqueConstraint("blocker", "blocked", name="accounts_memberblock_unique"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")),
                name="accounts_memberblock_not_self",
            ),
        ]
        # "Who blocked the author of this post?" (notifications) reads by the blocked side.
        indexes = [models.Index(fields=["blocked", "blocker"], name="accounts_memberblock_back")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
