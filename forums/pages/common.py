"""What several page families share: the page number of a list, and the thread or post a URL
names (a 404 for a reader who may not see it), the professions-taking-part filter."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.params import page_number
from forums.models import Post, Thread
from forums.selectors import thread_pages

# One parser for the page number of every list, forums and cases alike (config.params).
requested_page = page_number


def get_thread(request: HttpRequest, pk: int) -> Thread:
    try:
        return thread_pages.thread_for_page(pk=pk, user=request.user)
    except Thread.DoesNotExist as exc:
        raise Http404 from exc


def get_post(request: HttpRequest, pk: int, number: int) -> Post:
    thread = get_thread(request, pk)
    post = get_object_or_404(Post.objects.select_related("author"), thread=thread, number=number)
    post.thread = thread
    return post


def redirect_to_post(thread: Thread, number: int) -> HttpResponse:
    page = thread_pages.page_of_post(number)
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{thread.get_absolute_url()}{query}#post-{number}")


class ProfessionFilter(NamedTuple):
    """``?profession=``: the professions taking part in a thread or case (one of
    ``accounts.models.Profession``); ``error`` names the field when the value is not one."""

    value: str
    error: str
    choices: tuple[tuple[str, str], ...]

    @property
    def query(self) -> str:
        """What links to the list's other pages carry (``profession=nurse``), or ""."""
        return urlencode({"profession": self.value}) if self.value else ""


@lru_cache(maxsize=64)
def _profession_choices(language: str | None) -> tuple[tuple[str, str], ...]:
    """The professions and their names in ``language`` (the active one: each request of a
    member's forum or case list asked for them, ~50 µs of translations)."""
    from accounts.models import Profession

    return tuple((str(value), str(label)) for value, label in Profession.choices)


def profession_filter(request: HttpRequest) -> ProfessionFilter:
    from accounts.models import Profession

    raw = request.GET.get("profession", "").strip()
    choices = _profession_choices(get_language())
    if not raw or raw in Profession.values:
        return ProfessionFilter(raw, "", choices)
    error = _("Professions taking part: “%(value)s” is not one of the choices; it is left out.")
    return ProfessionFilter("", error % {"value": raw[:40]}, choices)
