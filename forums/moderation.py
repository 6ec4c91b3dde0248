"""Moderator actions on threads and posts. Each writes the audit log in its transaction.

The site's buttons call these today; the admin pages (moderation issue) will call the same.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_moderator
from forums.models import Post, Thread
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
