"""Topic forums, threads and posts.

A post stores its Markdown source beside the HTML rendered from it when it
was saved (``forums.rendering``); pages only ever show the stored HTML.
Posts are numbered from 1 within their thread and keep that number for
good, so ``/t/<id>-<slug>/<n>`` links stay valid.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members")
    VERIFIED = "verified", _("Verified professionals")


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user) -> CategoryQuerySet:
        from accounts.permissions import visible_forum_levels

        return self.filter(visibility__in=visible_forum_levels(user))


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent forum"),
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_thread = models.ForeignKey(
        "Thread",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        """Saving a new visibility re-indexes the forum's posts: their search vectors carry it
        (``forums.search``), so search applies the new rule at once."""
        before = (
            Category.objects.filter(pk=self.pk).values_list("visibility", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if before is not None and before != self.visibility:
            from forums.search import index_posts

            index_posts(thread_ids=self.threads.values_list("pk", flat=True))

    def get_absolute_url(self) -> str:
        return reverse("forums:category", kwargs={"slug": self.slug})


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user) -> ThreadQuerySet:
        """The threads listed to ``user`` (``forums.permissions.thread_visibility_filter``)."""
        from forums.permissions import thread_visibility_filter

        return self.filter(thread_visibility_filter(user))

    def readable_by(self, user) -> ThreadQuerySet:
        """The threads ``user`` may open by id (``forums.permissions.thread_reading_filter``):
        moderators open hidden ones, a case's author its discussion while the case is hidden."""
        from forums.permissions import thread_reading_filter

        return self.filter(thread_reading_filter(user))


class Thread(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="threads"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_posted_at = models.DateTimeField(default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post_count = models.PositiveIntegerField(default=0, editable=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # Written only by the cases app (``cases.moderation``). A case's discussion: its title is
    # the case's title and its posts discuss the case, so neither leaves the site by email or
    # feed. Hidden by its case (a patient-privacy flag, until a moderator's review): only its
    # author (the case's author) and moderators may open it (``forums.permissions``).
    is_case_discussion = models.BooleanField(_("case discussion"), default=False, editable=False)
    hidden_by_case = models.BooleanField(_("hidden with its case"), default=False, editable=False)
    accepted_post = models.ForeignKey(
        "Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted answer"),
    )
    tags = TaggableManager(blank=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                fields=["category", "-is_pinned", "-last_posted_at"], name="forums_thread_listing"
            ),
            models.Index(fields=["-last_posted_at"], name="forums_thread_latest"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)

    @property
    def unread_count(self) -> int | None:
        """Posts after the viewer's last read one; None when never opened or not annotated.

        Needs ``viewer_last_read`` from ``forums.selectors`` (annotated per viewer).
        """
        last_read = getattr(self, "viewer_last_read", None)
        return None if last_read is None else max(self.post_count - last_read, 0)


class PostQuerySet(models.QuerySet):
    def visible_to(self, user) -> PostQuerySet:
        """Posts shown to ``user``: the thread's rules (``Thread.visible_to``) as joins, which
        lets PostgreSQL walk from a few matching posts to their threads instead of hashing
        every visible thread first (search of a rare word: ~100 ms down to a few)."""
        from forums.permissions import thread_visibility_filter

        return self.filter(
            thread_visibility_filter(user, prefix="thread__"), is_hidden=False, is_deleted=False
        )


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField(_("number in thread"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts"
    )
    source = models.TextField(_("text"))
    html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0, editable=False)
    helpful_count = models.PositiveIntegerField(default=0, editable=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    # Issue 8 (search): written only by ``forums.search.index_posts``; NULL while the post or
    # its thread is hidden or deleted, so the GIN index never holds text nobody may find.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["number"]
        indexes = [GinIndex(fields=["search_vector"], name="forums_post_search")]
        constraints = [
            models.UniqueConstraint("thread", "number", name="forums_post_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="forums_post_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "forums:post",
            kwargs={"pk": self.thread_id, "slug": self.thread.slug, "number": self.number},
        )


# --- Issue 4: revisions, reactions, bookmarks, drafts, following, read state, notifications ---


class PostRevision(models.Model):
    """The text a post had before one edit. Written only by ``forums.editing.edit_post``."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField()
    html = models.TextField()
    written_at = models.DateTimeField(help_text="When this version was written.")
    replaced_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post} @ {self.replaced_at:%Y-%m-%d %H:%M}"


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


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Reply")
    MENTION = "mention", _("Mention")
    QUOTE = "quote", _("Quote")
    REACTION = "reaction", _("Reaction")
    ACCEPTED = "accepted", _("Accepted answer")
    NEW_THREAD = "new_thread", _("New thread")
    # To a reporter, when moderators decide their report (forums.reports).
    REPORT_RESOLVED = "report_resolved", _("Report acted on")
    REPORT_DISMISSED = "report_dismissed", _("Report reviewed")


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
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
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


# --- Reports (moderation issue) ---------------------------------------------------------------


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSIVE = "abusive", _("Abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    PRIVACY = "privacy", _("Patient privacy")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class ReportQuerySet(models.QuerySet):
    def open(self) -> ReportQuerySet:
        return self.filter(status=ReportStatus.OPEN)


class Report(models.Model):
    """A member's report of a post, thread or case (generic, so cases need no second model).

    Written only through ``forums.reports``; patient-privacy reports hide the content at once.
    """

    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("reported content"), max_length=200, blank=True)
    # The author of the reported content, copied so the queue filters by member without joins.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_against",
        verbose_name=_("member reported"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports_made",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    text = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]  # oldest first: nothing waits unseen
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(status="open"),
                name="forums_report_open_queue",
            ),
            models.Index(fields=["target_type", "target_id"], name="forums_report_target"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(text=""),
                name="forums_report_other_has_text",
            ),
            # One open report per member and item: repeats add nothing for the moderators
            # and would let one member flood the queue. Once decided, it may be reported again
            # (the content may have changed since).
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=Q(status="open"),
                name="forums_report_one_open_per_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.target_repr}"


# --- Issue 7: digests. The delivery ledger makes sending idempotent (forums.digests) ---------


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


class NotificationEmail(models.Model):
    """The immediate email for one notification: claimed before sending, so a retried task never
    emails twice (forums.emails)."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    status = models.CharField(max_length=8, choices=DigestStatus.choices)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"email for notification {self.notification_id}: {self.status}"
