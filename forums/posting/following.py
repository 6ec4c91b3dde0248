"""Following threads, forums and tags, and how far each member has read each thread."""

from __future__ import annotations

from django.db import connection, transaction
from taggit.models import Tag

from accounts.models import User
from config.writes import Writes, write
from forums.models import Category, CategoryFollow, TagFollow, Thread, ThreadState, WatchLevel
from forums.sharing.own_pages import own_pages_changed

_UPSERT_STATE = """
INSERT INTO forums_threadstate (user_id, thread_id, level, last_read_number)
VALUES (%(user)s, %(thread)s, %(level)s, %(number)s)
ON CONFLICT (user_id, thread_id) DO UPDATE
SET last_read_number = EXCLUDED.last_read_number
WHERE forums_threadstate.last_read_number < EXCLUDED.last_read_number
"""


def mark_thread_read(
    thread: Thread,
    *,
    user: User,
    number: int,
    level: str = WatchLevel.NORMAL,
    writes: Writes | None = None,
) -> None:
    """Record that ``user`` has read ``thread`` up to post ``number`` (never moves backwards).

    ``level`` applies only when this creates the member's row for the thread, so an explicit
    choice (muted, normal) is never overridden by reading or posting. One query (or one
    clause of the caller's ``writes``, ``config.writes``); when it moves the position, the
    member's state kept on shared pages is retired (``forums.sharing.own_pages``).
    """
    params: dict[str, int | str | None] = {
        "user": user.pk,
        "thread": thread.pk,
        "level": level,
        "number": number,
    }
    if writes is not None:  # a post of theirs: it moves their position
        write(_UPSERT_STATE, params, writes)
        own_pages_changed([user.pk])
        return
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_STATE, params)
        moved = cursor.rowcount
    if moved:
        own_pages_changed([user.pk])


def watch_after_posting(
    thread: Thread, *, user: User, number: int, writes: Writes | None = None
) -> None:
    """Starting or replying watches the thread by default, and the author has read their post."""
    mark_thread_read(thread, user=user, number=number, level=WatchLevel.WATCHING, writes=writes)


@transaction.atomic
def set_watch_level(thread: Thread, *, user: User, level: str) -> ThreadState:
    if level not in WatchLevel.values:
        raise ValueError(f"Unknown watch level {level!r}")
    state, _created = ThreadState.objects.update_or_create(
        user=user, thread=thread, defaults={"level": level}
    )
    own_pages_changed([user.pk])
    return state


def follow_category(category: Category, *, user: User) -> None:
    CategoryFollow.objects.get_or_create(user=user, category=category)
    own_pages_changed([user.pk])


def unfollow_category(category: Category, *, user: User) -> None:
    CategoryFollow.objects.filter(user=user, category=category).delete()
    own_pages_changed([user.pk])


def follow_tag(tag: Tag, *, user: User) -> None:
    TagFollow.objects.get_or_create(user=user, tag=tag)
    own_pages_changed([user.pk])


def unfollow_tag(tag: Tag, *, user: User) -> None:
    TagFollow.objects.filter(user=user, tag=tag).delete()
    own_pages_changed([user.pk])
