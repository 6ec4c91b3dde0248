from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from taggit.models import Tag

from accounts.permissions import (
    can_post,
    has_verified_badge,
    is_moderator,
    is_suspended,
    visible_forum_levels,
)
from config.params import MAX_INTEGER, page_number, whole_number
from forums import (
    following,
    limits,
    moderation,
    notifications,
    posting,
    reactions,
    reports,
    selectors,
)
from forums.caching import (
    cache_for_visitors,
    fill,
    hole,
    member_page_shareable,
    shared_by_level,
    shared_render,
    with_holes,
)
from forums.forms import EditForm, EditThreadForm, ReplyForm, ReportForm, ThreadForm
from forums.fragments import CSRF_PLACEHOLDER, FRAGMENT_SECONDS, render_rows, template_version
from forums.home import home_sections
from forums.models import Category, Notification, Post, Thread, WatchLevel
from forums.permissions import (
    can_accept_answer,
    can_delete_post,
    can_edit_post,
    can_react,
    can_read_thread,
    can_reply,
    can_start_thread,
    can_view_history,
    notification_visibility_filter,
)
from forums.rendering import RenderError

T = TypeVar("T")


def age_bucket(moment, now) -> int:
    """A number that changes whenever ``naturaltime(moment)`` may read differently at ``now``:
    its text counts seconds under a minute, minutes under an hour and at most hours beyond
    (whole days and calendar months are whole hours in UTC). A fragment key needs only that;
    formatting the text itself for thirty rows cost about a millisecond a page."""
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        return seconds
    if seconds < 60 * 60:
        return 100 + seconds // 60
    return 200 + seconds // (60 * 60)


def is_new_to(user, last_posted_at, last_read: int | None) -> bool:
    """A thread is "new" to a member: never opened, and active since they joined."""
    return last_read is None and last_posted_at > user.date_joined


def thread_rows(
    request: HttpRequest,
    threads: list[Thread],
    *,
    show_category: bool,
    signed_in: bool | None = None,
    new: bool | None = None,
) -> list[str]:
    """Each thread row's HTML, cached by everything ``includes/thread_row.html`` shows: for the
    viewer, or (``signed_in``, ``new``) for any member whose rows are read, or new to them."""
    user = request.user
    if signed_in is None:
        signed_in = user.is_authenticated
    new = {
        thread.pk: signed_in
        and (
            is_new_to(user, thread.last_posted_at, getattr(thread, "viewer_last_read", None))
            if new is None
            else new
        )
        for thread in threads
    }

    now = timezone.now()

    def version(thread: Thread) -> tuple:
        return (
            thread.pk,
            thread.title,
            thread.slug,
            thread.is_pinned,
            thread.is_locked,
            thread.accepted_post_id,
            thread.post_count,
            thread.last_posted_at,
            age_bucket(thread.last_posted_at, now),  # "3 minutes ago" moves with the clock
            thread.last_poster and thread.last_poster.name,
            show_category and (thread.category.slug, thread.category.name),
            [(tag.slug, tag.name) for tag in thread.tags.all()],
            signed_in,
            signed_in and thread.unread_count,
            new[thread.pk],
        )

    return render_rows(
        request,
        "includes/thread_row.html",
        threads,
        version=version,
        context=lambda thread: {
            "thread": thread,
            "show_category": show_category,
            "is_authenticated": signed_in,
            "is_new": new[thread.pk],
        },
    )


@cache_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    latest, active = selectors.home_threads(user=request.user, latest=15, active=8)
    rows = thread_rows(request, latest + active, show_category=True)  # one cache round trip
    context = {
        "latest_threads": latest,
        "latest_html": rows[: len(latest)],
        "active_threads": active,
        "active_html": rows[len(latest) :],
        "home_sections": home_sections(request),
    }
    return render(request, "forums/home.html", context)


# --- Member pages shared by the readers of the same forum levels, their own parts filled in ---
#
# A page is rendered once for the members of the same forum levels, language and time zone,
# with holes (``forums.caching.hole``) where each member's own parts go, and shared on the
# visitor pages' terms (``shared_by_level``: at most VISITOR_PAGE_SECONDS, retired by any
# content change). Each request fills the holes: the header's account links always, and what
# the page shows of the member (read state, follows, watch level) from one query. Rendered
# whole, as before, wherever a member's page differs in more than its holes.


def _reads_as_any_member(user) -> bool:
    """A member whose pages show the same actions as every member of their forum levels: who
    can post and is no moderator (moderators see hidden posts and moderation tools)."""
    return can_post(user) and not is_moderator(user)


