"""Forum-specific checks, built on the generic roles in ``accounts.permissions``.

Each check reads fields already loaded (thread, category, post, user): no queries. The list
rules are the same rules as ``Q`` objects (``thread_visibility_filter`` and friends), which
``Thread.objects.visible_to`` and ``Post.objects.visible_to`` apply, so views, search, feeds,
digests and email all get one answer.

Hidden threads: a moderator hides a thread (``is_hidden``): only moderators open it. A case's
discussion is hidden with its case (``hidden_by_case``, written by ``cases.moderation`` while a
patient-privacy flag waits for review): only moderators and the case's author, who is the
thread's author (``cases.moderation.approve_case`` opens it in their name), open it, and
nobody but moderators takes part in it. Neither kind is ever listed, not even to those who may
open it: lists are shared by forum level (``forums.sharing.cache``), so they must be the same for
every reader of the same levels.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from accounts.permissions import (
    PUBLIC,
    VERIFIED,
    can_post,
    is_moderator,
    visible_forum_levels,
)


def can_read_category(user, category) -> bool:
    return category.visibility in visible_forum_levels(user)


def thread_visibility_filter(user, *, prefix: str = "") -> Q:
    """The threads listed to ``user`` (lists, search, feeds, digests, profiles): in a forum they
    may read and hidden by nobody. ``prefix``: the path to the thread (``"thread__"``)."""
    return listed_in_levels(visible_forum_levels(user), prefix=prefix)


def listed_in_levels(levels: Iterable[str], *, prefix: str = "") -> Q:
    """The threads listed to readers of any of these forum levels (a digest batch's)."""
    return Q(
        **{
            f"{prefix}category__visibility__in": list(levels),
            f"{prefix}is_hidden": False,
            f"{prefix}hidden_by_case": False,
        }
    )


def thread_reading_filter(user) -> Q:
    """The threads ``user`` may open by id (its page, its posts): ``can_read_thread`` as a
    ``Q``. Not for lists (``thread_visibility_filter``)."""
    levels = Q(category__visibility__in=visible_forum_levels(user))
    if is_moderator(user):
        return levels
    shown = Q(is_hidden=False, hidden_by_case=False)
    if user.is_authenticated:
        shown |= Q(is_hidden=False, hidden_by_case=True, author_id=user.pk)
    return levels & shown


def can_read_thread(user, thread) -> bool:
    if not can_read_category(user, thread.category):
        return False
    if is_moderator(user):
        return True
    if thread.is_hidden:
        return False
    return not thread.hidden_by_case or bool(user.is_authenticated and thread.author_id == user.pk)


def is_listed(thread) -> bool:
    """Whether the thread may appear in what is shared by forum level or leaves the site (a
    shared page, a digest, a feed): hidden by nobody."""
    return not (thread.is_hidden or thread.hidden_by_case)


def notification_visibility_filter(user) -> Q:
    """The notifications ``user`` sees, on the page and in the unread count: their own, but
    none about a thread hidden with its case unless they may still open it. Restoring the case
    brings them back. (A thread a moderator hid keeps its notifications: a report's outcome is
    about a thread the decision hid.)"""
    own = Q(recipient_id=user.pk)
    if is_moderator(user):
        return own
    return own & (
        Q(thread__isnull=True)  # about the member (a badge), no thread to hide
        | Q(thread__hidden_by_case=False)
        | Q(thread__author_id=user.pk)
    )


def _open_for_taking_part(user, thread) -> bool:
    """While a thread is hidden with its case, only moderators write, react or accept in it:
    what happens there waits for the privacy review, like the case itself."""
    return not thread.hidden_by_case or is_moderator(user)


def can_start_thread(user, category) -> bool:
    return can_post(user) and can_read_category(user, category)


def can_reply(user, thread) -> bool:
    if not (can_post(user) and can_read_thread(user, thread)):
        return False
    if not _open_for_taking_part(user, thread):
        return False
    return not thread.is_locked or is_moderator(user)


def _is_author(user, post) -> bool:
    return bool(user.is_authenticated and post.author_id == user.pk)


def can_edit_post(user, post) -> bool:
    """Authors edit their own live posts while the thread is open; moderators edit any."""
    if is_moderator(user):
        return True
    return (
        _is_author(user, post)
        and can_post(user)
        and not post.is_deleted
        and not post.is_hidden
        and not post.thread.is_locked
        and _open_for_taking_part(user, post.thread)
    )


def can_delete_post(user, post) -> bool:
    return can_edit_post(user, post)


def can_view_history(user, post) -> bool:
    return _is_author(user, post) or is_moderator(user)


def can_react(user, post) -> bool:
    return (
        can_post(user)
        and not _is_author(user, post)
        and not post.is_deleted
        and not post.is_hidden
        and _open_for_taking_part(user, post.thread)
    )


def can_accept_answer(user, thread) -> bool:
    """The thread's author or a moderator; the first post cannot answer its own question."""
    if is_moderator(user):
        return True
    return bool(
        user.is_authenticated
        and thread.author_id == user.pk
        and can_post(user)
        and _open_for_taking_part(user, thread)
    )


def can_bookmark(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_post_image(user, image) -> bool:
    """An image in a post is seen by whoever may read the post: its thread's readers while the
    post is live, moderators once it is hidden or deleted. Before any post shows it, only its
    uploader sees it (the composer's preview). ``image.post.thread.category`` should be
    loaded."""
    post = image.post
    if post is None:
        return bool(user.is_authenticated and image.uploader_id == user.pk)
    if not can_read_thread(user, post.thread):
        return False
    return not (post.is_hidden or post.is_deleted) or is_moderator(user)


def is_public_image(image) -> bool:
    """Readable by anyone, signed in or not: may be served with a public Cache-Control."""
    post = image.post
    return bool(
        post is not None
        and not (post.is_hidden or post.is_deleted)
        and post.thread.category.visibility == PUBLIC
        and is_listed(post.thread)
    )


def mention_candidates_filter(*, thread=None, category=None) -> Q:
    """The members (a ``Q`` over ``User``) a writer may mention in ``thread`` or, for a new
    thread, ``category``: active, signed up (email verified), not suspended, and able to read
    where the mention points (a mention notifies; nobody is notified of what they may not
    read, ``forums.notifications``). The same rules as ``can_read_thread``, as columns."""
    now = timezone.now()
    q = Q(is_active=True, email_verified=True) & (
        Q(suspended_until__isnull=True) | Q(suspended_until__lte=now)
    )
    staff = Q(is_staff=True) | Q(is_superuser=True)
    visibility = (thread.category if thread is not None else category).visibility
    if visibility == VERIFIED:
        q &= Q(professional_verified_until__gte=timezone.localdate()) | staff
    if thread is not None and thread.is_hidden:
        q &= staff
    elif thread is not None and thread.hidden_by_case:
        q &= staff | Q(pk=thread.author_id)
    return q


# --- Polls (forums.posting.polls) --------------------------------------------------------


def can_attach_poll(user, thread) -> bool:
    """The thread's author, while they may edit its first post (a new thread, or an edit)."""
    return bool(
        user.is_authenticated
        and thread.author_id == user.pk
        and can_post(user)
        and not thread.is_locked
        and _open_for_taking_part(user, thread)
    )


def can_vote(user, thread) -> bool:
    """Whoever may reply may vote (suspended members and visitors may not); whether the poll
    is still open is the poll's own rule (``forums.posting.polls.vote``)."""
    return can_reply(user, thread)


def can_close_poll(user, thread) -> bool:
    return is_moderator(user) or bool(
        user.is_authenticated
        and thread.author_id == user.pk
        and can_post(user)
        and _open_for_taking_part(user, thread)
    )


def can_remove_poll(user, thread) -> bool:
    """A moderator (written to the audit log), or its author while they may change it."""
    return is_moderator(user) or can_attach_poll(user, thread)
