"""Site-wide middleware: input no page can use refused first, the signed-in user resolved once,
and response headers that Django's SecurityMiddleware does not set."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_vary_headers

from accounts.sessions import signed_in_user

NUL = "\x00"


def refuse_nul(get_response: Callable[[HttpRequest], HttpResponse]):
    """Answer 404 for a path holding NUL; take NUL out of query parameters and cookies.

    PostgreSQL text cannot hold NUL, so any lookup made of such input fails in the database
    (a 500). No page's address holds it, so such a path is not found; a query parameter, a
    posted field or a cookie is read without it (the search box and the filters then answer as
    for what is left, with their usual messages; a moderation reason or a tag name typed in
    a form is saved or looked up without it, as the posting services already store text).
    Uploaded files are left alone. One check here covers every view, present and future,
    instead of one in each. Reading a POST here reads its body no earlier than the CSRF check
    after it would.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if NUL in request.path:
            raise Http404
        # A parameter decodes to NUL only from a NUL or a "%00" in the query string: looked for
        # there first, so that a page with parameters (a search) is not parsed for it on every
        # request (~25 microseconds, a tenth of a visitor's cached search page).
        query_string = request.META.get("QUERY_STRING", "")
        if (NUL in query_string or "%00" in query_string) and _holds_nul(request.GET):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and _holds_nul(request.POST):
            request.POST = _without_nul(request.POST)
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            request.COOKIES = {
                key: value
                for key, value in request.COOKIES.items()
                if NUL not in key and NUL not in value
            }
        return get_response(request)

    return middleware


def _holds_nul(query: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query.lists())


def _without_nul(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    cleaned._mutable = False
    return cleaned


def resolved_user(get_response: Callable[[HttpRequest], HttpResponse]):
    """Put the user itself on ``request.user`` (right after AuthenticationMiddleware).

    Django leaves a lazy proxy there, so that a request that never asks costs no session or
    user lookup. Every page of this site asks (its header shows who is signed in), and every
    attribute read through the proxy is a function call: a member's thread page reads the user
    about a thousand times in its permission checks, 0.4 ms through the proxy against 0.02 ms
    on the object (issue 11). A request without a session cookie still costs no lookup: it
    gets AnonymousUser straight away. ``signed_in_user`` returns what Django's own proxy
    would, mostly from a snapshot loaded with the session (accounts.sessions).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        request.user = signed_in_user(request)
        return get_response(request)

    return middleware


def security_headers(get_response: Callable[[HttpRequest], HttpResponse]):
    policy = settings.PERMISSIONS_POLICY
    # Where browsers send CSP violation reports (the policy's report-to names this endpoint).
    endpoints = f'csp="{settings.CSP_REPORT_PATH}"'

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", policy)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("Reporting-Endpoints", endpoints)
        return response

    return middleware


PRIVATE = "private, no-store"


def private_pages(get_response: Callable[[HttpRequest], HttpResponse]):
    """``Cache-Control: private, no-store`` on what a browser or a proxy must not keep.

    Every answer to a signed-in member (their pages show their name, drafts and notifications:
    on a shared computer the Back button after signing out must not bring them back), and
    every answer about a case, images included, to anyone (clinical material, and a case may
    be hidden or redacted at any moment). A signed-in member's request may still get a file
    that says it is ``public`` (avatars under random names): that file is the same for
    everyone. Visitors' forum pages are left cacheable.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        about_a_case = match is not None and match.app_name == "cases"
        signed_in = user is not None and user.is_authenticated
        if about_a_case or (signed_in and "public" not in response.get("Cache-Control", "")):
            response["Cache-Control"] = PRIVATE
            if signed_in:
                patch_vary_headers(response, ("Cookie",))
        return response

    return middleware
