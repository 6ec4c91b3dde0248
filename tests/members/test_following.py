"""Following members (issue 24, part 2): the Follow button (POST, CSRF, rate-limited), the
followers count and list, the home page's Following tab, notifications at the follower's level
and the digest sections, each only within permissions: a followed member's case reaches only
followers who may read it."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts import network
from accounts.models import FollowLevel, MemberFollow, Profile
from cases.digests import followed_cases_for_digests
from forums.mail.digests.build import Window
from forums.mail.digests.followed import followed_for_digests
from forums.mail.notification_emails import send_notification_emails
from forums.models import Notification, NotificationKind, Visibility
from forums.posting import moderation as forum_moderation
from forums.selectors.following import FEED_SIZE
from tests.cases.conftest import make_case, publish
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_pages")]


@pytest.fixture
def colleague(db):
    member = UserFactory(handle="colleague", display_name="Dr Colleague", professional=True)
    Profile.objects.create(user=member, listed_in_directory=True)
    return member


def follow(client, handle, **data):
    return client.post(f"/u/{handle}/follow/", data)


def test_follow_and_unfollow_from_the_profile(auth_client, user, colleague):
    page = auth_client.get("/u/colleague/").content.decode()
    assert "Follow Dr Colleague" in page
    assert "0 followers" in page
    assert follow(auth_client, "colleague", level="email").status_code == 302
    assert MemberFollow.objects.get(follower=user, followed=colleague).level == "email"
    assert Profile.objects.get(user=colleague).followers_count == 1
    follow(auth_client, "colleague", level="none")  # again: the level changes, no second row
    assert MemberFollow.objects.get(follower=user, followed=colleague).level == "none"
    page = auth_client.get("/u/colleague/").content.decode()
    assert "1 follower" in page
    assert "Unfollow" in page
    follow(auth_client, "colleague", action="unfollow")
    assert not MemberFollow.objects.exists()
    assert Profile.objects.get(user=colleague).followers_count == 0


def test_following_needs_a_post_with_a_csrf_token(user, colleague):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get("/u/colleague/follow/").status_code == 405
    assert client.post("/u/colleague/follow/").status_code == 403
    assert not MemberFollow.objects.exists()


def test_nobody_follows_themselves_and_a_bad_level_is_refused(auth_client, user, colleague):
    response = follow(auth_client, "ada")
    assert response.status_code == 302
    assert not MemberFollow.objects.exists()
    follow(auth_client, "colleague", level="shout")
    assert not MemberFollow.objects.exists()
    messages = [str(m) for m in auth_client.get("/u/colleague/").context["messages"]]
    assert any("how you want to hear" in m for m in messages)


def test_following_is_rate_limited_like_other_small_actions(settings, local_cache, auth_client):
    settings.ROUNDS_RATE_LIMITS = {"follow": "2/h/member"}
    for i in range(3):
        UserFactory(handle=f"peer{i}")
        follow(auth_client, f"peer{i}")
    assert MemberFollow.objects.count() == 2
    messages = [str(m) for m in auth_client.get("/").context["messages"]]
    assert any("2 follows per hour" in m for m in messages)


def test_the_followers_list_is_for_the_followed_member_alone(client, user, colleague):
    network.follow_member(follower=user, followed=colleague)
    client.force_login(user)
    assert client.get("/u/colleague/followers/").status_code == 404
    client.force_login(colleague)
    page = client.get("/u/colleague/followers/")
    assert page.status_code == 200
    assert "@ada" in page.content.decode()
    assert 'href="/u/colleague/followers/"' in client.get("/u/colleague/").content.decode()


def test_the_following_tab_shows_new_threads_of_followed_members_only(
    auth_client, user, colleague, moderator
):
    network.follow_member(follower=user, followed=colleague)
    theirs = make_thread(author=colleague, title="Their new question")
    make_thread(author=UserFactory(), title="Someone else's")
    hidden = make_thread(author=colleague, title="Hidden by a moderator")
    forum_moderation.hide_thread(hidden, by=moderator, reason="spam")
    response = auth_client.get("/following/")
    titles = [item.title for item in response.context["items"]]
    assert "Their new question" in titles
    assert "Someone else's" not in titles
    assert "Hidden by a moderator" not in titles
    assert response.content.decode().count(theirs.get_absolute_url()) == 1
    # The home page links to the tab.
    assert 'href="/following/"' in auth_client.get("/").content.decode()


def test_a_thread_in_a_verified_forum_reaches_only_followers_who_may_read_it(
    client, user, colleague
):
    verified_forum = CategoryFactory(visibility=Visibility.VERIFIED)
    pro = UserFactory(professional=True, handle="pro_reader")
    for follower in (user, pro):
        network.follow_member(follower=follower, followed=colleague)
    make_thread(author=colleague, category=verified_forum, title="For verified eyes")
    client.force_login(user)
    assert client.get("/following/").context["items"] == []
    assert not Notification.objects.filter(recipient=user).exists()
    client.force_login(pro)
    assert [i.title for i in client.get("/following/").context["items"]] == ["For verified eyes"]
    assert Notification.objects.filter(recipient=pro, kind=NotificationKind.FOLLOWED).exists()


def test_a_followed_members_case_never_reaches_an_unverified_follower(
    client, user, colleague, moderator
):
    """Tab, notification and digest: the case reaches the verified follower only."""
    pro = UserFactory(professional=True, handle="pro_reader")
    for follower in (user, pro):
        network.follow_member(follower=follower, followed=colleague, level=FollowLevel.IN_APP)
    before = timezone.now() - timedelta(minutes=1)
    case = publish(make_case(colleague), colleague, moderator)
    client.force_login(user)
    assert client.get("/following/").context["items"] == []
    assert not Notification.objects.filter(recipient=user).exists()
    client.force_login(pro)
    items = client.get("/following/").context["items"]
    assert [(i.title, i.url) for i in items] == [(case.title, case.get_absolute_url())]
    assert Notification.objects.filter(
        recipient=pro, kind=NotificationKind.FOLLOWED, thread=case.thread
    ).exists()
    windows = [
        Window(user=member, since=before, until=timezone.now() + timedelta(minutes=1))
        for member in (user, pro)
    ]
    counted = followed_cases_for_digests(windows)
    assert user.pk not in counted
    assert counted[pro.pk][0].count == 1
    # The case's discussion is left to the case: the threads section does not name it.
    assert pro.pk not in followed_for_digests(windows)


@pytest.mark.parametrize(
    ("level", "notified"), [("none", False), ("in_app", True), ("email", True)]
)
def test_notifications_follow_the_level_the_follower_chose(user, colleague, level, notified):
    network.follow_member(follower=user, followed=colleague, level=level)
    thread = make_thread(author=colleague, title="Fresh thread")
    found = Notification.objects.filter(recipient=user, kind=NotificationKind.FOLLOWED)
    assert found.exists() is notified
    mail.outbox.clear()
    if notified:
        send_notification_emails([found.get().pk])
    emailed = [m for m in mail.outbox if user.email in m.to]
    assert bool(emailed) is (level == "email")
    if emailed:
        assert "Dr Colleague started “Fresh thread”" in emailed[0].subject
        assert thread.title in emailed[0].body
        assert "members you follow" in emailed[0].body


def test_the_digest_lists_followed_members_new_threads_they_may_read(user, colleague):
    network.follow_member(follower=user, followed=colleague, level=FollowLevel.NONE)
    before = timezone.now() - timedelta(minutes=1)
    make_thread(author=colleague, title="Shared in the digest")
    make_thread(
        author=colleague,
        category=CategoryFactory(visibility=Visibility.VERIFIED),
        title="Verified only",
    )
    make_thread(author=UserFactory(), title="Not followed")
    window = Window(user=user, since=before, until=timezone.now() + timedelta(minutes=1))
    items = followed_for_digests([window])[user.pk]
    assert [item.title for item in items] == ["Shared in the digest"]
    assert "Dr Colleague" in items[0].label


@pytest.mark.whole_page  # kept whole for the member: tests/forums/test_own_pages.py
def test_the_following_tab_costs_the_same_queries_on_every_page(
    auth_client, user, colleague, django_assert_num_queries
):
    other = UserFactory(handle="other_colleague")
    for member in (colleague, other):
        network.follow_member(follower=user, followed=member)
    forum = CategoryFactory()
    for i in range(FEED_SIZE + 6):
        make_thread(author=colleague if i % 2 else other, category=forum, title=f"Thread {i}")
    auth_client.get("/following/")  # the session and user snapshot are cached, as on a server
    # the threads with author and forum, the cases source (readers who may not read cases get
    # an empty answer from the same query)
    with django_assert_num_queries(2):
        first = auth_client.get("/following/")
    assert len(first.context["items"]) == FEED_SIZE
    cursor = first.context["next_before"]
    assert cursor
    with django_assert_num_queries(2):
        second = auth_client.get(f"/following/?before={quote(cursor)}")
    titles = [i.title for i in first.context["items"]] + [i.title for i in second.context["items"]]
    assert len(titles) == len(set(titles)) == FEED_SIZE + 6


def test_a_malformed_cursor_on_the_following_tab_is_the_first_page(auth_client, user, colleague):
    network.follow_member(follower=user, followed=colleague)
    make_thread(author=colleague, title="Still shown")
    for cursor in ("x", "2026-99-99", "9" * 60):
        response = auth_client.get(f"/following/?before={cursor}")
        assert response.status_code == 200
        assert [i.title for i in response.context["items"]] == ["Still shown"]


def test_the_following_tab_is_for_members(client):
    response = client.get("/following/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_followers_list_costs_the_same_queries_on_every_page(
    client, colleague, django_assert_num_queries
):
    from accounts.member_pages import FOLLOWERS_PER_PAGE

    for i in range(FOLLOWERS_PER_PAGE + 5):
        network.follow_member(follower=UserFactory(handle=f"fan{i:03d}"), followed=colleague)
    client.force_login(colleague)
    client.get("/u/colleague/followers/")  # the session and user snapshot are cached
    # the member behind the handle, the count (the paginator), the page of followers with
    # their profile and specialty
    with django_assert_num_queries(3):
        first = client.get("/u/colleague/followers/")
    assert len(first.context["page"].object_list) == FOLLOWERS_PER_PAGE
    with django_assert_num_queries(3):
        second = client.get("/u/colleague/followers/?page=2")
    assert len(second.context["page"].object_list) == 5
    assert "@fan000" in second.content.decode()  # oldest last


def test_my_data_lists_follows_and_a_deleted_follower_is_no_longer_counted(user, colleague):
    from accounts.deletion import delete_account
    from accounts.export import export_user_data

    network.follow_member(follower=user, followed=colleague, level=FollowLevel.EMAIL)
    assert export_user_data(user)["following"][0]["handle"] == "colleague"
    assert export_user_data(user)["following"][0]["level"] == "email"
    delete_account(user, keep_posts=True)
    assert Profile.objects.get(user=colleague).followers_count == 0
    assert not MemberFollow.objects.exists()
