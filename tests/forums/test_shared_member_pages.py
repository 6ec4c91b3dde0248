"""Every declared shared member page (forums.sharing.member_pages.SHARED_PAGES), filled with a
member's own parts, is the page that member gets rendered whole: for authors, reactors,
bookmarkers, read positions, watch levels, follows, poll voters, moderators, suspended and
verified members.
A new shared page is covered by declaring it (and naming an example of its URL below), or by a
test of the same kind in its app, named in ``ELSEWHERE`` (the case pages: for verified readers,
with voters and case authors)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from accounts import blocking, network
from accounts.models import FollowLevel
from accounts.moderation import suspend_member
from cases.urls import urlpatterns as case_urlpatterns
from forums.models import PollResults, Post, Thread, ThreadState, WatchLevel
from forums.posting import create_reply, following, polls, reactions
from forums.sharing.member_pages import SHARED_PAGES
from forums.urls import urlpatterns  # the views, and with them every declared page
from tests.factories import CategoryFactory, UserFactory, make_thread
from tests.members.helpers import listed

assert urlpatterns
assert case_urlpatterns

# Declared pages whose equivalence test is in their app (members of the kinds that page has).
ELSEWHERE = {
    "case-list": "tests/cases/test_shared_case_pages.py",
    "case": "tests/cases/test_shared_case_pages.py",
}

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


class World:
    def __init__(self, moderator) -> None:
        self.moderator = moderator
        self.forum = CategoryFactory(slug="cardiology")
        self.starter = starter = UserFactory(handle="starter")
        listed(handle="listed", contributions=3)  # on the directory's page
        self.thread = make_thread(
            author=starter, category=self.forum, title="Wide QRS at rest", replies=5
        )
        for i in range(3):
            other = make_thread(author=starter, category=self.forum, title=f"Other {i}", replies=i)
            other.tags.add("syncope")
        self.thread.tags.add("syncope")
        self.post = Post.objects.get(thread=self.thread, number=2)
        # A poll whose results show only to those who voted: the member's vote is their own.
        spec = polls.PollSpec(
            question="Rate or rhythm?", options=("Rate", "Rhythm"), results=PollResults.VOTED
        )
        self.poll = polls.attach_poll(thread=self.thread, by=starter, spec=spec)
        # Hours old: "3 hours ago" reads the same for the builder and the member a second later.
        Thread.objects.update(last_posted_at=F("last_posted_at") - timedelta(hours=3))

    def url(self, url_name: str) -> str:
        examples = {
            "forums:index": {},
            "home": {},
            "forums:category": {"slug": self.forum.slug},
            "forums:thread": {"pk": self.thread.pk, "slug": self.thread.slug},
            "forums:tag": {"slug": "syncope"},
            "forums:search": {},
            "accounts:profile": {"handle": "Starter"},  # handles are found whatever the case
            "accounts:directory": {},
        }
        if url_name not in examples:
            pytest.fail(f"Name an example of {url_name} in World.url")
        query = "?q=qrs" if url_name == "forums:search" else ""
        return reverse(url_name, kwargs=examples[url_name]) + query


def _plain(w: World):
    return UserFactory(handle="plain")


def _author(w: World):
    member = UserFactory(handle="author")
    create_reply(
        thread=w.thread, author=member, body="My own reply", at=timezone.now() - timedelta(hours=2)
    )
    return member


def _reactor(w: World):
    member = UserFactory(handle="reactor")
    reactions.react_to_post(w.post, by=member)
    return member


def _bookmarker(w: World):
    member = UserFactory(handle="bookmarker")
    reactions.bookmark_post(w.post, user=member)
    return member


def _reader(w: World):
    member = UserFactory(handle="reader")
    following.mark_thread_read(w.thread, user=member, number=3)
    return member


def _watcher(w: World):
    member = UserFactory(handle="watcher")
    following.set_watch_level(w.thread, user=member, level=WatchLevel.MUTED)
    return member


def _follower(w: World):
    member = UserFactory(handle="follower")
    following.follow_category(w.forum, user=member)
    following.follow_tag(Tag.objects.get(slug="syncope"), user=member)
    for thread in w.forum.threads.all():
        following.mark_thread_read(thread, user=member, number=thread.post_count)
    return member


def _voter(w: World):
    member = UserFactory(handle="voter")
    polls.vote(poll=w.poll, by=member, choices=[1])
    return member


def _member_follower(w: World):
    member = UserFactory(handle="fan")
    network.follow_member(follower=member, followed=w.starter, level=FollowLevel.EMAIL)
    return member


def _blocker(w: World):
    member = UserFactory(handle="blocker")
    blocking.block_member(blocker=member, blocked=w.starter)
    return member


def _moderator(w: World):
    return w.moderator


def _suspended(w: World):
    member = UserFactory(handle="suspended")
    until = timezone.now() + timedelta(days=2)
    suspend_member(member, by=w.moderator, until=until, reason="Spam")
    return member


def _verified(w: World):
    return UserFactory(handle="verified", professional=True)


MEMBERS = {
    "plain": _plain,
    "author": _author,
    "reactor": _reactor,
    "bookmarker": _bookmarker,
    "reader": _reader,
    "watcher": _watcher,
    "follower": _follower,
    "member_follower": _member_follower,
    "blocker": _blocker,
    "voter": _voter,
    "moderator": _moderator,
    "suspended": _suspended,
    "verified": _verified,
}


def _get(member, url: str) -> str:
    client = Client()
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    return TOKEN.sub("TOKEN", response.content.decode())


@pytest.mark.parametrize("kind", sorted(MEMBERS))
@pytest.mark.parametrize("page", sorted(set(SHARED_PAGES) - set(ELSEWHERE)))
def test_the_filled_page_is_the_page_rendered_whole(
    page, kind, moderator, settings, local_cache, django_capture_on_commit_callbacks
):
    world = World(moderator)
    url = world.url(SHARED_PAGES[page].url_name)
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        member = MEMBERS[kind](world)
    _get(UserFactory(handle="builder"), url)  # builds the shared copy
    states = list(ThreadState.objects.filter(user=member).values())

    shared = _get(member, url)
    # Reading a thread marks it read: the whole page is rendered from the same state.
    ThreadState.objects.filter(user=member).delete()
    ThreadState.objects.bulk_create(ThreadState(**values) for values in states)
    settings.VISITOR_PAGE_SECONDS = 0
    whole = _get(member, url)

    assert "\x00" not in shared
    assert f"@{member.handle}" in shared
    assert "@builder" not in shared
    assert shared == whole


@pytest.mark.parametrize("page", sorted(ELSEWHERE))
def test_pages_proved_elsewhere_are_declared_and_proved(page):
    assert page in SHARED_PAGES
    test = Path(__file__).parents[2] / ELSEWHERE[page]
    assert SHARED_PAGES[page].__name__ in test.read_text()
