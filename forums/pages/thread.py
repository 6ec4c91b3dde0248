"""A thread's pages, a post's address, the jump to the first unread post and a post's history,
with the thread's shared member page (``ThreadPage``)."""

from __future__ import annotations

import functools
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template, render_to_string

from accounts.permissions import Reader, has_verified_badge, is_moderator
from accounts.selectors import role_of
from forums.models import Post, Thread, WatchLevel
from forums.pages.common import get_post, get_thread, redirect_to_post, requested_page
from forums.pages.polls import poll_box, pop_refused, render_poll
from forums.pages.shared import account_links, for_each_state, reads_as_any_member
from forums.permissions import (
    can_accept_answer,
    can_delete_post,
    can_edit_post,
    can_react,
    can_reply,
    can_view_history,
)
from forums.posting import following, polls
from forums.selectors import own_state, thread_pages
from forums.sharing.cache import cache_for_visitors
from forums.sharing.fragments import (
    CSRF_PLACEHOLDER,
    csrf_token_for,
    render_rows,
    template_version,
)
from forums.sharing.member_pages import SharedMemberPage, Whole
from forums.sharing.slots import SHARING, Parts, cut, fill, mark, render_to_share


def post_fragments(request: HttpRequest, posts: list[Post], viewer: dict) -> list[str]:
    """Each post's HTML, cached by everything ``forums/includes/post.html`` shows."""

    def version(post: Post) -> tuple:
        author = post.author
        return (
            post.pk,
            post.html,  # the text itself: a redaction that touches nothing else still shows
            post.number,
            post.created_at,
            post.edited_at,
            post.edit_count,
            post.helpful_count,
            post.is_hidden,
            post.is_deleted,
            viewer["thread"].accepted_post_id == post.pk,
            author and (author.pk, author.name, author.handle, author.professional_verified_until),
            author is not None and has_verified_badge(author),
            author is not None and tuple(author.badges),
            role_of(author),  # profession and specialty beside the name
            post.is_unread,
            post.can_edit,
            post.can_delete,
            post.can_react,
            bool(post.can_view_history),
            getattr(post, "viewer_reacted", None),
            getattr(post, "viewer_bookmarked", None),
            *(viewer[name] for name in sorted(viewer) if name != "thread"),
        )

    return render_rows(
        request,
        "forums/includes/post.html",
        posts,
        version=version,
        context=lambda post: {**viewer, "post": post},
        includes=(
            "accounts/includes/member_name.html",
            "forums/includes/post_byline_badges.html",
            "forums/includes/byline_badges.html",
            "accounts/includes/member_role.html",
        ),
    )


def set_post_permissions(posts: list[Post], user) -> None:
    for post in posts:
        post.can_edit = can_edit_post(user, post)
        post.can_delete = can_delete_post(user, post)
        post.can_react = can_react(user, post)
        post.can_view_history = post.edit_count and can_view_history(user, post)


def thread_viewer(user, thread: Thread) -> dict:
    """What post.html and thread.html show differently for ``user`` (besides each post's own
    flags)."""
    return {
        "thread": thread,
        "base": thread.get_absolute_url(),
        "can_reply": can_reply(user, thread),
        "can_accept": can_accept_answer(user, thread),
        "is_moderator": is_moderator(user),
        "is_authenticated": user.is_authenticated,
    }


@cache_for_visitors
def thread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    user = request.user
    page_number = requested_page(request)
    served = THREAD_PAGE.serve(request, pk=pk, slug=slug, page_number=page_number)
    if isinstance(served, HttpResponse):
        return served
    known = served.known  # the member's state, when the shared page read it and could not serve
    try:
        obj, posts, page, accepted = thread_pages.thread_page(
            pk=pk, page=page_number, user=user, known=known
        )
    except Thread.DoesNotExist as exc:
        raise Http404 from exc
    if slug != obj.slug:
        return redirect(obj, permanent=True)
    last_read = getattr(obj, "viewer_last_read", None)
    for post in posts:
        post.is_unread = user.is_authenticated and post.number > (last_read or 0)
    set_post_permissions(posts, user)
    if user.is_authenticated and posts and posts[-1].number > (last_read or 0):
        following.mark_thread_read(obj, user=user, number=posts[-1].number)
    viewer = thread_viewer(user, obj)
    # The poll shows on the thread's first page (forums.pages.polls); the member's own vote
    # came with their other state, in the same query.
    box = (
        poll_box(user, obj, choices=obj.viewer_poll_choices, refused=pop_refused(request))
        if page.number == 1
        else None
    )
    return render(
        request,
        "forums/thread.html",
        {
            **viewer,
            "posts": posts,
            "post_html": post_fragments(request, posts, viewer),
            "accepted_post": accepted,
            "page": page,
            "watch_levels": WatchLevel.choices,
            "clear_draft": request.session.pop("forums_clear_draft", None),
            "poll_box": box,
        },
    )


