"""Site-wide views that belong to no app."""

from __future__ import annotations

from datetime import UTC, timedelta

import redis
from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe


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
