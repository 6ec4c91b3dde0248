"""The digest builder and sender: content, visibility, case privacy, idempotency, retries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from accounts.models import Specialty
from forums.mail import digests
from forums.models import DigestDelivery, DigestStatus, Post, Thread, Visibility, WatchLevel
from forums.posting import create_reply, create_thread
from forums.posting.following import follow_category, follow_tag, set_watch_level
from tests.digests.conftest import subscribe
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def _thread_at(forum, poster, title, at):
    return create_thread(category=forum, author=poster, title=title, body="Text", at=at)


def _only_message():
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    return message, message.body, html


def test_new_thread_in_a_followed_forum_is_in_the_digest_as_html_and_text(
    subscriber, poster, forum, now
):
    follow_category(forum, user=subscriber)
    thread = make_thread(category=forum, author=poster, title="Wide QRS tachycardia")

    run = digests.send_digests("daily", now=now)

    assert run.sent == 1
    message, text, html = _only_message()
    assert message.to == ["reader@example.org"]
    assert "daily digest" in message.subject
    assert "Wide QRS tachycardia" in text
    assert thread.get_absolute_url() in text
    assert '<a href="http://127.0.0.1:8000' + thread.get_absolute_url() in html
    assert "Unsubscribe" in html


def test_threads_with_a_followed_tag_and_replies_in_watched_threads_are_listed(
    subscriber, poster, forum, now
):
    from taggit.models import Tag

    old = make_thread(category=forum, author=poster, title="Old question")
    set_watch_level(old, user=subscriber, level=WatchLevel.WATCHING)
    create_reply(thread=old, author=poster, body="A new answer")
    create_reply(thread=old, author=poster, body="And another")
    make_thread(category=forum, author=poster, title="Tagged one", tags=["ecg"])
    follow_tag(Tag.objects.get(name="ecg"), user=subscriber)

    digests.send_digests("daily", now=now)

    _message, text, _html = _only_message()
    assert "Tagged one" in text
    assert "Old question: 3 new replies" in text  # the first post counts: it is new too


def test_nothing_new_sends_no_email_and_records_an_empty_period(subscriber, poster, forum, now):
    _thread_at(forum, poster, "Too old", now - timedelta(days=3))
    follow_category(forum, user=subscriber)  # after the thread: no unread notification either

    run = digests.send_digests("daily", now=now)

    assert mail.outbox == []
    assert run.empty == 1
    assert DigestDelivery.objects.get(user=subscriber).status == DigestStatus.EMPTY


def test_threads_in_forums_the_member_may_not_read_stay_out_of_the_digest(subscriber, poster, now):
    verified_only = CategoryFactory(visibility=Visibility.VERIFIED)
    follow_category(verified_only, user=subscriber)
    make_thread(category=verified_only, author=poster, title="For verified eyes")

    digests.send_digests("daily", now=now)

    assert mail.outbox == []


def test_members_not_due_at_this_hour_get_nothing(subscriber, poster, forum, now):
    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster)

    run = digests.send_digests("daily", now=now + timedelta(hours=1))

    assert (run.sent, mail.outbox) == (0, [])


def test_running_twice_sends_one_digest(subscriber, poster, forum, now):
    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster)

    first = digests.send_digests("daily", now=now)
    # The same hour's run again (a retried task). Not "five minutes later": that is the next
    # hour's run whenever the test starts in an hour's last minutes, and then nobody is due.
    second = digests.send_digests("daily", now=now)

    assert (first.sent, second.sent, second.skipped) == (1, 0, 1)
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.get(user=subscriber).status == DigestStatus.SENT


def test_the_next_digest_starts_where_the_last_one_ended(subscriber, poster, forum, now):
    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster, title="Yesterday's thread")
    digests.send_digests("daily", now=now)
    tomorrow = now + timedelta(days=1)
    _thread_at(forum, poster, "Today's thread", tomorrow)
    mail.outbox.clear()

    digests.send_digests("daily", now=tomorrow)

    _message, text, _html = _only_message()
    assert "Today's thread" in text
    assert "Yesterday's thread" not in text


def test_new_cases_are_counted_per_specialty_with_a_link_and_never_named(
    subscriber, now, moderator
):
    from tests.cases.conftest import make_case, publish

    cardiology, _ = Specialty.objects.get_or_create(
        slug="cardiology", defaults={"name": "Cardiology"}
    )
    subscriber.professional_verified_until = now.date() + timedelta(days=30)
    subscriber.save()
    subscriber.preferences.followed_specialties.add(cardiology)
    outsider = subscribe(UserFactory(handle="outsider"), now)  # not a verified professional
    outsider.preferences.followed_specialties.add(cardiology)
    author = UserFactory(professional=True, handle="caseauthor")
    case = publish(make_case(author, history="SECRET-HISTORY-TEXT"), author, moderator)
    mail.outbox.clear()

    digests.send_digests("daily", now=now)

    _message, text, html = _only_message()
    assert mail.outbox[0].to == ["reader@example.org"]
    assert "Cardiology: 1 new case" in text
    assert "Cardiology: 1 new case" in html
    assert "/cases/?specialty=cardiology" in html
    for part in (text, html):
        assert case.title not in part
        assert case.slug not in part
        assert "SECRET-HISTORY-TEXT" not in part
        assert "no** prodrome" not in part
        assert "no</strong> prodrome" not in part


def test_a_refused_digest_is_recorded_and_the_next_run_delivers_it_exactly_once(
    subscriber, poster, forum, now, smtp_settings
):
    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster)
    smtp_settings.refuse_next(1)

    first = digests.send_digests("daily", now=now)
    row = DigestDelivery.objects.get(user=subscriber)
    second = digests.send_digests("daily", now=now)
    third = digests.send_digests("daily", now=now)

    assert (first.failed, row.status, row.attempts) == (1, DigestStatus.FAILED, 1)
    assert "451" in row.last_error
    assert (second.sent, third.sent) == (1, 0)
    assert smtp_settings.refused == 1
    assert len(smtp_settings.messages) == 1
    received = smtp_settings.messages[0]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = " ".join(received["List-Unsubscribe"].split())  # unfold the header
    assert unsubscribe.startswith("<http://127.0.0.1:8000/email/unsubscribe/")
    assert ", <mailto:rounds@localhost?subject=unsubscribe%20" in unsubscribe


def test_a_batch_goes_over_one_smtp_connection(poster, forum, now, smtp_settings, monkeypatch):
    from django.core.mail.backends.smtp import EmailBackend

    for _n in range(3):
        follow_category(forum, user=subscribe(UserFactory(), now))
    make_thread(category=forum, author=poster)
    opened = []
    original = EmailBackend.open

    def counting_open(self):
        opened.append(original(self))
        return opened[-1]

    monkeypatch.setattr(EmailBackend, "open", counting_open)

    run = digests.send_digests("daily", now=now)

    assert run.sent == 3
    assert len(smtp_settings.messages) == 3
    assert opened.count(True) == 1  # Django's open() says True only when it made a connection


def test_an_abandoned_claim_is_taken_over_but_a_fresh_one_is_left_alone(
    subscriber, poster, forum, now
):
    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster)
    period = digests.digest_period("daily", now)
    row = DigestDelivery.objects.create(
        user=subscriber,
        frequency="daily",
        period=period,
        status=DigestStatus.SENDING,
        since=now - timedelta(days=1),
        until=now,
        claimed_at=now,
    )

    assert digests.send_digests("daily", now=now).skipped == 1  # another worker is on it

    DigestDelivery.objects.filter(pk=row.pk).update(claimed_at=now - timedelta(hours=1))
    assert digests.send_digests("daily", now=now).sent == 1  # that worker died mid-batch
    assert len(mail.outbox) == 1


def test_a_member_away_for_180_days_gets_a_last_digest_saying_so_then_no_more(
    subscriber, poster, forum, now
):
    follow_category(forum, user=subscriber)
    subscriber.last_login = now - timedelta(days=181)
    subscriber.save()

    digests.send_digests("daily", now=now)  # nothing new, but the member must be told
    _thread_at(forum, poster, "Later", now + timedelta(days=1))
    digests.send_digests("daily", now=now + timedelta(days=1))

    message, text, _html = _only_message()
    assert "last digest" in message.subject
    assert "six months" in text


def test_the_next_hourly_run_retries_a_failed_digest_whatever_the_members_hour(
    subscriber, poster, forum, now, smtp_settings
):
    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster)
    smtp_settings.refuse_next(1)
    digests.send_digests("daily", now=now)

    run = digests.send_digests("daily", now=now + timedelta(hours=1))

    assert run.sent == 1
    assert len(smtp_settings.messages) == 1


def test_queries_are_a_constant_per_batch_whatever_the_number_of_members(
    poster, forum, now, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from taggit.models import Tag

    monkeypatch.setattr("forums.mail.digests.send.BATCH_SIZE", 4)
    # The monthly thank-you reads its three queries (specialties, marks) only in a window that
    # opens a month: measured apart (tests/digests/test_participation_digests.py), kept out of
    # this count so the test does not change on the 1st.
    monkeypatch.setattr(
        "forums.recognition.thanks.month_start", lambda moment: now - timedelta(days=400)
    )
    watched = make_thread(category=forum, author=poster, title="Watched", tags=["ecg"])
    Thread.objects.filter(pk=watched.pk).update(created_at=now - timedelta(days=3))
    Post.objects.filter(thread=watched).update(created_at=now - timedelta(days=3))
    tag = Tag.objects.get(name="ecg")
    cardiology, _ = Specialty.objects.get_or_create(
        slug="cardiology", defaults={"name": "Cardiology"}
    )

    def run_for(count, at):
        for _n in range(count):
            member = subscribe(UserFactory(), at)
            follow_category(forum, user=member)  # every section has something to read
            follow_tag(tag, user=member)
            set_watch_level(watched, user=member, level=WatchLevel.WATCHING)
            member.preferences.followed_specialties.add(cardiology)
        _thread_at(forum, poster, "Fresh", at - timedelta(minutes=1))
        create_reply(thread=watched, author=poster, body="News", at=at - timedelta(minutes=1))
        with CaptureQueriesContext(connection) as queries:
            run = digests.send_digests("daily", now=at)
        return run, len(queries)

    one_batch, one_batch_queries = run_for(3, now)
    three_batches, three_batches_queries = run_for(9, now + timedelta(hours=1))  # due later

    assert (one_batch.sent, three_batches.sent) == (3, 9)
    # Per run: the recipients, the retry rows. Per batch: last deliveries, the claim (insert),
    # forum and tag follows, new threads, their tags, their opening posts (excerpts), watch
    # states, new posts, unread notifications, the watched threads, the unanswered section
    # (profile and followed specialties, threads), case specialties and cases, unanswered
    # cases (profile and followed specialties, cases), stopped addresses (bounces), mark sent;
    # the most active threads once per visibility level (cached for the run).
    assert one_batch_queries == 2 + 23 + 1
    assert three_batches_queries == 2 + 3 * 23 + 1
    assert "Watched: 2 new replies" in mail.outbox[-1].body  # both runs' replies are new to them


def test_a_member_who_comes_back_after_the_last_digest_gets_digests_again(
    subscriber, poster, forum, now
):
    follow_category(forum, user=subscriber)
    subscriber.last_login = now - timedelta(days=181)
    subscriber.save()
    digests.send_digests("daily", now=now)  # the last one
    subscriber.last_login = now + timedelta(hours=2)  # signs in again
    subscriber.save()
    _thread_at(forum, poster, "Welcome back", now + timedelta(days=1))
    mail.outbox.clear()

    digests.send_digests("daily", now=now + timedelta(days=1))

    message, text, _html = _only_message()
    assert "Welcome back" in text
    assert "last digest" not in message.subject


def test_the_task_sends_through_the_same_service_and_returns_the_counts(
    subscriber, poster, forum, now
):
    from forums.tasks import send_digests

    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster)

    result = send_digests.delay("daily", now.isoformat()).get()

    assert result == {"sent": 1, "skipped": 0, "failed": 0, "empty": 0}
    assert len(mail.outbox) == 1


def test_the_beat_task_fans_out_one_task_per_shard_and_each_member_gets_one_digest(
    poster, forum, now, settings
):
    from forums.tasks import queue_digests

    settings.DIGEST_SHARDS = 2
    members = [subscribe(UserFactory(), now) for _n in range(4)]
    assert {member.pk % 2 for member in members} == {0, 1}  # both shards have members
    for member in members:
        follow_category(forum, user=member)
    make_thread(category=forum, author=poster)

    result = queue_digests.delay("daily", now.isoformat()).get()

    assert result == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert DigestDelivery.objects.filter(status=DigestStatus.SENT).count() == 4


def test_a_digest_looks_back_at_most_a_week_however_long_ago_the_last_one_went(
    subscriber, poster, forum, now
):
    follow_category(forum, user=subscriber)
    _thread_at(forum, poster, "Three weeks old", now - timedelta(days=21))
    _thread_at(forum, poster, "Five days old", now - timedelta(days=5))
    DigestDelivery.objects.create(  # the last digest went out a month ago
        user=subscriber,
        frequency="daily",
        period=(now - timedelta(days=30)).date(),
        status=DigestStatus.SENT,
        since=now - timedelta(days=31),
        until=now - timedelta(days=30),
        claimed_at=now - timedelta(days=30),
    )

    digests.send_digests("daily", now=now)

    _message, text, _html = _only_message()
    assert "Five days old" in text
    assert "Three weeks old" not in text
    row = DigestDelivery.objects.get(user=subscriber, period=digests.digest_period("daily", now))
    assert row.since == now - digests.LOOKBACK["daily"]


def test_a_failed_digest_from_yesterday_and_todays_are_both_sent_in_one_run(
    subscriber, poster, forum, now
):
    follow_category(forum, user=subscriber)
    yesterday = now - timedelta(days=1)
    _thread_at(forum, poster, "Yesterday's news", yesterday + timedelta(minutes=10))
    DigestDelivery.objects.create(
        user=subscriber,
        frequency="daily",
        period=digests.digest_period("daily", yesterday),
        status=DigestStatus.FAILED,
        since=yesterday - timedelta(days=1),
        until=yesterday + timedelta(minutes=30),
        claimed_at=yesterday,
        attempts=1,
    )

    run = digests.send_digests("daily", now=now)

    assert (run.sent, run.skipped) == (2, 0)
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {DigestStatus.SENT}
