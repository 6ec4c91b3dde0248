"""The site's URLconf plus views that fail: a bug, and a database that cannot be reached (a
test URLconf)."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

calls: list[str] = []  # the requests that reached the flaky view, for the retry tests


def broken(request):
    raise RuntimeError("a bug")


def database_down(request):
    calls.append(request.method)
    raise OperationalError("server closed the connection unexpectedly")


def database_back(request):
    """Fails the first time, as a request in flight when PostgreSQL restarted does."""
    calls.append(request.method)
    if len(calls) == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return HttpResponse("served")


urlpatterns = [
    *site_urlpatterns,
    path("broken/", broken, name="broken"),
    path("database-down/", database_down, name="database_down"),
    path("database-back/", database_back, name="database_back"),
]
