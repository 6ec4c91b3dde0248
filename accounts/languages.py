"""The language of a page: the member's own choice, else the visitor's, else the browser's.

Django's ``LocaleMiddleware`` (config/settings/base.py) picks the language from the switcher's
cookie, then ``Accept-Language``. ``member_language`` runs after the member is known and puts
their saved choice (``User.language``) first. It costs no query: the member's row comes with the
session (accounts.sessions), which is why the choice lives on the row and not on Preferences,
which no page but the preferences page loads. The switcher (``choose_language``) is Django's view;
for a member it also saves the choice, so that it follows them to their other devices and to
their emails (``language_for``).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from accounts.models import User


def supported(code: str | None) -> str:
    """``code`` if Rounds is translated into it, else ``""``."""
    return code if code and code in dict(settings.LANGUAGES) else ""


def language_for(user) -> str:
    """The language to write to ``user`` in when there is no request (emails, digests)."""
    return supported(getattr(user, "language", "")) or settings.LANGUAGE_CODE


def member_language(get_response: Callable[[HttpRequest], HttpResponse]):
    """Activate the signed-in member's saved language, when they chose one (right after
    ``config.middleware.resolved_user``). LocaleMiddleware's response half then names it in
    ``Content-Language``; the shared-page caches key on the active language already."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        chosen = supported(getattr(user, "language", "")) if user.is_authenticated else ""
        if chosen and chosen != translation.get_language():
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return get_response(request)

    return middleware


def set_member_language(user: User, *, language: str) -> None:
    """Save ``language`` ("" for "as my browser asks") as ``user``'s choice. Saving the row
    retires the signed-in snapshots (accounts.sessions), so every session of theirs follows."""
    language = supported(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@require_http_methods(["GET", "HEAD", "POST"])
def choose_language(request: HttpRequest) -> HttpResponse:
    """The language switcher. GET: the choice, as a form (linked from every page's footer, so
    that shared pages hold no CSRF token); the way back is ``next`` or the page it was opened
    from. POST: Django's ``set_language`` (CSRF-checked; a same-site ``next``; sets the
    cookie), and for a member their saved choice too."""
    if request.method == "POST":
        # Only a path of this site (Django's own check lets "//" and relative paths through).
        posted = request.POST.copy()
        posted["next"] = _same_site_path(request, posted.get("next") or "") or "/"
        request.POST = posted
        response = django_set_language(request)
        language = supported(request.POST.get("language"))
        if language and request.user.is_authenticated:
            set_member_language(request.user, language=language)
        return response
    back = _same_site_path(request, request.GET.get("next") or "") or _same_site_path(
        request, request.META.get("HTTP_REFERER", "")
    )
    if back == request.path:
        back = ""
    current = translation.get_language()
    choices = [translation.get_language_info(code) for code, _name in settings.LANGUAGES]
    return render(
        request,
        "accounts/language.html",
        {"next": back or "/", "choices": choices, "current": current},
    )


def _same_site_path(request: HttpRequest, url: str) -> str:
    """``url``'s path and query when it points at this site, else ``""``."""
    if not url or url.startswith("//") or any(ord(char) < 32 for char in url):
        return ""
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")
