"""Reading a member's page's cache keys in the same round trip as their session (issue 28).

A member's shared page costs two round trips to the cache, one after the other: the session
(``accounts.sessions``), and then the page's copy with the member's header and state
(``forums.sharing.cache``). The second cannot be asked for first: which keys it reads depends
on the member, their forum levels and language, which the session tells.

But a member reads the same page again and again, and the keys of a page do not change from
one read to the next while the member's levels and language stay. So each web process
remembers which keys a session's page read the last time (keys only, never values: bounded,
least recently used first out), and the session's round trip reads them too. When the page
then asks for exactly those keys, it takes what that round trip read instead of asking again.
Anything else (a first visit, a member whose levels changed, a page that asks for other keys)
asks the cache as before, and is remembered for the next time.

The values are as fresh as the ones a second round trip would have read, less a fraction of a
millisecond: both come from one command to the cache, made when the request began, and the
page's own generations are read in the same command, so a page retired since is seen as
retired.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

# How many (session, page) pairs a web process remembers: about 2 KB each (a dozen keys),
# so at most ~2 MB of a worker's memory, whatever the traffic.
REMEMBERED = 1000

_keys: OrderedDict[tuple[str, str], tuple[str, ...]] = OrderedDict()
_lock = threading.Lock()  # for threaded workers: an eviction between two steps is no KeyError


def page_of(request: HttpRequest) -> str | None:
    """What identifies the page being read, or None for a request that reads ahead nothing
    (anything but a GET or HEAD)."""
    if request.method not in ("GET", "HEAD"):
        return None
    return request.get_full_path()


def remembered(session_key: str | None, page: str | None) -> tuple[str, ...]:
    """The keys this session's page read the last time (none if it is not remembered)."""
    if session_key is None or page is None:
        return ()
    with _lock:
        keys = _keys.get((session_key, page))
        if keys is None:
            return ()
        _keys.move_to_end((session_key, page))
    return keys


def take(request: HttpRequest, keys: list[str]) -> dict[str, Any] | None:
    """What the session's round trip read of ``keys`` (as ``cache.get_many`` returns it: the
    keys found), if it read exactly these keys; else None, and ``keys`` are remembered for the
    page's next read. Taken once: a second read in the same request asks the cache."""
    session = getattr(request, "session", None)
    read = getattr(session, "read_ahead", None)
    page = getattr(session, "read_ahead_page", None)
    session_key = getattr(session, "session_key", None)
    if read is not None:
        session.read_ahead = None  # type: ignore[union-attr]
        if read.keys() == set(keys):
            return {key: value for key, value in read.items() if value is not None}
    if session_key and page:
        with _lock:
            _keys[(session_key, page)] = tuple(keys)
            _keys.move_to_end((session_key, page))
            while len(_keys) > REMEMBERED:
                _keys.popitem(last=False)
    return None


def get_many(request: HttpRequest | None, keys: list[str]) -> dict[str, Any]:
    """``cache.get_many(keys)``, answered from the session's round trip where it read exactly
    these keys for the ``request``'s page (``take``)."""
    found = take(request, keys) if request is not None else None
    return cache.get_many(keys) if found is None else found


def forget_all() -> None:
    """Forget every remembered page (tests)."""
    with _lock:
        _keys.clear()
