"""Django's Redis cache, keeping one Redis client per connection pool (issue 11).

``django.core.cache.backends.redis`` builds a new ``redis.Redis`` for every cache call, and its
constructor fills a table of about 170 response callbacks: ~0.15 ms a call, more than the round
trip to a Redis on the same network. A member's page makes five or six cache calls (session,
shared data, fragments, unread count), so that was about a millisecond a page. A ``redis.Redis``
is safe to share between threads (each command takes a connection from the pool), and pools
reset themselves in a forked process, so one client per pool serves every call.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

import redis
from django.core.cache.backends import redis as django_redis
from django.db import transaction

logger = logging.getLogger(__name__)


# Django's ``incr`` asks EXISTS and then INCRBY: two round trips for every generation moved and
# every rate counted (a reply moves three generations). The same in one: INCRBY only a key that
# exists, else nil, which ``incr`` turns into Django's ValueError.
_INCR_EXISTING = """
if redis.call('exists', KEYS[1]) == 1 then return redis.call('incrby', KEYS[1], ARGV[1]) end
return false
"""


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._incr_scripts: dict[int, Any] = {}  # redis-py's Script, per client
        self._reader: Any = None  # the connection ``get_many`` reads on (``_mget``)
        self._reader_pid = 0

    def incr(self, key, delta):
        """Django's ``incr`` (ValueError for a missing key, the key's expiry kept), in one round
        trip: a script, sent by its digest once Redis knows it."""
        client = self.get_client(key, write=True)
        script = self._incr_scripts.get(id(client))
        if script is None:
            script = client.register_script(_INCR_EXISTING)
            self._incr_scripts[id(client)] = script
        value = script(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key {key!r} not found.")
        return value

    def get_many(self, keys):
        """Django's ``get_many``: one ``MGET``, sent on a connection this cache object keeps
        for its reads rather than through redis-py's pool and command machinery. Each read
        of a member's page is one such call, and the pool's checks and counters and the
        command's wrappers cost about 35 of its 115 microseconds here (a connection taken
        and given back, a health poll of its socket, retry and timing hooks)."""
        keys = list(keys)
        if not keys:
            return {}
        values = self._mget(keys)
        loads = self._serializer.loads  # type: ignore[attr-defined]
        return {
            key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }

    def _mget(self, keys: list) -> list:
        """``MGET keys`` on this object's reading connection (Django makes a cache object per
        thread, so it is never shared; a forked process makes its own). A connection that
        fails is dropped and the command sent once more on a new one, as redis-py's default
        retry would (Redis restarted since); a second failure goes to ``RedisCache``'s
        fallback. An error Redis answers (not a lost connection) is raised as redis-py
        raises it."""
        connection = self._reader
        if connection is None or self._reader_pid != os.getpid():
            pool = self._get_connection_pool(False)  # type: ignore[attr-defined]
            connection = pool.connection_class(**pool.connection_kwargs)
            self._reader, self._reader_pid = connection, os.getpid()
        try:
            connection.send_command("MGET", *keys)
            return connection.read_response()
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            connection.disconnect()  # once more, on a socket made afresh
        connection.send_command("MGET", *keys)
        return connection.read_response()

    def get_client(self, key=None, *, write=False):
        # Private parts of Django's client, which the type stubs leave out.
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            client = self._clients.setdefault(index, self._client(connection_pool=pool))  # type: ignore[attr-defined]
        return client


class RedisCache(django_redis.RedisCache):
    """Use as ``BACKEND: "config.cache.RedisCache"``; options as Django's Redis cache.

    When Redis cannot be reached the cache degrades to none instead of failing the request:
    reads miss, writes are dropped, counters start again (rate limits let requests through
    meanwhile). Sessions (``cached_db``) then come from PostgreSQL, and shared pages are
    rendered per request. After a failure Redis is not asked again for ``RETRY_SECONDS``, so
    a Redis that is down costs one connection attempt per process every few seconds, not
    one per cache call; then it is tried again and used as soon as it answers.
    """

    RETRY_SECONDS = 5.0

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._down_until = 0.0

    def validate_key(self, key) -> None:
        """Nothing to check: Redis keys are binary-safe strings of any length. Django's check
        warns about keys memcached would refuse, looping over every character of every key in
        Python, which cost a member's page about 20 microseconds a request (a shared page reads
        six or seven keys at once)."""

    def _degrade(self, call, fallback):
        """``call()``, or ``fallback()`` while Redis is unreachable (see the class docstring)."""
        if self._down_until and time.monotonic() < self._down_until:
            return fallback()
        try:
            result = call()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            if not self._down_until:
                logger.warning("Redis cache unreachable, serving without it: %s", exc)
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            return fallback()
        if self._down_until:
            self._down_until = 0.0
            logger.warning("Redis cache reachable again")
        return result

    def _call(self, name: str, fallback, *args, **kwargs):
        method = getattr(super(), name)
        return self._degrade(lambda: method(*args, **kwargs), fallback)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def set(self, *args, **kwargs):
        return self._call("set", lambda: None, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", list, *args, **kwargs)

    def add(self, *args, **kwargs):  # "stored": a counter starts again at 1
        return self._call("add", lambda: True, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", lambda: False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", lambda: False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", lambda: None, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", lambda: delta, key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", lambda: 0, key, delta, version)

    def clear(self):
        return self._call("clear", lambda: False)


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


def generation_moved(cache, key: str) -> None:
    """What ``key``'s entries were built from changed in the current transaction: moved at once
    (the transaction reads its own rows) and again on commit (a request that read the old rows
    meanwhile must not keep them as current)."""
    next_generation(cache, key)
    transaction.on_commit(lambda: next_generation(cache, key))
