"""The forum index, a forum's page of threads and a tag's, with the shared member pages of the
first two (``ForumIndexPage``, ``ForumPage``)."""

from __future__ import annotations

from typing import NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from taggit.models import Tag

from accounts.moderation import has_member_notice
from accounts.permissions import visible_forum_levels
from forums.models import Category
from forums.pages.common import ProfessionFilter, profession_filter
from forums.pages.rows import SharedRows, member_rows, shared_rows, thread_rows
from forums.pages.shared import account_links, for_each_state, reads_as_any_member
from forums.permissions import can_start_thread
from forums.selectors import forum_lists, own_state
from forums.sharing.cache import cache_for_visitors, shared_render
from forums.sharing.fragments import CSRF_PLACEHOLDER, csrf_token_for
from forums.sharing.member_pages import SharedMemberPage, Whole
from forums.sharing.slots import Parts, render_to_share


def _forum_index_context(user) -> dict:
    forum_list = shared_render(
        "forum-index",
        visible_forum_levels(user),
        "forums/includes/forum_list.html",
        lambda: {"categories": forum_lists.forum_index(user=user)},
    )
    return {"forum_list": forum_list}


class SharedForumIndex(NamedTuple):
    page: Parts  # index.html cut at its slots


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


class SharedListPage(NamedTuple):
    pk: int  # the forum's or the tag's
    page: Parts  # the page cut at its slots
    rows: SharedRows
    follow: tuple[str, str]  # the follow form: not following, following


class ListState(NamedTuple):
    # The member's rows (read, new, or with their unread count), as UTF-8: kept with the
    # member's state and joined into the page as they are, never decoded and encoded again.
    rows: bytes
    following: bool


class ThreadListPage(SharedMemberPage[SharedListPage, ListState]):
    """A page of threads: a forum's (``ForumPage``) or a tag's (``TagPage``). Per request: the
    member's read state and follow of the forum or tag (one query), the header's account links,
    the follow form, and each row as read, new, or (from the row fragments) with its unread
    count. What differs between the two is what they load and show: ``load``, ``context``,
    ``template``, ``follow_template``, ``show_category``."""

    keeps_state = True  # read positions, follows, reactions: the member's own generation

    template: str
    follow_template: str
    object_name: str  # the forum's or tag's name in the templates
    show_category: bool
    missing: type[Exception]  # what ``load`` raises for no such forum or tag

    def load(self, request: HttpRequest, *, viewer_state: bool, **kwargs):
        """(the forum or tag, its page of threads, the next page's cursor)."""
        raise NotImplementedError

    def context(self, request: HttpRequest, obj, after, rows: list[str], **kwargs) -> dict:
        raise NotImplementedError

    def following(self, user, pks: list[int], obj_pk: int):
        raise NotImplementedError

    def serves(self, user) -> bool:
        return reads_as_any_member(user)

    def build(self, request: HttpRequest, **kwargs) -> SharedListPage | None:
        try:
            obj, threads, after = self.load(request, viewer_state=False, **kwargs)
        except self.missing:
            return None  # no such forum or tag for this reader: the view answers (404)
        rows = shared_rows(request, threads, show_category=self.show_category)
        page = render_to_share(
            self.template,
            self.context(request, obj, after, rows.html(), **kwargs),
            request=request,
        )
        follow = for_each_state(
            self.follow_template,
            {self.object_name: obj, "user": request.user},
            obj,
            "viewer_follows",
            (False, True),
        )
        return SharedListPage(pk=obj.pk, page=page, rows=rows, follow=(follow[False], follow[True]))

    def state(self, request: HttpRequest, shared: SharedListPage, **kwargs) -> ListState | Whole:
        user = request.user
        pks = [pk for pk, _count, _at in shared.rows.threads]
        states, following = self.following(user, pks, shared.pk)
        rows = member_rows(
            request,
            shared.rows,
            states,
            lambda: self.load(request, viewer_state=False, **kwargs)[1],
            show_category=self.show_category,
        )
        if rows is None:
            return Whole()  # the content moved between the two reads: render the page
        return ListState(rows=rows, following=following)

    def fill_account(self, request: HttpRequest, shared: SharedListPage, state) -> str:
        return account_links(request)

    def fill_follow(self, request: HttpRequest, shared: SharedListPage, state) -> str:
        return shared.follow[state.following].replace(CSRF_PLACEHOLDER, csrf_token_for(request))

    def fill_rows(self, request: HttpRequest, shared: SharedListPage, state) -> bytes:
        return state.rows


class ForumPage(ThreadListPage):
    """A page of a forum's threads (see ``ThreadListPage``)."""

    name = "forum"
    url_name = "forums:category"
    template = "forums/category.html"
    follow_template = "forums/includes/follow_forum.html"
    object_name = "category"
    show_category = False
    missing = Category.DoesNotExist

    def key(self, *, slug: str, before: forum_lists.Cursor | None, who: ProfessionFilter) -> str:
        # The error names what was asked, so a page with one is keyed by the question.
        return f"{slug}:{before.encode() if before else ''}:{who.value}:{who.error}"

    def load(self, request, *, viewer_state: bool, slug: str, before, who: ProfessionFilter):
        return forum_lists.forum_page(
            slug=slug,
            user=request.user,
            before=before,
            viewer_state=viewer_state,
            profession=who.value,
        )

    def context(self, request, obj, after, rows, *, slug, before, who) -> dict:
        return _forum_context(request, obj, before, after, rows, who)

    def following(self, user, pks: list[int], obj_pk: int):
        return own_state.thread_states(user, pks, obj_pk)


FORUM_PAGE = ForumPage()


class TagPage(ThreadListPage):
    """A page of the threads with a tag (see ``ThreadListPage``)."""

    name = "tag"
    url_name = "forums:tag"
    template = "forums/tag.html"
    follow_template = "forums/includes/follow_tag.html"
    object_name = "tag"
    show_category = True
    missing = Tag.DoesNotExist

    def key(self, *, slug: str, before: forum_lists.Cursor | None) -> str:
        return f"{slug}:{before.encode() if before else ''}"

    def load(self, request, *, viewer_state: bool, slug: str, before):
        return forum_lists.tag_page(
            slug=slug, user=request.user, before=before, viewer_state=viewer_state
        )

    def context(self, request, obj, after, rows, *, slug, before) -> dict:
        return _tag_context(obj, before, after, rows)

    def following(self, user, pks: list[int], obj_pk: int):
        return own_state.thread_states(user, pks, tag_pk=obj_pk)


TAG_PAGE = TagPage()


def _tag_context(tag: Tag, before, after, thread_html: list[str]) -> dict:
    return {
        "tag": tag,
        "thread_html": thread_html,
        "first_page": before is None,
        "next_cursor": after.encode() if after else "",
    }


@cache_for_visitors
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    before = forum_lists.Cursor.decode(request.GET.get("before"))  # as for forums: never a 500
    served = TAG_PAGE.serve(request, slug=slug, before=before)
    if isinstance(served, HttpResponse):
        return served
    try:
        obj, threads, after = forum_lists.tag_page(slug=slug, user=request.user, before=before)
    except Tag.DoesNotExist as exc:
        raise Http404 from exc
    rows = thread_rows(request, threads, show_category=True)
    return render(
        request, "forums/tag.html", {**_tag_context(obj, before, after, rows), "threads": threads}
    )
