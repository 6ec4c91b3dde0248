"""Reads for the forum pages: one selector per page owns every join and prefetch.

What every reader of the same forum levels sees alike (a page of threads or posts, with their
forums, tags and authors) is shared from the cache (``forums.caching.shared_by_level``); the
viewer's own state (read position, watch level, follows, reactions, bookmarks) is read after
it in one small plain-SQL query, so a signed-in page costs the same number of queries as an
anonymous one plus a constant, whatever its rows or its depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar, NamedTuple, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import (
    BooleanField,
    F,
    FilteredRelation,
    Model,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from forums.caching import shared_by_level
from forums.models import (
    Bookmark,
    Category,
    CategoryFollow,
    Notification,
    Post,
    PostRevision,
    Reaction,
    TagFollow,
    Thread,
    ThreadState,
    WatchLevel,
)

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20
NOTIFICATIONS_PER_PAGE = 30
ACTIVE_DAYS = 7
ACTIVE_CANDIDATES = 500
# An author's account fields that no page shows beside a post (see ``thread_posts``).
AUTHOR_DEFERRED = ("password", "last_login", "email", "suspension_reason", "date_joined")
_Tagged = TypeVar("_Tagged", bound=Model)


def _with_viewer_state(qs: QuerySet[Thread], user) -> QuerySet[Thread]:
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


def prefetch_tags(objects: list[_Tagged]) -> list[_Tagged]:
    """Load the tags of these rows (all of one model) in one query; ``obj.tags.all`` reads them.

    Does what ``prefetch_related("tags")`` does, at a fraction of its cost: taggit's manager
    builds a queryset per row while Django prefetches, which cost a 30-thread list page more
    than its own template (measured with cProfile on the 1M-post corpus). The result goes where
    Django's prefetching puts it, so every reader of ``obj.tags.all()`` gets it for free.
    """
    if not objects:
        return objects
    content_type = ContentType.objects.get_for_model(objects[0])
    by_object: dict[int, list[Tag]] = {obj.pk: [] for obj in objects}
    items = (
        TaggedItem.objects.filter(content_type_id=content_type.pk, object_id__in=list(by_object))
        .select_related("tag")
        .order_by("pk")
    )
    tags: dict[int, Tag] = {}  # one object per tag: lists are pickled into the shared cache
    for item in items:
        by_object[item.object_id].append(tags.setdefault(item.tag_id, item.tag))
    for obj in objects:
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        cache["tags"] = by_object[obj.pk]
    return objects


def _thread_list(qs: QuerySet[Thread], user=None) -> QuerySet[Thread]:
    """A list's threads with what a row shows: the forum and the last poster's name (lists are
    shared from the cache, so no account fields of the poster's come along)."""
    qs = qs.select_related("category", "last_poster").defer(
        *(f"last_poster__{name}" for name in AUTHOR_DEFERRED)
    )
    return _with_viewer_state(qs, user) if user is not None else qs


def home_threads(*, user, latest: int, active: int) -> tuple[list[Thread], list[Thread]]:
    """The home page's latest and most active threads, with the viewer's read state.

    The lists are the same for every reader of the same forum levels, so they are shared from
    the cache (``forums.caching.shared_by_level``: retired by any content change) and only the
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
    add_viewer_state([*newest, *busiest], user)
    return newest, busiest


def add_viewer_state(threads: list[Thread], user, *, follows: Category | None = None) -> bool:
    """Set ``viewer_last_read`` and ``viewer_level`` on threads loaded without them, as
    ``_with_viewer_state`` annotates them, and answer whether the viewer follows the forum
    ``follows`` (False without one): ``thread_states``. None for ``user``: nobody's state."""
    for thread in threads:
        thread.viewer_last_read = thread.viewer_level = None
    if user is None or not user.is_authenticated or not (threads or follows):
        return False
    states, following = thread_states(
        user, [t.pk for t in threads], follows.pk if follows else None
    )
    for thread in threads:  # the home page may list a thread twice (latest and most active)
        thread.viewer_last_read, thread.viewer_level = states.get(thread.pk, (None, None))
    return following


def thread_states(
    user, thread_pks: list[int], forum_pk: int | None = None
) -> tuple[dict[int, tuple[int, str]], bool]:
    """A member's (read position, watch level) in each of ``thread_pks`` they have opened, and
    whether they follow the forum ``forum_pk``. One query; plain SQL, like
    ``post_viewer_state``: it runs on every list a member opens."""
    states = {}
    following = False
    params = {"user": user.pk, "threads": thread_pks, "forum": forum_pk}
    with _reads(ThreadState).cursor() as cursor:
        cursor.execute(_THREAD_STATES_SQL, params)
        for thread_id, last_read, level in cursor.fetchall():
            if thread_id is None:  # the forum follow's row
                following = True
            else:
                states[thread_id] = (last_read, level)
    return states, following


_THREAD_STATES_SQL = f"""
SELECT thread_id, last_read_number, level FROM {ThreadState._meta.db_table}
 WHERE user_id = %(user)s AND thread_id = ANY(%(threads)s)
UNION ALL
SELECT NULL, NULL, NULL FROM {CategoryFollow._meta.db_table}
 WHERE user_id = %(user)s AND category_id = %(forum)s
"""  # noqa: S608 - table names from the models, values bound as parameters


def _reads(model):
    """The connection Django's router reads ``model`` from (the replica on safe requests, when
    there is one): plain SQL here goes where the ORM's reads go."""
    return connections[router.db_for_read(model)]


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
    *, slug: str, user, before: Cursor | None = None, viewer_state: bool = True
) -> tuple[Category, list[Thread], Cursor | None]:
    """A forum's page: the forum with its sub-forums, a page of its threads (the first, or the
    one after ``before``), the cursor of the next, and the viewer's own state
    (``viewer_follows`` on the forum, read state on the threads; with ``viewer_state`` False,
    nobody's); raises Category.DoesNotExist.

    The forum and its threads are the same for every reader of the same forum levels, so they
    are shared from the cache like the home page's lists (``forums.caching.shared_by_level``);
    only the member's follow and read state are read per request, in one small query.
    """
    from accounts.permissions import visible_forum_levels

    def compute() -> tuple[Category, list[Thread], Cursor | None]:
        forum = category_for_page(slug=slug, user=user)
        threads, after = category_threads(category=forum, user=user, before=before)
        return forum, threads, after

    forum, threads, after = shared_by_level(
        f"forum-page:{slug}:{before.encode() if before else ''}",
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


@dataclass(frozen=True)
class Page:
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1


def page_count(total: int, per_page: int) -> int:
    return max((total + per_page - 1) // per_page, 1)


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


def category_threads(
    *, category: Category, user, before: Cursor | None = None
) -> tuple[list[Thread], Cursor | None]:
    """A page of a forum's threads and the cursor of the next (None on the last). The first
    page lists pinned threads first (up to a page of them), then by last activity; later pages
    hold the unpinned threads after ``before``. Without the viewer's state: ``forum_page``
    shares them and adds it."""
    visible = _thread_list(Thread.objects.visible_to(user).filter(category=category))
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


def tag_threads(
    *, tag: Tag, user, before: Cursor | None = None
) -> tuple[list[Thread], Cursor | None]:
    """Threads with a tag, by last activity: the first page, or the one after ``before``, and
    the cursor of the next (None on the last). No COUNT, no OFFSET."""
    rows = _thread_list(Thread.objects.visible_to(user).filter(tags=tag), user)
    if before is not None:
        rows = _after(rows, before)
    threads = list(rows.order_by("-last_posted_at", "-pk")[: THREADS_PER_PAGE + 1])
    more, threads = len(threads) > THREADS_PER_PAGE, threads[:THREADS_PER_PAGE]
    return prefetch_tags(threads), Cursor.after(threads[-1]) if more else None


def thread_for_page(*, pk: int, user, viewer_state: bool = True) -> Thread:
    """The thread with its forum, its tags and (unless ``viewer_state`` is False) the viewer's
    state."""
    # Moderators also open hidden threads (to unhide them), a case's author its discussion
    # while the case is hidden; forum visibility still applies (``forums.permissions``).
    qs: QuerySet[Thread] = Thread.objects.readable_by(user)
    # Only the forum is joined: each further join cost the planner about half a millisecond on
    # every page view, for an author the page does not show (see ``accepted_post``).
    qs = qs.select_related("category")
    if viewer_state:
        qs = _with_viewer_state(qs, user)
    return prefetch_tags([qs.get(pk=pk)])[0]


def thread_page(
    *, pk: int, page: int, user, viewer_state: bool = True, known: PostViewerState | None = None
) -> tuple[Thread, list[Post], Page, Post | None]:
    """A thread's page: the thread (forum, tags), a page of its posts, the accepted answer, and
    the viewer's own state (with ``viewer_state`` False, nobody's: for a page shared by all
    readers of the viewer's forum levels; ``known``: the state already read for these posts);
    raises Thread.DoesNotExist.

    Everything but the viewer's state is the same for every reader of the same forum levels
    (moderators apart: they also open hidden threads; a case's author opening its discussion
    while the case is hidden gets it unshared), so it is shared from the cache like the
    forum pages (``forums.caching.shared_by_level``: retired by any content change, reactions
    and accepted answers included). The viewer's read position, watch level, reactions and
    bookmarks on the page's posts are read per request, in one query (``add_post_viewer_state``).
    """
    from accounts.permissions import is_moderator, visible_forum_levels
    from forums.permissions import is_listed

    def compute() -> tuple[Thread, list[Post], Page, Post | None]:
        thread = thread_for_page(pk=pk, user=user, viewer_state=False)
        if not (is_listed(thread) or is_moderator(user)):
            # A case's author opening its hidden discussion: what every reader of the same
            # levels shares must not hold it (``forums.permissions``).
            raise _OnlyForThisReader(thread)
        posts, shown = thread_posts(thread=thread, page=page)
        return thread, posts, shown, accepted_post(thread, posts)

    audience = "moderator" if is_moderator(user) else "reader"
    try:
        thread, posts, shown, accepted = shared_by_level(
            f"thread-page:{pk}:{page}:{audience}", visible_forum_levels(user), compute
        )
    except _OnlyForThisReader as only:
        if not viewer_state:  # a page to share (forums.pages.thread): not this one
            raise Thread.DoesNotExist from None
        thread = only.thread
        posts, shown = thread_posts(thread=thread, page=page)
        accepted = accepted_post(thread, posts)
    add_post_viewer_state(thread, posts, user if viewer_state else None, known=known)
    return thread, posts, shown, accepted


class _OnlyForThisReader(Exception):
    """Raised out of a shared computation whose answer belongs to the requesting reader only."""

    def __init__(self, thread: Thread):
        super().__init__(thread.pk)
        self.thread = thread


def add_post_viewer_state(
    thread: Thread, posts: list[Post], user, *, known: PostViewerState | None = None
) -> None:
    """Set the viewer's ``viewer_last_read`` and ``viewer_level`` on the thread and
    ``viewer_reacted`` and ``viewer_bookmarked`` on its posts, all in one query (none for
    visitors, nor for None: nobody's state): ``post_viewer_state``."""
    thread.viewer_last_read = thread.viewer_level = None
    for post in posts:
        post.viewer_reacted = post.viewer_bookmarked = False
    if user is None or not user.is_authenticated:
        return
    pks = [post.pk for post in posts]
    state = known if known is not None and known.post_pks == pks else None
    if state is None:
        state = post_viewer_state(user, thread.pk, pks)
    thread.viewer_last_read, thread.viewer_level = state.last_read, state.level
    for post in posts:
        post.viewer_reacted = post.pk in state.reacted
        post.viewer_bookmarked = post.pk in state.bookmarked


class PostViewerState(NamedTuple):
    post_pks: list[int]  # the posts it was read for
    last_read: int | None
    level: str | None
    reacted: set[int]
    bookmarked: set[int]


def post_viewer_state(user, thread_pk: int, post_pks: list[int]) -> PostViewerState:
    """A member's read position and watch level in a thread, and which of ``post_pks`` they
    reacted to and bookmarked, in one query.

    Plain SQL on purpose: it runs on every thread page a member opens, and building the same
    UNION of three querysets cost the ORM 2 ms against 0.3 ms for the query itself.
    """
    state = PostViewerState(post_pks, None, None, set(), set())
    with _reads(ThreadState).cursor() as cursor:
        cursor.execute(_VIEWER_STATE_SQL, {"user": user.pk, "thread": thread_pk, "posts": post_pks})
        for kind, number, level in cursor.fetchall():
            if kind == "state":
                state = state._replace(last_read=number, level=level)
            elif kind == "reacted":
                state.reacted.add(number)
            else:
                state.bookmarked.add(number)
    return state


_VIEWER_STATE_SQL = f"""
SELECT 'state', last_read_number, level FROM {ThreadState._meta.db_table}
 WHERE user_id = %(user)s AND thread_id = %(thread)s
UNION ALL
SELECT 'reacted', post_id, NULL FROM {Reaction._meta.db_table}
 WHERE user_id = %(user)s AND post_id = ANY(%(posts)s)
UNION ALL
SELECT 'bookmarked', post_id, NULL FROM {Bookmark._meta.db_table}
 WHERE user_id = %(user)s AND post_id = ANY(%(posts)s)
"""  # noqa: S608 - table names from the models, values bound as parameters


def accepted_post(thread: Thread, posts: list[Post]) -> Post | None:
    """The thread's accepted answer with its author: from the page's posts when it is among
    them, else one small query (only for threads that have one)."""
    if thread.accepted_post_id is None:
        return None
    for post in posts:
        if post.pk == thread.accepted_post_id:
            return post
    return (
        Post.objects.select_related("author")
        .defer("source", "html", "search_vector", *(f"author__{n}" for n in AUTHOR_DEFERRED))
        .filter(pk=thread.accepted_post_id)
        .first()
    )


def thread_posts(*, thread: Thread, page: int) -> tuple[list[Post], Page]:
    """A page of posts by number range: stable numbers make this a keyset, not an OFFSET.
    The viewer's reactions and bookmarks are added by ``add_post_viewer_state``."""
    pages = page_count(thread.post_count, POSTS_PER_PAGE)
    page = min(max(page, 1), pages)
    first = (page - 1) * POSTS_PER_PAGE + 1
    # The Markdown source and the search vector (several KB a post) are never shown here, nor
    # the author's account fields (the page is shared from the cache: no password hashes there).
    qs = (
        Post.objects.filter(thread=thread, number__gte=first, number__lt=first + POSTS_PER_PAGE)
        .defer("source", "search_vector")
        .select_related("author")
        .defer(*(f"author__{name}" for name in AUTHOR_DEFERRED))
    )
    # The LIMIT is redundant with the number range but tells the planner how few rows come
    # back: without it, a 50,000-post thread's page was estimated at ~30,000 rows and hash-
    # joined every member (66 ms instead of 0.3 ms).
    posts = list(qs.order_by("number")[:POSTS_PER_PAGE])
    for post in posts:
        post.thread = thread  # permission checks read post.thread; no query per post
    return posts, Page(page, pages)


def page_of_post(number: int) -> int:
    return (number - 1) // POSTS_PER_PAGE + 1


def first_unread_number(thread: Thread, last_read: int | None) -> int:
    """The post to jump to: the first after the last read, else the last post."""
    if last_read is None:
        return 1
    return min(last_read + 1, max(thread.post_count, 1))


def post_history(*, post: Post) -> list[PostRevision]:
    return list(post.revisions.select_related("editor"))


def notifications_page(*, user, page: int) -> tuple[list[Notification], Page]:
    """Newest first; one extra row tells whether there is a next page (no COUNT)."""
    page = max(page, 1)
    start = (page - 1) * NOTIFICATIONS_PER_PAGE
    from forums.permissions import notification_visibility_filter

    rows = list(
        Notification.objects.filter(notification_visibility_filter(user))
        .select_related("actor", "thread", "post")
        .order_by("-updated_at", "-pk")[start : start + NOTIFICATIONS_PER_PAGE + 1]
    )
    more = len(rows) > NOTIFICATIONS_PER_PAGE
    return rows[:NOTIFICATIONS_PER_PAGE], Page(page, page + 1 if more else page)


@dataclass(frozen=True)
class Following:
    forums: list[CategoryFollow]
    tags: list[TagFollow]
    threads: list[ThreadState]


def following(*, user, limit: int = 100) -> Following:
    from forums.permissions import thread_visibility_filter

    return Following(
        forums=list(
            CategoryFollow.objects.filter(user=user)
            .select_related("category")
            .order_by("category__name")
        ),
        tags=list(TagFollow.objects.filter(user=user).select_related("tag").order_by("tag__name")),
        threads=list(
            ThreadState.objects.filter(user=user, level__in=[WatchLevel.WATCHING, WatchLevel.MUTED])
            .filter(thread_visibility_filter(user, prefix="thread__"))
            .select_related("thread")
            .order_by("-thread__last_posted_at")[:limit]
        ),
    )


def bookmarks(*, user, limit: int = 100) -> list[Bookmark]:
    from forums.permissions import thread_visibility_filter

    return list(
        Bookmark.objects.filter(thread_visibility_filter(user, prefix="post__thread__"), user=user)
        .select_related("post", "post__thread", "post__author")
        .order_by("-created_at")[:limit]
    )


def follows_tag(*, tag: Tag, user) -> bool:
    return TagFollow.objects.filter(tag=tag, user=user).exists()


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
