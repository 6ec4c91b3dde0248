"""A member's own pages, kept whole for them for a short while: the shared-page seam's third
kind, beside visitors' pages (``cache.cache_for_visitors``) and pages shared between members
(``member_pages.SharedMemberPage``).

Notifications, bookmarks, the inbox, a conversation, the learning log and the Following tab
show nothing another member sees the same way, so there is nothing to share and no slot to
fill: everything but the header is the member's own. What repeats is the same member opening
the same page again, so each is kept for that member, whole, on the same terms as the shared
pages (at most ``VISITOR_PAGE_SECONDS``), and served again while nothing it shows has changed.
A view declares itself one with ``@own_page("name")``.

An entry is stored with the generations it was built under and served only while all of them
are current:

- the shared generations (``cache.GENERATION_KEYS``: a thread's title, a post hidden, a name
  or a follower count, a forum's visibility);
- the members' generation (``accounts.sessions.GENERATION_KEY``: any member's row changed, so
  a verification granted or revoked, a deactivation, a verified badge next to a name);
- the member's own generation, moved by ``own_pages_changed`` on commit: by every unsafe
  request the member makes (``retire_after_unsafe_request``: a bookmark, a follow, a message,
  a reflection, a setting), and by the services that change a member's own lists on someone
  else's behalf (a notification created or read, a message sent or hidden in their
  conversation, the weekly prompt turned off from an email).

The same generations keep a member's own parts of shared pages: a part (``own_part``: the home
page's sections) and the state of a ``SharedMemberPage`` that ``keeps_state`` (``state_keys``,
``kept_state``, ``keep_state``: read with the shared copy), which is why reading a thread
further (``forums.posting.following.mark_thread_read``), a follow and a watch level move the
member's generation too.

The time limit bounds what nothing signals ("3 minutes ago"). Forms keep ``CSRF_PLACEHOLDER``
in the stored page (``fragments.csrf_token_for``) and each answer puts the reader's own token
in, so no token is stored. Pending messages, a draft to clear, anything but a GET: the view
answers (``cache.shareable``).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from accounts import sessions
from config import read_ahead
from config.cache import start_generation
from forums.models import Participant
from forums.sharing.cache import GENERATION_KEYS, digest, shareable
from forums.sharing.fragments import CSRF_PLACEHOLDER, RENDERING_OWN_PAGE, csrf_token_for

# A member's own generation outlives every entry built under it many times over.
GENERATION_SECONDS = 60 * 60 * 24
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

T = TypeVar("T")

# Every declared own page, by name (the tests go through them all).
OWN_PAGES: dict[str, Callable] = {}


def generation_key(user_id: int) -> str:
    return f"own-pages:generation:{user_id}"


def _move(user_ids: Iterable[int]) -> None:
    """Give these members' generations new values, all in one round trip: any value unlike
    the one before retires what was kept under it (random, so no two moves can agree)."""
    keys = {generation_key(pk) for pk in user_ids if pk is not None}
    if keys:
        cache.set_many({key: _fresh() for key in keys}, GENERATION_SECONDS)


def _fresh() -> int:
    return secrets.randbits(62)


def own_pages_changed(user_ids: Iterable[int | None]) -> None:
    """What these members' own pages show changed: move their generations now, and again
    once the current transaction commits (a page read in between may have kept the old
    state under the moved generation)."""
    ids = [pk for pk in set(user_ids) if pk is not None]
    if ids:
        _move(ids)
        transaction.on_commit(lambda: _move(ids))


def conversation_changed(conversation_id: int) -> None:
    """A conversation's messages changed: the inbox and conversation pages kept for its
    participants are out of date. (Members added to it are retired by the service adding
    them: they are not participants yet.)"""
    own_pages_changed(
        Participant.objects.filter(conversation_id=conversation_id).values_list(
            "user_id", flat=True
        )
    )


def own_generations(user_id: int) -> list[str]:
    """Every generation a member's own page is kept under (``kept_page``), to which a page
    adds its own: the moderators' case review, the case's (``cases.review.generations``)."""
    return [*GENERATION_KEYS.values(), sessions.GENERATION_KEY, generation_key(user_id)]


def _key(kind: str, name: str, user_id: int, *place) -> str:
    """Where something of one member's is kept: by language and time zone (and ``place``)."""
    where = digest((get_language(), timezone.get_current_timezone_name(), *place))
    return f"{kind}:{name}:{user_id}:{where}"


def kept_state(found: dict, keys: list[str], key: str) -> tuple[tuple, tuple | None]:
    """The stamp of the generations ``keys`` in ``found`` (one round trip's answer) and what
    ``key`` holds under it, or None (nothing, an older stamp, or a generation not started)."""
    stamp = tuple(found.get(name) for name in keys)
    entry = found.get(key)
    if None in stamp or entry is None or entry[0] != stamp:
        return stamp, None
    return stamp, entry[1]


def _start(keys: list[str], stamp: tuple) -> None:
    """Start the generations the cache does not hold (first use, or evicted), each unlike any
    earlier value: the shared ones as ``config.cache`` does, the member's own (last) here."""
    for name, value in zip(keys, stamp, strict=True):
        if value is None:
            if name == keys[-1]:
                cache.add(name, _fresh(), GENERATION_SECONDS)
            else:
                start_generation(cache, name)


