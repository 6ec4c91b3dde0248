"""Every page carries the security headers, and the CSP allows no inline code."""

from __future__ import annotations

import pytest

from tests.factories import make_thread

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/forums/",
    "/search/?q=ecg",
    "/cases/",
    "/accounts/login/",
    "/accounts/signup/",
    "/healthz",
]


@pytest.fixture
def urls():
    thread = make_thread(replies=2)
    return [*PAGES, thread.category.get_absolute_url(), thread.get_absolute_url()]


def _directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        parsed[name] = values
    return parsed


def test_every_page_sends_a_strict_content_security_policy(client, urls):
    for url in urls:
        csp = _directives(client.get(url)["Content-Security-Policy"])
        assert csp["default-src"] == ["'self'"], url
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["frame-ancestors"] == ["'none'"], url
        assert csp["object-src"] == ["'none'"], url
        assert csp["base-uri"] == ["'none'"], url
        flat = " ".join(" ".join(values) for values in csp.values())
        assert "unsafe-inline" not in flat
        assert "unsafe-eval" not in flat


def test_every_page_sends_the_other_security_headers(client, urls):
    for url in urls:
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url


def test_admin_login_is_covered_too(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302  # to allauth's sign-in, which asks for the 2FA code
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
