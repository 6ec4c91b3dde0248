"""Site-wide views that belong to no app."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, timedelta

import redis
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connections
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
    RawPostDataException,
)
from django.shortcuts import render
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST, require_safe


def check_database(alias: str = "default") -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_broker() -> str:
    """Redis when configured; with no broker, tasks run in-process and there is nothing to reach."""
    if not settings.REDIS_URL:
        return "in-process"
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
    except redis.RedisError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "broker": check_broker()}
    healthy = not any(value.startswith("error") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def hello(request: HttpRequest) -> HttpResponse:
    """The benchmark's ceiling: the full middleware stack, a tiny response, no queries."""
    return HttpResponse("hello", content_type="text/plain")


def security_txt_body(*, now=None) -> str:
    """RFC 9116 fields from settings; Expires is always SECURITY_TXT_EXPIRES_DAYS ahead, so the
    file never goes stale while the site runs."""
    now = now or timezone.now()
    expires = (now + timedelta(days=settings.SECURITY_TXT_EXPIRES_DAYS)).astimezone(UTC)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_CONTACTS]
    lines.append(f"Expires: {expires.replace(microsecond=0).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append("Preferred-Languages: en")
    lines.append(f"Canonical: {settings.SITE_URL}{reverse('security_txt')}")
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return "\n".join(lines) + "\n"


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def security_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(security_txt_body(), content_type="text/plain; charset=utf-8")


# --- error pages ------------------------------------------------------------------------------

# Pages a colleague's link points at, whose "not found" may only mean "not for you yet": a
# visitor is asked to sign in and a member to get verified, on every such address alike, so
# the answer never tells whether the thread, forum or case exists.
READING_PAGES = frozenset(
    {"forums:category", "forums:thread", "forums:post", "forums:first_unread", "cases:detail"}
)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    from accounts.permissions import is_verified_professional

    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)  # absent when a middleware refused the path first
    reason = ""
    if match is not None and match.view_name in READING_PAGES and user is not None:
        if not user.is_authenticated:
            reason = "sign_in"
        elif not is_verified_professional(user):
            reason = "verify"
    sign_in_url = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
    context = {"reason": reason, "sign_in_url": sign_in_url}
    return render(request, "404.html", context, status=404)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, or 413 with the limit when a form sent more than DATA_UPLOAD_MAX_MEMORY_SIZE (the
    composer checks that size before it sends; this is the page without JavaScript)."""
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return render(request, "400.html", {"too_big": True, "limit": limit}, status=413)
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page from settings alone: no request context, so no context processor runs and
    nothing asks the database, which may be what failed. When that is it (PostgreSQL down or
    restarting), the 503 page instead, with ``Retry-After`` (config.outages)."""
    from config.outages import database_unavailable, unavailable_response

    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response()
    html = loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME})
    return HttpResponseServerError(html)


# --- CSP violation reports --------------------------------------------------------------------

csp_logger = logging.getLogger("rounds.csp")
MAX_REPORT_BYTES = 16 * 1024  # one report is a few hundred bytes; a batch a few of them


@csrf_exempt  # browsers send reports without a token (or cookies) of ours
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log what the browser says the policy blocked, at most ``csp_report`` rate per address.

    Browsers send ``application/csp-report`` (report-uri: ``{"csp-report": {...}}``) or
    ``application/reports+json`` (report-to: a list of ``{"type": "csp-violation", "body":
    {...}}``). Anyone can post here, so the body is capped, parsed defensively and only a
    few known fields are logged, each cut short; the answer is 204 whatever came.
    """
    from accounts.ratelimit import RateLimited, client_ip, consume, rates_for

    try:
        consume("csp_report", rates=rates_for("csp_report"), what="report", ip=client_ip(request))
    except RateLimited:
        return HttpResponse(status=204)
    try:
        raw = request.body
    except RawPostDataException:  # a multipart form, already read as one: not a report
        return HttpResponse(status=204)
    if len(raw) > MAX_REPORT_BYTES:
        return HttpResponse(status=204)
    try:
        data = json.loads(raw)
    except ValueError:
        return HttpResponse(status=204)
    reports = data if isinstance(data, list) else [data]
    for report in reports[:10]:
        if not isinstance(report, dict):
            continue
        body = report.get("csp-report") or report.get("body")
        if not isinstance(body, dict):
            continue
        fields = {
            key: str(body.get(key, ""))[:300]
            for key in CSP_FIELDS
            if body.get(key) not in (None, "")
        }
        csp_logger.warning("CSP violation: %s", json.dumps(fields, sort_keys=True))
    return HttpResponse(status=204)


# Both spellings: report-uri uses kebab-case, the Reporting API camelCase.
CSP_FIELDS = (
    "document-uri",
    "documentURL",
    "violated-directive",
    "effectiveDirective",
    "effective-directive",
    "blocked-uri",
    "blockedURL",
    "source-file",
    "sourceFile",
    "line-number",
    "lineNumber",
    "disposition",
)
