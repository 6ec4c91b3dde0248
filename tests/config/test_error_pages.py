"""Branded error pages: 404 (sign in / get verified on members-only addresses, the same for an
id that does not exist), 403, 400, 413 with the limit, and a static 500 that needs no database."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

from forums.models import Visibility
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    """The page's main content, with the address it was asked for taken out."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"next=[^\"&]*", "next=", main)


def test_a_visitor_on_a_members_thread_is_asked_to_sign_in_with_the_way_back():
    thread = make_thread(category=CategoryFactory(visibility=Visibility.MEMBERS))
    response = Client().get(thread.get_absolute_url())
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sign in to read this" in html
    assert f"/accounts/login/?next={thread.get_absolute_url().replace('/', '%2F')}" in html
    assert 'class="site-header"' in html  # the site's own look, not Django's bare page


def test_the_sign_in_page_does_not_tell_whether_the_thread_exists():
    thread = make_thread(category=CategoryFactory(visibility=Visibility.MEMBERS))
    client = Client()
    real = client.get(thread.get_absolute_url())
    missing = client.get(f"/t/{thread.pk + 1000}-{thread.slug}/")
    assert real.status_code == missing.status_code == 404
    assert _main(real) == _main(missing)


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.VERIFIED])
def test_a_visitor_on_a_members_forum_or_a_case_is_asked_to_sign_in(visibility):
    forum = CategoryFactory(visibility=visibility)
    for url in (forum.get_absolute_url(), "/cases/123-any-case/"):
        response = Client().get(url)
        assert response.status_code == 404
        assert "Sign in to read this" in response.content.decode()


def test_a_member_without_verification_is_asked_to_get_verified(client):
    client.force_login(UserFactory())
    forum = CategoryFactory(visibility=Visibility.VERIFIED)
    for url in (forum.get_absolute_url(), "/cases/123-any-case/"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Get verified to read this" in html
        assert "/settings/verification/" in html


def test_a_verified_member_gets_page_not_found(client):
    client.force_login(UserFactory(professional=True))
    response = client.get("/cases/123-any-case/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Sign in to read this" not in html
    assert "Get verified" not in html


def test_other_addresses_get_page_not_found():
    for url in ("/no/such/page/", "/u/%00/"):
        response = Client().get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_a_refused_action_gets_the_branded_403(client):
    client.force_login(UserFactory())
    thread = make_thread()
    response = client.get(f"{thread.get_absolute_url()}1/edit/")
    assert response.status_code == 403
    assert "You cannot do that here" in response.content.decode()


def test_a_bad_host_gets_the_branded_400():
    response = Client().get("/", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2_500)
def test_a_post_over_the_size_limit_gets_413_naming_the_limit(client):
    client.force_login(UserFactory())
    thread = make_thread()
    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "x" * 5_000})
    assert response.status_code == 413
    html = response.content.decode()
    assert "2.4\xa0KB" in html
    assert "your text is still in the form" in html


@override_settings(ROOT_URLCONF="tests.config.error_urls")
def test_the_500_page_is_branded_and_needs_no_database(django_db_blocker):
    """A bug's page; a database that cannot be reached gets the 503 page (test_outages.py)."""
    client = Client(raise_request_exception=False)
    # Any query from here on raises: the page must come from settings and files alone.
    with django_db_blocker.block():
        response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html
    assert "<script" not in html
    assert "style=" not in html
