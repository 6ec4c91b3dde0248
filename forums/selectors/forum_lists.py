"""Lists of threads shared by forum level: the home page's, a forum's and a tag's pages (walked by
cursor, never by OFFSET), the forum index, and a member's recent activity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from django.db.models import BooleanField, F, FilteredRelation, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from taggit.models import Tag

from forums.models import (
    Category,
    Post,
    Thread,
)
from forums.selectors.common import AUTHOR_DEFERRED, THREADS_PER_PAGE, prefetch_tags
from forums.selectors.own_state import add_viewer_state
from forums.sharing.cache import shared_by_level

ACTIVE_DAYS = 7


ACTIVE_CANDIDATES = 500


def with_viewer_state(qs: QuerySet[Thread], user) -> QuerySet[Thread]:
    """Annotate ``viewer_last_read`` and ``viewer_level`` (None: never opened, or anonymous).

    One outer join on the (user, thread) unique index: two correlated subqueries cost the ORM
    about twice the time to build, on every list and thread page a member opens.
    """
    if not user.is_authenticated:
        return qs
    return qs.annotate(
        viewer_state=FilteredRelation("states", condition=Q(states__user=user.pk))
    ).annotate(  # type: ignore[no-redef]  # the model declares these, for add_viewer_state
        viewer_last_read=F("viewer_state__last_read_number"),
        viewer_level=F("viewer_state__level"),
    )


def _thread_list(qs: QuerySet[Thread], user=None) -> QuerySet[Thread]:
    """A list's threads with what a row shows: the forum and the last poster's name (lists are
    shared from the cache, so no account fields of the poster's come along)."""
    qs = qs.select_related("category", "last_poster").defer(
        *(f"last_poster__{name}" for name in AUTHOR_DEFERRED)
    )
    return with_viewer_state(qs, user) if user is not None else qs


def home_threads(
    *, user, latest: int, active: int, viewer_state: bool = True
) -> tuple[list[Thread], list[Thread]]:
    """The home page's latest and most active threads, with the viewer's read state (with
    ``viewer_state`` False, nobody's).

    The lists are the same for every reader of the same forum levels, so they are shared from
    the cache (``forums.sharing.cache.shared_by_level``: retired by any content change) and only the
    member's own read state is read per request, in one query.
    """
    from accounts.permissions import visible_forum_levels

    def compute() -> tuple[list[Thread], list[Thread]]:
        return (
            latest_threads(user=user, limit=latest),
            active_threads(user=user, limit=active),
        )

    newest, busiest = shared_by_level(
        f"home-threads:{latest}:{active}", visible_forum_levels(user), compute
    )
    add_viewer_state([*newest, *busiest], user if viewer_state else None)
    return newest, busiest


def latest_threads(*, user, limit: int = 20) -> list[Thread]:
    """Without the viewer's state: ``home_threads`` shares them and adds it."""
    return prefetch_tags(
        list(_thread_list(Thread.objects.visible_to(user)).order_by("-last_posted_at")[:limit])
    )


def active_threads(*, user, limit: int = 10, days: int = ACTIVE_DAYS) -> list[Thread]:
    """The most replied-to threads among the recently active ones of the last ``days``.

    Ranked among the ``ACTIVE_CANDIDATES`` most recently active threads, read off the
    ``last_posted_at`` index, so the home page costs the same on a forum with ten thousand
    active threads a week as on a small one: ranking all 8,000 active threads of the 1M-post
    corpus in SQL took 30-70 ms; reading 500 and ranking them here takes about 2 ms. Only ids
    and counts are read: the rows come newest first, so the position breaks ties (decoding
    500 timestamps cost ~8 ms a page).
    """
    since = timezone.now() - timedelta(days=days)
    recent = (
        Thread.objects.visible_to(user)
        .filter(last_posted_at__gte=since, post_count__gt=1)
        .order_by("-last_posted_at")
        .values_list("pk", "post_count")[:ACTIVE_CANDIDATES]
    )
    ranked = sorted(enumerate(recent), key=lambda row: (-row[1][1], row[0]))
    top = [pk for _position, (pk, _count) in ranked[:limit]]
    if not top:
        return []
    by_pk = {thread.pk: thread for thread in _thread_list(Thread.objects.filter(pk__in=top))}
    return prefetch_tags([by_pk[pk] for pk in top if pk in by_pk])


def forum_index(*, user) -> list[Category]:
    """Top-level forums the user may read, each with its visible sub-forums."""
    visible = Category.objects.visible_to(user)
    return list(
        visible.filter(parent=None)
        .select_related("last_thread", "last_thread__last_poster")
        .prefetch_related(Prefetch("children", queryset=visible, to_attr="visible_children"))
    )


def forum_page(
    *,
    slug: str,
    user,
    before: Cursor | None = None,
    viewer_state: bool = True,
    profession: str = "",
) -> tuple[Category, list[Thread], Cursor | None]:
    """A forum's page: the forum with its sub-forums, a page of its threads (the first, or the
    one after ``before``), the cursor of the next, and the viewer's own state
    (``viewer_follows`` on the forum, read state on the threads; with ``viewer_state`` False,
    nobody's); raises Category.DoesNotExist.

    The forum and its threads are the same for every reader of the same forum levels, so they
    are shared from the cache like the home page's lists (``forums.sharing.cache.shared_by_level``);
    only the member's follow and read state are read per request, in one small query.
    ``profession`` keeps the threads a member of that profession took part in.
    """
    from accounts.permissions import visible_forum_levels

    def compute() -> tuple[Category, list[Thread], Cursor | None]:
        forum = category_for_page(slug=slug, user=user)
        threads, after = category_threads(
            category=forum, user=user, before=before, profession=profession
        )
        return forum, threads, after

    forum, threads, after = shared_by_level(
        f"forum-page:{slug}:{before.encode() if before else ''}:{profession}",
        visible_forum_levels(user),
        compute,
    )
    forum.viewer_follows = add_viewer_state(threads, user if viewer_state else None, follows=forum)
    return forum, threads, after


def category_for_page(*, slug: str, user) -> Category:
    """The forum with its visible sub-forums (``visible_children``); raises DoesNotExist.
    Without the viewer's state: ``forum_page`` shares it and adds ``viewer_follows``."""
    visible = Category.objects.visible_to(user)
    qs = visible.select_related("parent").prefetch_related(
        Prefetch(
            "children",
            queryset=visible.select_related("last_thread"),
            to_attr="visible_children",
        )
    )
    return qs.get(slug=slug)


_CURSOR = re.compile(r"(\d{1,18})\.(\d{1,18})", re.ASCII)


_LAST_MICROSECOND = 253_402_300_799_999_999  # 9999-12-31 23:59:59.999999, the last datetime


@dataclass(frozen=True)
class Cursor:
    """Where a forum's next page of threads starts: after the thread last active at
    ``last_posted_at`` (microseconds since the epoch, exact) with id ``pk``. A page is found
    by walking the listing index from that key, never by an OFFSET, so the thousandth page of
    a forum costs what its second does. ``TOP`` starts at the newest unpinned thread."""

    last_posted_at: int
    pk: int
    TOP: ClassVar[Cursor]

    def encode(self) -> str:
        return f"{self.last_posted_at}.{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        """The cursor in ``raw`` (a ``?before=`` value), or None for anything else."""
        found = _CURSOR.fullmatch(raw or "")
        if found is None or int(found[1]) > _LAST_MICROSECOND:
            return None
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def after(cls, thread: Thread) -> Cursor:
        delta = thread.last_posted_at - datetime.fromtimestamp(0, tz=UTC)
        return cls(delta // timedelta(microseconds=1), thread.pk)

    @property
    def moment(self) -> datetime:
        return datetime.fromtimestamp(0, tz=UTC) + timedelta(microseconds=self.last_posted_at)


def _after(threads: QuerySet[Thread], cursor: Cursor) -> QuerySet[Thread]:
    """The threads after ``cursor`` in (last activity, id) order, newest first: a row
    comparison, which PostgreSQL reads as a bound on an index of the activity time."""
    table = Thread._meta.db_table
    return threads.alias(
        after_cursor=RawSQL(  # noqa: S611 - the table name from the model, values as parameters
            f'("{table}"."last_posted_at", "{table}"."id") < (%s, %s)',
            (cursor.moment, cursor.pk),
            output_field=BooleanField(),
        )
    ).filter(after_cursor=True)


# Before every thread: the cursor that starts at the newest unpinned one.
Cursor.TOP = Cursor(_LAST_MICROSECOND, 0)


def by_profession(threads: QuerySet[Thread], profession: str) -> QuerySet[Thread]:
    """The threads a member of ``profession`` took part in (``Thread.participant_professions``,
    kept by the posting services; GIN-indexed)."""
    return threads.filter(participant_professions__contains=[profession])


def category_threads(
    *, category: Category, user, before: Cursor | None = None, profession: str = ""
) -> tuple[list[Thread], Cursor | None]:
    """A page of a forum's threads and the cursor of the next (None on the last). The first
    page lists pinned threads first (up to a page of them), then by last activity; later pages
    hold the unpinned threads after ``before``. Without the viewer's state: ``forum_page``
    shares them and adds it."""
    visible = _thread_list(Thread.objects.visible_to(user).filter(category=category))
    if profession:
        visible = by_profession(visible, profession)
    if before is None:
        rows = visible.order_by("-is_pinned", "-last_posted_at", "-pk")
    else:
        rows = _after(visible.filter(is_pinned=False), before).order_by("-last_posted_at", "-pk")
    threads = list(rows[: THREADS_PER_PAGE + 1])
    more, threads = len(threads) > THREADS_PER_PAGE, threads[:THREADS_PER_PAGE]
    for thread in threads:
        thread.category = category  # one forum object, not thirty copies, in the shared cache
    after = None
    if more:
        last = threads[-1]
        # A first page of nothing but pinned threads goes on with the newest unpinned one.
        after = Cursor.TOP if last.is_pinned else Cursor.after(last)
    return prefetch_tags(threads), after


def tag_page(
    *, slug: str, user, before: Cursor | None = None, viewer_state: bool = True
) -> tuple[Tag, list[Thread], Cursor | None]:
    """A tag's page: the tag, a page of the threads with it that the viewer may read, by last
    activity (the first page, or the one after ``before``), the cursor of the next (None on the
    last), and the viewer's own state (``viewer_follows`` on the tag, read state on the
    threads; with ``viewer_state`` False, nobody's); raises Tag.DoesNotExist. No COUNT, no
    OFFSET. Shared by forum levels like ``forum_page``."""
    from accounts.permissions import visible_forum_levels

    def compute() -> tuple[Tag, list[Thread], Cursor | None] | None:
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            return None
        rows = _thread_list(Thread.objects.visible_to(user).filter(tags=tag))
        if before is not None:
            rows = _after(rows, before)
        threads = list(rows.order_by("-last_posted_at", "-pk")[: THREADS_PER_PAGE + 1])
        more, threads = len(threads) > THREADS_PER_PAGE, threads[:THREADS_PER_PAGE]
        return tag, prefetch_tags(threads), Cursor.after(threads[-1]) if more else None

    found = shared_by_level(
        f"tag-page:{slug}:{before.encode() if before else ''}", visible_forum_levels(user), compute
    )
    if found is None:
        raise Tag.DoesNotExist
    tag, threads, after = found
    tag.viewer_follows = add_viewer_state(threads, user if viewer_state else None, follows_tag=tag)
    return tag, threads, after


PROFILE_ITEMS = 10


def member_activity(*, member, viewer) -> dict:
    """A member's recent threads and posts, limited to what the viewer may read (2 queries)."""
    visible = Thread.objects.visible_to(viewer)
    threads = list(
        visible.filter(author=member)
        .select_related("category")
        .order_by("-created_at")[:PROFILE_ITEMS]
    )
    posts = list(
        Post.objects.filter(
            author=member, thread__in=visible, number__gt=1, is_hidden=False, is_deleted=False
        )
        .select_related("thread")
        .only("number", "html", "created_at", "thread__id", "thread__slug", "thread__title")
        .order_by("-created_at")[:PROFILE_ITEMS]
    )
    return {"threads": threads, "posts": posts}
