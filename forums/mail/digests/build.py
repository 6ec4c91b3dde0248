"""What each member's digest holds: built for a batch of members at once, never per member.

One set of queries reads what the whole batch follows and what is new in it, and each member's
digest is then picked out in Python through the permission functions
(``forums.permissions.can_read_thread``; the sections plugged in through
``forums.extensions`` own their checks). So the queries per digest are a constant divided
by the batch size, whatever the number of members. A member with nothing new gets no email.

Sections are ``forums.extensions.DigestSection`` values: forums' own (unanswered threads in the
member's specialties, ``forums/plugins.py``) and the cases section (``cases/plugins.py``).
A provider takes the batch's ``Window`` list and returns ``{user id: [items]}`` for its
template (the cases section counts new cases per specialty, with a link: no case's title leaves
the site); members without items may be left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import chain
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from accounts.models import User
from accounts.permissions import is_moderator, visible_forum_levels
from forums import extensions
from forums.mail.excerpts import excerpt, may_quote
from forums.mail.links import CASE_DISCUSSION, thread_url
from forums.models import (
    CategoryFollow,
    Notification,
    Post,
    TagFollow,
    Thread,
    ThreadState,
    WatchLevel,
)
from forums.permissions import can_read_thread, listed_in_levels

# Members who have not signed in for this long stop getting digests; the last one says so.
INACTIVE_AFTER = timedelta(days=180)
# Items per section: a digest is a pointer to the site, not a copy of it.
SECTION_LIMIT = 10


@dataclass(frozen=True)
class Window:
    """One member's digest covers (since, until]."""

    user: User
    since: datetime
    until: datetime

    def covers(self, moment: datetime) -> bool:
        return self.since < moment <= self.until


@dataclass(frozen=True)
class Item:
    """A line of a digest: a title, an absolute link, a label (the forum, the specialty) and a
    count if any. Plain values, so a batch builds each link once and templates only print."""

    title: str
    url: str
    label: str = ""
    count: int = 0
    excerpt: str = ""


@dataclass
class Digest:
    user: User
    since: datetime
    until: datetime
    new_threads: list[Item] = field(default_factory=list)
    watched: list[Item] = field(default_factory=list)
    unread_count: int = 0
    active: list[Item] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    is_final: bool = False

    @property
    def has_news(self) -> bool:
        """Most active threads alone are not news for this member: they would fill every inbox."""
        return bool(
            self.new_threads
            or self.watched
            or self.unread_count
            or any(section["items"] and section["news"] for section in self.sections)
        )


def last_seen(user: User) -> datetime:
    return user.last_login or user.date_joined


def is_inactive(user: User, *, now: datetime) -> bool:
    return last_seen(user) < now - INACTIVE_AFTER


def thread_item(thread: Thread, count: int = 0, excerpt: str = "") -> Item:
    """A thread's line. A case's discussion is named for what it is, never by its title (the
    case's title), and linked without its slug (the title again): ``links.thread_url``; its
    excerpt is "" (``forums.mail.excerpts`` decides, the callers ask)."""
    return Item(
        title=str(CASE_DISCUSSION) if thread.is_case_discussion else thread.title,
        url=thread_url(thread),
        label=thread.category.name,
        count=count,
        excerpt="" if thread.is_case_discussion else excerpt,
    )


def _pairs(queryset) -> dict[int, set[int]]:
    """``(user id, other id)`` rows as {user id: {other ids}}."""
    found: dict[int, set[int]] = defaultdict(set)
    for user_id, other_id in queryset:
        found[user_id].add(other_id)
    return found


