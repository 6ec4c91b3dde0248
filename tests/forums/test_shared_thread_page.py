"""A member's thread page built from the page shared by the readers of their forum levels, their
own parts filled in (forums.pages.thread.ThreadPage): the same page they would get
rendered whole, never another member's name, token or state, and whole again wherever theirs
differs from the shared one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.moderation import suspend_member
from forums.models import Post, ThreadState, Visibility, WatchLevel
from forums.posting import create_reply, following, moderation, reactions
from forums.selectors.common import POSTS_PER_PAGE
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def shared_pages(settings, local_cache):
    settings.VISITOR_PAGE_SECONDS = 30
    return local_cache


@pytest.fixture
def thread(other_user):
    return make_thread(author=other_user, title="Wide QRS at rest", replies=POSTS_PER_PAGE + 4)


def _signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _whole(member, url: str, settings) -> str:
    """The page as the view renders it whole (nothing shared), tokens blanked."""
    settings.VISITOR_PAGE_SECONDS = 0
    try:
        return TOKEN.sub("TOKEN", _signed_in(member).get(url).content.decode())
    finally:
        settings.VISITOR_PAGE_SECONDS = 30


def test_a_member_gets_the_page_another_member_built_with_their_own_parts(
    thread, user, settings, django_assert_num_queries
):
    builder = UserFactory(handle="builder")
    _signed_in(builder).get(thread.get_absolute_url())  # builds and shares the page
    reader = _signed_in(user)
    # The member (first request of the session), the header's unread count, the member's read
    # position, watch level, reactions and bookmarks, and the read mark.
    with django_assert_num_queries(4):
        page = reader.get(thread.get_absolute_url()).content.decode()
    # Again: only the member's state, however many posts the page holds.
    with django_assert_num_queries(1):
        assert reader.get(thread.get_absolute_url()).status_code == 200
    assert "@ada" in page
    assert "@builder" not in page
    assert "\x00" not in page
    assert page.count("is-unread") == POSTS_PER_PAGE  # a first visit: every post is new
    # The forms carry this member's own token: the shared page stored a placeholder.
    token = TOKEN.search(page).group(0).split('value="')[1][:-1]
    react = reader.post(f"{thread.get_absolute_url()}2/react/", {"csrfmiddlewaretoken": token})
    assert react.status_code == 302


def test_the_filled_page_is_the_page_rendered_whole(thread, user, settings):
    url = thread.get_absolute_url()
    _signed_in(UserFactory()).get(url)
    # Read up to post 3 and muted: the jump to the first unread post, unread marks on the
    # posts after 3 only, the muted option selected.
    following.mark_thread_read(thread, user=user, number=3)
    following.set_watch_level(thread, user=user, level=WatchLevel.MUTED)
    shared = TOKEN.sub("TOKEN", _signed_in(user).get(url).content.decode())
    ThreadState.objects.filter(user=user, thread=thread).update(last_read_number=3)
    assert shared == _whole(user, url, settings)
    assert "Jump to the first unread post" in shared
    assert shared.count("is-unread") == POSTS_PER_PAGE - 3
    assert '<option value="muted" selected>' in shared
    # Read to the end of the first page: nothing unread on it, the jump to the second.
    again = TOKEN.sub("TOKEN", _signed_in(user).get(url).content.decode())
    assert "is-unread" not in again
    assert "Jump to the first unread post (5 new)" in again
    assert again == _whole(user, url, settings)


def test_a_member_s_own_posts_reactions_and_bookmarks_get_the_page_rendered_whole(
    thread, user, other_user, settings, django_capture_on_commit_callbacks
):
    url = thread.get_absolute_url()
    _signed_in(UserFactory()).get(url)
    # The thread's author: their accept buttons and their posts' edit links.
    author_page = _signed_in(other_user).get(url).content.decode()
    assert "Accept answer" in author_page
    assert f"{url}1/edit/" in author_page
    # A reaction and a bookmark show as the member's own.
    with django_capture_on_commit_callbacks(execute=True):
        reactions.react_to_post(Post.objects.get(thread=thread, number=2), by=user)
        reactions.bookmark_post(Post.objects.get(thread=thread, number=3), user=user)
    reader = _signed_in(user)
    reader.get(url)  # read: the page below and the one rendered whole show the same state
    page = reader.get(url).content.decode()
    assert 'aria-pressed="true"' in page
    assert "Remove bookmark" in page
    assert TOKEN.sub("TOKEN", page) == _whole(user, url, settings)
    # Nobody else's page shows them.
    other = _signed_in(UserFactory()).get(url).content.decode()
    assert 'aria-pressed="true"' not in other
    assert "Remove bookmark" not in other
    assert "Accept answer" not in other
    assert f"{url}1/edit/" not in other


def test_moderators_and_suspended_members_never_get_the_shared_page(thread, user, moderator):
    url = thread.get_absolute_url()
    _signed_in(UserFactory()).get(url)
    assert "Hide thread" in _signed_in(moderator).get(url).content.decode()
    suspend_member(user, by=moderator, until=timezone.now() + timedelta(days=1), reason="Spam")
    page = _signed_in(user).get(url).content.decode()
    assert f'href="{url}reply/"' not in page  # no Reply button for a suspended member


def test_a_page_shared_by_verified_members_never_opens_to_other_members(user):
    verified_forum = CategoryFactory(visibility=Visibility.VERIFIED)
    secret = make_thread(category=verified_forum, author=UserFactory(professional=True))
    assert (
        _signed_in(UserFactory(professional=True)).get(secret.get_absolute_url()).status_code == 200
    )
    assert _signed_in(user).get(secret.get_absolute_url()).status_code == 404


def test_a_new_reply_and_a_hidden_post_show_at_once(
    thread, user, moderator, django_capture_on_commit_callbacks
):
    url = thread.get_absolute_url()
    reader = _signed_in(user)
    reader.get(url)
    last_page = f"{url}?page=2"
    with django_capture_on_commit_callbacks(execute=True):
        reply = create_reply(thread=thread, author=moderator, body="Patient Jane Roe, bed 4")
    assert "Jane Roe" in reader.get(last_page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(reply, by=moderator, reason="privacy")
    assert "Jane Roe" not in reader.get(last_page).content.decode()


def test_a_message_or_a_draft_to_clear_gets_the_page_rendered_whole(thread, user):
    url = thread.get_absolute_url()
    reader = _signed_in(user)
    reader.get(url)
    answer = reader.post(f"{url}reply/", {"body": "Consider hyperkalaemia first."}, follow=True)
    page = answer.content.decode()
    assert 'name="rounds-clear-draft"' in page
    assert "Consider hyperkalaemia first." in page


def test_no_text_a_member_writes_can_take_a_readers_token(user, other_user):
    """Forms in shared HTML carry a marker for the reader's CSRF token. A post holding that
    marker would put each reader's token into the page wherever its author chose (an image
    address): the marker is made of NUL, which no member can send."""
    old_marker = "{csrf-token-placeholder}"
    thread = make_thread(author=other_user, body=f"Paste {old_marker} here")
    _signed_in(UserFactory()).get(thread.get_absolute_url())
    reader = _signed_in(user)
    page = reader.get(thread.get_absolute_url()).content.decode()
    tokens = [found.split('value="')[1][:-1] for found in TOKEN.findall(page)]
    assert f"Paste {old_marker} here" in page
    outside_forms = TOKEN.sub("", page)
    assert not any(token in outside_forms for token in tokens)
    token = tokens[0]
    posted = reader.post(
        f"{thread.get_absolute_url()}reply/",
        {"body": "Paste \x00csrf-token\x00 here", "csrfmiddlewaretoken": token},
    )
    # NUL never reaches a form (config.middleware.refuse_nul takes it out of posted text), so
    # the reply keeps the words without the marker: nothing in it can open a hole.
    assert posted.status_code == 302
    stored = list(thread.posts.values_list("source", "html"))
    assert [source for source, _ in stored][-1] == "Paste csrf-token here"
    assert all("\x00" not in source + html for source, html in stored)
