"""Immediate emails wait a window (``NOTIFICATION_EMAIL_WINDOW``, 10 minutes by default): what
the member read on the site meanwhile is not emailed, and what else arrived goes in the same
email; each notification is claimed once in the ledger, whichever task reaches it first. The
service is called with a clock, as the task calls it when its countdown ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.mail.models import EmailDelivery, EmailStatus
from forums import notifications
from forums.mail import notification_emails
from forums.mail.notification_emails import send_notification_emails
from forums.models import Notification, NotificationKind
from forums.posting import create_reply
from forums.posting.following import mark_thread_read
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


def _at(notification_ids, moment):
    Notification.objects.filter(pk__in=notification_ids).update(created_at=moment)


def test_the_task_is_queued_to_run_when_the_window_ends(settings, subscriber, monkeypatch):
    settings.NOTIFICATION_EMAIL_WINDOW = 600
    queued = []
    monkeypatch.setattr(
        "forums.mail.notification_emails.queue_after_commit",
        lambda name, *args, countdown: queued.append((name, countdown)),
    )
    thread = make_thread(author=subscriber)
    create_reply(thread=thread, author=make_thread().author, body="An answer")

    assert queued == [("forums.send_notification_emails", 600)]


def test_queueing_reads_the_threads_authors_in_one_query_however_many_rows(
    subscriber, poster, monkeypatch, django_assert_num_queries
):
    # A reply or quote is queued for the thread's author only. Rows loaded without their
    # thread (any caller but the posting services) cost one query for all their threads'
    # authors, not one each; rows that carry their thread (the posting services') cost none.
    queued = []
    monkeypatch.setattr(
        "forums.mail.notification_emails.queue_after_commit",
        lambda name, *args, countdown: queued.extend(args[0]),
    )
    other = make_thread().author
    for title in ("One", "Two", "Three"):
        thread = make_thread(author=subscriber, title=title)
        create_reply(thread=thread, author=poster, body="An answer")
        create_reply(thread=thread, author=other, body="Another")  # the poster watches: theirs
    queued.clear()
    loaded = list(Notification.objects.filter(kind=NotificationKind.REPLY).order_by("pk"))
    mine = [n.pk for n in loaded if n.recipient_id == subscriber.pk]
    assert (len(mine), len(loaded)) == (6, 9)  # two replies in each of mine, one to the poster

    with django_assert_num_queries(1):
        notification_emails.queue_notification_emails(loaded)
    assert queued == mine

    queued.clear()
    carried = list(
        Notification.objects.filter(kind=NotificationKind.REPLY)
        .select_related("thread")
        .order_by("pk")
    )
    with django_assert_num_queries(0):
        notification_emails.queue_notification_emails(carried)
    assert queued == mine


def test_several_replies_in_the_window_go_as_one_email_and_each_once(subscriber, poster, forum):
    thread = make_thread(category=forum, author=subscriber, title="Syncope in a runner")
    start = timezone.now() - timedelta(minutes=30)
    ids = []
    for minute, body in [(0, "First answer here."), (3, "Second answer here."), (20, "Late one.")]:
        create_reply(thread=thread, author=poster, body=body)
        latest = Notification.objects.filter(recipient=subscriber).latest("pk").pk
        _at([latest], start + timedelta(minutes=minute))
        ids.append(latest)

    # The first notification's task, when its window ends: the first two, in one email.
    assert send_notification_emails([ids[0]], now=start + timedelta(minutes=10)) == 1
    (message,) = mail.outbox
    assert "replied to “Syncope in a runner” and 1 more" in message.subject
    assert "First answer here." in message.body
    assert "Second answer here." in message.body
    assert "Late one." not in message.body  # made after this moment: its own task sends it
    # The second notification's task finds it sent already.
    assert send_notification_emails([ids[1]], now=start + timedelta(minutes=13)) == 0
    assert send_notification_emails([ids[2]], now=start + timedelta(minutes=30)) == 1
    assert "Late one." in mail.outbox[1].body
    assert "and 1 more" not in mail.outbox[1].subject
    rows = EmailDelivery.objects.filter(kind="forums.notification").order_by("object_id")
    assert [(row.object_id, row.status) for row in rows] == [(pk, EmailStatus.SENT) for pk in ids]


def test_nothing_is_sent_when_the_member_read_the_thread_on_the_site_meanwhile(
    subscriber, poster, forum
):
    thread = make_thread(category=forum, author=subscriber)
    reply = create_reply(thread=thread, author=poster, body="An answer")
    notification = Notification.objects.get(recipient=subscriber)

    mark_thread_read(thread, user=subscriber, number=reply.number)  # the thread page did this
    assert send_notification_emails([notification.pk]) == 0

    other = make_thread(category=forum, author=subscriber)
    create_reply(thread=other, author=poster, body="Another answer")
    unread = Notification.objects.get(recipient=subscriber, thread=other)
    notifications.mark_notification_read(unread, user=subscriber)  # opened from the inbox
    assert send_notification_emails([unread.pk]) == 0
    assert mail.outbox == []
