"""A member's own relation to what others wrote: reactions, bookmarks, drafts, read positions
and watch levels, follows of forums and tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models.content import Category, Post, Thread


class ReactionKind(models.TextChoices):
    HELPFUL = "helpful", _("Helpful")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=20, choices=ReactionKind.choices, default="helpful")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            # One reaction per member per post, whatever its kind.
            models.UniqueConstraint("post", "user", name="forums_reaction_one_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.post}"


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        constraints = [models.UniqueConstraint("user", "post", name="forums_bookmark_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.post}"


class Draft(models.Model):
    """What a member is writing: one per thread (a reply) or per forum (a new thread).

    Saved before every submit is validated, so a failed submit or expired session loses nothing;
    deleted in the same transaction that publishes the post.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE)
    title = models.CharField(max_length=200, blank=True)
    tags = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(
                "user", "thread", condition=Q(thread__isnull=False), name="forums_draft_reply"
            ),
            models.UniqueConstraint(
                "user",
                "category",
                condition=Q(thread__isnull=True),
                name="forums_draft_new_thread",
            ),
            models.CheckConstraint(
                condition=Q(thread__isnull=False) | Q(category__isnull=False),
                name="forums_draft_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"draft by {self.user}"


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching")
    NORMAL = "normal", _("Normal")
    MUTED = "muted", _("Muted")


class ThreadState(models.Model):
    """One member's relation to one thread: how closely they follow it and how far they read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_states"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="states")
    level = models.CharField(
        _("notifications"), max_length=10, choices=WatchLevel.choices, default=WatchLevel.NORMAL
    )
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint("user", "thread", name="forums_threadstate_unique"),
        ]
        indexes = [models.Index(fields=["thread", "level"], name="forums_threadstate_level")]

    def __str__(self) -> str:
        return f"{self.user} {self.level} {self.thread_id}"


class CategoryFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_forums"
    )
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint("user", "category", name="forums_categoryfollow_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.category_id}"


class TagFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_tags"
    )
    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("user", "tag", name="forums_tagfollow_unique")]

    def __str__(self) -> str:
        return f"{self.user} follows tag {self.tag_id}"
