"""Each web process's own copies of the visitors' pages it served last (issue 28).

A visitor's page served from the shared cache still costs a round trip to Redis: the page and
the generations it must have been built under come back together (``cache._current``). Most
visitors read the same few pages (a forum's first page, the thread everybody is reading), so
each process keeps copies of the ones it served, in memory, and serves them again with no
round trip at all while both hold:

- no generation has moved since the copy was made: ``config.key_watch`` is told by Redis of
  every change to a generation key, and its epoch moves with each (a copy carries the epoch
  read before its page was read or built);
- the shared entry it copies has not expired: a copy ends when the entry does
  (``VISITOR_PAGE_SECONDS`` after the page was built, whatever the process).

So a copy is exactly as fresh as the shared entry would be: a hidden post leaves it at once.
When the process cannot know (the cache is not Redis, or its change messages stopped), it
makes and serves no copies. The copies are bounded in bytes (``VISITOR_PAGE_COPIES_MB`` per
process, least recently served first out), so a worker's memory stays level whatever the
traffic.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import NamedTuple

# What a copy costs besides its page and key: the tuple, the dict slot, the key string's header.
OVERHEAD_BYTES = 200


class Copy(NamedTuple):
    epoch: int
    expires_at: float  # time.time(): the shared entry's end, the same on every machine
    content: bytes
    content_type: str


class PageCopies:
    """Pages by cache key, at most ``budget`` bytes of them; see the module docstring."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._copies: OrderedDict[str, Copy] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, epoch: int, now: float) -> Copy | None:
        """The copy of ``key`` if it was made in ``epoch`` and has not expired by ``now``."""
        with self._lock:
            copy = self._copies.get(key)
            if copy is None:
                return None
            if copy.epoch != epoch or copy.expires_at <= now:
                self._remove(key)
                return None
            self._copies.move_to_end(key)
            return copy

    def put(self, key: str, copy: Copy) -> None:
        size = _size(key, copy)
        if size > self.budget:  # bigger than all the room there is: not kept
            return
        with self._lock:
            self._remove(key)
            self._copies[key] = copy
            self._bytes += size
            while self._bytes > self.budget:
                self._remove(next(iter(self._copies)))

    def clear(self) -> None:
        with self._lock:
            self._copies.clear()
            self._bytes = 0

    @property
    def size(self) -> int:
        """The bytes held (as counted against the budget)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._copies)

    def _remove(self, key: str) -> None:
        copy = self._copies.pop(key, None)
        if copy is not None:
            self._bytes -= _size(key, copy)


def _size(key: str, copy: Copy) -> int:
    return len(copy.content) + len(key) + len(copy.content_type) + OVERHEAD_BYTES
