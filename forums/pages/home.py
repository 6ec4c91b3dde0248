"""The home page and its Following tab."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forums.home import home_sections
from forums.pages.rows import thread_rows
from forums.selectors import following as following_selectors
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


@login_required
def following(request: HttpRequest) -> HttpResponse:
    """The home page's Following tab: new threads and cases of the members the reader follows
    (each source applies its own permissions), newest first, paged by time."""
    before = following_selectors.parse_before(request.GET.get("before", ""))
    page = following_selectors.following_feed(user=request.user, before=before)
    return render(
        request,
        "forums/home_following.html",
        {
            "items": page.items,
            "next_before": page.next_before,
            "follows_anyone": page.follows_anyone,
            "first_page": before is None,
        },
    )
