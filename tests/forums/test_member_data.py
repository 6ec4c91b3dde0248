"""Forums' part of "my data": export, and deletion with or without keeping posts."""

from __future__ import annotations

import pytest

from accounts.deletion import delete_account
from accounts.export import export_user_data
from forums.models import Post, PostRevision, Thread
from forums.posting import create_reply, edit_post
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(user, other_user):
    lonely = make_thread(author=user, title="Nobody answered", body="my lonely question")
    busy = make_thread(author=user, title="Busy thread", body="my first post text")
    create_reply(thread=busy, author=other_user, body="an answer from Ben")
    mine = create_reply(thread=busy, author=user, body="my reply text")
    edit_post(mine, by=user, body="my reply text, edited")
    return lonely, busy


def test_the_export_holds_my_threads_and_posts(user, history):
    data = export_user_data(user)
    assert [t["title"] for t in data["threads"]] == ["Nobody answered", "Busy thread"]
    texts = [p["text"] for p in data["posts"]]
    assert "my reply text, edited" in texts
    assert "an answer from Ben" not in texts


def test_deleting_without_keeping_posts_leaves_none_of_my_text(user, other_user, history):
    lonely, busy = history
    delete_account(user, keep_posts=False)
    assert not Thread.objects.filter(pk=lonely.pk).exists()
    busy.refresh_from_db()
    assert busy.post_count == 3, "numbers keep their place for the others' replies"
    remaining = "".join(Post.objects.values_list("source", flat=True))
    assert "my " not in remaining
    assert "an answer from Ben" in remaining
    assert not PostRevision.objects.exists()
    assert Post.objects.filter(thread=busy, is_deleted=True).count() == 2


def test_deleting_and_keeping_posts_shows_them_as_a_former_member(client, user, history):
    _lonely, busy = history
    delete_account(user, keep_posts=True)
    assert Post.objects.filter(thread=busy, author=None).count() == 2
    html = client.get(busy.get_absolute_url()).content.decode()
    assert "my reply text, edited" in html
    assert "Former member" in html


def test_the_profile_lists_recent_threads_and_replies_the_viewer_may_see(client, user):
    from forums.models import Visibility
    from tests.factories import CategoryFactory

    make_thread(author=user, title="A public question")
    make_thread(
        author=user,
        title="A members-only question",
        category=CategoryFactory(visibility=Visibility.MEMBERS),
    )
    html = client.get(f"/u/{user.handle}/").content.decode()
    assert "A public question" in html
    assert "A members-only question" not in html
    client.force_login(UserFactory())
    assert "A members-only question" in client.get(f"/u/{user.handle}/").content.decode()


def test_the_profile_activity_costs_two_queries_however_much_there_is(
    client, user, other_user, django_assert_num_queries
):
    from forums.selectors.forum_lists import PROFILE_ITEMS

    for i in range(PROFILE_ITEMS + 2):
        thread = make_thread(author=other_user, title=f"Question {i}")
        create_reply(thread=thread, author=user, body=f"My answer {i}")
        make_thread(author=user, title=f"Mine {i}")
    # member with profile; their contributions (accounts.activity); recent threads; recent
    # replies
    with django_assert_num_queries(4):
        response = client.get(f"/u/{user.handle}/")
    html = response.content.decode()
    assert html.count("My answer") == PROFILE_ITEMS
    assert f"Mine {PROFILE_ITEMS + 1}" in html
