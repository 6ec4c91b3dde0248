"""The forum index, a forum's page of threads and a tag's, with the shared member pages of the
first two (``ForumIndexPage``, ``ForumPage``)."""

from __future__ import annotations

from typing import NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from accounts.moderation import has_member_notice
from accounts.permissions import visible_forum_levels
from forums.models import Category
from forums.pages.common import ProfessionFilter, profession_filter
from forums.pages.rows import is_new_to, thread_rows
from forums.pages.shared import account_links, for_each_state, reads_as_any_member
from forums.permissions import can_start_thread
from forums.selectors import forum_lists, own_state
from forums.sharing.cache import cache_for_visitors, shared_render
from forums.sharing.fragments import CSRF_PLACEHOLDER
from forums.sharing.member_pages import SharedMemberPage, Whole
from forums.sharing.slots import render_to_share


def _forum_index_context(user) -> dict:
    forum_list = shared_render(
        "forum-index",
        visible_forum_levels(user),
        "forums/includes/forum_list.html",
        lambda: {"categories": forum_lists.forum_index(user=user)},
    )
    return {"forum_list": forum_list}


class SharedForumIndex(NamedTuple):
    page: tuple[str, ...]  # index.html cut at its slots


class ForumIndexPage(SharedMemberPage[SharedForumIndex, None]):
    """Nothing on it is the member's own but the header: one page per forum levels, served to
    every member."""

    name = "forum-index"
    url_name = "forums:index"

    def key(self) -> str:
        return ""

    def serves(self, user) -> bool:
        # Everyone signed in reads the same forum index, but a member with a notice of their
        # own (a suspension, an unread warning) gets it at the top of every page.
        return user.is_authenticated and not has_member_notice(user)

    def build(self, request: HttpRequest) -> SharedForumIndex:
        context = _forum_index_context(request.user)
        return SharedForumIndex(render_to_share("forums/index.html", context, request=request))

    def state(self, request: HttpRequest, shared: SharedForumIndex) -> None:
        return None

    def fill_account(self, request: HttpRequest, shared: SharedForumIndex, state: None) -> str:
        return account_links(request)


FORUM_INDEX = ForumIndexPage()


@cache_for_visitors
def forum_index(request: HttpRequest) -> HttpResponse:
    """The forums, as one list rendered once for every reader of the same forum levels and
    shared from the cache (``forums.sharing.cache.shared_by_level``); it shows nobody's own
    state."""
    served = FORUM_INDEX.serve(request)
    if isinstance(served, HttpResponse):
        return served
    return render(request, "forums/index.html", _forum_index_context(request.user))


@cache_for_visitors
def category(request: HttpRequest, slug: str) -> HttpResponse:
    # Pages after the first are addressed by a cursor (``?before=``), never a page number: an
    # unreadable one (or an old ``?page=`` link) shows the first page.
    before = forum_lists.Cursor.decode(request.GET.get("before"))
    # ``?profession=``: threads a member of that profession took part in.
    who = profession_filter(request)
    served = FORUM_PAGE.serve(request, slug=slug, before=before, who=who)
    if isinstance(served, HttpResponse):
        return served
    try:
        forum, threads, after = forum_lists.forum_page(
            slug=slug, user=request.user, before=before, profession=who.value
        )
    except Category.DoesNotExist as exc:
        raise Http404 from exc
    rows = thread_rows(request, threads, show_category=False)
    context = _forum_context(request, forum, before, after, rows, who)
    return render(request, "forums/category.html", {**context, "threads": threads})


def _forum_context(
    request, forum, before, after, thread_html: list[str], who: ProfessionFilter
) -> dict:
    return {
        "category": forum,
        "profession": who,
        "cursor_query": who.query,
        "thread_html": thread_html,
        "first_page": before is None,
        "next_cursor": after.encode() if after else "",
        "can_start": can_start_thread(request.user, forum),
    }


class SharedForumPage(NamedTuple):
    forum_pk: int
    page: tuple[str, ...]  # category.html cut at its slots
    threads: tuple[tuple[int, int, object], ...]  # (id, post count, last activity) per row
    read: tuple[str, ...]  # each row as a member who has read it (or never opened it) sees it
    new: tuple[str, ...]  # each row as a member to whom it is new sees it
    follow: tuple[str, str]  # the follow form: not following, following


class ForumState(NamedTuple):
    rows: str  # the member's rows: read, new, or with their unread count
    following: bool


