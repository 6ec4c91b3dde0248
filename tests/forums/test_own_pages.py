"""A member's own pages kept whole for them (``forums.sharing.own_pages``): the kept page is the
page rendered whole, its forms carry the reader's own token, it is never another member's, and
everything that changes what it shows retires it at once (the member's own requests, other
members' messages and notifications, a moderator's decision, a change to an account)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Specialty, User
from accounts.network import follow_member
from forums.consults.membership import add_participants
from forums.consults.moderation import hide_message
from forums.consults.writing import send_message
from forums.learning import recording
from forums.learning.prompts import stop_token
from forums.models import Thread, WatchLevel
from forums.posting import SITE, create_reply, following, reactions
from forums.sharing.fragments import CSRF_PLACEHOLDER
from forums.sharing.own_pages import OWN_PAGES
from forums.urls import urlpatterns  # the views, and with them every declared own page
from tests.consults.helpers import conversation_between, pro
from tests.factories import CategoryFactory, make_thread

assert urlpatterns
pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class World:
    """A verified member with something on each of their own pages."""

    def __init__(self) -> None:
        self.member = pro(handle="reader")
        self.colleague = pro(handle="colleague")
        self.forum = CategoryFactory(slug="cardiology")
        self.thread = make_thread(
            author=self.colleague, category=self.forum, title="Wide QRS at rest", replies=3
        )
        follow_member(follower=self.member, followed=self.colleague)
        create_reply(thread=self.thread, author=self.colleague, body="Thoughts, @reader?")
        reactions.bookmark_post(self.thread.posts.get(number=2), user=self.member)
        recording.log_thread(user=self.member, thread=self.thread)
        recording.set_weekly_prompt(user=self.member, on=True)
        self.conversation = conversation_between(self.colleague, self.member, body="Hello there")
        # Hours old: "3 hours ago" reads the same for the first request and the next.
        Thread.objects.update(last_posted_at=timezone.now() - timedelta(hours=3))

    def urls(self) -> dict[str, str]:
        return {
            "notifications": reverse("forums:notifications"),
            "bookmarks": reverse("forums:bookmarks"),
            "inbox": reverse("forums:consults"),
            "conversation": self.conversation.get_absolute_url(),
            "learning-log": reverse("learning:log"),
            "following-tab": reverse("forums:home_following"),
        }


@pytest.fixture
def world(local_cache, settings, django_capture_on_commit_callbacks):
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        return World()


def _client(member: User) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_own_page_is_named_here(world):
    assert set(world.urls()) == set(OWN_PAGES)


@pytest.mark.parametrize("name", sorted(OWN_PAGES))
def test_the_kept_page_is_the_page_rendered_whole(name, world, settings):
    url = world.urls()[name]
    client = _client(world.member)
    settings.VISITOR_PAGE_SECONDS = 0
    _page(client, url)  # a first visit marks what it shows as read (a conversation)
    whole = _page(client, url)
    settings.VISITOR_PAGE_SECONDS = 30
    built = _page(client, url)
    with CaptureQueriesContext(connection) as kept_queries:
        kept = _page(client, url)
    assert TOKEN.sub("TOKEN", kept) == TOKEN.sub("TOKEN", built) == TOKEN.sub("TOKEN", whole)
    assert "\x00" not in kept
    assert CSRF_PLACEHOLDER not in kept
    assert TOKEN.search(kept), "every own page has a form (the header's sign-out at least)"
    # Served from the kept copy: nothing read from the database but the signed-in session.
    assert len(kept_queries) == 0, [q["sql"][:80] for q in kept_queries]


def test_a_kept_page_carries_each_readers_own_token(world):
    """Two browsers of the same member: the second is served the copy the first built, and
    its forms work with its own CSRF cookie."""
    url = reverse("forums:notifications")
    first = Client(enforce_csrf_checks=True)
    first.force_login(world.member)
    _page(first, url)
    second = Client(enforce_csrf_checks=True)
    second.force_login(world.member)
    tokens = TOKEN.findall(_page(second, url))
    assert tokens
    response = second.post(
        reverse("forums:notifications_read_all"), {"csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302


def test_a_member_is_never_served_another_members_kept_page(world):
    _page(_client(world.member), reverse("forums:bookmarks"))
    other = _page(_client(world.colleague), reverse("forums:bookmarks"))
    assert "Wide QRS at rest" not in other  # the reader's bookmark, not the colleague's
    assert "@reader" not in other


def _mention(world):
    thread = make_thread(author=world.colleague, category=world.forum, title="Syncope at the gym")
    create_reply(thread=thread, author=world.colleague, body="@reader what do you think?")


def _bookmark_by_post(world, client):
    post = world.thread.posts.get(number=3)
    response = client.post(
        reverse("forums:bookmark", args=[world.thread.pk, world.thread.slug, post.number])
    )
    assert response.status_code in (200, 302)


def _message(world):
    send_message(
        conversation=world.conversation, by=world.colleague, body="Axis is normal", origin=SITE
    )


def _hidden_message(world):
    message = world.conversation.messages.get(number=1)
    hide_message(message, by=world.moderator, reason="privacy")


def _added_to_a_conversation(world):
    third = pro(handle="third")
    other = conversation_between(third, world.colleague, subject="Pacing question")
    add_participants(conversation=other, by=third, members=[world.member])


def _prompt_stopped_from_an_email(world):
    Client().post(reverse("learning:stop_prompt", args=[stop_token(world.member)]))


def _new_thread_by_a_followed_member(world):
    make_thread(author=world.colleague, category=world.forum, title="Brugada pattern on holiday")


def _made_staff(world):
    member = User.objects.get(pk=world.member.pk)
    member.is_staff = True
    member.save()  # any save of the row moves the members' generation (post_save)


# page, what changes it, a text the page shows only before (-) or only after (+) the change
EVENTS = {
    "mention": ("notifications", _mention, "+Syncope at the gym"),
    "bookmark": ("bookmarks", _bookmark_by_post, "+at rest #3"),
    "message": ("conversation", _message, "+Axis is normal"),
    "message in inbox": ("inbox", _message, "+2 unread"),
    "hidden message": ("conversation", _hidden_message, "-Hello there"),
    "added": ("inbox", _added_to_a_conversation, "+Pacing question"),
    "prompt stopped": (
        "learning-log",
        _prompt_stopped_from_an_email,
        '-id="id_weekly_prompt" checked',
    ),
    "new thread": ("following-tab", _new_thread_by_a_followed_member, "+Brugada pattern"),
    "made staff": ("inbox", _made_staff, "+>Moderation</a>"),
}


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_what_changes_a_kept_page_retires_it_at_once(
    event, world, moderator, django_capture_on_commit_callbacks
):
    name, change, expect = EVENTS[event]
    world.moderator = moderator
    url = world.urls()[name]
    client = _client(world.member)
    _page(client, url)  # built and kept (a first visit marks a conversation read)
    before = _page(client, url)
    text = expect[1:]
    assert (text in before) == (expect[0] == "-"), f"{text!r} before the change"
    with django_capture_on_commit_callbacks(execute=True):
        if change is _bookmark_by_post:
            change(world, client)
        else:
            change(world)
    after = _page(client, url)
    assert (text in after) == (expect[0] == "+"), f"{text!r} after the change"


def test_a_pending_message_is_shown_not_a_kept_page(world):
    client = _client(world.member)
    url = reverse("learning:log")
    _page(client, url)
    response = client.post(reverse("learning:add", args=[world.thread.pk]), follow=True)
    assert "Already in your learning log" in response.content.decode()


def test_the_home_pages_sections_are_kept_for_the_member_and_follow_what_they_show(
    local_cache, settings, django_capture_on_commit_callbacks
):
    """The home page's sections (``own_part``): the prompt shows once, then the kept sections
    no longer hold it; a reply to the waiting thread takes it out of "Unanswered" at once."""
    from tests.recognition.test_unanswered_home import PROMPT, SECTION, _reader, _waiting

    settings.VISITOR_PAGE_SECONDS = 30
    cardiology = Specialty.objects.get_or_create(slug="cardiology", defaults={"name": "C"})[0]
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    waiting = make_thread(category=forum, author=pro(), title="Help with this ECG")
    _waiting(waiting)
    client = _client(_reader(cardiology))
    first = _page(client, "/")
    assert PROMPT in first
    assert SECTION in first
    again = _page(client, "/")
    assert PROMPT not in again, "shown once: the kept sections were retired when it was"

    def section(html: str) -> str:
        return html.split(SECTION, 1)[1].split("</section>", 1)[0] if SECTION in html else ""

    assert "Help with this ECG" in section(again)
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(thread=waiting, author=pro(), body="Looks like LBBB to me")
    assert "Help with this ECG" not in section(_page(client, "/"))


UNREAD = "4 unread"  # the row of the thread the reader read two posts of (six in all)


class Lists:
    """A forum and a tag with a thread the reader has read half of, for the shared pages that
    keep the member's state (``SharedMemberPage.keeps_state``)."""

    def __init__(self) -> None:
        self.reader = pro(handle="reader")
        forum = CategoryFactory(slug="cardiology")
        starter = pro(handle="starter")
        self.thread = make_thread(
            author=starter, category=forum, title="Wide QRS at rest", replies=5, tags=["syncope"]
        )
        following.mark_thread_read(self.thread, user=self.reader, number=2)
        Thread.objects.update(last_posted_at=timezone.now() - timedelta(hours=3))
        self.urls = {
            "home": "/",
            "forum": forum.get_absolute_url(),
            "tag": reverse("forums:tag", args=["syncope"]),
        }


