"""The home page's Following tab: what the members a reader follows published lately.

Threads are read here (``Thread.objects.visible_to``: the reader's forum levels, nothing
hidden); cases and anything else a higher app publishes come from its ``FollowingSource``
(``forums.extensions``), which applies its own permissions. A case's discussion thread is left
to its case. Paged by time ("before"), each source reading at most a page and one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Func, OuterRef
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts.models import MemberFollow, User
from forums import extensions
from forums.extensions import FollowedItem
from forums.models import Thread
from forums.selectors.common import AUTHOR_DEFERRED

FEED_SIZE = 20


@dataclass(frozen=True)
class FollowingPage:
    items: list[FollowedItem]
    next_before: str  # empty on the last page
    follows_anyone: bool


def parse_before(value: str) -> datetime | None:
    """The "before" cursor: an aware ISO time; anything else is the first page."""
    try:
        moment = parse_datetime(value[:40].replace(" ", "+"))
    except (ValueError, OverflowError):  # a date out of range, an offset past a day
        return None
    return moment if moment is not None and not timezone.is_naive(moment) else None


def following_feed(*, user: User, before: datetime | None, size: int = FEED_SIZE) -> FollowingPage:
    """One query for the threads, one per plugged-in source (the followed ids are a subquery
    of each, never read on their own).

    The threads are read a page and one per followed member (their newest, off the
    ``forums_thread_by_author`` index), and the page is the newest of those: reading every
    thread of every followed member to sort them cost 10-17 ms for a member following 30 busy
    colleagues (3,375 threads) at a million posts; this reads at most 30 x 21 ids."""
    authors = MemberFollow.objects.filter(follower=user).values("followed_id")
    theirs = Thread.objects.visible_to(user).filter(
        author_id=OuterRef("followed_id"), is_case_discussion=False
    )
    if before is not None:
        theirs = theirs.filter(created_at__lt=before)
    newest_each = MemberFollow.objects.filter(follower=user).values(
        thread_id=Func(
            ArraySubquery(theirs.order_by("-created_at", "-pk").values("pk")[: size + 1]),
            function="unnest",
        )
    )
    # The page's ids first, then only those rows with their author and forum.
    page_ids = Thread.objects.filter(pk__in=newest_each).order_by("-created_at", "-pk")
    threads = (
        Thread.objects.filter(pk__in=page_ids.values("pk")[: size + 1])
        .select_related("author", "category")
        .defer(*(f"author__{name}" for name in AUTHOR_DEFERRED))
        .order_by("-created_at", "-pk")[: size + 1]
    )
    items = [
        FollowedItem(
            created_at=thread.created_at,
            title=thread.title,
            url=thread.get_absolute_url(),
            author=thread.author,
            kind=_("Thread in %(forum)s") % {"forum": thread.category.name},
        )
        for thread in threads
    ]
    for source in extensions.following_sources():
        items += source(user=user, authors=authors, before=before, limit=size + 1)
    items.sort(key=lambda item: item.created_at, reverse=True)
    page = items[:size]
    more = len(items) > size
    return FollowingPage(
        items=page,
        next_before=page[-1].created_at.isoformat() if more and page else "",
        follows_anyone=bool(page) or before is not None or _follows_anyone(user),
    )


def _follows_anyone(user: User) -> bool:
    return MemberFollow.objects.filter(follower=user).exists()