def shared_member_page(request: HttpRequest, name: str, build: Callable[[], T]) -> T:
    return shared_by_level(
        f"member-page:{name}",
        visible_forum_levels(request.user),
        build,
        vary=(get_language(), timezone.get_current_timezone_name()),
    )


def page_with_holes(
    request: HttpRequest, template_name: str, context: dict, *, holes: tuple[str, ...]
) -> tuple[str, ...]:
    """``template_name`` rendered for sharing, cut at its holes (``forums.caching.fill``)."""
    html = render_to_string(
        template_name, {**context, "holes": {name: hole(name) for name in holes}}, request=request
    )
    return with_holes(html)


def for_each_state(
    template_name: str, context: dict, obj, attr: str, values: Iterable
) -> dict[Any, str]:
    """``template_name`` rendered once for each value of a member's own ``obj.attr`` (a watch
    level, a follow), with the CSRF placeholder: what fills that hole, per member, after."""
    rendered = {}
    for value in values:
        setattr(obj, attr, value)
        rendered[value] = render_to_string(
            template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}
        )
    setattr(obj, attr, None)  # nobody's, in what is shared
    return rendered


def account_links(request: HttpRequest) -> str:
    """The header's signed-in part (base.html's "account" hole), for this member: cached per
    member, page and language with the unread count, handle and staff status it shows, and
    read together with the unread count in one round trip."""
    user, match = request.user, request.resolver_match
    template_name = "includes/account_nav.html"
    count_key = notifications.unread_key(user.pk)
    key = (
        f"account-links:{template_version((template_name,))}:{get_language()}:"
        f"{match.app_name}:{match.url_name}:{user.pk}"
    )
    found = cache.get_many([count_key, key])
    count = found.get(count_key)
    if count is None:
        count = notifications.unread_count(user)
    request._forums_unread_count = count  # for forums.context_processors
    version = (count, user.handle, user.is_staff)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        html = entry[1]
    else:
        html = render_to_string(
            template_name,
            {
                "app": match.app_name,
                "name": match.url_name,
                "user": user,
                "unread_notification_count": count,
                "csrf_token": CSRF_PLACEHOLDER,
            },
        )
        cache.set(key, (version, html), FRAGMENT_SECONDS)
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


@cache_for_visitors
def forum_index(request: HttpRequest) -> HttpResponse:
    """The forums, as one list rendered once for every reader of the same forum levels and
    shared from the cache (``forums.caching.shared_by_level``); it shows nobody's own state."""
    user = request.user

    def context() -> dict:
        forum_list = shared_render(
            "forum-index",
            visible_forum_levels(user),
            "forums/includes/forum_list.html",
            lambda: {"categories": selectors.forum_index(user=user)},
        )
        return {"forum_list": forum_list}

    if user.is_authenticated and member_page_shareable(request):
        # Nothing on it is the member's own but the header: one page per forum levels.
        page = shared_member_page(
            request,
            "forum-index",
            lambda: page_with_holes(request, "forums/index.html", context(), holes=("account",)),
        )
        return HttpResponse(fill(page, {"account": account_links(request)}))
    return render(request, "forums/index.html", context())


@cache_for_visitors
def category(request: HttpRequest, slug: str) -> HttpResponse:
    # Pages after the first are addressed by a cursor (``?before=``), never a page number: an
    # unreadable one (or an old ``?page=`` link) shows the first page.
    before = selectors.Cursor.decode(request.GET.get("before"))
    if member_page_shareable(request) and _reads_as_any_member(request.user):
        response = _forum_from_shared_page(request, slug, before)
        if response is not None:
            return response
    try:
        forum, threads, after = selectors.forum_page(slug=slug, user=request.user, before=before)
    except Category.DoesNotExist as exc:
        raise Http404 from exc
    rows = thread_rows(request, threads, show_category=False)
    context = _forum_context(request, forum, before, after, rows)
    return render(request, "forums/category.html", {**context, "threads": threads})


def _forum_context(request, forum, before, after, thread_html: list[str]) -> dict:
    return {
        "category": forum,
        "thread_html": thread_html,
        "first_page": before is None,
        "next_cursor": after.encode() if after else "",
        "can_start": can_start_thread(request.user, forum),
    }


class SharedForumPage(NamedTuple):
    forum_pk: int
    page: tuple[str, ...]  # category.html cut at its holes
    threads: tuple[tuple[int, int, object], ...]  # (id, post count, last activity) per row
    read: tuple[str, ...]  # each row as a member who has read it (or never opened it) sees it
    new: tuple[str, ...]  # each row as a member to whom it is new sees it
    follow: tuple[str, str]  # the follow form: not following, following


