"""config.middleware.resolved_user: the user itself on request.user, looked up once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
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
