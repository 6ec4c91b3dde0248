"""Issue 20's worker memory: a notification email task holds what it emails, not the history.

A member who watches busy threads gets a REPLY notification for every reply in them; only the
thread's author is emailed those (``wants_email``), so the others' rows stay unread for days.
The batching task used to load every unread notification of each recipient (with its post,
thread, forum, actor and preferences) and drop the unwanted ones in Python: each task loaded
more than the one before, and the workers' RSS followed the growing peak (+109% in the
10-minute soak). These tests grow that history between batches and check that a batch loads
the same, and that its peak of Python memory stays flat.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from django.core import mail
from django.db.models.signals import post_init

from accounts.models import Preferences
from forums.mail import notification_emails
from forums.mail.notification_emails import send_notification_emails
from forums.models import Notification, NotificationKind
from forums.posting import create_reply
from forums.posting.following import mark_thread_read
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    forum = CategoryFactory(name="Renal talk", slug="renal-talk")
    reader = UserFactory(handle="reader", email="reader@example.org")
    Preferences.objects.create(user=reader, email_on_mention=True, email_on_reply=True)
    poster = UserFactory(handle="poster", email="poster@example.org", professional=True)
    # A busy thread the reader watches but did not start: its replies notify, never email.
    busy = make_thread(category=forum, author=poster, title="Hyperkalaemia on the ward")
    mark_thread_read(busy, user=reader, number=0, level="watching")
    replies = [create_reply(thread=busy, author=poster, body=f"Update {n}.") for n in range(5)]
    return {"forum": forum, "reader": reader, "poster": poster, "busy": busy, "posts": replies}


def grow_history(scene, count: int) -> None:
    """``count`` more unread REPLY notifications for the reader, as the busy thread makes them
    (written in bulk: thousands of replies through the service would take minutes)."""
    posts = scene["posts"]
    Notification.objects.bulk_create(
        Notification(
            recipient=scene["reader"],
            kind=NotificationKind.REPLY,
            actor=scene["poster"],
            thread=scene["busy"],
            post=posts[n % len(posts)],
        )
        for n in range(count)
    )


def mention(scene, number: int) -> int:
    """A new thread that mentions the reader; the id of the reader's MENTION notification."""
    thread = make_thread(category=scene["forum"], author=scene["poster"], title=f"Case {number}")
    create_reply(thread=thread, author=scene["poster"], body=f"@reader, have a look ({number}).")
    return Notification.objects.get(
        recipient=scene["reader"], thread=thread, kind=NotificationKind.MENTION
    ).pk


def loaded_notifications(call) -> int:
    """How many Notification instances ``call`` builds from the database."""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance.pk)

    post_init.connect(count, sender=Notification)
    try:
        call()
    finally:
        post_init.disconnect(count, sender=Notification)
    return len(built)


def test_a_batch_loads_only_the_notifications_it_emails_whatever_waits_unread(scene):
    grow_history(scene, 600)
    # A mention the reader has since read on the site: never emailed, never loaded again.
    read = mention(scene, 0)
    thread = Notification.objects.get(pk=read).thread
    mark_thread_read(thread, user=scene["reader"], number=thread.post_count)
    wanted = mention(scene, 1)

    loaded = loaded_notifications(lambda: send_notification_emails([wanted]))

    assert loaded == 1  # the mention; not the 600 replies, nor the mention read meanwhile
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert message.extra_headers["X-Rounds-Notifications"] == str(wanted)


def test_the_replies_of_watched_threads_queue_no_task_for_members_not_emailed(scene, monkeypatch):
    """The REPLY rows of watchers who did not start the thread are not even handed to the task;
    the author's are."""
    queued: list[list[int]] = []
    monkeypatch.setattr(
        notification_emails, "queue_after_commit", lambda name, ids, countdown: queued.append(ids)
    )
    reply = create_reply(thread=scene["busy"], author=UserFactory(), body="One more.")
    rows = {n.recipient_id: n.pk for n in Notification.objects.filter(post=reply)}
    assert set(rows) == {scene["reader"].pk, scene["poster"].pk}  # both watch the thread
    assert queued == [[rows[scene["poster"].pk]]]  # the author's only


def peak_of(call) -> int:
    gc.collect()
    tracemalloc.reset_peak()
    start = tracemalloc.get_traced_memory()[0]
    call()
    return tracemalloc.get_traced_memory()[1] - start


def test_a_batch_peak_stays_flat_as_the_unread_history_grows(scene):
    """K batches, each after 400 more unread notifications: each batch's peak of Python memory
    (tracemalloc) stays within a bound of the first's. Loading the history made the last batch
    take about four times the first's."""
    tracemalloc.start()
    try:
        send_notification_emails([mention(scene, 0)])  # warm: templates, the inliner, imports
        peaks = []
        for number in range(1, 5):
            grow_history(scene, 400)
            ids = [mention(scene, number)]
            peaks.append(peak_of(lambda ids=ids: send_notification_emails(ids)))
    finally:
        tracemalloc.stop()
    assert len(mail.outbox) == 5
    assert max(peaks[1:]) < peaks[0] * 1.5 + 256 * 1024, [f"{p / 1024:.0f} KiB" for p in peaks]
