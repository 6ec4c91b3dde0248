"""A database that cannot be reached: a safe request is tried once more, then the branded 503
page with Retry-After; other database errors stay 500s (config.outages). The real restart is in
tests/reliability/test_postgres_restart.py."""

from __future__ import annotations

import psycopg
import pytest
from django.db.utils import InterfaceError, OperationalError
from django.test import Client, override_settings

from config import outages
from tests.config import error_urls


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    monkeypatch.setattr(outages, "RETRY_DELAY_SECONDS", 0)
    error_urls.calls.clear()


def _wrapped(cause: Exception) -> OperationalError:
    """What Django raises: its own error, psycopg's as the cause."""
    try:
        raise OperationalError(str(cause)) from cause
    except OperationalError as exc:
        return exc


@pytest.mark.parametrize(
    "cause",
    [
        psycopg.OperationalError("connection refused"),  # no SQLSTATE: never reached
        psycopg.errors.AdminShutdown("terminating connection due to administrator command"),
        psycopg.errors.CannotConnectNow("the database system is starting up"),
        psycopg.errors.ConnectionFailure("connection failure"),
    ],
)
def test_a_server_that_is_gone_or_restarting_counts_as_unavailable(cause):
    assert outages.database_unavailable(_wrapped(cause))


def test_a_cancelled_query_or_another_error_does_not():
    assert not outages.database_unavailable(_wrapped(psycopg.errors.QueryCanceled("timeout")))
    assert not outages.database_unavailable(RuntimeError("a bug"))
    assert not outages.database_unavailable(None)
    assert outages.database_unavailable(InterfaceError("connection already closed"))


@override_settings(ROOT_URLCONF="tests.config.error_urls")
def test_a_page_is_tried_once_more_then_gets_the_branded_503_without_the_database(
    django_db_blocker,
):
    client = Client(raise_request_exception=False)
    with django_db_blocker.block():  # the page must come from settings and files alone
        response = client.get("/database-down/")
    assert error_urls.calls == ["GET", "GET"]
    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Back in a moment" in html
    assert "your text is still in the form" in html
    assert "/static/css/site.css" in html
    assert "<script" not in html
    assert "style=" not in html


@override_settings(ROOT_URLCONF="tests.config.error_urls")
def test_a_request_in_flight_during_a_restart_is_served_by_its_retry(django_db_blocker):
    client = Client(raise_request_exception=False)
    with django_db_blocker.block():
        response = client.get("/database-back/")
    assert response.status_code == 200
    assert response.content == b"served"
    assert error_urls.calls == ["GET", "GET"]


@override_settings(ROOT_URLCONF="tests.config.error_urls")
def test_a_form_sent_while_the_database_is_down_is_never_sent_twice(django_db_blocker):
    client = Client(raise_request_exception=False, enforce_csrf_checks=False)
    with django_db_blocker.block():
        response = client.post("/database-down/", {"body": "Potassium 6.8"})
    assert response.status_code == 503
    assert error_urls.calls == ["POST"]
