"""Posts rendered once per version and viewer kind, from the cache (forums/sharing/fragments.py)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from forums.models import Post, Reaction
from forums.posting import create_reply, edit_post
from forums.sharing.fragments import CSRF_PLACEHOLDER
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache(local_cache):
    return local_cache


@pytest.fixture
def thread(user):
    return make_thread(author=user, title="Syncope in a runner", body="First post", replies=3)


def _fragment_keys() -> list[str]:
    return [key for key in cache._cache if ":fragment:forums/includes/post.html:" in key]


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_members_share_fragments_but_each_posts_with_their_own_token(thread):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(UserFactory())
    second.force_login(UserFactory())
    first.get(thread.get_absolute_url())
    stored = len(_fragment_keys())
    assert stored == 4  # one per post for an ordinary member who has not reacted yet

    page = second.get(thread.get_absolute_url()).content.decode()
    assert len(_fragment_keys()) == stored, "the second member's posts came from the cache"
    assert CSRF_PLACEHOLDER not in page
    assert "{csrf" not in page
    # The token in the cached fragment is the second member's: their POST is accepted.
    response = second.post(
        f"{thread.get_absolute_url()}2/react/", {"csrfmiddlewaretoken": _token(page)}
    )
    assert response.status_code == 302
    assert Reaction.objects.filter(post__number=2, post__thread=thread).count() == 1


@pytest.mark.parametrize("shared", [0, 30])
def test_a_page_masks_the_token_once_and_every_form_posts_with_it(thread, settings, shared):
    """Every form of a member's page carries one masked token (masking costs about 0.15 ms a
    time), from the template, the cached rows and the filled slots alike, and it is valid."""
    settings.VISITOR_PAGE_SECONDS = shared
    member = Client(enforce_csrf_checks=True)
    member.force_login(UserFactory())
    page = member.get(thread.get_absolute_url()).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert len(tokens) > 3  # sign-out, reactions, the reply form
    assert len(set(tokens)) == 1
    response = member.post(
        f"{thread.get_absolute_url()}3/react/", {"csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302


def test_what_the_viewer_did_changes_their_fragment(client, thread, other_user):
    client.force_login(other_user)
    post = Post.objects.get(thread=thread, number=2)
    Reaction.objects.create(post=post, user=other_user)
    Post.objects.filter(pk=post.pk).update(helpful_count=1)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page
    assert "1 found this helpful" in page


def test_an_edit_and_a_silent_text_change_both_show(client, thread, user):
    client.get(thread.get_absolute_url())
    post = Post.objects.get(thread=thread, number=2)
    edit_post(post, by=user, body="Corrected dose: 5 mg")
    assert "Corrected dose" in client.get(thread.get_absolute_url()).content.decode()
    # A change that moves no counter or date (as a redaction may) still makes a new fragment.
    Post.objects.filter(pk=post.pk).update(html="<p>[removed by a moderator]</p>")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Corrected dose" not in page
    assert "[removed by a moderator]" in page


def test_the_author_gets_their_own_edit_links_and_others_do_not(client, thread, user, other_user):
    client.force_login(other_user)
    assert "/2/edit/" not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(user)
    assert "/2/edit/" in client.get(thread.get_absolute_url()).content.decode()


def test_thread_rows_follow_new_replies_and_each_viewers_read_state(thread, user, other_user):
    reader, newcomer = Client(), Client()
    reader.force_login(other_user)
    newcomer.force_login(UserFactory())
    forum_url = thread.category.get_absolute_url()
    reader.get(thread.get_absolute_url())  # other_user has now read all four posts
    assert "3 replies" in reader.get(forum_url).content.decode()
    create_reply(thread=thread, author=user, body="One more")
    seen_by_reader = reader.get(forum_url).content.decode()
    assert "4 replies" in seen_by_reader
    assert "1 unread" in seen_by_reader
    # Someone who never opened it sees it as new, not as one unread post.
    seen_by_newcomer = newcomer.get(forum_url).content.decode()
    assert ">New<" in seen_by_newcomer
    assert "1 unread" not in seen_by_newcomer


def test_each_answer_masks_the_cookies_secret_afresh_and_the_token_is_accepted(thread):
    """The token is masked from the CSRF cookie's secret without Django's per-character
    draws (``fragments._masked``): each answer carries another mask of the same secret (so
    a compressed page tells nothing of it), Django unmasks it to the cookie's secret, and a
    form posted with it is accepted. A cookie Django did not make gets a new secret."""
    from django.conf import settings
    from django.middleware.csrf import _unmask_cipher_token

    member = Client(enforce_csrf_checks=True)
    member.force_login(UserFactory())
    first = _token(member.get(thread.get_absolute_url()).content.decode())
    secret = member.cookies[settings.CSRF_COOKIE_NAME].value
    second = _token(member.get(thread.get_absolute_url()).content.decode())
    assert first != second
    assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == secret
    assert first[:32] != second[:32]  # the masks differ, not only the ciphers
    response = member.post(f"{thread.get_absolute_url()}2/react/", {"csrfmiddlewaretoken": second})
    assert response.status_code == 302

    member.cookies[settings.CSRF_COOKIE_NAME] = "not-a-secret!"
    third = _token(member.get(thread.get_absolute_url()).content.decode())
    renewed = member.cookies[settings.CSRF_COOKIE_NAME].value
    assert renewed != "not-a-secret!"
    assert len(renewed) == 32
    assert _unmask_cipher_token(third) == renewed
    response = member.post(f"{thread.get_absolute_url()}3/react/", {"csrfmiddlewaretoken": third})
    assert response.status_code == 302
