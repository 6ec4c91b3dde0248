"""Forums, threads, posts and their revisions: what members write and where."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
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

    # Set per viewer by forums.selectors.forum_lists.forum_page, never stored.
    viewer_follows: bool

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

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
    # Who took part, kept by ``forums.posting.activity``: distinct authors of its visible
    # posts, their professions and specialties (ids) from their profiles, sorted. A new post
    # adds its author once (one UPDATE, whatever the thread's length); moderation counts
    # again. The thread page shows them; lists filter by profession through the GIN index.
    participant_count = models.PositiveIntegerField(default=0, editable=False)
    participant_professions = ArrayField(
        models.CharField(max_length=12), default=list, blank=True, editable=False
    )
    participant_specialties = ArrayField(
        models.IntegerField(), default=list, blank=True, editable=False
    )

    objects = ThreadQuerySet.as_manager()

    # Set per viewer by forums.selectors (annotations or add_viewer_state), never stored.
    viewer_last_read: int | None
    viewer_level: str | None
    viewer_poll_choices: tuple[int, ...]  # their vote in the thread's poll (forums.posting.polls)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                fields=["category", "-is_pinned", "-last_posted_at"], name="forums_thread_listing"
            ),
            models.Index(fields=["-last_posted_at"], name="forums_thread_latest"),
            # The Following tab: the newest threads of the members a reader follows.
            models.Index(fields=["author", "-created_at"], name="forums_thread_by_author"),
            GinIndex(fields=["participant_professions"], name="forums_thread_professions"),
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
    # The thread's forum, copied: a search in one forum walks that forum's posts newest first
    # (``forums_post_forum_newest``) instead of every post on the site. Filled from the thread
    # on save; ``forums.posting.moderation.move_thread`` moves it with the thread.
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the forum's index below opens on it
        editable=False,
        verbose_name=_("forum"),
    )
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
    # Issue 8 (search): written only by ``forums.search.index.index_posts``; NULL while the post or
    # its thread is hidden or deleted, so the GIN index never holds text nobody may find.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    # Set per viewer by forums.selectors.own_state.add_post_viewer_state, never stored.
    viewer_reacted: bool
    viewer_bookmarked: bool

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["number"]
        indexes = [
            GinIndex(fields=["search_vector"], name="forums_post_search"),
            # Whether a post's author already took part in its thread (one index probe per
            # post: forums.posting.activity.note_new_post).
            models.Index(fields=["thread", "author"], name="forums_post_thread_author"),
            # Searching threads only: the newest thread openers, read backwards, each checked
            # against the words (forums.search.query.thread_openers).
            models.Index(fields=["id"], condition=Q(number=1), name="forums_post_openers"),
            # A member's recent replies on their profile, newest first (an index scan that
            # stops at the page, not a sort of every post they wrote).
            models.Index(fields=["author", "-created_at"], name="forums_post_by_author"),
            # Searching one forum: its posts read backwards from the newest, each checked
            # against the words (forums.search.query._search_posts).
            models.Index(fields=["category", "id"], name="forums_post_forum_newest"),
        ]
        constraints = [
            models.UniqueConstraint("thread", "number", name="forums_post_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="forums_post_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"

    def save(self, *args, **kwargs):
        if self.category_id is None and self.thread_id is not None:
            self.category_id = self.thread.category_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "forums:post",
            kwargs={"pk": self.thread_id, "slug": self.thread.slug, "number": self.number},
        )


class PostRevision(models.Model):
    """The text a post had before one edit. Written only by ``forums.posting.edit_post``."""

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
