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
        ("/cases/?specialty=%00", 200),
        ("/cases/?tag=a%00b", 200),
        ("/search/?q=%00", 200),
        ("/forums/?%00=1", 200),
    ],
)
def test_nul_in_a_path_is_not_found_and_in_a_query_is_left_out(url, status):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status


def test_a_cookie_holding_nul_is_dropped_and_the_page_serves():
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "query", ["specialty=%00", "status=%00", "sort=%00", "tag=%00", "page=%00", "q=a%00b"]
)
def test_nul_in_the_case_lists_filters_serves_a_verified_member(client, query):
    from tests.factories import UserFactory

    client.force_login(UserFactory(professional=True))
    client.raise_request_exception = False
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated


def test_nul_in_a_posted_field_is_left_out_before_any_view_reads_it(client):
    """The following page looks the tag up by the name posted, outside any form."""
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    client.raise_request_exception = False
    response = client.post("/settings/following/", {"tag": "ec\x00g"})
    assert response.status_code == 400
    assert response.wsgi_request.POST["tag"] == "ecg"
    assert "ecg" in response.content.decode()


def test_a_huge_page_number_on_the_case_list_serves_a_verified_member(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(professional=True))
    client.raise_request_exception = False
    assert client.get("/cases/?page=99999999999999999999").status_code == 200
