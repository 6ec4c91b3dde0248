"""The home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forums.home import home_sections
from forums.pages.rows import thread_rows
from forums.selectors import forum_lists
from forums.sharing.cache import cache_for_visitors


@cache_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    latest, active = forum_lists.home_threads(user=request.user, latest=15, active=8)
    rows = thread_rows(request, latest + active, show_category=True)  # one cache round trip
    context = {
        "latest_threads": latest,
        "latest_html": rows[: len(latest)],
        "active_threads": active,
        "active_html": rows[len(latest) :],
        "home_sections": home_sections(request),
    }
    return render(request, "forums/home.html", context)
