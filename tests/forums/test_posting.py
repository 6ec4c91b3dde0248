"""Posting services: mentions, quotes, edits with revisions, soft delete, reactions, answers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import AuditEntry
from forums import posting
from forums.models import Draft, Notification, Post, PostRevision, ThreadState, WatchLevel
from forums.posting import reactions
from forums.rendering import RenderError
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_a_mention_of_an_existing_handle_links_and_notifies_and_unknown_stays_text(user):
    author = UserFactory(handle="writer")
    thread = make_thread(author=author)
    post = posting.create_reply(
        thread=thread, author=author, body="Thoughts, @ADA and @nobody_here?"
    )
    assert '<a class="mention" href="/u/ada/"' in post.html
    assert "@nobody_here" in post.html
    assert "/u/nobody_here/" not in post.html
    notes = list(Notification.objects.filter(recipient=user))
    assert [n.kind for n in notes] == ["mention"]
    assert notes[0].post == post


def test_a_mention_in_a_forum_the_member_cannot_read_does_not_notify(user):
    user.email_verified = False  # a visitor-level reader: members-only forum is closed to them
    user.save()
    thread = make_thread(category=CategoryFactory(visibility="members"))
    posting.create_reply(thread=thread, author=thread.author, body="@ada look")
    assert not Notification.objects.filter(recipient=user).exists()


def test_starting_and_replying_watch_the_thread_and_watchers_get_one_notification(user, other_user):
    thread = make_thread(author=user)
    assert ThreadState.objects.get(user=user, thread=thread).level == WatchLevel.WATCHING
    posting.create_reply(thread=thread, author=other_user, body="A reply quoting nobody")
    assert ThreadState.objects.get(user=other_user, thread=thread).level == WatchLevel.WATCHING
    assert list(Notification.objects.filter(recipient=user).values_list("kind", flat=True)) == [
        "reply"
    ]
    # A mention beats a reply: still one notification for the post.
    posting.create_reply(thread=thread, author=other_user, body="@ada what do you think?")
    assert Notification.objects.filter(recipient=user).count() == 2
    assert Notification.objects.filter(recipient=user, kind="mention").count() == 1
    assert not Notification.objects.filter(recipient=other_user).exists()


def test_a_muted_thread_notifies_nobody_even_on_mention(user, other_user):
    from forums.posting.following import set_watch_level

    thread = make_thread(author=user)
    set_watch_level(thread, user=user, level=WatchLevel.MUTED)
    posting.create_reply(thread=thread, author=other_user, body="@ada hello")
    assert not Notification.objects.filter(recipient=user).exists()
    # Replying later keeps the explicit choice.
    posting.create_reply(thread=thread, author=user, body="ok")
    assert ThreadState.objects.get(user=user, thread=thread).level == WatchLevel.MUTED


def test_quoting_a_post_links_back_and_notifies_its_author_as_a_quote(user, other_user):
    thread = make_thread(author=user, body="Original **claim**")
    first = thread.posts.get(number=1)
    quote = posting.quote_markdown(first)
    assert f"]({first.get_absolute_url()})" in quote
    assert "> Original **claim**" in quote
    reply = posting.create_reply(thread=thread, author=other_user, body=quote + "I disagree.")
    assert f'href="{first.get_absolute_url()}"' in reply.html
    assert "<blockquote>" in reply.html
    assert list(Notification.objects.filter(recipient=user).values_list("kind", flat=True)) == [
        "quote"
    ]


def test_followers_of_a_forum_or_tag_hear_of_new_threads(user, other_user):
    from taggit.models import Tag

    from forums.posting.following import follow_category, follow_tag

    forum = CategoryFactory()
    follow_category(forum, user=user)
    follow_tag(Tag.objects.create(name="ecg", slug="ecg"), user=other_user)
    thread = make_thread(category=forum, tags=["ECG"])
    assert Notification.objects.get(recipient=user).kind == "new_thread"
    assert Notification.objects.get(recipient=other_user).thread == thread


def test_editing_keeps_the_old_text_as_a_revision_and_marks_the_post_edited(user):
    thread = make_thread(author=user, body="first version")
    post = thread.posts.get(number=1)
    posting.edit_post(post, by=user, body="second version")
    post.refresh_from_db()
    assert post.source == "second version"
    assert "second version" in post.html
    assert post.edited_at is not None
    assert post.edit_count == 1
    revision = PostRevision.objects.get(post=post)
    assert revision.source == "first version"
    assert revision.editor == user


def test_only_the_author_or_a_moderator_may_edit(user, other_user, moderator):
    post = make_thread(author=user).posts.get(number=1)
    with pytest.raises(PermissionDenied):
        posting.edit_post(post, by=other_user, body="hijack")
    posting.edit_post(post, by=moderator, body="fixed by a moderator")
    assert Post.objects.get(pk=post.pk).source == "fixed by a moderator"


def test_an_edit_that_adds_a_mention_notifies_only_the_new_one(user, other_user):
    author = UserFactory()
    post = make_thread(author=author, body="hi @ada").posts.get(number=1)
    assert Notification.objects.filter(recipient=user).count() == 1
    posting.edit_post(post, by=author, body="hi @ada and @ben")
    assert Notification.objects.filter(recipient=user).count() == 1
    assert Notification.objects.filter(recipient=other_user, kind="mention").count() == 1


def test_an_edit_that_adds_a_mention_does_not_notify_the_threads_watchers_again(user):
    author = UserFactory()
    thread = make_thread(author=author, body="first")
    watcher = UserFactory(handle="watcher")
    ThreadState.objects.create(thread=thread, user=watcher, level=WatchLevel.WATCHING)
    post = thread.posts.get(number=1)
    posting.edit_post(post, by=author, body="first, cc @ada")
    assert Notification.objects.filter(recipient=user, kind="mention").count() == 1
    assert not Notification.objects.filter(recipient=watcher).exists()


def test_oversize_edit_raises_and_changes_nothing(user):
    post = make_thread(author=user, body="short").posts.get(number=1)
    with pytest.raises(RenderError):
        posting.edit_post(post, by=user, body="x" * 50_000)
    assert Post.objects.get(pk=post.pk).source == "short"
    assert not PostRevision.objects.exists()


def test_deleting_is_soft_and_keeps_the_number(user, moderator):
    thread = make_thread(author=user, replies=2)
    post = thread.posts.get(number=2)
    posting.delete_post(post, by=moderator)
    post.refresh_from_db()
    assert post.is_deleted
    assert post.number == 2
    assert AuditEntry.objects.filter(action="post.delete", actor=moderator).exists()


def test_one_helpful_reaction_per_member_grouped_into_one_notification(user):
    post = make_thread(author=user).posts.get(number=1)
    fans = UserFactory.create_batch(3)
    assert reactions.react_to_post(post, by=fans[0])
    assert not reactions.react_to_post(post, by=fans[0])
    reactions.react_to_post(post, by=fans[1])
    reactions.react_to_post(post, by=fans[2])
    post.refresh_from_db()
    assert post.helpful_count == 3
    note = Notification.objects.get(recipient=user, kind="reaction")
    assert note.actor_count == 3
    assert note.actor == fans[2]
    with pytest.raises(PermissionDenied):
        reactions.react_to_post(post, by=user)  # not your own post


def test_the_thread_author_accepts_an_answer_and_its_author_is_told(user, other_user):
    thread = make_thread(author=user)
    answer = posting.create_reply(thread=thread, author=other_user, body="Try this")
    with pytest.raises(PermissionDenied):
        reactions.accept_answer(answer, by=other_user)
    reactions.accept_answer(answer, by=user)
    thread.refresh_from_db()
    assert thread.accepted_post == answer
    assert Notification.objects.filter(recipient=other_user, kind="accepted").exists()


def test_posting_clears_the_draft_and_drafts_are_one_per_thread(user):
    thread = make_thread()
    posting.save_draft(user=user, thread=thread, body="half written")
    posting.save_draft(user=user, thread=thread, body="more written")
    assert Draft.objects.get(user=user, thread=thread).body == "more written"
    posting.create_reply(thread=thread, author=user, body="more written, done")
    assert not Draft.objects.filter(user=user).exists()


def test_nul_characters_never_reach_the_database(user):
    thread = posting.create_thread(
        category=CategoryFactory(), author=user, title="Ti\x00tle", body="bo\x00dy"
    )
    post = thread.posts.get(number=1)
    assert thread.title == "Title"
    assert post.source == "body"
    draft = posting.save_draft(user=user, thread=thread, body="dr\x00aft")
    assert draft.body == "draft"
