"""Moderator actions on threads and posts. Each writes the audit log in its transaction.

The site's buttons call these today; the admin pages (moderation issue) will call the same.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_moderator
from forums.models import Category, Post, Thread
from forums.search import index_posts


def _require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied


def _set_thread(thread: Thread, *, by: User, field: str, value: bool, action: str, reason: str):
    _require_moderator(by)
    Thread.objects.filter(pk=thread.pk).update(**{field: value})
    if field == "is_hidden":
        # Posts of a hidden thread leave the search index; unhiding puts them back.
        index_posts(thread_ids=[thread.pk])
    setattr(thread, field, value)
    record(actor=by, action=action, target=thread, member=thread.author, reason=reason)
    return thread


@transaction.atomic
def lock_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_locked", value=True, action="thread.lock", reason=reason
    )


@transaction.atomic
def unlock_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_locked", value=False, action="thread.unlock", reason=reason
    )


@transaction.atomic
def pin_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_pinned", value=True, action="thread.pin", reason=reason
    )


@transaction.atomic
def unpin_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_pinned", value=False, action="thread.unpin", reason=reason
    )


@transaction.atomic
def hide_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_hidden", value=True, action="thread.hide", reason=reason
    )


@transaction.atomic
def unhide_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_hidden", value=False, action="thread.unhide", reason=reason
    )


@transaction.atomic
def hide_post(post: Post, *, by: User, reason: str = "") -> Post:
    _require_moderator(by)
    Post.objects.filter(pk=post.pk).update(is_hidden=True)
    index_posts(post_ids=[post.pk])
    Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(accepted_post=None)
    post.is_hidden = True
    record(actor=by, action="post.hide", target=post, member=post.author, reason=reason)
    return post


@transaction.atomic
def unhide_post(post: Post, *, by: User, reason: str = "") -> Post:
    _require_moderator(by)
    Post.objects.filter(pk=post.pk).update(is_hidden=False)
    index_posts(post_ids=[post.pk])
    post.is_hidden = False
    record(actor=by, action="post.unhide", target=post, member=post.author, reason=reason)
    return post


# --- Moderation issue: moving threads, deleting a member's spam -------------------------------


# What the Moderators group needs in forums (migration 0003 grants a frozen copy): view only;
# every change is an admin action calling a service here or in forums.reports.
MODERATOR_PERMISSIONS = [
    "view_category",
    "view_thread",
    "view_post",
    "view_postrevision",
    "view_report",
]


def ensure_moderator_permissions() -> None:
    """Grant forums' moderation permissions to the Moderators group at runtime (idempotent):
    for tests, whose flushed database lost what the migration granted, and for seeding."""
    from accounts.roles import ensure_moderators_group, grant_to_moderators

    ensure_moderators_group()
    grant_to_moderators(app_label="forums", codenames=MODERATOR_PERMISSIONS)
    grant_to_moderators(app_label="accounts", codenames=["view_profile"])


def _last_thread(category_id: int) -> Thread | None:
    return (
        Thread.objects.filter(category_id=category_id, is_hidden=False)
        .order_by("-last_posted_at", "-pk")
        .first()
    )


@transaction.atomic
def move_thread(thread: Thread, *, to: Category, by: User, reason: str = "") -> Thread:
    """Move a thread to another forum, carrying its counts across and fixing both forums'
    "latest thread" so forum lists stay right without a recount."""
    _require_moderator(by)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    source_id = thread.category_id
    if source_id == to.pk:
        raise ValidationError(_("The thread is already in that forum."))
    Thread.objects.filter(pk=thread.pk).update(category=to)
    Category.objects.filter(pk=source_id).update(
        thread_count=F("thread_count") - 1, post_count=F("post_count") - thread.post_count
    )
    Category.objects.filter(pk=to.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + thread.post_count
    )
    for category_id in (source_id, to.pk):
        Category.objects.filter(pk=category_id).update(last_thread=_last_thread(category_id))
    thread.category = to
    record(
        actor=by,
        action="thread.move",
        target=thread,
        member=thread.author,
        reason=reason,
        from_forum=source_id,
        to_forum=to.pk,
    )
    return thread


@transaction.atomic
def hide_member_posts(member: User, *, by: User, reason: str = "") -> int:
    """Delete a member's spam in bulk: hide every visible post and every thread they started.

    Hidden rather than removed so a mistake can be undone; one audit entry for the batch, with
    the counts. Returns the number of posts hidden.
    """
    _require_moderator(by)
    posts = Post.objects.filter(author=member, is_hidden=False, is_deleted=False)
    post_ids = list(posts.values_list("pk", flat=True))
    Post.objects.filter(pk__in=post_ids).update(is_hidden=True)
    Thread.objects.filter(accepted_post_id__in=post_ids).update(accepted_post=None)
    thread_ids = list(
        Thread.objects.filter(author=member, is_hidden=False).values_list("pk", flat=True)
    )
    threads = Thread.objects.filter(pk__in=thread_ids).update(is_hidden=True)
    # Hidden content leaves the search index (its vectors become NULL).
    index_posts(post_ids=post_ids, thread_ids=thread_ids)
    record(
        actor=by,
        action="member.hide_all_posts",
        target=member,
        member=member,
        reason=reason,
        posts=len(post_ids),
        threads=threads,
    )
    return len(post_ids)
