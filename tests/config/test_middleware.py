"""config.middleware: NUL refused before any view; the user on request.user, looked up once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils.functional import LazyObject

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_members_request_carries_the_user_itself(auth_client, user, django_assert_num_queries):
    with django_assert_num_queries(1):  # the user, once (the session comes from the cache)
        response = auth_client.get("/hello")
    seen = response.wsgi_request.user
    assert not isinstance(seen, LazyObject)
    assert type(seen) is User
    assert seen.pk == user.pk


def test_a_visitor_without_a_session_costs_no_lookup(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/hello")
    assert isinstance(response.wsgi_request.user, AnonymousUser)
    assert not isinstance(response.wsgi_request.user, LazyObject)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/u/%00/", 404),
        ("/avatars/1/%00", 404),
        ("/t/1-x%00/", 404),
        ("/cases/?specialty=%00", 400),
        ("/cases/?tag=a%00b", 400),
        ("/search/?q=%00", 400),
        ("/forums/?%00=1", 400),
    ],
)
def test_nul_in_a_url_or_its_query_is_refused_instead_of_reaching_the_database(url, status):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status


def test_a_cookie_holding_nul_is_dropped_and_the_page_serves():
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 200
