"""The viewer's own state, read per request in one small query after what is shared: read
positions, watch levels and follows of threads and forums, reactions and bookmarks of posts,
and the member's own lists (notifications, what they follow, bookmarks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from taggit.models import Tag

from forums.models import (
    Bookmark,
    Category,
    CategoryFollow,
    Notification,
    Poll,
    PollVote,
    Post,
    Reaction,
    TagFollow,
    Thread,
    ThreadState,
    WatchLevel,
)
from forums.selectors.common import NOTIFICATIONS_PER_PAGE, Page, reads_for


def add_viewer_state(
    threads: list[Thread], user, *, follows: Category | None = None, follows_tag: Tag | None = None
) -> bool:
    """Set ``viewer_last_read`` and ``viewer_level`` on threads loaded without them, as
    ``with_viewer_state`` annotates them, and answer whether the viewer follows the forum
    ``follows`` or the tag ``follows_tag`` (False without one): ``thread_states``. None for
    ``user``: nobody's state."""
    for thread in threads:
        thread.viewer_last_read = thread.viewer_level = None
    if user is None or not user.is_authenticated or not (threads or follows or follows_tag):
        return False
    states, following = thread_states(
        user,
        [t.pk for t in threads],
        follows.pk if follows else None,
        tag_pk=follows_tag.pk if follows_tag else None,
    )
    for thread in threads:  # the home page may list a thread twice (latest and most active)
        thread.viewer_last_read, thread.viewer_level = states.get(thread.pk, (None, None))
    return following


def thread_states(
    user, thread_pks: list[int], forum_pk: int | None = None, *, tag_pk: int | None = None
) -> tuple[dict[int, tuple[int, str]], bool]:
    """A member's (read position, watch level) in each of ``thread_pks`` they have opened, and
    whether they follow the forum ``forum_pk`` (or the tag ``tag_pk``). One query; plain SQL,
    like ``post_viewer_state``: it runs on every list a member opens."""
    states = {}
    following = False
    params = {"user": user.pk, "threads": thread_pks, "forum": forum_pk, "tag": tag_pk}
    with reads_for(ThreadState).cursor() as cursor:
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
UNION ALL
SELECT NULL, NULL, NULL FROM {TagFollow._meta.db_table}
 WHERE user_id = %(user)s AND tag_id = %(tag)s
