"""A member's shared page read in the same cache round trip as their session (config.read_ahead):
one round trip from the second read on, the same page as before, as fresh as a second round
trip would be, and nobody else's."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import VERIFIED
from config import read_ahead
from forums.posting import create_thread
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def shared(settings):
    """Shared member pages on (as production serves them), on the suite's own cache (Redis
    when REDIS_URL is set)."""
    settings.VISITOR_PAGE_SECONDS = 30


@pytest.fixture
def round_trips(monkeypatch):
    """Counts the cache's multi-key reads (every round trip of a shared page is one)."""
    calls: list[list[str]] = []
    backend = type(caches["default"])
    original = backend.get_many

    def counted(self, keys, *args, **kwargs):
        keys = list(keys)
        calls.append(keys)
        return original(self, keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", counted)
    return calls


def _client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return TOKEN.sub("TOKEN", response.content.decode())


def test_the_second_read_is_one_round_trip_and_the_same_page(shared, round_trips, settings):
    CategoryFactory(name="Cardiology")
    member = UserFactory(handle="reader")
    client = _client(member)

    first = _page(client, "/forums/")
    assert len(round_trips) >= 2  # the session, then the page with the member's header
    round_trips.clear()
    second = _page(client, "/forums/")

    assert len(round_trips) == 1
    assert second == first
    settings.VISITOR_PAGE_SECONDS = 0
    assert _page(_client(member), "/forums/") == second  # the page rendered whole


def test_a_page_read_ahead_is_as_fresh_as_a_second_round_trip(
    shared, round_trips, django_capture_on_commit_callbacks
):
    forum = CategoryFactory(name="Cardiology")
    author = UserFactory()
    client = _client(UserFactory(handle="reader"))
    url = forum.get_absolute_url()
    _page(client, url)
    _page(client, url)  # remembered and read ahead

    with django_capture_on_commit_callbacks(execute=True):  # the forum's generation moves
        create_thread(
            category=forum, author=author, title="Brugada pattern after fever", body="ECG."
        )
    round_trips.clear()
    page = _page(client, url)

    assert "Brugada pattern after fever" in page  # the forum's generation moved: built again
    session_round_trip = round_trips[0]  # read the page's keys, and found them retired
    assert any(key.startswith("shared:member-page:forum:") for key in session_round_trip)


def test_another_member_reads_nothing_read_ahead_for_someone_else(shared):
    CategoryFactory(name="Cardiology")
    first, second = UserFactory(handle="first_reader"), UserFactory(handle="second_reader")
    _page(_client(first), "/forums/")
    client = _client(first)
    _page(client, "/forums/")
    assert "@first_reader" in _page(client, "/forums/")

    page = _page(_client(second), "/forums/")

    assert "@second_reader" in page
    assert "@first_reader" not in page


def test_a_member_whose_levels_change_gets_their_new_page(
    shared, django_capture_on_commit_callbacks
):
    CategoryFactory(name="Cardiology")
    CategoryFactory(name="Verified only", visibility=VERIFIED)
    member = UserFactory(handle="reader")
    client = _client(member)
    assert "Verified only" not in _page(client, "/forums/")
    _page(client, "/forums/")

    member.professional_verified_until = timezone.localdate() + timedelta(days=365)
    with django_capture_on_commit_callbacks(execute=True):
        member.save()
    page = _page(client, "/forums/")

    assert "Verified only" in page  # other keys than the ones read ahead: asked again


def test_a_web_process_remembers_a_bounded_number_of_pages(shared, monkeypatch):
    CategoryFactory(name="Cardiology")
    monkeypatch.setattr(read_ahead, "REMEMBERED", 2)
    read_ahead.forget_all()
    clients = [_client(UserFactory()) for _ in range(3)]
    for client in clients:
        _page(client, "/forums/")

    assert len(read_ahead._keys) == 2
    first_session = clients[0].session.session_key
    assert read_ahead.remembered(first_session, "/forums/") == ()  # the oldest went first
    assert read_ahead.remembered(clients[2].session.session_key, "/forums/")


def test_nothing_is_read_ahead_for_a_post(shared):
    CategoryFactory(name="Cardiology")
    client = _client(UserFactory())
    _page(client, "/forums/")
    session_key = client.session.session_key

    assert read_ahead.remembered(session_key, "/forums/")
    request = type("Request", (), {"method": "POST", "get_full_path": lambda self: "/forums/"})
    assert read_ahead.page_of(request()) is None


def test_a_members_own_page_is_read_with_their_session_too(shared, round_trips):
    member = UserFactory(handle="reader")
    client = _client(member)
    url = reverse("forums:notifications")
    first = _page(client, url)  # rendered, and kept for the member
    _page(client, url)  # the kept copy: its keys remembered
    round_trips.clear()

    page = _page(client, url)

    assert len(round_trips) == 1
    assert page == first
