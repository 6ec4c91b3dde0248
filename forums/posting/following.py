"""Following threads, forums and tags, and how far each member has read each thread."""

from __future__ import annotations

from django.db import transaction
from taggit.models import Tag

from accounts.models import User
from config.writes import Writes, write
from forums.models import Category, CategoryFollow, TagFollow, Thread, ThreadState, WatchLevel

_UPSERT_STATE = """
INSERT INTO forums_threadstate (user_id, thread_id, level, last_read_number)
VALUES (%(user)s, %(thread)s, %(level)s, %(number)s)
ON CONFLICT (user_id, thread_id) DO UPDATE
SET last_read_number = GREATEST(forums_threadstate.last_read_number, EXCLUDED.last_read_number)
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
    clause of the caller's ``writes``, ``config.writes``).
    """
    params = {"user": user.pk, "thread": thread.pk, "level": level, "number": number}
    write(_UPSERT_STATE, params, writes)


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
    return state


def follow_category(category: Category, *, user: User) -> None:
    CategoryFollow.objects.get_or_create(user=user, category=category)


def unfollow_category(category: Category, *, user: User) -> None:
    CategoryFollow.objects.filter(user=user, category=category).delete()


def follow_tag(tag: Tag, *, user: User) -> None:
    TagFollow.objects.get_or_create(user=user, tag=tag)


def unfollow_tag(tag: Tag, *, user: User) -> None:
    TagFollow.objects.filter(user=user, tag=tag).delete()
