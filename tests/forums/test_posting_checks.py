"""The posting services run their own checks: a caller that is not a page (a command, an import,
an API to come) gets the text checks and the limits without repeating them. Only the site
itself (``SITE``: approving a case, seeding) writes unlimited, and says so."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts.ratelimit import RateLimited
from forums.models import Post, Report
from forums.posting import SITE, Origin, create_reply, create_thread, edit_post
from forums.posting.limits import TextLimitError
from forums.posting.reports import report_content
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

LINKS = "See https://one.org/x and https://two.org/y and three.org please"
IDENTIFIER = "Saw a similar patient, Mr John Smith, on 12/03/2024 at our clinic."


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trust(settings):
    settings.ROUNDS_NEW_MEMBER_DAYS = 3
    settings.ROUNDS_NEW_MEMBER_POSTS = 5
    settings.ROUNDS_NEW_MEMBER_MAX_LINKS = 2
    return settings


def test_a_new_members_reply_with_too_many_links_is_refused_by_the_service(trust):
    thread = make_thread()
    newcomer = UserFactory()
    with pytest.raises(TextLimitError, match="at most 2 links"):
        create_reply(thread=thread, author=newcomer, body=LINKS)
    with pytest.raises(TextLimitError):
        create_thread(category=thread.category, author=newcomer, title="Links", body=LINKS)
    assert not Post.objects.filter(source=LINKS).exists()
    # The site writing for a member is not limited.
    assert create_reply(thread=thread, author=newcomer, body=LINKS, origin=SITE).source == LINKS


def test_an_edit_cannot_add_what_a_new_post_could_not_have(trust):
    newcomer = UserFactory()
    thread = make_thread(author=newcomer)
    first = thread.posts.get(number=1)
    with pytest.raises(TextLimitError):
        edit_post(first, by=newcomer, body=LINKS)
    first.refresh_from_db()
    assert first.source != LINKS


def test_the_posting_rate_is_counted_by_the_service_per_member_and_per_address(settings):
    settings.ROUNDS_RATE_LIMITS = {"post": "2/m/member,3/m/ip"}
    thread = make_thread()
    member, neighbour = UserFactory(), UserFactory()
    here = Origin(ip="192.0.2.7")
    for i in range(2):
        create_reply(thread=thread, author=member, body=f"Reply {i}", origin=here)
    with pytest.raises(RateLimited):
        create_reply(thread=thread, author=member, body="One too many", origin=here)
    create_reply(thread=thread, author=neighbour, body="From the same address", origin=here)
    with pytest.raises(RateLimited):
        create_reply(thread=thread, author=neighbour, body="Address spent", origin=here)
    assert not Post.objects.filter(source__in=["One too many", "Address spent"]).exists()


def test_reporting_is_rate_limited_by_the_service(settings):
    settings.ROUNDS_RATE_LIMITS = {"report": "1/h/member"}
    thread = make_thread(replies=2)
    reporter = UserFactory()
    first, second = thread.posts.filter(number__gt=1).order_by("number")
    report_content(first, by=reporter, reason="spam")
    with pytest.raises(RateLimited):
        report_content(second, by=reporter, reason="spam")
    assert Report.objects.filter(reporter=reporter).count() == 1


def test_ordinary_threads_are_not_scanned_by_the_service():
    thread = make_thread(category=CategoryFactory(), title="Names in history")
    post = create_reply(thread=thread, author=UserFactory(), body=IDENTIFIER)
    assert post.source == IDENTIFIER
