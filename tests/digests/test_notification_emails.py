"""Immediate emails: a mention, or a reply in my thread, per preferences, once, after commit."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import Preferences
from forums.mail.notification_emails import send_notification_emails
from forums.models import Notification, NotificationKind
from forums.posting import create_reply
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


def test_a_mention_emails_the_member_after_commit_with_title_link_and_unsubscribe(
    subscriber, poster, forum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(
            category=forum, author=poster, title="Troponin question", body="Ask @reader here"
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "mentioned you in “Troponin question”" in message.subject
    assert thread.get_absolute_url() in message.body
    assert "> Ask @reader here" in message.body  # an excerpt: a public forum's post
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/email/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_a_reply_in_my_thread_emails_me_unless_i_turned_it_off(
    subscriber, poster, forum, django_capture_on_commit_callbacks
):
    thread = make_thread(category=forum, author=subscriber, title="My thread")
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(thread=thread, author=poster, body="An answer")
    Preferences.objects.filter(user=subscriber).update(email_on_reply=False)
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(thread=thread, author=poster, body="Another answer")

    assert len(mail.outbox) == 1  # the second reply came after email_on_reply was turned off
    assert "replied to “My thread”" in mail.outbox[0].subject


def test_a_mention_is_not_emailed_when_the_member_turned_mentions_off(
    subscriber, poster, forum, django_capture_on_commit_callbacks
):
    Preferences.objects.filter(user=subscriber).update(email_on_mention=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(category=forum, author=poster, body="Ask @reader here")

    assert mail.outbox == []


def test_a_retried_task_sends_each_notification_email_once(subscriber, poster, forum):
    make_thread(category=forum, author=poster, body="Ask @reader here")
    ids = list(
        Notification.objects.filter(kind=NotificationKind.MENTION).values_list("pk", flat=True)
    )

    assert send_notification_emails(ids) == 1
    assert send_notification_emails(ids) == 0
    assert len(mail.outbox) == 1


def test_a_title_with_ampersand_and_quotes_arrives_as_written_in_subject_and_text(
    subscriber, poster, forum, django_capture_on_commit_callbacks
):
    title = 'Q&A: QT "friends" <sotalol>'
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(category=forum, author=poster, title=title, body="Ask @reader here")

    (message,) = mail.outbox
    assert message.subject == f"[Rounds] {poster.name} mentioned you in “{title}”"
    assert f"mentioned you in “{title}”." in message.body
    html = message.alternatives[0][0]
    # HTML stays escaped (the inliner writes quotes in text as is, which HTML allows).
    assert 'Q&amp;A: QT "friends" &lt;sotalol&gt;' in html
    assert "<sotalol>" not in html
