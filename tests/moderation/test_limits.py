"""Trust levels and rate limits: new members get tighter limits; everyone is limited per member
and per network address on posting (threads, replies, cases) and reporting. A limited member
gets a 429 saying which limit and until when, with their text kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from accounts import ratelimit
from accounts.models import User
from accounts.ratelimit import RateLimited
from cases.models import Case
from forums.models import Draft, Post, Report, Thread
from forums.posting import SITE, Origin, create_reply, create_thread, edit_post
from forums.posting.limits import TextLimitError, is_new_member
from forums.posting.reports import report_content
from tests.cases.conftest import CASE_VALUES, make_case, publish
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trust(settings):
    """The real defaults for new members (the test settings turn trust off)."""
    settings.ROUNDS_NEW_MEMBER_DAYS = 3
    settings.ROUNDS_NEW_MEMBER_POSTS = 5
    settings.ROUNDS_NEW_MEMBER_MAX_LINKS = 2
    settings.ROUNDS_NEW_MEMBER_MAX_MENTIONS = 2
    return settings


def _limits(settings, **rates):
    settings.ROUNDS_RATE_LIMITS = rates


def _established(**kwargs) -> User:
    """Joined long ago, with enough posts to be past every new-member limit."""
    member = UserFactory(date_joined=timezone.now() - timedelta(days=30), **kwargs)
    thread = make_thread(author=member, replies=4)
    assert Post.objects.filter(author=member).count() == 5
    return member, thread


# --- the counter module --------------------------------------------------------------------


def test_rates_parse_and_describe_themselves():
    rates = ratelimit.parse_rates("6/m/member, 300/h/ip,2/10m/member")
    assert rates == [
        ratelimit.Rate(6, 60, "member"),
        ratelimit.Rate(300, 3600, "ip"),
        ratelimit.Rate(2, 600, "member"),
    ]
    assert rates[0].describe("post") == "6 posts per minute"
    assert rates[1].describe("post") == "300 posts per hour from one network address"
    assert rates[2].describe("post") == "2 posts per 10 minutes"
    with pytest.raises(ValueError, match="bad rate"):
        ratelimit.parse_rates("6/week/member")


def test_a_fixed_window_refuses_over_the_count_until_it_ends_and_refusals_do_not_count(user):
    rates = ratelimit.parse_rates("2/m/member")
    start = datetime(2026, 1, 1, 9, 0, 10, tzinfo=UTC)
    for _ in range(2):
        ratelimit.consume("post", rates=rates, what="post", user=user, now=start)
    for _ in range(3):
        with pytest.raises(ratelimit.RateLimited) as refused:
            ratelimit.consume("post", rates=rates, what="post", user=user, now=start)
    assert refused.value.until == datetime(2026, 1, 1, 9, 1, 0, tzinfo=UTC)
    assert "2 posts per minute" in refused.value.message
    # The next window starts fresh: the three refusals were not counted against it or this one.
    ratelimit.consume("post", rates=rates, what="post", user=user, now=refused.value.until)


def test_the_client_address_is_remote_addr_unless_proxies_are_trusted(settings):
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ratelimit.client_ip(spoofed) == "10.0.0.9"
    settings.ROUNDS_TRUSTED_PROXY_COUNT = 1
    # Our proxy appended the real client last; what the client sent before it is ignored.
    behind = factory.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert ratelimit.client_ip(behind) == "203.0.113.7"
    # A request that did not pass the proxy (no header) counts by its own address.
    assert ratelimit.client_ip(factory.get("/", REMOTE_ADDR="10.0.0.9")) == "10.0.0.9"
    ipv6 = factory.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    settings.ROUNDS_TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(ipv6) == "2001:db8:1:2::"
    assert ratelimit.client_ip(factory.get("/", REMOTE_ADDR="not an ip")) == "unknown"


# --- posting -------------------------------------------------------------------------------


def test_a_reply_over_the_member_rate_gets_429_with_the_limit_and_keeps_the_text(client, settings):
    _limits(settings, post="2/m/member")
    member, thread = _established()
    client.force_login(member)
    url = f"{thread.get_absolute_url()}reply/"
    for i in range(2):
        assert client.post(url, {"body": f"Reply {i}"}).status_code == 302
    response = client.post(url, {"body": "My careful third answer"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "2 posts per minute" in page
    assert "You can send again after" in page
    assert "My careful third answer" in page  # back in the composer's textarea
    assert Draft.objects.get(user=member, thread=thread).body == "My careful third answer"
    assert not Post.objects.filter(source="My careful third answer").exists()


def test_members_sharing_an_address_share_the_per_ip_rate(client, settings):
    _limits(settings, post="100/m/member,2/h/ip")
    forum = CategoryFactory()
    url = f"/forums/{forum.slug}/new/"
    for name in ("first", "second"):
        member, _thread = _established()
        client.force_login(member)
        response = client.post(
            url, {"title": f"From {name}", "body": "Text"}, REMOTE_ADDR="10.1.1.1"
        )
        assert response.status_code == 302
    response = client.post(
        url, {"title": "From a third", "body": "Third text"}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 429
    assert "2 posts per hour from one network address" in response.content.decode()
    assert "Third text" in response.content.decode()
    # Another address is not affected.
    assert (
        client.post(url, {"title": "Elsewhere", "body": "x"}, REMOTE_ADDR="10.2.2.2").status_code
        == 302
    )
    assert not Thread.objects.filter(title="From a third").exists()


def test_moderators_are_not_rate_limited(client, settings, moderator):
    _limits(settings, post="1/h/member,1/h/ip")
    thread = make_thread()
    client.force_login(moderator)
    for i in range(3):
        assert (
            client.post(f"{thread.get_absolute_url()}reply/", {"body": f"r{i}"}).status_code == 302
        )


# --- trust: new members --------------------------------------------------------------------


def test_a_member_is_new_in_their_first_days_or_first_posts(trust, django_assert_num_queries):
    joined_today = UserFactory()
    with django_assert_num_queries(0):  # the first days need no query at all
        assert is_new_member(joined_today)
    old_without_posts = UserFactory(date_joined=timezone.now() - timedelta(days=10))
    with django_assert_num_queries(1):
        assert is_new_member(old_without_posts)
    established, _thread = _established()
    with django_assert_num_queries(1):
        assert not is_new_member(established)


def test_a_new_member_with_too_many_links_gets_a_form_error_naming_the_limit(auth_client, trust):
    thread = make_thread()
    body = "See https://one.org/x and https://two.org/y and three.org please"
    response = auth_client.post(f"{thread.get_absolute_url()}reply/", {"body": body})
    assert response.status_code == 400
    errors = response.context["form"].errors["body"]
    assert "New members can include at most 2 links in a post; this one has 3." in errors[0]
    assert "lift after 3 days and 5 posts" in errors[0]
    assert body in response.content.decode()
    assert not Post.objects.filter(source=body).exists()
    # Two links are fine.
    ok = auth_client.post(
        f"{thread.get_absolute_url()}reply/", {"body": "https://one.org and https://two.org"}
    )
    assert ok.status_code == 302


def test_a_new_member_with_too_many_mentions_in_a_new_thread_is_told_so(auth_client, trust):
    forum = CategoryFactory()
    for handle in ("amy", "bob", "cat"):
        UserFactory(handle=handle)
    body = "Asking @amy, @bob and @cat"
    response = auth_client.post(f"/forums/{forum.slug}/new/", {"title": "Need help", "body": body})
    assert response.status_code == 400
    assert "at most 2 members in a post; this one mentions 3" in str(
        response.context["form"].errors["body"]
    )
    assert body in response.content.decode()
    assert not Thread.objects.filter(category=forum).exists()


def test_an_established_member_may_use_more_links_and_mentions(client, trust):
    member, thread = _established()
    client.force_login(member)
    body = "https://one.org https://two.org https://three.org @x1_ @x2_ @x3_"
    assert client.post(f"{thread.get_absolute_url()}reply/", {"body": body}).status_code == 302


def test_new_members_have_a_tighter_posting_rate(client, trust, settings):
    _limits(settings, post="100/h/member", post_new_member="2/h/member")
    thread = make_thread()
    newcomer = UserFactory()
    client.force_login(newcomer)
    url = f"{thread.get_absolute_url()}reply/"
    for i in range(2):
        assert client.post(url, {"body": f"new {i}"}).status_code == 302
    refused = client.post(url, {"body": "new third"})
    assert refused.status_code == 429
    assert "2 posts per hour" in refused.content.decode()
    member, _thread = _established()
    client.force_login(member)
    for i in range(3):
        assert client.post(url, {"body": f"old {i}"}).status_code == 302


# --- cases ---------------------------------------------------------------------------------


@pytest.fixture
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def test_writing_cases_counts_as_posting_and_keeps_the_case_text(client, settings, private_images):
    _limits(settings, post="1/h/member")
    author = UserFactory(professional=True)
    client.force_login(author)
    data = {**CASE_VALUES, "tags": "ecg"}
    assert client.post("/cases/new/", data).status_code == 302
    response = client.post("/cases/new/", {**data, "title": "A second case"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "1 post per hour" in page
    assert "A second case" in page
    assert "Collapse while running" in page
    assert Case.objects.filter(author=author).count() == 1


def test_a_case_reply_over_the_rate_gets_429_and_keeps_the_text(
    client, settings, moderator, private_images
):
    author, reader = UserFactory(professional=True), UserFactory(professional=True)
    case = publish(make_case(author), author, moderator)
    _limits(settings, post="1/h/member")
    client.force_login(reader)
    url = f"/cases/{case.pk}/reply/"
    assert client.post(url, {"body": "First thought"}).status_code == 302
    response = client.post(url, {"body": "Second thought on the murmur"})
    assert response.status_code == 429
    assert "Second thought on the murmur" in response.content.decode()


# --- reporting -----------------------------------------------------------------------------


def test_reporting_is_rate_limited_and_keeps_the_report_text(auth_client, settings):
    _limits(settings, report="1/h/member,10/h/ip")
    thread = make_thread(replies=1)
    url = f"{thread.get_absolute_url()}report/"
    assert auth_client.post(url, {"reason": "spam", "text": ""}).status_code == 302
    response = auth_client.post(
        f"{thread.get_absolute_url()}2/report/", {"reason": "other", "text": "Sells pills"}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "1 report per hour from one network address" not in page
    assert "1 report per hour" in page
    assert "Sells pills" in page
    assert Report.objects.count() == 1


def test_the_counters_work_on_redis_as_in_production(redis_url, settings, user):
    """Production counts in Redis (shared by every web process); same behaviour there. A
    unique key prefix, and only this test's keys removed: other worktrees share this Redis."""
    import uuid

    import redis

    prefix = f"test-ratelimit-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    rates = ratelimit.parse_rates("3/h/member,5/h/ip")
    try:
        for _ in range(3):
            ratelimit.consume("post", rates=rates, what="post", user=user, ip="10.3.3.3")
        with pytest.raises(ratelimit.RateLimited) as refused:
            ratelimit.consume("post", rates=rates, what="post", user=user, ip="10.3.3.3")
        assert refused.value.rate.per == "member"
        # The refused attempt was taken back from the address's count: two more fit there.
        other = UserFactory()
        for _ in range(2):
            ratelimit.consume("post", rates=rates, what="post", user=other, ip="10.3.3.3")
        with pytest.raises(ratelimit.RateLimited) as by_address:
            ratelimit.consume("post", rates=rates, what="post", user=other, ip="10.3.3.3")
        assert by_address.value.rate.per == "ip"
        client = redis.Redis.from_url(redis_url)
        keys = client.keys(f"{prefix}:*:ratelimit:*")  # not the users generation
        assert keys
        assert all(0 < client.ttl(key) <= 3601 for key in keys)  # windows expire on their own
    finally:
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_a_new_member_cannot_add_the_links_by_editing_afterwards(auth_client, user, trust):
    thread = make_thread(author=user, body="A harmless first version")
    url = f"{thread.get_absolute_url()}1/edit/"
    body = "Buy at https://one.org https://two.org https://three.org"
    response = auth_client.post(url, {"title": "A question", "tags": "", "body": body})
    assert response.status_code == 400
    assert "at most 2 links" in str(response.context["form"].errors["body"])
    assert body in response.content.decode()
    assert Post.objects.get(thread=thread, number=1).source == "A harmless first version"


# --- the services limit themselves -----------------------------------------------------------
# A caller that is not a page (a command, an import, an API to come) gets the limits without
# repeating them; only the site itself (``SITE``: approving a case, seeding) writes unlimited.

LINKS = "See https://one.org/x and https://two.org/y and three.org please"


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
