"""Send the reads of safe requests to a read replica, when ``DATABASE_REPLICA_URL`` is set.

A request may read from the replica only when it changes nothing (GET/HEAD) and the member has
not just written something: after any unsafe request the ``primary_until`` cookie pins the
member to the primary for a few seconds, so they always see their own post after the redirect.
Writes, and reads inside a transaction, always go to the primary.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "primary_until"
PIN_SECONDS = 10

_read_only: ContextVar[bool] = ContextVar("rounds_read_only", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        replica_ok = _read_only.get() and has_replica()
        if replica_ok and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two connections to it

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"


def _pinned_until(value: str) -> float:
    """The cookie's time, or 0 for anything that is not a plain number of seconds.

    Anyone who can set a cookie for the domain can send any text here; it must never cost the
    member a page ("abc", NUL, "nan" and "inf" included: a pin for ever would be harmless but is
    not what the cookie means).
    """
    try:
        until = float(value)
    except ValueError:
        return 0.0
    return until if math.isfinite(until) else 0.0


def route_reads(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: mark safe, unpinned requests as read-only; pin members after a write."""

    def middleware(request: HttpRequest) -> HttpResponse:
        pinned = _pinned_until(request.COOKIES.get(PIN_COOKIE, "")) > time.time()
        safe = request.method in {"GET", "HEAD", "OPTIONS"}
        token = _read_only.set(safe and not pinned)
        try:
            response = get_response(request)
        finally:
            _read_only.reset(token)
        if not safe:
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time()) + PIN_SECONDS),
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    return middleware