def build_digests(windows: list[Window], *, active_cache: dict | None = None) -> dict[int, Digest]:
    """The digests of a batch of members, by user id, each holding only what that member may
    see in their window; members with nothing new (and not due a final digest) are left out.

    A constant number of queries for the whole batch: follows (2), new threads (2), watched
    threads and their new posts (3), unread notifications (1), each registered section (its
    own, usually 1-2), the most active threads (1 per visibility level, cached in
    ``active_cache`` across batches).
    """
    if not windows:
        return {}
    user_ids = [w.user.pk for w in windows]
    low = min(w.since for w in windows)
    high = max(w.until for w in windows)
    levels = set(chain.from_iterable(visible_forum_levels(w.user) for w in windows))
    # The threads listed at any of the batch's levels; each member's by ``can_read`` below.
    readable = Thread.objects.filter(listed_in_levels(levels))

    # Forums and tags the batch follows, and the new threads in them.
    forums = _pairs(
        CategoryFollow.objects.filter(user_id__in=user_ids).values_list("user_id", "category_id")
    )
    tags = _pairs(TagFollow.objects.filter(user_id__in=user_ids).values_list("user_id", "tag_id"))
    all_forums = set(chain.from_iterable(forums.values()))
    all_tags = set(chain.from_iterable(tags.values()))
    threads: dict[int, Thread] = {}
    thread_tags: dict[int, set[int]] = defaultdict(set)
    if all_forums or all_tags:
        tagged_item = Thread.tags.through
        thread_type = ContentType.objects.get_for_model(Thread)
        tagged = tagged_item.objects.filter(content_type=thread_type, tag_id__in=all_tags)
        threads = {
            thread.pk: thread
            # New cases are the cases section's, by specialty: their discussions open with them.
            for thread in readable.filter(created_at__gt=low, created_at__lte=high)
            .filter(is_case_discussion=False)
            .filter(Q(category_id__in=all_forums) | Q(pk__in=tagged.values("object_id")))
            .select_related("category")
            .order_by("-created_at")
        }
        if all_tags and threads:
            for thread_id, tag_id in tagged.filter(object_id__in=list(threads)).values_list(
                "object_id", "tag_id"
            ):
                thread_tags[thread_id].add(tag_id)
    new_threads = list(threads.values())  # newest first
    # Their opening posts, for excerpts where emails may quote them.
    openings: dict[int, Post] = {}
    quotable = [thread.pk for thread in new_threads if may_quote(thread)]
    if quotable:
        openings = {
            post.thread_id: post
            for post in Post.objects.filter(thread_id__in=quotable, number=1).only(
                "thread_id", "html", "is_hidden", "is_deleted"
            )
        }

    # Replies in watched threads: (thread, author, moment) of every new post, counted per member.
    watching = _pairs(
        ThreadState.objects.filter(user_id__in=user_ids, level=WatchLevel.WATCHING).values_list(
            "user_id", "thread_id"
        )
    )
    posts_by_thread: dict[int, list[tuple[int | None, datetime]]] = defaultdict(list)
    watched_ids = set(chain.from_iterable(watching.values()))
    if watched_ids:
        for thread_id, author_id, created in (
            Post.objects.filter(
                thread_id__in=watched_ids,
                created_at__gt=low,
                created_at__lte=high,
                is_hidden=False,
                is_deleted=False,
            )
            .order_by()
            .values_list("thread_id", "author_id", "created_at")
        ):
            posts_by_thread[thread_id].append((author_id, created))

    # Unread notifications, counted per member and thread in SQL (the digest links to the
    # inbox). Members of a batch mostly share their ``since`` (the last run's moment), so one
    # condition per distinct ``since`` keeps each member's own window.
    by_since: dict[datetime, list[int]] = defaultdict(list)
    for window in windows:
        by_since[window.since].append(window.user.pk)
    in_window = Q()
    for since, members in by_since.items():
        in_window |= Q(recipient_id__in=members, updated_at__gt=since)
    unread = list(
        Notification.objects.filter(in_window, is_read=False)
        .order_by()
        .values_list("recipient_id", "thread_id")
        .annotate(count=Count("pk"))
    )
    wanted = (set(posts_by_thread) | {thread_id for _r, thread_id, _n in unread}) - set(threads)
    if wanted:
        threads.update(readable.filter(pk__in=wanted).select_related("category").in_bulk())
    unread_by_user: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for recipient_id, thread_id, count in unread:
        unread_by_user[recipient_id].append((thread_id, count))

    sections = [
        (section.name, section.template, section.news, section.provide(windows) or {})
        for section in extensions.digest_sections()
    ]

    items: dict[int, Item] = {}  # each thread's line, built once for the batch

    def item(thread: Thread) -> Item:
        if thread.pk not in items:
            found = excerpt(openings.get(thread.pk), thread=thread) if thread.pk in openings else ""
            items[thread.pk] = thread_item(thread, excerpt=found)
        return items[thread.pk]

    readable_by = _ReadCache()
    digests: dict[int, Digest] = {}
    for window in windows:
        user = window.user
        uid = user.pk
        can_read = readable_by.reader(user)
        my_forums, my_tags = forums.get(uid, set()), tags.get(uid, set())
        mine = []
        for thread in new_threads:  # newest first: stop at the section's limit
            if (
                window.covers(thread.created_at)
                and thread.author_id != uid
                and (thread.category_id in my_forums or thread_tags.get(thread.pk, set()) & my_tags)
                and can_read(thread)
            ):
                mine.append(thread)
                if len(mine) == SECTION_LIMIT:
                    break
        new_ids = {thread.pk for thread in mine}
        watched = []
        for thread_id in watching.get(uid, ()):
            found = threads.get(thread_id)
            if found is None or thread_id in new_ids or not can_read(found):
                continue
            count = sum(
                1
                for author_id, created in posts_by_thread.get(thread_id, ())
                if author_id != uid and window.covers(created)
            )
            if count:
                watched.append((found, count))
        watched.sort(key=lambda pair: pair[0].last_posted_at, reverse=True)
        unread_count = sum(
            count
            for thread_id, count in unread_by_user.get(uid, ())
            if thread_id in threads and can_read(threads[thread_id])
        )
        digest = Digest(
            user=user,
            since=window.since,
            until=window.until,
            # Grouped by forum in the email: by forum name, newest first within each.
            new_threads=sorted((item(thread) for thread in mine), key=lambda line: line.label),
            watched=[
                replace(item(thread), count=count) for thread, count in watched[:SECTION_LIMIT]
            ],
            unread_count=unread_count,
            sections=[
                {"name": name, "template": template, "items": found[uid], "news": news}
                for name, template, news, found in sections
                if found.get(uid)
            ],
            is_final=is_inactive(user, now=window.until),
        )
        if not digest.has_news and not digest.is_final:
            continue
        digest.active = _most_active(
            user, since=window.since, until=window.until, cache=active_cache
        )
        digests[uid] = digest
    return digests


