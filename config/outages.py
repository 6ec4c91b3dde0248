"""When PostgreSQL is briefly unreachable (a restart, a failover): retry, then say so politely.

Processes are never restarted for it. Connections are persistent (``CONN_MAX_AGE``) and checked
before a request's first query (``CONN_HEALTH_CHECKS``), so once the server is back every web
process and worker reconnects on its next request or task. While it is down:

- a safe request (GET, HEAD) is tried once more after ``RETRY_DELAY_SECONDS`` on fresh
  connections (``retry_when_database_is_down``, the outermost middleware), which covers a fast
  restart without anybody seeing it;
- what still fails gets a static 503 page (no database, no context processor) with
  ``Retry-After`` instead of the 500 page (``config.views.server_error`` asks
  ``database_unavailable``): the visitor is told to try again, a monitor sees "unavailable";
- a Celery task is retried with backoff (``config.celery.DatabaseRetryTask``), so it is not lost.

Only an unreachable server counts: a query cancelled by a statement timeout or a broken query
is not retried here.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_DELAY_SECONDS = 1.0
RETRY_AFTER_SECONDS = 10
SAFE_METHODS = frozenset({"GET", "HEAD"})
# SQLSTATE classes of a server that is gone or going: 08 connection exception, 57P01-57P05
# (admin_shutdown, crash_shutdown, cannot_connect_now, database_dropped, idle_session_timeout).
_UNAVAILABLE_SQLSTATES = ("08", "57P")


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` says PostgreSQL could not be reached or dropped the connection."""
    if isinstance(exc, InterfaceError):  # "connection already closed"
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    # No SQLSTATE: refused or lost before the server said anything (connect failed, socket gone).
    return sqlstate is None or sqlstate.startswith(_UNAVAILABLE_SQLSTATES)


def unavailable_response() -> HttpResponse:
    """The 503 page, from settings alone (like the 500 page): the database is what failed."""
    html = loader.get_template("503.html").render(
        {"SITE_NAME": settings.SITE_NAME, "retry_after": RETRY_AFTER_SECONDS}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_unavailable = True  # type: ignore[attr-defined]
    return response


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):  # a broken one is dropped all the same
            connection.close()


def retry_when_database_is_down(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware (first in the list): a safe request that met an unreachable database is run
    once more on new connections after a short wait. Unsafe requests are not repeated: a
    reply must never be posted twice; their author gets the 503 page and their text back
    with the browser's Back button."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if getattr(response, "database_unavailable", False) and request.method in SAFE_METHODS:
            logger.warning("database unavailable; %s retried once", request.path)
            _close_connections()
            time.sleep(RETRY_DELAY_SECONDS)
            response = get_response(request)
        return response

    return middleware
