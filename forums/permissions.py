"""Forum-specific checks, built on the generic roles in ``accounts.permissions``.

Each reads fields already loaded (thread, category, post, user): no queries.
"""

from __future__ import annotations

from accounts.permissions import can_post, is_moderator, visible_forum_levels


def can_read_category(user, category) -> bool:
    return category.visibility in visible_forum_levels(user)


def can_read_thread(user, thread) -> bool:
    return can_read_category(user, thread.category) and (not thread.is_hidden or is_moderator(user))


def can_start_thread(user, category) -> bool:
    return can_post(user) and can_read_category(user, category)


def can_reply(user, thread) -> bool:
    if not (can_post(user) and can_read_thread(user, thread)):
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
    )


def can_delete_post(user, post) -> bool:
    return can_edit_post(user, post)


def can_view_history(user, post) -> bool:
    return _is_author(user, post) or is_moderator(user)


def can_react(user, post) -> bool:
    return (
        can_post(user) and not _is_author(user, post) and not post.is_deleted and not post.is_hidden
    )


def can_accept_answer(user, thread) -> bool:
    """The thread's author or a moderator; the first post cannot answer its own question."""
    if is_moderator(user):
        return True
    return bool(user.is_authenticated and thread.author_id == user.pk and can_post(user))


def can_bookmark(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
