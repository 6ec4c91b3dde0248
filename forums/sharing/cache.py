"""A short shared cache of whole pages for visitors who are not signed in (issue 11).

Visitors are most of a forum's readers and all see the same page, so a page they open is
served from the cache for ``VISITOR_PAGE_SECONDS`` (Redis in production, shared by every web
machine). Only requests that carry no session or messages cookie take part: a signed-in member,
or a visitor in the middle of something (a failed sign-in, a flash message), always gets a
fresh page, so nobody sees someone else's state and nobody's CSRF token is shared. Each web
process also keeps copies of the visitors' pages it served and serves them with no round trip
while Redis says no generation moved (``forums.sharing.copies``).

Shared pages are built from named families of facts, each with a *generation* that the
services changing those facts move, on commit, by ``retire``: ``CONTENT`` (a post written,
edited, hidden, redacted or deleted; a case published or hidden; a reaction, a lock, a pin:
``content_changed`` is ``retire(CONTENT)``), ``FORUMS`` (a forum added, renamed, moved or
given another visibility: ``forums.posting.categories.save_forum``) and ``MEMBERS`` (what a
profile shows: a name, a follower count, a deactivation; ``accounts.profiles.members_changed``,
since accounts cannot import this). An entry stored under older
generations is never served again, so a hidden post leaves visitors' pages at once rather than
when the cache expires. Indexing for search retires nothing: the service that changed the text
says so itself. The time limit bounds what nothing signals (SQL).

Members never get a visitor's page. What is the same for every reader of the same forum levels
(the home page's thread lists, a forum's page of threads, a thread's page of posts, the forum
index, the case list, the posts a search finds) is shared on the same terms by
``shared_by_level``, each member's own state added per request; and the forum index, forum
pages and thread pages are shared whole with slots that each request fills with the member's
own parts (``forums.sharing``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accounts import profiles
from config import read_ahead
from config.cache import next_generation, start_generation
from config.key_watch import KeyWatch
from forums.sharing.copies import Copy, PageCopies

# The named generations every shared page is built under (see the module docstring).
CONTENT = "content"
FORUMS = "forums"
# What a member's profile shows others (a name, a follower count, being listed or active):
# moved by accounts' services (``accounts.profiles.members_changed``), which cannot import this.
MEMBERS = "members"
GENERATION_KEY = "visitor-pages:generation"  # the content generation's
GENERATION_KEYS = {
    CONTENT: GENERATION_KEY,
    FORUMS: "forums:generation",
    MEMBERS: profiles.GENERATION_KEY,
}
T = TypeVar("T")


def retire(*names: str) -> None:
    """Once the current transaction commits, move these generations on: every shared page
    built under an earlier one is out of date. Called by the service that changed the facts."""
    keys = [GENERATION_KEYS[name] for name in names]  # a KeyError names a typo at once

    def move() -> None:
        for key in keys:
            next_generation(cache, key)

    transaction.on_commit(move)


def content_changed() -> None:
    """What may be read changed (a post, a thread, a case, a reaction): ``retire(CONTENT)``."""
    retire(CONTENT)


def digest(values: Iterable) -> str:
    """A short, fixed-length cache key part standing for ``values`` (their repr, hashed): for
    keys made of what a reader typed or of a row's whole version."""
    return hashlib.blake2b(repr(tuple(values)).encode(), digest_size=16).hexdigest()


def shared_by_level(
    name: str,
    levels: list[str],
    compute: Callable[[], T],
    *,
    vary: Iterable = (),
    prefetch: dict | None = None,
    request: HttpRequest | None = None,
) -> T:
    """What every reader of the same forum levels sees alike (the home page's thread lists),
    computed once and shared from the cache on the same terms as visitors' pages: for
    ``VISITOR_PAGE_SECONDS`` at most, and retired at once by ``content_changed``. Anything that
    differs per member (read state, follows) must be added after, never stored here. ``vary``:
    further values the result depends on (a search's words and filters), digested into the key.
    ``prefetch``: other keys to read in the same round trip (the member's header), each
    replaced by what the cache holds for it (None for nothing). ``request``: the member's,
    whose session may have read all these keys already (``config.read_ahead``).
    """
    seconds = settings.VISITOR_PAGE_SECONDS
    if not seconds:
        return compute()
    vary = tuple(vary)
    key = f"shared:{name}:{','.join(sorted(levels))}{':' + digest(vary) if vary else ''}"
    generation, entry = _current(key, prefetch, request)
    if entry is not None:
        return entry[0]
    value = compute()  # None too is kept: "no such published case" is worth sharing as well
    cache.set(key, (generation, (value,)), seconds)
    return value