class ForumPage(SharedMemberPage[SharedForumPage, ForumState]):
    """A page of a forum's threads. Per request: the member's read state and forum follow (one
    query), the header's account links, the follow form, and each row as read, new, or (from
    the row fragments) with its unread count."""

    name = "forum"
    url_name = "forums:category"

    def key(self, *, slug: str, before: forum_lists.Cursor | None, who: ProfessionFilter) -> str:
        # The error names what was asked, so a page with one is keyed by the question.
        return f"{slug}:{before.encode() if before else ''}:{who.value}:{who.error}"

    def serves(self, user) -> bool:
        return reads_as_any_member(user)

    def build(
        self,
        request: HttpRequest,
        *,
        slug: str,
        before: forum_lists.Cursor | None,
        who: ProfessionFilter,
    ) -> SharedForumPage | None:
        try:
            forum, threads, after = forum_lists.forum_page(
                slug=slug,
                user=request.user,
                before=before,
                viewer_state=False,
                profession=who.value,
            )
        except Category.DoesNotExist:
            return None  # no such forum for this reader: the view answers (404)
        variants = {
            new: thread_rows(request, threads, show_category=False, signed_in=True, new=new)
            for new in (False, True)
        }
        page = render_to_share(
            "forums/category.html",
            _forum_context(request, forum, before, after, variants[False], who),
            request=request,
        )
        follow = for_each_state(
            "forums/includes/follow_forum.html",
            {"category": forum, "user": request.user},
            forum,
            "viewer_follows",
            (False, True),
        )
        return SharedForumPage(
            forum_pk=forum.pk,
            page=page,
            threads=tuple((t.pk, t.post_count, t.last_posted_at) for t in threads),
            read=tuple(variants[False]),
            new=tuple(variants[True]),
            follow=(follow[False], follow[True]),
        )

    def state(
        self,
        request: HttpRequest,
        shared: SharedForumPage,
        *,
        slug: str,
        before: forum_lists.Cursor | None,
        who: ProfessionFilter,
    ) -> ForumState | Whole:
        user = request.user
        pks = [pk for pk, _count, _at in shared.threads]
        states, following = own_state.thread_states(user, pks, shared.forum_pk)
        rows = []
        unread = {}  # row index -> the member's read position, for rows with an unread count
        for i, (pk, post_count, last_posted_at) in enumerate(shared.threads):
            last_read = states.get(pk, (None, None))[0]
            if last_read is not None and post_count > last_read:
                unread[i] = last_read
                rows.append("")
            elif is_new_to(user, last_posted_at, last_read):
                rows.append(shared.new[i])
            else:
                rows.append(shared.read[i])
        if unread:  # those rows from the shared threads, rendered (cached) for this member
            _forum, threads, _after = forum_lists.forum_page(
                slug=slug, user=user, before=before, viewer_state=False, profession=who.value
            )
            if [t.pk for t in threads] != pks:
                return Whole()  # the content moved between the two reads: render the page
            shown = [threads[i] for i in unread]
            for thread, last_read in zip(shown, unread.values(), strict=True):
                thread.viewer_last_read = last_read
            rendered = thread_rows(request, shown, show_category=False)
            for i, html in zip(unread, rendered, strict=True):
                rows[i] = html
        return ForumState(rows="".join(rows), following=following)

    def fill_account(self, request: HttpRequest, shared: SharedForumPage, state) -> str:
        return account_links(request)

    def fill_follow(self, request: HttpRequest, shared: SharedForumPage, state) -> str:
        return shared.follow[state.following].replace(CSRF_PLACEHOLDER, get_token(request))

    def fill_rows(self, request: HttpRequest, shared: SharedForumPage, state) -> str:
        return state.rows


FORUM_PAGE = ForumPage()


@cache_for_visitors
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Tag, slug=slug)
    before = forum_lists.Cursor.decode(request.GET.get("before"))  # as for forums: never a 500
    threads, after = forum_lists.tag_threads(tag=obj, user=request.user, before=before)
    follows = request.user.is_authenticated and own_state.follows_tag(tag=obj, user=request.user)
    return render(
        request,
        "forums/tag.html",
        {
            "tag": obj,
            "threads": threads,
            "thread_html": thread_rows(request, threads, show_category=True),
            "first_page": before is None,
            "next_cursor": after.encode() if after else "",
            "follows": follows,
        },
    )
