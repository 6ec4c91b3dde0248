"""A member's forum page and forum index built from pages shared by the readers of their forum
levels (forums.pages.forums: ForumPage, ForumIndexPage): the same page they would get
rendered whole, with their own follow, read, unread and new marks, and nobody else's."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forums.models import Notification, Thread, Visibility
from forums.posting import create_reply, following
from forums.selectors.common import THREADS_PER_PAGE
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
NEXT = re.compile(r'href="\?before=([^"]+)"')


@pytest.fixture(autouse=True)
def shared_pages(settings, local_cache):
    settings.VISITOR_PAGE_SECONDS = 30
    return local_cache


@pytest.fixture
def forum():
    """More threads than a page, active hours ago (a steady "5 hours ago" in every row)."""
    forum = CategoryFactory(name="Cardiology")
    author = UserFactory()
    hours_ago = timezone.now() - timedelta(hours=5)
    for i in range(THREADS_PER_PAGE + 6):
        thread = make_thread(category=forum, author=author, title=f"ECG {i}", replies=i % 3)
        Thread.objects.filter(pk=thread.pk).update(last_posted_at=hours_ago + timedelta(minutes=i))
    return forum


def _signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _page(client, url: str) -> str:
    return TOKEN.sub("TOKEN", client.get(url).content.decode())


def _whole(member, url: str, settings) -> str:
    settings.VISITOR_PAGE_SECONDS = 0
    try:
        return _page(_signed_in(member), url)
    finally:
        settings.VISITOR_PAGE_SECONDS = 30


def _reader(forum) -> User:
    """A member who joined between the threads (the newer ones are "New" to them), read some
    to the end and some partly (their rows count the unread posts), and follows the forum."""
    threads = list(forum.threads.order_by("-last_posted_at"))
    reader = UserFactory(handle="reader")
    User.objects.filter(pk=reader.pk).update(
        date_joined=threads[10].last_posted_at - timedelta(seconds=30)
    )
    reader.refresh_from_db()
    for thread in threads[2:6]:
        following.mark_thread_read(thread, user=reader, number=thread.post_count)
    for thread in threads[12:16] + threads[-3:]:
        following.mark_thread_read(thread, user=reader, number=1)
    following.follow_category(forum, user=reader)
    return reader


def test_each_page_of_a_forum_is_the_page_rendered_whole(forum, settings):
    builder = UserFactory(handle="builder")
    for thread in forum.threads.all():  # the builder has read everything, and follows
        following.mark_thread_read(thread, user=builder, number=thread.post_count)
    following.follow_category(forum, user=builder)
    url = forum.get_absolute_url()
    builders = _signed_in(builder)
    first = _page(builders, url)
    older = f"{url}?before={NEXT.search(first).group(1)}"
    _page(builders, older)
    reader = _reader(forum)
    for page_url in (url, older):
        shared = _page(_signed_in(reader), page_url)
        assert shared == _whole(reader, page_url, settings)
        assert "@reader" in shared
        assert "@builder" not in shared
        assert "\x00" not in shared
    shared = _page(_signed_in(reader), url)
    assert ">Unfollow</button>" in shared
    # New: threads[0:11] (active since they joined), bar the four they read; unread counts:
    # threads[12], [13], [15], which have replies after post 1 ([14] has none).
    assert shared.count(">New</span>") == 7
    assert shared.count(" unread</span>") == 3
    # Another member: the builder's follow and reads are not theirs.
    other = _page(_signed_in(UserFactory()), url)
    assert ">Follow</button>" in other
    assert " unread</span>" not in other


def test_a_member_with_nothing_unread_costs_one_query(forum, user, django_assert_num_queries):
    _signed_in(UserFactory()).get(forum.get_absolute_url())
    client = _signed_in(user)
    client.get(forum.get_absolute_url())
    with django_assert_num_queries(1):  # the member's read state and follow
        assert client.get(forum.get_absolute_url()).status_code == 200


def test_a_forum_shared_by_verified_members_never_opens_to_other_members(user):
    clinicians = CategoryFactory(visibility=Visibility.VERIFIED)
    make_thread(category=clinicians)
    assert (
        _signed_in(UserFactory(professional=True)).get(clinicians.get_absolute_url()).status_code
        == 200
    )
    assert _signed_in(user).get(clinicians.get_absolute_url()).status_code == 404


def test_the_forum_index_is_the_page_rendered_whole_with_the_members_own_header(
    forum, user, moderator, settings
):
    _signed_in(UserFactory(handle="builder")).get("/forums/")
    page = _page(_signed_in(user), "/forums/")
    assert page == _whole(user, "/forums/", settings)
    assert "@ada" in page
    assert "@builder" not in page
    assert "Cardiology" in page
    # A moderator's header has the moderation link; a member's does not.
    admin = reverse("admin:index")
    assert f'href="{admin}"' in _page(_signed_in(moderator), "/forums/")
    assert f'href="{admin}"' not in page


def test_the_header_follows_the_members_notifications_and_handle(user, other_user):
    """The account links are cached per member: a new notification, a read one and a new
    handle show on the next page."""
    mine = make_thread(author=user, title="My question")
    client = _signed_in(user)
    assert 'class="count"' not in _page(client, "/forums/")
    create_reply(thread=mine, author=other_user, body="An answer")
    page = _page(client, "/forums/")
    assert (
        'class="count" aria-hidden="true">1</span><span class="visually-hidden">1 unread</span>'
        in page
    )
    client.post(f"/notifications/{Notification.objects.get(recipient=user).pk}/open/")
    assert 'class="count"' not in _page(client, "/forums/")
    user.handle = "ada_md"
    user.save()
    assert "@ada_md" in _page(client, "/forums/")
