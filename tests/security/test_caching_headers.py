"""What browsers and proxies may keep (Cache-Control), and CSP violation reports."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_signed_in_pages_are_private_and_not_stored(client):
    client.force_login(UserFactory())
    thread = make_thread()
    for url in ("/", "/forums/", thread.get_absolute_url(), "/settings/profile/", "/no/such/"):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", url
        assert "Cookie" in response["Vary"], url


def test_visitors_forum_pages_stay_cacheable():
    response = Client().get(make_thread().get_absolute_url())
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("signed_in", [False, True])
def test_case_pages_are_private_and_not_stored_for_anyone(client, signed_in):
    if signed_in:
        client.force_login(UserFactory(professional=True))
    for url in ("/cases/", "/cases/123-missing/"):
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_a_published_case_image_is_not_stored(client):
    """Shown images used to say max-age=3600: a redaction afterwards must not meet a copy."""
    from tests.security.world import build_world

    world = build_world()
    image = world.images["published"]
    response = world.clients["professional"].get(
        f"/cases/{world.cases['published'].pk}/images/{image.pk}/"
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_policy_reports_violations_and_allows_no_data_images():
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "data:" not in directives["img-src"]
    assert directives["report-uri"] == "/csp-report/"
    assert directives["report-to"] == "csp"
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'


def _report(client, body, content_type="application/csp-report"):
    return client.post("/csp-report/", data=body, content_type=content_type)


def test_a_violation_report_is_logged(caplog):
    report = {"csp-report": {"document-uri": "https://x/t/1/", "violated-directive": "img-src"}}
    with caplog.at_level(logging.WARNING, logger="rounds.csp"):
        response = _report(Client(), json.dumps(report))
    assert response.status_code == 204
    assert "img-src" in caplog.text
    assert "https://x/t/1/" in caplog.text


def test_a_reporting_api_batch_is_logged(caplog):
    batch = [{"type": "csp-violation", "body": {"effectiveDirective": "script-src"}}]
    with caplog.at_level(logging.WARNING, logger="rounds.csp"):
        _report(Client(), json.dumps(batch), "application/reports+json")
    assert "script-src" in caplog.text


@pytest.mark.parametrize("body", ["", "not json", "[1, 2]", '{"csp-report": 3}', "x" * 20_000])
def test_garbage_reports_get_204_and_log_nothing(caplog, body):
    with caplog.at_level(logging.WARNING, logger="rounds.csp"):
        assert _report(Client(), body).status_code == 204
    assert "CSP violation" not in caplog.text


@override_settings(ROUNDS_RATE_LIMITS={"csp_report": "3/m/ip"})
def test_reports_are_rate_limited_per_address(caplog):
    cache.clear()
    report = json.dumps({"csp-report": {"violated-directive": "img-src"}})
    with caplog.at_level(logging.WARNING, logger="rounds.csp"):
        for _ in range(8):
            assert _report(Client(), report).status_code == 204
    assert caplog.text.count("CSP violation") == 3


def test_a_form_posted_to_the_report_endpoint_gets_204():
    """Found by the hostile-input walk: the body of a multipart form is read once, as a form."""
    assert Client().post("/csp-report/", {"a": "b"}).status_code == 204
