"""What a reply costs (issue 28, item 5): a fixed number of statements, however many members
watch the thread, with everything it moves still moved (``config.writes`` sends the small
writes as one statement; the post's search vector goes in with its INSERT)."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts.blocking import block_member
from accounts.models import MemberActivity, Profile
from config.writes import Writes
from forums.models import Category, Draft, Notification, Post, Thread, ThreadState, WatchLevel
from forums.posting import SITE, create_reply, save_draft
from forums.posting.following import set_watch_level
from forums.posting.moderation import hide_thread, move_thread
from forums.search.index import index_posts
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

# Savepoint, the thread locked (its forum as the caller read it), the post with its vector,
# the counters and rows with the watchers who did not block the author (one statement), their
# notifications, release.
REPLY_QUERIES = 6


def _as_the_reply_page_reads(thread) -> Thread:
    return Thread.objects.select_related("category").get(pk=thread.pk)


def _watching(thread, count: int) -> list:
    members = [UserFactory() for _ in range(count)]
    for member in members:
        set_watch_level(thread, user=member, level=WatchLevel.WATCHING)
    return members


def test_a_reply_costs_the_same_statements_however_many_watch_and_moves_everything(
    django_assert_num_queries,
):
    thread = _as_the_reply_page_reads(make_thread(author=UserFactory()))
    watchers = _watching(thread, 4)
    blocker = watchers[0]
    author = UserFactory()
    Profile.objects.get_or_create(user=author, defaults={"profession": "nurse"})
    block_member(blocker=blocker, blocked=author)
    save_draft(user=author, thread=thread, body="half written")

    with django_assert_num_queries(REPLY_QUERIES):
        post = create_reply(thread=thread, author=author, body="A reply", origin=SITE)

    notified = set(Notification.objects.filter(post=post).values_list("recipient_id", flat=True))
    assert notified == {thread.author_id, *(w.pk for w in watchers[1:])}  # not the blocker
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_poster_id) == (2, author.pk)
    assert thread.last_posted_at == post.created_at
    assert (thread.participant_count, thread.participant_professions) == (2, ["nurse"])
    forum = Category.objects.get(pk=thread.category_id)
    assert (forum.post_count, forum.last_thread_id) == (2, thread.pk)
    state = ThreadState.objects.get(user=author, thread=thread)
    assert (state.level, state.last_read_number) == (WatchLevel.WATCHING, 2)
    assert Profile.objects.get(user=author).contributions == 1
    assert MemberActivity.objects.get(user=author, kind="reply").count == 1
    assert not Draft.objects.filter(user=author).exists()

    thread = _as_the_reply_page_reads(thread)  # the next request reads it again
    with django_assert_num_queries(REPLY_QUERIES):  # a second reply: no new participant
        create_reply(thread=thread, author=author, body="And more", origin=SITE)
    thread.refresh_from_db()
    assert (thread.post_count, thread.participant_count) == (3, 2)


def test_a_mention_of_a_member_not_watching_asks_whether_they_muted_or_blocked(
    user, django_assert_num_queries
):
    thread, author = _as_the_reply_page_reads(make_thread(author=UserFactory())), UserFactory()
    # The handle looked up, then whether the member muted the thread or blocked the author.
    with django_assert_num_queries(REPLY_QUERIES + 3):
        post = create_reply(thread=thread, author=author, body="@ada?", origin=SITE)
    assert Notification.objects.get(post=post, recipient=user).kind == "mention"


def test_the_vector_written_with_the_post_is_the_one_the_index_writes():
    thread = make_thread(title="Syncope in a runner")
    post = create_reply(thread=thread, author=UserFactory(), body="Consider HCM and LQTS")
    written = Post.objects.values_list("search_vector", flat=True).get(pk=post.pk)
    index_posts(post_ids=[post.pk])
    assert written
    assert Post.objects.values_list("search_vector", flat=True).get(pk=post.pk) == written


def test_a_reply_in_a_hidden_thread_is_not_indexed_nor_the_forums_latest(moderator):
    thread = make_thread()
    other = make_thread(category=thread.category)
    hide_thread(thread, by=moderator)
    post = create_reply(thread=Thread.objects.get(pk=thread.pk), author=moderator, body="Note")
    assert Post.objects.values_list("search_vector", flat=True).get(pk=post.pk) is None
    assert Category.objects.get(pk=thread.category_id).last_thread_id == other.pk


def test_a_reply_through_a_stale_copy_of_its_thread_follows_the_thread_as_it_is_now(moderator):
    """The service locks the row and reads its counters, flags and forum afresh: a copy read
    before another reply, a move and a hiding still numbers, files and hides the reply right."""
    thread = make_thread()
    stale = Thread.objects.select_related("category").get(pk=thread.pk)
    create_reply(thread=thread, author=UserFactory(), body="Another reply first", origin=SITE)
    elsewhere = make_thread().category
    move_thread(Thread.objects.get(pk=thread.pk), to=elsewhere, by=moderator)
    hide_thread(Thread.objects.get(pk=thread.pk), by=moderator)

    post = create_reply(thread=stale, author=moderator, body="Moderator's note", origin=SITE)

    assert post.number == 3
    assert Post.objects.get(pk=post.pk).category_id == elsewhere.pk
    assert Post.objects.values_list("search_vector", flat=True).get(pk=post.pk) is None
    assert Category.objects.get(pk=elsewhere.pk).last_thread_id != thread.pk
    assert Thread.objects.get(pk=thread.pk).post_count == 3


def test_a_reply_through_a_thread_read_without_its_forum_reads_it_with_the_lock(
    django_assert_num_queries,
):
    thread, author = make_thread(), UserFactory()
    bare = Thread.objects.get(pk=thread.pk)
    with django_assert_num_queries(REPLY_QUERIES + 1):  # the thread again, with its forum
        post = create_reply(thread=bare, author=author, body="A reply", origin=SITE)
    assert post.category_id == thread.category_id
    assert Thread.objects.get(pk=thread.pk).post_count == 2


def test_writes_go_as_one_statement_with_each_clause_keeping_its_own_parameters(
    django_assert_num_queries,
):
    first, second = UserFactory(), UserFactory()
    Profile.objects.get_or_create(user=first)
    Profile.objects.get_or_create(user=second)
    sql = "UPDATE accounts_profile SET contributions = %(n)s WHERE user_id = %(user)s"
    writes = Writes()
    writes.add(sql, {"n": 3, "user": first.pk})
    writes.add(sql, {"n": 5, "user": second.pk})
    assert len(writes) == 2
    with django_assert_num_queries(1) as captured:
        writes.run()
    assert captured.captured_queries[0]["sql"].startswith("WITH w0 AS")
    assert Profile.objects.get(user=first).contributions == 3
    assert Profile.objects.get(user=second).contributions == 5
    with django_assert_num_queries(0):
        writes.run()  # sent once: empty again
    assert connection.in_atomic_block


def test_writes_before_a_query_go_with_it_and_the_query_reads_the_rows_as_before(
    django_assert_num_queries,
):
    member = UserFactory()
    Profile.objects.get_or_create(user=member, defaults={"contributions": 1})
    writes = Writes()
    writes.add(
        "UPDATE accounts_profile SET contributions = %(n)s WHERE user_id = %(user)s",
        {"n": 7, "user": member.pk},
    )
    query = "SELECT id, contributions FROM accounts_profile WHERE user_id = %(user)s"
    with django_assert_num_queries(1):
        rows = list(Profile.objects.raw(*writes.before(query, {"user": member.pk})))
    # One snapshot: the query saw the row as it was; the write is done all the same.
    assert [row.contributions for row in rows] == [1]
    assert Profile.objects.get(user=member).contributions == 7
    assert len(writes) == 0
    assert writes.before(query, {"user": 1}) == (query, {"user": 1})  # nothing added: alone