def keep_state(stamp: tuple, keys: list[str], key: str, value) -> None:
    """Keep ``value`` under ``stamp``, for ``VISITOR_PAGE_SECONDS`` at most; with a generation
    not started yet, start it and keep nothing (the next request does)."""
    if None in stamp:
        _start(keys, stamp)
        return
    cache.set(key, (stamp, (value,)), settings.VISITOR_PAGE_SECONDS)


def _kept(
    user_id: int, key: str, request: HttpRequest | None = None, keys: list[str] | None = None
) -> tuple[tuple, tuple | None]:
    """The member's generations (``keys``, all of them by default) and what ``key`` holds under
    them, in one round trip (none when the member's session read them ahead for the
    ``request``'s page: ``config.read_ahead``); those the cache lost are started and read again
    (before anything is rendered under them)."""
    keys = keys or own_generations(user_id)
    wanted = [*keys, key]
    stamp, kept = kept_state(read_ahead.get_many(request, wanted), keys, key)
    if None in stamp:
        _start(keys, stamp)
        found = cache.get_many(keys)
        stamp = tuple(found.get(name) for name in keys)
    return stamp, kept


def _rendered_to_keep(request: HttpRequest, render: Callable[[], T]) -> T:
    """``render()`` with its forms given the placeholder, not the reader's token."""
    setattr(request, RENDERING_OWN_PAGE, True)
    try:
        return render()
    finally:
        setattr(request, RENDERING_OWN_PAGE, False)


def own_page(name: str):
    """Keep this view's page for each member (see the module docstring). The view must show
    only what the generations above follow: the member's own rows and shared facts."""

    def decorate(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not (user.is_authenticated and shareable(request)):
                return view(request, *args, **kwargs)
            return kept_page(
                request,
                _key("own-page", name, user.pk, request.get_full_path()),
                own_generations(user.pk),
                lambda: view(request, *args, **kwargs),
            )

        OWN_PAGES[name] = wrapped
        return wrapped

    return decorate


def kept_page(
    request: HttpRequest,
    key: str,
    generations: list[str],
    render: Callable[[], HttpResponse],
    *,
    note: Callable[[HttpResponse], object] | None = None,
    usable: Callable[[object], bool] | None = None,
) -> HttpResponse:
    """The page kept for the member under ``key`` while ``generations`` are current, or
    ``render()``'s, kept (a 200 setting no cookie). The caller checked ``shareable``. A page
    that also depends on the clock keeps ``note(response)`` with it and is served only while
    ``usable(noted)``."""
    user_id: int = request.user.pk  # type: ignore[assignment]  # a member's page: signed in
    stamp, kept = _kept(user_id, key, request, generations)
    if kept is not None:
        content, content_type, *noted = kept[0]
        if usable is None or (noted and usable(noted[0])):
            return HttpResponse(
                content.replace(CSRF_PLACEHOLDER, csrf_token_for(request)),
                content_type=content_type,
            )
    response = _rendered_to_keep(request, lambda: _now(render()))
    if response.status_code == 200 and not response.streaming and not response.cookies:
        page = (
            response.content.decode(),
            response["Content-Type"],
            *([note(response)] if note else []),
        )
        keep_state(stamp, generations, key, page)
    return _with_token(request, response)


def _now(response: HttpResponse) -> HttpResponse:
    """A TemplateResponse rendered at once, while its forms are given the placeholder."""
    if isinstance(response, SimpleTemplateResponse):
        response.render()
    return response


def page_key(name: str, user_id: int, *place) -> str:
    """Where ``kept_page`` keeps a page of one member's: by language and time zone, and by
    ``place``, which must hold everything the page shows that its generations do not follow."""
    return _key("own-page", name, user_id, *place)


def state_keys(request: HttpRequest, name: str) -> tuple[list[str], str]:
    """The generations a member's state on a shared page is kept under, and its key: for a
    ``SharedMemberPage`` that keeps it (``keeps_state``), read with its shared copy."""
    user_id: int = request.user.pk  # type: ignore[assignment]  # a member's page: signed in
    return own_generations(user_id), _key("own-state", name, user_id)


def own_part(request: HttpRequest, name: str, render: Callable[[], str]) -> str:
    """A part of a shared page that is the member's own (the home page's sections), kept for
    them on the same terms as their own pages: ``render()`` once, then the kept copy while
    its generations are current. A part whose showing is itself a change (a prompt shown once
    a week) moves the member's generation when it writes that."""
    user_id: int = request.user.pk  # type: ignore[assignment]  # a member's page: signed in
    key = _key("own-part", name, user_id)
    stamp, kept = _kept(user_id, key)
    if kept is not None:
        html = kept[0]
    else:
        html = _rendered_to_keep(request, render)
        keep_state(stamp, own_generations(user_id), key, html)
    return html.replace(CSRF_PLACEHOLDER, csrf_token_for(request))


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The view's own response, its forms given the reader's token."""
    if not response.streaming and CSRF_PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(
            CSRF_PLACEHOLDER.encode(), csrf_token_for(request).encode()
        )
    return response


def retire_after_unsafe_request(get_response):
    """Middleware: whatever a member changes (a POST), their own pages are rebuilt after."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.method not in SAFE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                _move([user.pk])
        return response

    return middleware