JUMP_TO_UNREAD = "forums/includes/jump_to_unread.html"
# The slot of the reader's CSRF token in the shared posts of a thread page.
POST_TOKEN = "post_csrf_token"  # noqa: S105 - a slot name, not a secret


@functools.cache
def _no_unread_link(version: str) -> str:
    """What the jump to the first unread post renders when it shows nothing (its whitespace),
    per version of its template."""
    return render_to_string(JUMP_TO_UNREAD, {"thread": None, "page_number": 0})


class SharedThreadPage(NamedTuple):
    thread: Thread  # without anybody's state
    page: Parts  # thread.html cut at its slots
    # The page's posts, in order: numbers, ids, authors, and each one's HTML as a reader who
    # wrote none of them sees it, cut at its unread slots.
    numbers: tuple[int, ...]
    post_pks: tuple[int, ...]
    authors: tuple[int, ...]  # who wrote its posts (their page is rendered whole)
    posts: tuple[Parts, ...]
    unread: dict[str, str]  # what fills the unread slots of an unread post
    tools: dict[str, str]  # the watch form for each watch level


class ThreadPage(SharedMemberPage[SharedThreadPage, own_state.PostViewerState]):
    """A page of a thread's posts, as a member who can post, is no moderator, wrote none of the
    page's posts and reacted to and bookmarked none of them sees it. Per request: the member's
    read position, watch level, reactions and bookmarks (one query, which decides whether the
    shared page applies), the header's account links, the jump to the first unread post, the
    watch form, the unread marks, the poll (with the member's vote) and the member's CSRF
    token. A thread page cost a member
    about 5 ms of CPU rendered whole (issue 11)."""

    keeps_state = True  # read positions, follows, reactions: the member's own generation

    name = "thread"
    url_name = "forums:thread"

    def key(self, *, pk: int, slug: str, page_number: int) -> str:
        return f"{pk}:{page_number}"

    def serves(self, user) -> bool:
        return reads_as_any_member(user)

    def build(
        self, request: HttpRequest, *, pk: int, slug: str, page_number: int
    ) -> SharedThreadPage | None:
        try:
            obj, posts, page, accepted = thread_pages.thread_page(
                pk=pk, page=page_number, user=request.user, viewer_state=False
            )
        except Thread.DoesNotExist:
            return None  # no such thread for this reader: the view answers (404)
        reader = Reader.like(request.user)  # the permission checks answer for nobody's posts
        set_post_permissions(posts, reader)
        viewer = thread_viewer(reader, obj)
        template = get_template("forums/includes/post.html")
        # Each post cut at its unread slots and at its forms' token, which is a slot here too
        # (``POST_TOKEN``): joined into place, not searched for in 50 KB of posts.
        token_slot = mark(POST_TOKEN)
        post_parts = [
            cut(template.render({**viewer, "post": post, "csrf_token": token_slot, SHARING: True}))
            for post in posts
        ]
        page_parts = render_to_share(
            "forums/thread.html",
            {
                **viewer,
                "post_html": (),
                "accepted_post": accepted,
                "page": page,
                # Only whether there is a poll (its slot): it is filled per member.
                "poll_box": poll_box(reader, obj) if page.number == 1 else None,
            },
            request=request,
        )
        tools = for_each_state(
            "forums/includes/thread_tools.html",
            {**viewer, "user": request.user, "watch_levels": WatchLevel.choices},
            obj,
            "viewer_level",
            WatchLevel.values,
        )
        return SharedThreadPage(
            thread=obj,
            page=page_parts,
            numbers=tuple(post.number for post in posts),
            post_pks=tuple(post.pk for post in posts),
            authors=tuple({post.author_id for post in posts}),  # a frozenset unpickles slower
            posts=tuple(post_parts),
            unread={
                "unread_class": " is-unread",
                "unread_badge": render_to_string("forums/includes/unread_badge.html"),
            },
            tools=tools,
        )

    def whole_now(self, request: HttpRequest, shared: SharedThreadPage, **kwargs) -> bool:
        # A redirect; the author's accept buttons; their posts' edit links. Asked on every
        # request, so that a kept state never serves another slug or an author.
        user, obj = request.user, shared.thread
        return kwargs["slug"] != obj.slug or obj.author_id == user.pk or user.pk in shared.authors

    def state(
        self, request: HttpRequest, shared: SharedThreadPage, *, pk: int, slug: str, page_number
    ) -> own_state.PostViewerState | Whole:
        user, obj = request.user, shared.thread
        poll = polls.thread_poll(obj)
        state = own_state.post_viewer_state(
            user, obj.pk, list(shared.post_pks), poll_pk=poll.pk if poll else None
        )
        if state.reacted or state.bookmarked:
            return Whole(state)
        obj.viewer_last_read, obj.viewer_level = state.last_read, state.level
        # Reading the page marks it read, as the page rendered whole does.
        if shared.numbers and shared.numbers[-1] > (state.last_read or 0):
            following.mark_thread_read(obj, user=user, number=shared.numbers[-1])
        return state

    def fill_account(self, request: HttpRequest, shared: SharedThreadPage, state) -> str:
        return account_links(request)

    def fill_unread_link(self, request: HttpRequest, shared: SharedThreadPage, state) -> str:
        obj = shared.thread  # the member's read position, as ``state`` read it or kept it
        obj.viewer_last_read, obj.viewer_level = state.last_read, state.level
        page_number = requested_page(request)
        if not (obj.unread_count and page_number == 1 and obj.viewer_last_read):
            # The template's own condition, asked before rendering it (~0.13 ms) for the
            # nothing it then shows: most requests (a later page, or nothing unread).
            return _no_unread_link(template_version((JUMP_TO_UNREAD,)))
        context = {"thread": obj, "page_number": page_number}
        return render_to_string(JUMP_TO_UNREAD, context)

    def fill_tools(self, request: HttpRequest, shared: SharedThreadPage, state) -> str:
        form = shared.tools[state.level or WatchLevel.NORMAL]
        return form.replace(CSRF_PLACEHOLDER, csrf_token_for(request))

    def fill_poll(self, request: HttpRequest, shared: SharedThreadPage, state) -> str:
        box = poll_box(
            request.user,
            shared.thread,
            choices=state.poll_choices,
            refused=pop_refused(request),
        )
        return render_poll(box, csrf_token_for(request)) if box is not None else ""

    def fill_posts(self, request: HttpRequest, shared: SharedThreadPage, state) -> bytes:
        last_read, token = state.last_read or 0, csrf_token_for(request)
        unread = {**shared.unread, POST_TOKEN: token}
        read = {**dict.fromkeys(shared.unread, ""), POST_TOKEN: token}
        return b"".join(
            fill(parts, unread if number > last_read else read)
            for number, parts in zip(shared.numbers, shared.posts, strict=True)
        )


THREAD_PAGE = ThreadPage()


def post(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    obj = get_thread(request, pk)
    if number < 1 or number > obj.post_count:
        raise Http404("No such post.")
    return redirect_to_post(obj, number)


def first_unread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = get_thread(request, pk)
    return redirect_to_post(
        obj, thread_pages.first_unread_number(obj, getattr(obj, "viewer_last_read", None))
    )


def history(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    if not can_view_history(request.user, post_obj):
        raise PermissionDenied
    return render(
        request,
        "forums/history.html",
        {
            "post": post_obj,
            "thread": post_obj.thread,
            "revisions": thread_pages.post_history(post=post_obj),
        },
    )
