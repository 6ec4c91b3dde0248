"""Knowing that some Redis keys have not changed, without asking Redis (issue 28).

A visitor's page is good while the generations it was built under are current
(``forums.sharing.cache``), and reading them is a round trip to Redis on every request: on a
page served from the cache, that round trip is most of the page's cost. Redis can instead say
when a key changes. With ``CLIENT TRACKING ... BCAST PREFIX key`` (Redis 6 or newer), Redis
sends a message to a connection of ours whenever a key starting with ``key`` is written,
deleted, expired or evicted, and when the database is flushed. Each process (each web worker)
holds one such connection, subscribed to those messages, and nothing else on it.

``KeyWatch.epoch()`` reads whatever messages have arrived (a poll of the socket, no round
trip) and answers a number that moves with every message and with every new connection. So
"the keys have not changed since" is "the epoch is still the one read then". The number is
None whenever this process cannot know: the cache is not Redis, the connection is not up or
was lost, the server refuses tracking. Callers then read the keys from Redis, as before.

How fresh: Redis queues the message in the same pass of its event loop that answers the
command changing the key, and writes it first (pending writes go out newest client first),
so on one machine's loopback the message is in our socket before the writer has its answer.
A request that starts after a change was made has the change; across a network, a message
can trail a reply by a fraction of a millisecond.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

import redis
from django.core.cache import caches

logger = logging.getLogger(__name__)

CHANNEL = "__redis__:invalidate"
CLIENT_NAME = "rounds-key-watch"  # how these connections show in Redis's CLIENT LIST


class KeyWatch:
    """Watch the cache keys ``names()`` names (as the cache names them, before its prefix and
    version) in the default cache's Redis; see the module docstring."""

    RETRY_SECONDS = 5.0  # after a failed connection, how long before trying again
    REFUSED_SECONDS = 3600.0  # after a server refused (too old, or CLIENT renamed away)

    def __init__(self, names: Callable[[], list[str]]) -> None:
        self._names = names
        self._lock = threading.Lock()  # threaded servers: one poll of the socket at a time
        self._connection: redis.Connection | None = None
        self._target: tuple | None = None  # what the connection watches, and where
        self._backend_id = 0  # the cache object ``_target`` was worked out for
        self._pid = 0
        self._epoch = 0
        self._retry_at = 0.0

    def epoch(self) -> int | None:
        """A number that stays the same for as long as none of the keys changes, or None when
        this process cannot know (see the module docstring)."""
        backend = caches["default"]
        with self._lock:
            if id(backend) != self._backend_id or self._pid != os.getpid():
                self._follow(backend)
            connection = self._connection
            if connection is None:
                if self._target is None or time.monotonic() < self._retry_at:
                    return None
                connection = self._connect(backend)
                if connection is None:
                    return None
            try:
                while connection.can_read(timeout=0):
                    connection.read_response()  # a key changed: which one does not matter
                    self._epoch += 1
            except (redis.RedisError, OSError) as exc:  # the server closed it, or went away
                logger.warning("Lost the cache's change messages; reading keys meanwhile: %s", exc)
                self._drop()
                return None
            return self._epoch

    def stop(self) -> None:
        """Close this process's connection (tests; a process exiting closes it anyway)."""
        with self._lock:
            self._drop()
            self._target = None
            self._backend_id = 0

    # -- connecting ------------------------------------------------------------------------

    def _follow(self, backend) -> None:
        """Work out what to watch for ``backend`` (the default cache of this thread); keep the
        connection when that is what it already watches (threads each have their own cache
        object, all alike), else let it go. A forked process never uses its parent's."""
        if self._pid != os.getpid():
            if self._connection is not None:  # the parent's: closed here, left open there
                self._connection.disconnect()  # (redis-py shuts a socket down only in its maker)
                self._connection = None
            self._pid = os.getpid()
        self._backend_id = id(backend)
        client = getattr(backend, "_cache", None)
        if not hasattr(client, "_get_connection_pool"):  # not Redis: nothing to watch
            target = None
        else:
            keys = tuple(backend.make_key(name) for name in self._names())
            target = (tuple(client._servers), keys)
        if target != self._target:
            self._drop()
            self._target = target
            self._retry_at = 0.0

    def _connect(self, backend) -> redis.Connection | None:
        pool = backend._cache._get_connection_pool(True)  # type: ignore[attr-defined]
        options = {
            **pool.connection_kwargs,
            "protocol": 2,  # messages arrive as a subscription's, not as RESP3 pushes
            "client_name": CLIENT_NAME,
            "socket_timeout": 1.0,
            "socket_connect_timeout": 1.0,
        }
        connection = pool.connection_class(**options)
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            own_id = connection.read_response()
            keys = self._target[1]  # type: ignore[index]
            prefixes = [part for key in keys for part in ("PREFIX", key)]
            connection.send_command(
                "CLIENT", "TRACKING", "ON", "REDIRECT", own_id, "BCAST", *prefixes
            )
            connection.read_response()
            connection.send_command("SUBSCRIBE", CHANNEL)
            connection.read_response()
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            connection.disconnect()  # not there now: tried again in a few seconds
            self._retry_at = time.monotonic() + self.RETRY_SECONDS
            return None
        except redis.RedisError as exc:  # an answer: this server will not send the messages
            logger.warning("The cache sends no change messages (Redis 6 does): %s", exc)
            connection.disconnect()
            self._retry_at = time.monotonic() + self.REFUSED_SECONDS
            return None
        self._connection = connection
        self._epoch += 1  # whatever was known before this connection may have changed since
        return connection

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.disconnect()  # shuts the socket only in the process that made it
            self._connection = None
        self._epoch += 1
