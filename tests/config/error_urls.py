"""The site's URLconf plus a view that fails the way a lost database does (a test URLconf)."""

from django.db import OperationalError
from django.urls import path

from config.urls import handler400, handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]


def broken(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [*site_urlpatterns, path("broken/", broken, name="broken")]