@pytest.mark.parametrize("page", ["home", "forum", "tag"])
def test_a_kept_state_reads_nothing_and_reading_the_thread_retires_it(
    page, local_cache, settings, django_capture_on_commit_callbacks
):
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        lists = Lists()
    url = lists.urls[page]
    client = _client(lists.reader)
    _page(_client(pro(handle="builder")), url)  # builds the shared copy
    first = _page(client, url)
    assert UNREAD in first
    with CaptureQueriesContext(connection) as queries:
        again = _page(client, url)
    assert TOKEN.sub("", again) == TOKEN.sub("", first)
    assert len(queries) == 0, "the state was kept: " + str([q["sql"][:60] for q in queries])
    with django_capture_on_commit_callbacks(execute=True):
        _page(client, lists.thread.get_absolute_url())  # reads the last posts
    read = _page(client, url)
    assert "Wide QRS at rest" in read
    assert UNREAD not in read
    assert TOKEN.sub("", read) != TOKEN.sub("", first), "reading moved the member's generation"
    settings.VISITOR_PAGE_SECONDS = 0
    assert TOKEN.sub("", read) == TOKEN.sub("", _page(client, url)), "as rendered whole"


def test_the_thread_pages_kept_state_follows_the_watch_level(
    local_cache, settings, django_capture_on_commit_callbacks
):
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        lists = Lists()
    url = lists.thread.get_absolute_url()
    client = _client(lists.reader)
    _page(client, url)  # marks the page read
    first = _page(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert TOKEN.sub("", _page(client, url)) == TOKEN.sub("", first)
    assert len(queries) == 0
    assert '<option value="muted" selected>' not in first
    with django_capture_on_commit_callbacks(execute=True):
        following.set_watch_level(lists.thread, user=lists.reader, level=WatchLevel.MUTED)
    assert '<option value="muted" selected>' in _page(client, url)


def test_a_kept_state_never_serves_a_thread_under_another_slug(
    local_cache, settings, django_capture_on_commit_callbacks
):
    """What decides the page before any state (the slug, authorship: ``whole_now``) is asked
    on every request, kept state or not."""
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        lists = Lists()
    client = _client(lists.reader)
    url = lists.thread.get_absolute_url()
    _page(client, url)
    _page(client, url)  # the state is kept now
    wrong = url.replace(lists.thread.slug, "another-title")
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == url