def _forum_from_shared_page(
    request: HttpRequest, slug: str, before: selectors.Cursor | None
) -> HttpResponse | None:
    """A member's forum page from the page shared by the readers of their forum levels (as
    ``_thread_from_shared_page``), or None for the view to render it. Per request: the member's
    read state and forum follow (one query), the header's account links, the follow form, and
    each row as read, new, or (from the row fragments) with its unread count."""
    user = request.user
    shared = shared_member_page(
        request,
        f"forum:{slug}:{before.encode() if before else ''}",
        lambda: _shared_forum_page(request, slug, before),
    )
    if shared is None:  # no such forum for this reader: the view answers (404)
        return None
    pks = [pk for pk, _count, _at in shared.threads]
    states, following = selectors.thread_states(user, pks, shared.forum_pk)
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
        _forum, threads, _after = selectors.forum_page(
            slug=slug, user=user, before=before, viewer_state=False
        )
        if [t.pk for t in threads] != pks:
            return None  # the content moved between the two reads: render the page
        shown = [threads[i] for i in unread]
        for thread, last_read in zip(shown, unread.values(), strict=True):
            thread.viewer_last_read = last_read
        for i, html in zip(unread, thread_rows(request, shown, show_category=False), strict=True):
            rows[i] = html
    html = fill(
        shared.page,
        {
            "account": account_links(request),
            "follow": shared.follow[following].replace(CSRF_PLACEHOLDER, get_token(request)),
            "rows": "".join(rows),
        },
    )
    return HttpResponse(html)


def _shared_forum_page(
    request: HttpRequest, slug: str, before: selectors.Cursor | None
) -> SharedForumPage | None:
    try:
        forum, threads, after = selectors.forum_page(
            slug=slug, user=request.user, before=before, viewer_state=False
        )
    except Category.DoesNotExist:
        return None
    rows = [hole("rows")] if threads else []  # else the template's "No threads yet."
    page = page_with_holes(
        request,
        "forums/category.html",
        _forum_context(request, forum, before, after, rows),
        holes=("account", "follow"),
    )
    follow = for_each_state(
        "forums/includes/follow_forum.html",
        {"category": forum, "user": request.user},
        forum,
        "viewer_follows",
        (False, True),
    )
    variants = {
        new: thread_rows(request, threads, show_category=False, signed_in=True, new=new)
        for new in (False, True)
    }
    return SharedForumPage(
        forum_pk=forum.pk,
        page=page,
        threads=tuple((t.pk, t.post_count, t.last_posted_at) for t in threads),
        read=tuple(variants[False]),
        new=tuple(variants[True]),
        follow=(follow[False], follow[True]),
    )


@cache_for_visitors
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Tag, slug=slug)
    before = selectors.Cursor.decode(request.GET.get("before"))  # as for forums: never a 500
    threads, after = selectors.tag_threads(tag=obj, user=request.user, before=before)
    follows = request.user.is_authenticated and selectors.follows_tag(tag=obj, user=request.user)
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


def _get_thread(request: HttpRequest, pk: int) -> Thread:
    try:
        return selectors.thread_for_page(pk=pk, user=request.user)
    except Thread.DoesNotExist as exc:
        raise Http404 from exc


def _get_post(request: HttpRequest, pk: int, number: int) -> Post:
    thread = _get_thread(request, pk)
    post = get_object_or_404(Post.objects.select_related("author"), thread=thread, number=number)
    post.thread = thread
    return post


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
        includes=("accounts/includes/member_name.html",),
    )


def _set_post_permissions(posts: list[Post], user) -> None:
    for post in posts:
        post.can_edit = can_edit_post(user, post)
        post.can_delete = can_delete_post(user, post)
        post.can_react = can_react(user, post)
        post.can_view_history = post.edit_count and can_view_history(user, post)


def _thread_viewer(user, thread: Thread) -> dict:
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
    number = page_number(request)
    known = None  # the member's state, when the shared page read it and could not serve them
    if member_page_shareable(request) and _reads_as_any_member(user):
        response, known = _thread_from_shared_page(request, pk, slug, number)
        if response is not None:
            return response
    try:
        obj, posts, page, accepted = selectors.thread_page(
            pk=pk, page=number, user=user, known=known
        )
    except Thread.DoesNotExist as exc:
        raise Http404 from exc
    if slug != obj.slug:
        return redirect(obj, permanent=True)
    last_read = getattr(obj, "viewer_last_read", None)
    for post in posts:
        post.is_unread = user.is_authenticated and post.number > (last_read or 0)
    _set_post_permissions(posts, user)
    if user.is_authenticated and posts and posts[-1].number > (last_read or 0):
        following.mark_thread_read(obj, user=user, number=posts[-1].number)
    viewer = _thread_viewer(user, obj)
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
        },
    )


_UNREAD_HOLES = (hole("unread_class"), hole("unread_badge"))


