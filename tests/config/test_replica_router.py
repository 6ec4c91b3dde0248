"""Safe requests read from the replica; writes, transactions and just-written members don't."""

from __future__ import annotations

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from config import db_router
from forums.models import Post


@pytest.fixture
def with_replica(monkeypatch):
    # Adding a database alias at run time is not supported by Django; the router only asks
    # whether one is configured, so answer that.
    monkeypatch.setattr(db_router, "has_replica", lambda: True)


def _route(request) -> str:
    seen = {}

    def view(request):
        seen["db"] = db_router.ReplicaRouter().db_for_read(Post)
        return HttpResponse("ok")

    response = db_router.route_reads(view)(request)
    return seen["db"], response


def test_a_get_reads_from_the_replica(with_replica):
    db, _ = _route(RequestFactory().get("/"))
    assert db == "replica"


def test_a_post_reads_and_writes_the_primary_and_pins_the_member(with_replica):
    db, response = _route(RequestFactory().post("/"))
    assert db == "default"
    assert float(response.cookies[db_router.PIN_COOKIE].value) > time.time()


def test_a_get_right_after_a_write_reads_the_primary(with_replica):
    request = RequestFactory().get("/")
    request.COOKIES[db_router.PIN_COOKIE] = str(time.time() + 5)
    db, _ = _route(request)
    assert db == "default"


def test_without_a_replica_everything_reads_the_primary():
    db, _ = _route(RequestFactory().get("/"))
    assert db == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary(with_replica):
    from django.db import transaction

    token = db_router._read_only.set(True)
    try:
        with transaction.atomic():
            assert db_router.ReplicaRouter().db_for_read(Post) == "default"
        assert db_router.ReplicaRouter().db_for_read(Post) == "replica"
    finally:
        db_router._read_only.reset(token)


@pytest.mark.parametrize("value", ["abc", "\x00", "", "nan", "inf", "-inf", "1e999", "٣"])
def test_a_malformed_pin_cookie_reads_as_unpinned_instead_of_failing(with_replica, value):
    request = RequestFactory().get("/")
    request.COOKIES[db_router.PIN_COOKIE] = value
    db, response = _route(request)
    assert db == "replica"
    assert response.status_code == 200


def test_a_malformed_pin_cookie_serves_every_page_through_the_whole_stack(client, db):
    client.cookies[db_router.PIN_COOKIE] = "abc%00"
    assert client.get("/").status_code == 200
