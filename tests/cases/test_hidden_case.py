"""Hidden means hidden everywhere (issue 18): while a case is hidden for a privacy review, its
discussion thread, replies, search results, feeds, notifications, digests and reply emails are
hidden from everyone but the case's author and moderators; restoring the case restores them.
And no email about a case discussion carries its title, slug or text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import DigestFrequency, Preferences
from cases import moderation
from cases.discussion import post_case_reply
from forums import notifications
from forums.mail import digests
from forums.models import Notification, Thread, Visibility
from forums.posting import moderation as forum_moderation
from forums.search.query import search
from tests.cases.conftest import make_case, publish
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

REPLY = "Quillfeather tachycardia settled after the third bolus."


@pytest.fixture
def case(author, moderator, django_capture_on_commit_callbacks):
    # Its emails (approved, the "Case author" badge) go at once, as on the site: none waits
    # to be batched with the emails these tests look at.
    with django_capture_on_commit_callbacks(execute=True):
        return publish(make_case(author), author, moderator)


@pytest.fixture
def replier(db):
    return UserFactory(
        professional=True, handle="replier", email="replier@example.org", display_name="Replier"
    )


@pytest.fixture
def reply(case, replier, reader):
    return post_case_reply(case, by=replier, body=f"{REPLY} Ask @reader too.")


def _page(client, who, url):
    client.force_login(who)
    return client.get(url)


def test_the_discussion_of_a_flagged_case_opens_for_its_author_and_moderators_only(
    client, case, reply, reader, replier, author, moderator
):
    url = case.thread.get_absolute_url()
    assert _page(client, reader, url).status_code == 200
    moderation.flag_case(case, by=reader, reason="Names the ward")

    for who in (reader, replier):  # the replier wrote in it, but it is not their case
        assert _page(client, who, url).status_code == 404
        assert _page(client, who, f"{url}2").status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    for who in (author, moderator):
        page = _page(client, who, url)
        assert page.status_code == 200
        assert REPLY in page.content.decode()
    # The author reads it, but nobody except moderators takes part until the review.
    client.force_login(author)
    assert client.post(f"{url}reply/", {"body": "More detail"}).status_code == 403


def test_restoring_the_case_restores_its_discussion_search_and_notifications(
    client, case, reply, reader, moderator
):
    url = case.thread.get_absolute_url()
    moderation.flag_case(case, by=UserFactory(professional=True), reason="Names the ward")
    assert _page(client, reader, url).status_code == 404
    assert not search(user=reader, query="Quillfeather").results
    assert notifications.unread_count(reader) == 0

    moderation.restore_case(case, by=moderator)

    assert _page(client, reader, url).status_code == 200
    assert [p.pk for p in search(user=reader, query="Quillfeather").results] == [reply.pk]
    assert notifications.unread_count(reader) == 1
    assert "mentioned you" in client.get("/notifications/").content.decode()


def test_restoring_a_case_leaves_a_thread_a_moderator_hid_for_its_own_reasons_hidden(
    case, reader, moderator
):
    forum_moderation.hide_thread(case.thread, by=moderator, reason="Off topic")
    moderation.flag_case(case, by=reader, reason="Names the ward")
    moderation.restore_case(case, by=moderator)
    thread = Thread.objects.get(pk=case.thread_id)
    assert (thread.is_hidden, thread.hidden_by_case) == (True, False)


def test_search_finds_no_reply_of_a_hidden_case_for_anyone(case, reply, reader, author, moderator):
    assert search(user=reader, query="Quillfeather").results
    moderation.flag_case(case, by=reader, reason="Names the ward")
    for who in (reader, author, moderator):
        assert not search(user=who, query="Quillfeather").results
        assert not search(user=who, query="Syncope exertion").results  # the title either


def test_shared_pages_never_serve_the_hidden_discussion(
    client, settings, local_cache, case, reply, reader, author, django_capture_on_commit_callbacks
):
    """Thread pages are shared by forum level: the author's own view of the hidden thread must
    not become what other readers of the same levels are served, before or after."""
    settings.VISITOR_PAGE_SECONDS = 60
    url = case.thread.get_absolute_url()
    forum_url = case.thread.category.get_absolute_url()
    assert REPLY in _page(client, reader, url).content.decode()  # now shared
    assert case.title in _page(client, reader, forum_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # retires the shared pages
        moderation.flag_case(case, by=reader, reason="Names the ward")

    assert REPLY in _page(client, author, url).content.decode()
    assert _page(client, reader, url).status_code == 404
    assert case.title not in _page(client, reader, forum_url).content.decode()
    assert case.title not in _page(client, reader, "/forums/").content.decode()  # latest thread
    assert case.title not in _page(client, reader, "/").content.decode()


def test_notifications_from_a_hidden_discussion_leave_the_page_and_the_count(
    client, local_cache, case, reply, reader, author
):
    note = Notification.objects.get(recipient=reader)
    assert notifications.unread_count(reader) == 1  # now cached
    moderation.flag_case(case, by=UserFactory(professional=True), reason="Names the ward")

    assert notifications.unread_count(reader) == 0
    page = _page(client, reader, "/notifications/").content.decode()
    assert case.title not in page
    assert client.post(f"/notifications/{note.pk}/open/").status_code == 404
    # The author may still open the thread, so theirs stay.
    assert Notification.objects.filter(recipient=author).exists()
    assert notifications.unread_count(author) == 2  # and their "Case author" badge


def test_no_reply_email_goes_out_about_a_hidden_case_discussion(
    case, reader, author, moderator, django_capture_on_commit_callbacks
):
    moderation.flag_case(case, by=reader, reason="Names the ward")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # Moderators may still write there; the author is notified on the site only.
        from forums.posting import create_reply

        create_reply(thread=case.thread, author=moderator, body="Reviewing this now.")
    assert Notification.objects.filter(recipient=author, thread=case.thread).exists()
    assert mail.outbox == []
    # Nor does the reply make it the forum's "latest thread" on the forum lists.
    case.thread.category.refresh_from_db()
    assert case.thread.category.last_thread_id != case.thread_id


def test_reply_and_mention_emails_of_a_case_discussion_carry_no_title_slug_or_text(
    case, reader, replier, author, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_case_reply(case, by=replier, body=f"{REPLY} What do you think, @reader?")
    by_recipient = {message.to[0]: message for message in mail.outbox}
    mention, reply_email = by_recipient[reader.email], by_recipient[author.email]
    assert mention.subject == "[Rounds] Replier mentioned you in the discussion of a case"
    assert reply_email.subject == "[Rounds] Replier replied in the discussion of your case"
    for message in (mention, reply_email):
        text = message.body + message.alternatives[0][0]
        assert f"/t/{case.thread_id}-case/" in text
        for leak in (case.title, case.slug, "Quillfeather"):
            assert leak not in text


def test_the_stand_in_slug_of_an_emailed_link_redirects_to_the_discussion(client, case, reader):
    response = _page(client, reader, f"/t/{case.thread_id}-case/")
    assert response.status_code == 301
    assert response["Location"] == case.thread.get_absolute_url()


def test_digests_leave_out_a_hidden_discussion_and_never_name_a_case_discussion(
    case, reply, reader, moderator
):
    now = timezone.now() + timedelta(minutes=1)
    Preferences.objects.update_or_create(
        user=reader,
        defaults={
            "digest_frequency": DigestFrequency.DAILY,
            "digest_hour": now.astimezone(timezone.get_default_timezone()).hour,
            "time_zone": "UTC",
        },
    )
    from forums.posting.following import set_watch_level

    set_watch_level(case.thread, user=reader, level="watching")
    from forums.posting import create_reply

    create_reply(thread=case.thread, author=moderator, body="Another view on the bolus.")
    window = [digests.Window(user=reader, since=now - timedelta(days=1), until=now)]

    (digest,) = digests.build_digests(window).values()
    assert [item.title for item in digest.watched] == ["A case discussion"]
    assert digest.watched[0].url.endswith(f"/t/{case.thread_id}-case/")
    assert all(item.title != case.title for item in digest.active)

    moderation.flag_case(case, by=UserFactory(professional=True), reason="Names the ward")
    found = digests.build_digests(window)
    assert reader.pk not in found or not found[reader.pk].watched


def test_feeds_never_carry_a_case_discussion_even_moved_to_a_public_forum(client, case, moderator):
    public = CategoryFactory(slug="open", visibility=Visibility.PUBLIC)
    forum_moderation.move_thread(case.thread, to=public, by=moderator)
    assert client.get("/forums/open/").status_code == 200
    for url in ("/feeds/latest/rss/", "/feeds/forums/open/atom/"):
        body = client.get(url).content.decode()
        assert case.title not in body
        assert case.slug not in body


def test_redacting_the_title_changes_the_slug_of_the_case_and_its_discussion(
    client, case, reader, moderator
):
    old = case.get_absolute_url()
    moderation.redact_case(case, by=moderator, text="runner")
    case.refresh_from_db()
    thread = Thread.objects.get(pk=case.thread_id)
    assert "runner" not in case.slug
    assert thread.slug == case.slug
    assert _page(client, reader, old)["Location"] == case.get_absolute_url()


def test_the_migration_moves_threads_of_hidden_cases_to_the_new_flag(case, reader):
    """Before ``hidden_by_case``, a flag hid the thread with ``is_hidden`` (from its author
    too): cases migration 0008 marks every case's discussion and moves those over."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cases.migrations.0009_case_threads_hidden_by_case")
    other = CategoryFactory(slug="elsewhere")
    plain = Thread.objects.create(category=other, title="A plain thread", is_hidden=True)
    moderation.flag_case(case, by=reader, reason="Names the ward")
    Thread.objects.filter(pk=case.thread_id).update(
        is_hidden=True, hidden_by_case=False, is_case_discussion=False
    )

    migration.forwards(apps, None)

    thread = Thread.objects.get(pk=case.thread_id)
    assert (thread.is_case_discussion, thread.hidden_by_case, thread.is_hidden) == (
        True,
        True,
        False,
    )
    plain.refresh_from_db()
    assert (plain.is_case_discussion, plain.hidden_by_case, plain.is_hidden) == (False, False, True)