class SharedThreadPage(NamedTuple):
    thread: Thread  # without anybody's state
    page: tuple[str, ...]  # thread.html cut at its holes (forums.caching.with_holes)
    # The page's posts, in order: numbers, ids, authors, and each one's HTML as a reader who
    # wrote none of them sees it, with holes for its unread mark.
    numbers: tuple[int, ...]
    post_pks: tuple[int, ...]
    authors: frozenset
    posts: tuple[str, ...]
    unread: tuple[str, str]  # what fills the unread holes of an unread post
    tools: dict[str, str]  # the watch form for each watch level


def _thread_from_shared_page(
    request: HttpRequest, pk: int, slug: str, page_number: int
) -> tuple[HttpResponse | None, selectors.PostViewerState | None]:
    """A member's thread page from the page shared by the readers of their forum levels, or
    None when theirs differs from it in more than the holes: then the view renders it whole
    (with the member's state, when it was read here).

    The shared page is what a member who can post, is no moderator, wrote none of the page's
    posts and reacted to and bookmarked none of them sees; it is shared on the visitor pages'
    terms (``shared_by_level``: retired by any content change). Per request: the member's read
    position, watch level, reactions and bookmarks (one query, which decides whether the
    shared page applies), the header's account links, the jump to the first unread post, the
    watch form, the unread marks and the member's CSRF token. A thread page cost a member
    about 5 ms of CPU rendered whole (issue 11).
    """
    user = request.user
    shared = shared_member_page(
        request, f"thread:{pk}:{page_number}", lambda: _shared_thread_page(request, pk, page_number)
    )
    if shared is None:  # no such thread for this reader: the view answers (404)
        return None, None
    obj = shared.thread
    if slug != obj.slug or obj.author_id == user.pk or user.pk in shared.authors:
        return None, None  # a redirect; the author's accept buttons; their posts' edit links
    state = selectors.post_viewer_state(user, obj.pk, list(shared.post_pks))
    if state.reacted or state.bookmarked:
        return None, state
    obj.viewer_last_read, obj.viewer_level = state.last_read, state.level
    last_read = state.last_read or 0
    if shared.numbers and shared.numbers[-1] > last_read:
        following.mark_thread_read(obj, user=user, number=shared.numbers[-1])
    token = get_token(request)
    unread_class, unread_badge = shared.unread
    posts = "".join(
        html.replace(_UNREAD_HOLES[0], unread_class if number > last_read else "").replace(
            _UNREAD_HOLES[1], unread_badge if number > last_read else ""
        )
        for number, html in zip(shared.numbers, shared.posts, strict=True)
    ).replace(CSRF_PLACEHOLDER, token)
    jump = page_number == 1 and last_read and obj.unread_count  # as the template asks
    html = fill(
        shared.page,
        {
            "account": account_links(request),
            "unread_link": render_to_string(
                "forums/includes/jump_to_unread.html", {"thread": obj, "page_number": page_number}
            )
            if jump
            else "",
            "tools": shared.tools[state.level or WatchLevel.NORMAL].replace(
                CSRF_PLACEHOLDER, token
            ),
            "posts": posts,
        },
    )
    return HttpResponse(html), state


def _shared_thread_page(request: HttpRequest, pk: int, page_number: int) -> SharedThreadPage | None:
    """The thread page as a member of the requesting member's forum levels sees it when none
    of it is theirs (see ``_thread_from_shared_page``), with holes for what is."""
    try:
        obj, posts, page, accepted = selectors.thread_page(
            pk=pk, page=page_number, user=request.user, viewer_state=False
        )
    except Thread.DoesNotExist:
        return None
    # The same member with an id nobody has: the permission checks then answer for a reader
    # who wrote none of these posts.
    reader = copy.copy(request.user)
    reader.pk = 0
    _set_post_permissions(posts, reader)
    viewer = _thread_viewer(reader, obj)
    template = get_template("forums/includes/post.html")
    post_html = [
        template.render(
            {**viewer, "post": post, "csrf_token": CSRF_PLACEHOLDER, "unread_holes": _UNREAD_HOLES}
        )
        for post in posts
    ]
    page_html = page_with_holes(
        request,
        "forums/thread.html",
        {**viewer, "post_html": [hole("posts")], "accepted_post": accepted, "page": page},
        holes=("account", "unread_link", "tools"),
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
        page=page_html,
        numbers=tuple(post.number for post in posts),
        post_pks=tuple(post.pk for post in posts),
        authors=frozenset(post.author_id for post in posts),
        posts=tuple(post_html),
        unread=(" is-unread", render_to_string("forums/includes/unread_badge.html")),
        tools=tools,
    )