def shared_render(
    name: str,
    levels: list[str],
    template_name: str,
    context: Callable[[], dict],
    *,
    vary: Iterable = (),
) -> SafeString:
    """``template_name`` rendered with ``context()`` once for every reader of the same forum
    levels and language, and shared like ``shared_by_level``. The template must show nobody's
    own state."""
    html = shared_by_level(
        name,
        levels,
        lambda: render_to_string(template_name, context()),
        vary=(get_language(), *vary),
    )
    return mark_safe(html)  # noqa: S308 - template output (autoescaped), as rendered


def _current(
    key: str, prefetch: dict | None = None, request: HttpRequest | None = None
) -> tuple[tuple[int, ...], tuple | None]:
    """The current generations and what ``key`` holds for them (None if it holds nothing, or
    something from earlier generations), in one round trip: entries carry their generations
    instead of having them in their key, which would need a read of its own first. The keys
    of ``prefetch`` are read in the same round trip and their values put in it."""
    keys = list(GENERATION_KEYS.values())
    # Prefetched keys may repeat the generations (a member's kept state is stamped with them).
    wanted = list(dict.fromkeys([*keys, key, *(prefetch or ())]))
    found = read_ahead.get_many(request, wanted)
    if prefetch is not None:
        prefetch.update({name: found.get(name) for name in prefetch})
    generation = cast(tuple[int, ...], tuple(found.get(name) for name in keys))
    if None in generation:
        return tuple(found.get(name) or start_generation(cache, name) for name in keys), None
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return generation, None
    return generation, entry[1]


def shareable(request: HttpRequest) -> bool:
    """Whether a member's page may be built from a shared one: a GET with nothing pending for
    them alone (a message, a draft to clear). Which members a page may be shared with is the
    page's ``serves``."""
    session = request.session
    return (
        bool(settings.VISITOR_PAGE_SECONDS)
        and request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES
        and "_messages" not in session
        and "forums_clear_draft" not in session
    )


def _shareable(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def cache_for_visitors(view):
    """Serve this view's pages to visitors from the shared cache (see the module docstring),
    and from this process's copies of them while nothing has changed (``copies``)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = settings.VISITOR_PAGE_SECONDS
        if not seconds or not _shareable(request):
            return view(request, *args, **kwargs)
        key = f"visitor-page:v2:{get_language()}:{request.get_full_path()}"
        epoch = _epoch()
        copy = _copies.get(key, epoch, time.time()) if epoch is not None else None
        stored = None
        if copy is not None:
            response = HttpResponse(copy.content, content_type=copy.content_type)
        else:
            generation, stored = _current(key)
            if stored is not None:
                content, content_type, _ = stored
                response = HttpResponse(content, content_type=content_type)
            else:
                response, stored = _built(view, request, args, kwargs, key, generation)
        # Copied only if no generation moved while the page was read or built: a change
        # announced meanwhile has moved the epoch (a later one makes the copy stale at once).
        if stored is not None and epoch is not None and _watch.epoch() == epoch:
            _copies.put(key, Copy(epoch, stored[2], stored[0], stored[1]))
        # Whatever sits between here and the visitor must not hand this page to a member.
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped


def _built(view, request, args, kwargs, key, generation) -> tuple[HttpResponse, tuple | None]:
    """The view's page for a visitor, and what was shared of it under ``generation`` (None
    when the page is not for sharing)."""
    response = view(request, *args, **kwargs)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or response.has_header("Cache-Control")
        # The page holds a CSRF token (a form): it belongs to this visitor alone.
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        return response, None
    seconds = settings.VISITOR_PAGE_SECONDS
    stored = (response.content, response["Content-Type"], time.time() + seconds)
    cache.set(key, (generation, stored), seconds)
    return response, stored


# This process's copies of visitors' pages, and the watch that says when they are out of date.
_watch = KeyWatch(lambda: list(GENERATION_KEYS.values()))
_copies = PageCopies(0)


def _epoch() -> int | None:
    """The generations' epoch when this process may keep copies of visitors' pages (None: it
    may not, or cannot know: read the shared cache)."""
    budget = settings.VISITOR_PAGE_COPIES_MB * 2**20
    if budget != _copies.budget:
        _copies.budget = budget
        _copies.clear()
    return _watch.epoch() if budget else None
