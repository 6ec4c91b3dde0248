"""Django's Redis cache, keeping one Redis client per connection pool (issue 11).

``django.core.cache.backends.redis`` builds a new ``redis.Redis`` for every cache call, and its
constructor fills a table of about 170 response callbacks: ~0.15 ms a call, more than the round
trip to a Redis on the same network. A member's page makes five or six cache calls (session,
shared data, fragments, unread count), so that was about a millisecond a page. A ``redis.Redis``
is safe to share between threads (each command takes a connection from the pool), and pools
reset themselves in a forked process, so one client per pool serves every call.
"""

from __future__ import annotations

import time

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        # Private parts of Django's client, which the type stubs leave out.
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            client = self._clients.setdefault(index, self._client(connection_pool=pool))  # type: ignore[attr-defined]
        return client


class RedisCache(django_redis.RedisCache):
    """Use as ``BACKEND: "config.cache.RedisCache"``; options as Django's Redis cache."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient


# Generation counters: a number that moves whenever what a family of cache entries was built
# from changes (content for the shared pages, members' rows for the signed-in snapshots). An
# entry carries the generation it was built under and is used only while it is still current.


def start_generation(cache, key: str) -> int:
    """The current generation of ``key`` when the cache holds none (first use, or evicted): a
    new value unlike any earlier one (the clock in nanoseconds), so no entry built before the
    eviction can match it."""
    cache.add(key, time.time_ns(), timeout=None)
    return cache.get(key, 0)


def next_generation(cache, key: str) -> None:
    """Move ``key`` on: every entry built under an earlier generation is out of date."""
    try:
        cache.incr(key)
    except ValueError:  # not set (or evicted): any new value unlike the old ones
        cache.set(key, time.time_ns(), timeout=None)