def post(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    obj = _get_thread(request, pk)
    if number < 1 or number > obj.post_count:
        raise Http404("No such post.")
    return _redirect_to_post(obj, number)


def _redirect_to_post(thread: Thread, number: int) -> HttpResponse:
    page = selectors.page_of_post(number)
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{thread.get_absolute_url()}{query}#post-{number}")


def first_unread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = _get_thread(request, pk)
    return _redirect_to_post(
        obj, selectors.first_unread_number(obj, getattr(obj, "viewer_last_read", None))
    )


# --- The composer: new thread, reply, edit. A draft is saved before anything is validated. ---

KEPT_FIELDS = (("title", _lazy("Title")), ("tags", _lazy("Tags")), ("body", _lazy("Your text")))
_SHORT_FIELDS = {"title", "tags"}


def render_kept_text(
    request: HttpRequest, *, reason: str, status: int, fields=KEPT_FIELDS
) -> HttpResponse:
    """Give the author their text back when a submit cannot be accepted at all.

    Used when the session expired (the POST arrives signed out), as the site's CSRF failure
    view (a form left open across a sign-in) and for suspended members. ``fields`` are the
    (name, label) pairs to give back (cases pass theirs). Text-like fields come back in the
    page to copy; static/js/composer.js also still holds them in the browser.
    """
    kept = [
        (name, label, request.POST.get(name, ""), name in _SHORT_FIELDS)
        for name, label in fields
        if request.method == "POST" and request.POST.get(name, "").strip()
    ]
    return render(
        request,
        "forums/kept_text.html",
        {"kept": kept, "reason": reason, "back": request.path},
        status=status,
    )


def render_suspended(request: HttpRequest, *, fields=KEPT_FIELDS) -> HttpResponse:
    """A suspended member opening or sending a composer: why, until when, and their text back
    (moderation issue; the suspension is set by accounts.moderation.suspend_member)."""
    member = request.user
    until = date_format(timezone.localtime(member.suspended_until), "DATETIME_FORMAT")
    reason = _("Your account is suspended until %(until)s, so you cannot post.") % {"until": until}
    if member.suspension_reason:
        reason = f"{reason} " + _("Reason: %(reason)s") % {"reason": member.suspension_reason}
    return render_kept_text(request, reason=reason, status=403, fields=fields)


def composer_login_required(view):
    """Like login_required, but a signed-out POST gets its text back instead of a redirect."""
    protected = login_required(view)

    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            return render_kept_text(
                request,
                reason=_("You were signed out before this was sent, so it was not posted."),
                status=403,
            )
        if request.user.is_authenticated and is_suspended(request.user):
            return render_suspended(request)
        return protected(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: the form was stale (often a sign-in in another tab)."""
    return render_kept_text(
        request,
        reason=_("This form had expired, so nothing was saved."),
        status=403,
    )


def _preview(body: str) -> tuple[str, str]:
    """(html, error) for the preview, through the same pipeline as a saved post."""
    try:
        return posting.render_post(body)[0], ""
    except RenderError as exc:
        return "", str(exc)


def _composer(request, template: str, context: dict) -> HttpResponse:
    status = context.pop("status", None) or (400 if context.get("failed") else 200)
    return render(request, template, context, status=status)


def rate_limited_message(exc: limits.RateLimited) -> str:
    """For a form re-rendered with status 429: which limit, until when, and the text is kept."""
    return " ".join(
        [
            _("You have reached a rate limit, so this was not sent."),
            exc.message,
            _("Your text is kept below."),
        ]
    )


@composer_login_required
def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_or_404(Category.objects.visible_to(request.user), slug=slug)
    if not can_start_thread(request.user, forum):
        raise PermissionDenied(_("You cannot start threads here yet."))
    preview_html, failed, status = "", False, None
    if request.method == "POST":
        form = ThreadForm(request.POST)
        posting.save_draft(
            user=request.user,
            category=forum,
            title=request.POST.get("title", ""),
            tags=request.POST.get("tags", ""),
            body=request.POST.get("body", ""),
        )
        if "preview" in request.POST:
            preview_html, error = _preview(request.POST.get("body", ""))
            if error:
                form.add_error("body", error)
        elif form.is_valid():
            try:
                limits.check_post(request, body=form.cleaned_data["body"])
                created = posting.create_thread(
                    category=forum,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_data["tags"],
                )
            except (RenderError, posting.PostingError, limits.TextLimitError) as exc:
                form.add_error("body", str(exc))
                failed = True
            except limits.RateLimited as exc:
                form.add_error("body", rate_limited_message(exc))
                failed, status = True, 429
            else:
                request.session["forums_clear_draft"] = f"new-{forum.pk}"
                return redirect(created)
        else:
            failed = True
    else:
        draft = posting.get_draft(user=request.user, category=forum)
        initial = {"title": draft.title, "tags": draft.tags, "body": draft.body} if draft else {}
        form = ThreadForm(initial=initial)
    return _composer(
        request,
        "forums/compose.html",
        {
            "form": form,
            "category": forum,
            "preview_html": preview_html,
            "failed": failed,
            "status": status,
            "draft_key": f"new-{forum.pk}",
            "heading": _("New thread in %(forum)s") % {"forum": forum.name},
            "submit_label": _("Start thread"),
        },
    )


@composer_login_required
def reply(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = _get_thread(request, pk)
    if not can_reply(request.user, obj):
        raise PermissionDenied(_("This thread is closed to replies."))
    preview_html, failed, status = "", False, None
    if request.method == "POST":
        form = ReplyForm(request.POST)
        posting.save_draft(user=request.user, thread=obj, body=request.POST.get("body", ""))
        if "preview" in request.POST:
            preview_html, error = _preview(request.POST.get("body", ""))
            if error:
                form.add_error("body", error)
        elif form.is_valid():
            try:
                posting.check_text(thread=obj, body=form.cleaned_data["body"])
                limits.check_post(request, body=form.cleaned_data["body"])
                created = posting.create_reply(
                    thread=obj, author=request.user, body=form.cleaned_data["body"]
                )
            except (RenderError, posting.PostingError, limits.TextLimitError) as exc:
                form.add_error("body", str(exc))
                failed = True
            except limits.RateLimited as exc:
                form.add_error("body", rate_limited_message(exc))
                failed, status = True, 429
            else:
                request.session["forums_clear_draft"] = f"reply-{obj.pk}"
                return _redirect_to_post(obj, created.number)
        else:
            failed = True
    else:
        draft = posting.get_draft(user=request.user, thread=obj)
        body = draft.body if draft else ""
        quote = whole_number(request.GET.get("quote"), default=0, maximum=MAX_INTEGER)
        if quote:
            quoted = (
                Post.objects.select_related("author")
                .filter(thread=obj, number=quote, is_deleted=False, is_hidden=False)
                .first()
            )
            if quoted is not None:
                quoted.thread = obj
                body = f"{body}\n\n{posting.quote_markdown(quoted)}".lstrip()
        form = ReplyForm(initial={"body": body})
    return _composer(
        request,
        "forums/compose.html",
        {
            "form": form,
            "thread": obj,
            "category": obj.category,
            "preview_html": preview_html,
            "failed": failed,
            "status": status,
            "draft_key": f"reply-{obj.pk}",
            "heading": _("Reply to “%(title)s”") % {"title": obj.title},
            "submit_label": _("Post reply"),
        },
    )


@composer_login_required
def edit(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    if not can_edit_post(request.user, post_obj):
        raise PermissionDenied(_("You may not edit this post."))
    preview_html, failed = "", False
    thread_obj = post_obj.thread
    form_class = EditThreadForm if post_obj.number == 1 else EditForm
    if request.method == "POST":
        form = form_class(request.POST)
        if "preview" in request.POST:
            preview_html, error = _preview(request.POST.get("body", ""))
            if error:
                form.add_error("body", error)
        elif form.is_valid():
            try:
                posting.check_text(thread=thread_obj, body=form.cleaned_data["body"])
                limits.check_edit(request, body=form.cleaned_data["body"])
                with transaction.atomic():
                    posting.edit_post(post_obj, by=request.user, body=form.cleaned_data["body"])
                    if post_obj.number == 1:
                        posting.edit_thread(
                            thread_obj,
                            by=request.user,
                            title=form.cleaned_data["title"],
                            tags=form.cleaned_data["tags"],
                        )
            except (RenderError, posting.PostingError, limits.TextLimitError) as exc:
                form.add_error("body", str(exc))
                failed = True
            else:
                request.session["forums_clear_draft"] = f"edit-{post_obj.pk}"
                return _redirect_to_post(thread_obj, post_obj.number)
        else:
            failed = True
    else:
        initial = {"body": post_obj.source}
        if post_obj.number == 1:
            tag_names = sorted(tag.name for tag in thread_obj.tags.all())
            initial |= {"title": thread_obj.title, "tags": ", ".join(tag_names)}
        form = form_class(initial=initial)
    return _composer(
        request,
        "forums/compose.html",
        {
            "form": form,
            "thread": post_obj.thread,
            "category": post_obj.thread.category,
            "preview_html": preview_html,
            "failed": failed,
            "draft_key": f"edit-{post_obj.pk}",
            "heading": _("Edit post #%(number)s") % {"number": post_obj.number},
            "submit_label": _("Save changes"),
        },
    )


@login_required
@require_POST
def save_draft(request: HttpRequest) -> JsonResponse:
    """Autosave from static/js/composer.js: ``kind`` is reply or new, ``target`` the id."""
    kind, target = request.POST.get("kind"), request.POST.get("target", "")
    if not target.isdigit() or not can_post(request.user):
        return JsonResponse({"saved": False}, status=400)
    body = request.POST.get("body", "")[: posting.MAX_DRAFT_CHARS]
    if kind == "reply":
        obj = get_object_or_404(Thread.objects.visible_to(request.user), pk=int(target))
        posting.save_draft(user=request.user, thread=obj, body=body)
    elif kind == "new":
        forum = get_object_or_404(Category.objects.visible_to(request.user), pk=int(target))
        posting.save_draft(
            user=request.user,
            category=forum,
            body=body,
            title=request.POST.get("title", ""),
            tags=request.POST.get("tags", ""),
        )
    else:
        return JsonResponse({"saved": False}, status=400)
    return JsonResponse({"saved": True})


def history(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    if not can_view_history(request.user, post_obj):
        raise PermissionDenied
    return render(
        request,
        "forums/history.html",
        {
            "post": post_obj,
            "thread": post_obj.thread,
            "revisions": selectors.post_history(post=post_obj),
        },
    )


# --- Small POST actions. Each calls one service and goes back to the post. ---


@login_required
@require_POST
def delete(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    posting.delete_post(post_obj, by=request.user)
    messages.success(request, _("The post was deleted."))
    return _redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def react(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    if request.POST.get("undo"):
        reactions.remove_reaction(post_obj, by=request.user)
    else:
        reactions.react_to_post(post_obj, by=request.user)
    return _redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    if request.POST.get("undo"):
        reactions.unaccept_answer(post_obj.thread, by=request.user)
    else:
        reactions.accept_answer(post_obj, by=request.user)
    return _redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def bookmark(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    if request.POST.get("undo"):
        reactions.remove_bookmark(post_obj, user=request.user)
    else:
        reactions.bookmark_post(post_obj, user=request.user)
    return _redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def hide_post(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    reason = request.POST.get("reason", "")
    if request.POST.get("undo"):
        moderation.unhide_post(post_obj, by=request.user, reason=reason)
    else:
        moderation.hide_post(post_obj, by=request.user, reason=reason)
    return _redirect_to_post(post_obj.thread, number)


MODERATION_ACTIONS = {
    "lock": moderation.lock_thread,
    "unlock": moderation.unlock_thread,
    "pin": moderation.pin_thread,
    "unpin": moderation.unpin_thread,
    "hide": moderation.hide_thread,
    "unhide": moderation.unhide_thread,
}


@login_required
@require_POST
def moderate_thread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = _get_thread(request, pk)
    action = MODERATION_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return HttpResponse(status=400)
    action(obj, by=request.user, reason=request.POST.get("reason", ""))
    return redirect(obj)


@login_required
@require_POST
def watch(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = _get_thread(request, pk)
    level = request.POST.get("level", "")
    if level not in WatchLevel.values or not can_read_thread(request.user, obj):
        return HttpResponse(status=400)
    following.set_watch_level(obj, user=request.user, level=level)
    return redirect(obj)


@login_required
@require_POST
def follow_forum(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_or_404(Category.objects.visible_to(request.user), slug=slug)
    if request.POST.get("undo"):
        following.unfollow_category(forum, user=request.user)
    else:
        following.follow_category(forum, user=request.user)
    if request.POST.get("next") == "settings":
        return redirect("forums:following")
    return redirect(forum)


@login_required
@require_POST
def follow_tag(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Tag, slug=slug)
    if request.POST.get("undo"):
        following.unfollow_tag(obj, user=request.user)
    else:
        following.follow_tag(obj, user=request.user)
    if request.POST.get("next") == "settings":
        return redirect("forums:following")
    return redirect("forums:tag", slug=obj.slug)


@login_required
def following_settings(request: HttpRequest) -> HttpResponse:
    """Lists what the member follows; a POST with ``tag`` follows an existing tag by name."""
    tag_error, status = "", 200
    if request.method == "POST":
        name = request.POST.get("tag", "").strip()
        found = Tag.objects.filter(name__iexact=name).first() if name else None
        if found is not None:
            following.follow_tag(found, user=request.user)
            return redirect("forums:following")
        tag_error, status = _("No thread uses the tag “%(name)s” yet.") % {"name": name[:50]}, 400
    return render(
        request,
        "forums/following.html",
        {
            "following": selectors.following(user=request.user),
            "watch_levels": WatchLevel.choices,
            "tag_error": tag_error,
            "tag_value": request.POST.get("tag", "")[:50],
        },
        status=status,
    )


@login_required
def bookmark_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "forums/bookmarks.html", {"bookmarks": selectors.bookmarks(user=request.user)}
    )


# --- Notifications ---


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows, page = selectors.notifications_page(user=request.user, page=page_number(request))
    return render(request, "forums/notifications.html", {"notifications": rows, "page": page})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read and go to what it is about."""
    item = get_object_or_404(
        Notification.objects.filter(notification_visibility_filter(request.user)).select_related(
            "thread__category", "post"
        ),
        pk=pk,
    )
    notifications.mark_notification_read(item, user=request.user)
    if request.POST.get("stay"):
        return redirect("forums:notifications")
    if item.kind in notifications.REPORT_KINDS and not can_read_thread(request.user, item.thread):
        # A report that was acted on often hid the thread: nothing to open, so stay here.
        messages.info(request, _("The content you reported is no longer shown."))
        return redirect("forums:notifications")
    if item.post is not None:
        return _redirect_to_post(item.thread, item.post.number)
    return redirect(item.thread)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notifications.mark_all_notifications_read(user=request.user)
    return redirect(reverse("forums:notifications"))


def similar_threads(request: HttpRequest) -> JsonResponse:
    """Threads with titles like ``?title=``, for the new-thread composer (static/js/similar.js)."""
    from forums.search import similar_threads as find_similar

    threads = find_similar(user=request.user, title=request.GET.get("title", ""))
    return JsonResponse(
        {"threads": [{"title": t.title, "url": t.get_absolute_url()} for t in threads]}
    )


@cache_for_visitors
def search(request: HttpRequest) -> HttpResponse:
    """The search page: bad input never errors, it comes back with a message beside the field."""
    from forums.search import SearchForm, search

    form = SearchForm(request.GET or None, user=request.user)
    page, searched = None, False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        searched = True
        page = search(
            user=request.user,
            query=data["q"],
            forum=data["forum"],
            tag=data["tag"],
            author=data["author"],
            type=data["type"],
            after=data["after"],
            before=data["before"],
            sort=data["sort"] or "relevance",
            page=data["page"] or 1,
        )
    results = page.results if page else []
    posts = results if page and page.kind == "post" else []
    return render(
        request,
        "forums/search.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "result_html": search_rows(request, posts),
            "searched": searched,
        },
    )


def search_rows(request: HttpRequest, posts: list[Post]) -> list[str]:
    """Each found post's HTML, cached by everything ``forums/includes/search_result.html``
    shows (the same for every reader: the posts are already the ones this reader may read)."""

    def version(post: Post) -> tuple:
        return (
            post.pk,
            post.number,
            post.thread_id,
            post.thread.slug,
            post.thread.title,
            post.thread.category.name,
            post.author and post.author.name,
            post.created_at,
            str(post.snippet),
        )

    return render_rows(
        request,
        "forums/includes/search_result.html",
        posts,
        version=version,
        context=lambda post: {"post": post},
    )


# --- Reporting (moderation issue) -------------------------------------------------------------


def report_page(
    request: HttpRequest, *, target, heading: str, back: str, breadcrumbs: list[tuple[str, str]]
) -> HttpResponse:
    """The report form for a post, thread or case (cases.views uses it too). Rate-limited per
    member and per address; refused or invalid, the form comes back with the text in it."""
    if not reports.can_report(request.user):
        raise PermissionDenied(_("Only members with a verified email address can report."))
    # Bound on every POST, even an empty one, so a blank submit names the missing field.
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            limits.check_report(request)
            reports.report_content(
                target,
                by=request.user,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except limits.RateLimited as exc:
            form.add_error(None, rate_limited_message(exc))
            status = 429
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect(back)
    return render(
        request,
        "forums/report.html",
        {"form": form, "heading": heading, "back": back, "breadcrumbs": breadcrumbs},
        status=status if status != 200 else (400 if form.errors else 200),
    )


def _thread_crumbs(thread: Thread) -> list[tuple[str, str]]:
    return [(reverse("forums:index"), _("Forums")), (thread.get_absolute_url(), thread.title)]


@login_required
def report_post(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = _get_post(request, pk, number)
    return report_page(
        request,
        target=post_obj,
        breadcrumbs=_thread_crumbs(post_obj.thread),
        heading=_("Report post #%(number)d") % {"number": post_obj.number},
        back=f"{post_obj.thread.get_absolute_url()}{post_obj.number}",
    )


@login_required
def report_thread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = _get_thread(request, pk)
    return report_page(
        request,
        target=obj,
        breadcrumbs=_thread_crumbs(obj),
        heading=_("Report “%(title)s”") % {"title": obj.title},
        back=obj.get_absolute_url(),
    )