class _ReadCache:
    """``can_read_thread`` answers, shared by the members of a batch who read alike.

    ``forums.permissions.can_read_thread`` depends on the member only through the forum levels
    they may read and whether they moderate (and authorship, for threads hidden with their case,
    which ``readable`` leaves out); members with the same pair get the same answer, so
    it is asked once per pair and thread instead of once per member and thread.
    """

    def __init__(self) -> None:
        self._answers: dict[tuple, bool] = {}

    def reader(self, user: User) -> Callable[[Thread], bool]:
        key = (tuple(visible_forum_levels(user)), is_moderator(user))

        def can_read(thread: Thread) -> bool:
            found = self._answers.get((key, thread.pk))
            if found is None:
                found = self._answers[key, thread.pk] = can_read_thread(user, thread)
            return found

        return can_read


def _most_active(user: User, *, since: datetime, until: datetime, cache: dict | None) -> list:
    key = tuple(visible_forum_levels(user))
    if cache is not None and key in cache:
        return cache[key]
    active = [
        thread_item(thread)
        # Not case discussions: shared by the whole batch, and nameless they say nothing.
        for thread in Thread.objects.visible_to(user)
        .filter(is_case_discussion=False)
        .annotate(
            recent=Count(
                "posts",
                filter=Q(
                    posts__created_at__gt=since,
                    posts__created_at__lte=until,
                    posts__is_hidden=False,
                    posts__is_deleted=False,
                ),
            )
        )
        .filter(recent__gt=0, last_posted_at__gt=since)
        .select_related("category")
        .order_by("-recent", "-last_posted_at")[:5]
    ]
    if cache is not None:
        cache[key] = active
    return active