"""  # noqa: S608 - table names from the models, values bound as parameters


def add_post_viewer_state(
    thread: Thread, posts: list[Post], user, *, known: PostViewerState | None = None
) -> None:
    """Set the viewer's ``viewer_last_read``, ``viewer_level`` and ``viewer_poll_choices`` (their
    vote in the thread's poll, if it has one) on the thread and ``viewer_reacted`` and
    ``viewer_bookmarked`` on its posts, all in one query (none for visitors, nor for None:
    nobody's state): ``post_viewer_state``."""
    thread.viewer_last_read = thread.viewer_level = None
    thread.viewer_poll_choices = ()
    for post in posts:
        post.viewer_reacted = post.viewer_bookmarked = False
    if user is None or not user.is_authenticated:
        return
    pks = [post.pk for post in posts]
    state = known if known is not None and known.post_pks == pks else None
    if state is None:
        state = post_viewer_state(user, thread.pk, pks, poll_pk=_poll_pk(thread))
    thread.viewer_last_read, thread.viewer_level = state.last_read, state.level
    thread.viewer_poll_choices = state.poll_choices
    for post in posts:
        post.viewer_reacted = post.pk in state.reacted
        post.viewer_bookmarked = post.pk in state.bookmarked


def _poll_pk(thread: Thread) -> int | None:
    """The thread's poll, joined by ``thread_pages.thread_for_page`` (no query)."""
    try:
        return thread.poll.pk
    except Poll.DoesNotExist:
        return None


class PostViewerState(NamedTuple):
    post_pks: list[int]  # the posts it was read for
    last_read: int | None
    level: str | None
    reacted: set[int]
    bookmarked: set[int]
    poll_choices: tuple[int, ...] = ()  # the member's vote in the thread's poll: none yet


def post_viewer_state(
    user, thread_pk: int, post_pks: list[int], *, poll_pk: int | None = None
) -> PostViewerState:
    """A member's read position and watch level in a thread, which of ``post_pks`` they
    reacted to and bookmarked, and their vote in the poll ``poll_pk``, in one query.

    Plain SQL on purpose: it runs on every thread page a member opens, and building the same
    UNION of three querysets cost the ORM 2 ms against 0.3 ms for the query itself.
    """
    state = PostViewerState(post_pks, None, None, set(), set())
    choices = []
    with reads_for(ThreadState).cursor() as cursor:
        cursor.execute(
            _VIEWER_STATE_SQL,
            {"user": user.pk, "thread": thread_pk, "posts": post_pks, "poll": poll_pk},
        )
        for kind, number, level in cursor.fetchall():
            if kind == "state":
                state = state._replace(last_read=number, level=level)
            elif kind == "reacted":
                state.reacted.add(number)
            elif kind == "voted":
                choices.append(number)
            else:
                state.bookmarked.add(number)
    return state._replace(poll_choices=tuple(sorted(choices)))


_VIEWER_STATE_SQL = f"""
SELECT 'state', last_read_number, level FROM {ThreadState._meta.db_table}
 WHERE user_id = %(user)s AND thread_id = %(thread)s
UNION ALL
SELECT 'reacted', post_id, NULL FROM {Reaction._meta.db_table}
 WHERE user_id = %(user)s AND post_id = ANY(%(posts)s)
UNION ALL
SELECT 'bookmarked', post_id, NULL FROM {Bookmark._meta.db_table}
 WHERE user_id = %(user)s AND post_id = ANY(%(posts)s)
UNION ALL
SELECT 'voted', unnest(choices), NULL FROM {PollVote._meta.db_table}
 WHERE user_id = %(user)s AND poll_id = %(poll)s
"""  # noqa: S608 - table names from the models, values bound as parameters


NOTIFICATION_ROW_FIELDS = (
    *(f.name for f in Notification._meta.concrete_fields if f.name not in ("actor", "thread")),
    "actor_id",
    "thread_id",
    "actor__display_name",
    "actor__handle",
    "thread__title",
    "thread__slug",
    "thread__is_case_discussion",
)


BOOKMARKS_PER_PAGE = 30


def notifications_page(*, user, page: int) -> tuple[list[Notification], Page]:
    """Newest first; one extra row tells whether there is a next page (no COUNT)."""
    page = max(page, 1)
    start = (page - 1) * NOTIFICATIONS_PER_PAGE
    from forums.permissions import notification_visibility_filter

    rows = list(
        Notification.objects.filter(notification_visibility_filter(user))
        # What the row shows (forums/includes/notification_row.html), not whole posts.
        .select_related("actor", "thread")
        .only(*NOTIFICATION_ROW_FIELDS)
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


def bookmarks_page(*, user, page: int) -> tuple[list[Bookmark], Page]:
    """The member's bookmarks, newest first, a page at a time; one extra row tells whether a
    next page exists (no COUNT)."""
    from forums.permissions import thread_visibility_filter

    page = max(page, 1)
    start = (page - 1) * BOOKMARKS_PER_PAGE
    rows = list(
        Bookmark.objects.filter(thread_visibility_filter(user, prefix="post__thread__"), user=user)
        .select_related("post", "post__thread", "post__author")
        # What the list shows (forums/includes/bookmark_row.html), not whole posts.
        .only(
            "created_at",
            "post__number",
            "post__thread__title",
            "post__thread__slug",
            "post__author__display_name",
            "post__author__handle",
        )
        .order_by("-created_at", "-pk")[start : start + BOOKMARKS_PER_PAGE + 1]
    )
    more = len(rows) > BOOKMARKS_PER_PAGE
    return rows[:BOOKMARKS_PER_PAGE], Page(page, page + 1 if more else page)


def follows_tag(*, tag: Tag, user) -> bool:
    return TagFollow.objects.filter(tag=tag, user=user).exists()
