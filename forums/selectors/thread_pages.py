"""A thread's pages: the thread, a page of its posts and the accepted answer, shared by forum
level; where a post is; a post's history."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.selectors import PROFILE_DEFERRED
from forums.models import (
    Post,
    PostRevision,
    Thread,
)
from forums.selectors.common import AUTHOR_DEFERRED, POSTS_PER_PAGE, Page, page_count, prefetch_tags
from forums.selectors.forum_lists import with_viewer_state
from forums.selectors.own_state import PostViewerState, add_post_viewer_state
from forums.sharing.cache import shared_by_level


def thread_for_page(*, pk: int, user, viewer_state: bool = True) -> Thread:
    """The thread with its forum, its tags and (unless ``viewer_state`` is False) the viewer's
    state."""
    # Moderators also open hidden threads (to unhide them), a case's author its discussion
    # while the case is hidden; forum visibility still applies (``forums.permissions``).
    qs: QuerySet[Thread] = Thread.objects.readable_by(user)
    # Only the forum is joined: each further join cost the planner about half a millisecond on
    # every page view, for an author the page does not show (see ``accepted_post``). The poll
    # is the exception: joined, it costs no query (``forums.models.polls``), read apart, one on
    # every thread page, polls or none.
    qs = qs.select_related("category", "poll")
    if viewer_state:
        qs = with_viewer_state(qs, user)
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
    forum pages (``forums.sharing.cache.shared_by_level``: retired by any content change, reactions
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
        # The author's profession and specialty show beside their name: joined, no query.
        .select_related("author", "author__profile__specialty")
        .defer(*(f"author__{name}" for name in AUTHOR_DEFERRED), *PROFILE_DEFERRED)
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
