"""Signed-in pages: exact query budgets with more rows than a page holds, unread markers."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from forums import notifications, posting
from forums.models import Notification, NotificationKind, Thread, ThreadState
from forums.posting.following import follow_category, mark_thread_read
from forums.selectors import common
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_pages")]


@pytest.fixture
def busy_forum(user):
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    author = UserFactory()
    for i in range(common.THREADS_PER_PAGE + 5):
        thread = make_thread(category=forum, author=author, title=f"T{i}", tags=["ecg"], replies=1)
        mark_thread_read(thread, user=user, number=2)
    forum.refresh_from_db()
    return forum


@pytest.mark.whole_page
def test_thread_page_for_a_member_costs_the_same_on_every_page(
    auth_client, user, django_assert_num_queries
):
    thread = make_thread(replies=common.POSTS_PER_PAGE * 3)
    url = thread.get_absolute_url()
    ContentType.objects.get_for_model(Thread)  # looked up once per process, as on a server
    # user, unread count, thread, tags, posts, the member's state (read position, reactions,
    # bookmarks), read mark (the session comes from the cache, and the user and the unread
    # count too after the first page: accounts.sessions; with VISITOR_PAGE_SECONDS the thread,
    # tags and posts do too: tests/forums/test_visitor_cache.py)
    with django_assert_num_queries(7):
        first = auth_client.get(url)
    with django_assert_num_queries(5):
        auth_client.get(f"{url}?page=3")
    # Re-reading a page already read writes nothing.
    with django_assert_num_queries(4):
        auth_client.get(url)
    assert len(first.context["posts"]) == common.POSTS_PER_PAGE
    assert ThreadState.objects.get(user=user, thread=thread).last_read_number == 60


@pytest.mark.whole_page
def test_forum_page_shows_unread_markers_in_a_fixed_number_of_queries(
    auth_client, user, busy_forum, django_assert_num_queries
):
    newest = busy_forum.threads.order_by("-last_posted_at").first()
    posting.create_reply(thread=newest, author=UserFactory(), body="news")
    # user, unread count, forum, sub-forums, threads, tags, the member's follow and read state
    # in one (the session comes from the cache; with VISITOR_PAGE_SECONDS the forum and its
    # threads do too: tests/forums/test_visitor_cache.py)
    with django_assert_num_queries(7):
        response = auth_client.get("/forums/cardiology/")
    threads = response.context["threads"]
    assert len(threads) == common.THREADS_PER_PAGE
    assert threads[0] == newest
    assert threads[0].unread_count == 1
    assert all(t.unread_count == 0 for t in threads[1:])
    assert f"/t/{newest.pk}-{newest.slug}/unread" in response.content.decode()


def test_first_unread_jumps_to_the_post_after_the_last_read(auth_client, user):
    thread = make_thread(replies=common.POSTS_PER_PAGE + 5)
    mark_thread_read(thread, user=user, number=common.POSTS_PER_PAGE + 1)
    response = auth_client.get(f"{thread.get_absolute_url()}unread")
    assert response["Location"].endswith(f"?page=2#post-{common.POSTS_PER_PAGE + 2}")


def test_home_for_a_member_in_a_fixed_number_of_queries(
    auth_client, busy_forum, django_assert_num_queries
):
    # user, unread count, latest+tags, recent to rank+active+tags, the member's read state,
    # the cases section, the member's participation facts (contributions, prompt preferences,
    # specialties: forums.participation; none, so no unanswered section to read) (the session
    # comes from the cache; with VISITOR_PAGE_SECONDS the lists do too:
    # tests/forums/test_visitor_cache.py)
    with django_assert_num_queries(10):
        response = auth_client.get("/")
    assert len(response.context["latest_threads"]) == 15
    assert len(response.context["active_threads"]) == 8


def test_notifications_page_and_header_count_in_a_fixed_number_of_queries(
    auth_client, user, django_assert_num_queries
):
    thread = make_thread(author=user)
    for i in range(common.NOTIFICATIONS_PER_PAGE + 3):
        posting.create_reply(thread=thread, author=UserFactory(), body=f"r{i}")
    with django_assert_num_queries(3):  # session, user, unread count, notifications
        response = auth_client.get("/notifications/")
    html = response.content.decode()
    assert html.count('<li class="notification') == common.NOTIFICATIONS_PER_PAGE
    assert html.count('<li class="notification is-unread">') == common.NOTIFICATIONS_PER_PAGE
    assert response.context["page"].has_next
    assert response.context["unread_notification_count"] == common.NOTIFICATIONS_PER_PAGE + 3


def test_opening_a_notification_marks_it_read_and_mark_all_clears_the_rest(auth_client, user):
    thread = make_thread(author=user)
    posting.create_reply(thread=thread, author=UserFactory(), body="one")
    posting.create_reply(thread=thread, author=UserFactory(), body="two")
    first = Notification.objects.filter(recipient=user).order_by("pk").first()
    response = auth_client.post(f"/notifications/{first.pk}/open/")
    assert response["Location"] == f"{thread.get_absolute_url()}#post-2"
    assert notifications.unread_count(user) == 1
    auth_client.post("/notifications/read-all/")
    assert notifications.unread_count(user) == 0


@pytest.mark.whole_page
def test_the_header_count_is_cached_and_follows_each_new_and_read_notification(
    auth_client, user, django_assert_num_queries
):
    thread = make_thread(author=user)
    assert auth_client.get("/forums/").context["unread_notification_count"] == 0
    # forums, sub-forums: the count is cached, and the member too (accounts.sessions)
    with django_assert_num_queries(2):
        auth_client.get("/forums/")
    for i in range(2):
        posting.create_reply(thread=thread, author=UserFactory(), body=f"reply {i}")
        assert auth_client.get("/forums/").context["unread_notification_count"] == i + 1
    newest = Notification.objects.filter(recipient=user).latest("pk")
    auth_client.post(f"/notifications/{newest.pk}/open/")
    assert auth_client.get("/forums/").context["unread_notification_count"] == 1
    auth_client.post("/notifications/read-all/")
    assert auth_client.get("/forums/").context["unread_notification_count"] == 0


def test_others_notifications_cannot_be_opened(auth_client, other_user):
    thread = make_thread(author=other_user)
    posting.create_reply(thread=thread, author=UserFactory(), body="x")
    theirs = Notification.objects.get(recipient=other_user)
    assert auth_client.post(f"/notifications/{theirs.pk}/open/").status_code == 404


def test_following_page_lists_followed_forums_in_a_fixed_number_of_queries(
    auth_client, user, django_assert_num_queries
):
    for i in range(5):
        follow_category(CategoryFactory(name=f"F{i}"), user=user)
        make_thread(author=user)
    with django_assert_num_queries(5):  # session, user, unread count, forums, tags, threads
        response = auth_client.get("/settings/following/")
    assert len(response.context["following"].forums) == 5
    assert len(response.context["following"].threads) == 5


@pytest.mark.whole_page
def test_following_and_unfollowing_a_forum_from_its_page(auth_client, user):
    forum = CategoryFactory(slug="neuro")
    auth_client.post("/forums/neuro/follow/")
    assert auth_client.get("/forums/neuro/").context["category"].viewer_follows
    auth_client.post("/forums/neuro/follow/", {"undo": "1"})
    assert not forum.followers.exists()


def test_watch_level_can_be_set_from_the_thread(auth_client, user):
    thread = make_thread()
    auth_client.post(f"{thread.get_absolute_url()}watch/", {"level": "muted"})
    assert ThreadState.objects.get(user=user, thread=thread).level == "muted"


def test_reaction_bookmark_and_accept_buttons_work_through_the_views(auth_client, user, other_user):
    thread = make_thread(author=user)
    answer = posting.create_reply(thread=thread, author=other_user, body="answer")
    base = f"{thread.get_absolute_url()}2"
    auth_client.post(f"{base}/react/")
    auth_client.post(f"{base}/bookmark/")
    auth_client.post(f"{base}/accept/")
    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.helpful_count == 1
    assert thread.accepted_post == answer
    assert user.bookmarks.get().post == answer
    kinds = set(Notification.objects.filter(recipient=other_user).values_list("kind", flat=True))
    # and the accepted answer earned a badge (forums.recognition), notified too
    assert kinds == {NotificationKind.REACTION, NotificationKind.ACCEPTED, NotificationKind.BADGE}
    page = auth_client.get("/bookmarks/").content.decode()
    assert f'href="{base}"' in page


def test_tag_page_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    for i in range(common.THREADS_PER_PAGE + 2):
        make_thread(title=f"Tagged {i}", tags=["syncope"])
    with django_assert_num_queries(3):  # tag, threads, their tags
        response = client.get("/tags/syncope/")
    first = response.context["threads"]
    assert len(first) == common.THREADS_PER_PAGE
    cursor = response.context["next_cursor"]
    assert f'href="?before={cursor}"' in response.content.decode()
    with django_assert_num_queries(3):
        rest = client.get(f"/tags/syncope/?before={cursor}").context["threads"]
    assert len(rest) == 2
    assert not {t.pk for t in first} & {t.pk for t in rest}


@pytest.mark.whole_page  # kept whole for the member: tests/forums/test_own_pages.py
def test_bookmarks_are_paged_in_a_fixed_number_of_queries(
    auth_client, user, django_assert_num_queries
):
    from forums.posting.reactions import bookmark_post
    from forums.selectors.own_state import BOOKMARKS_PER_PAGE

    threads = [make_thread(title=f"Bookmarked thread {i}") for i in range(BOOKMARKS_PER_PAGE + 3)]
    for thread in threads:
        bookmark_post(thread.posts.get(number=1), user=user)
    auth_client.get("/bookmarks/")  # the session, header counts and rows are cached now
    with django_assert_num_queries(1):  # the page of bookmarks with their posts
        response = auth_client.get("/bookmarks/")
    html = response.content.decode()
    assert html.count('class="thread-row"') == BOOKMARKS_PER_PAGE
    assert "Bookmarked thread 32 #1<" in html  # newest first
    assert 'rel="next" href="?page=2"' in html
    rest = auth_client.get("/bookmarks/?page=2").content.decode()
    assert rest.count('class="thread-row"') == 3
    assert "Bookmarked thread 0 #1<" in rest
    assert 'rel="next"' not in rest


def test_history_page_in_a_fixed_number_of_queries(auth_client, user, django_assert_num_queries):
    post = make_thread(author=user, body="v0").posts.get(number=1)
    for i in range(1, 8):
        posting.edit_post(post, by=user, body=f"v{i}")
    url = f"{post.thread.get_absolute_url()}1/history/"
    # session, user, thread (+state), tags, post, revisions with editors, unread count
    with django_assert_num_queries(6):
        response = auth_client.get(url)
    assert len(response.context["revisions"]) == 7


def test_reply_composer_in_a_fixed_number_of_queries(auth_client, django_assert_num_queries):
    thread = make_thread(replies=common.POSTS_PER_PAGE + 1)
    # session, user, thread (+state), tags, draft, quoted post, unread count
    with django_assert_num_queries(6):
        response = auth_client.get(f"{thread.get_absolute_url()}reply/?quote=3")
    assert "Reply 2" in response.context["form"].initial["body"]


def test_moderators_see_and_can_unhide_a_hidden_thread_with_its_tools(client, moderator):
    from forums.posting.moderation import hide_thread

    thread = make_thread(replies=2)
    hide_thread(thread, by=moderator)
    client.force_login(moderator)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'value="unhide"' in page
    assert 'value="lock"' in page
    client.post(f"{thread.get_absolute_url()}moderate/", {"action": "unhide"})
    thread.refresh_from_db()
    assert not thread.is_hidden


def test_following_page_follows_an_existing_tag_and_names_an_unknown_one(auth_client, user):
    make_thread(tags=["sepsis"])
    assert auth_client.post("/settings/following/", {"tag": "Sepsis"}).status_code == 302
    assert [f.tag.name for f in user.followed_tags.all()] == ["sepsis"]
    response = auth_client.post("/settings/following/", {"tag": "nosuchtag"})
    assert response.status_code == 400
    assert "nosuchtag" in response.content.decode()
    page = auth_client.get("/tags/sepsis/").content.decode()
    assert "Unfollow tag" in page
