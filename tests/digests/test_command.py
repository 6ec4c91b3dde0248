"""``python manage.py send_digests`` runs the service synchronously and prints a summary."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from forums.posting.following import follow_category
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


def test_the_command_sends_the_due_digests_and_prints_a_summary(subscriber, poster, forum, now):
    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster)
    out = StringIO()

    call_command("send_digests", "--frequency", "daily", "--now", now.isoformat(), stdout=out)
    call_command("send_digests", "--frequency", "daily", "--now", now.isoformat(), stdout=out)

    first, second = out.getvalue().split("Sending daily digests")[1:]
    assert "Done: sent 1, skipped 0" in first
    assert "Done: sent 0, skipped 1 (0 with nothing new, 1 already done), failed 0" in second
    assert len(mail.outbox) == 1


def test_the_command_rejects_a_bad_moment():
    with pytest.raises(CommandError, match="--now"):
        call_command("send_digests", "--frequency", "daily", "--now", "yesterday")


def test_the_digest_benchmark_sends_every_seeded_members_digest_to_its_smtp_server():
    out = StringIO()

    call_command("bench_digests", "--members", "3", stdout=out)

    summary = out.getvalue().splitlines()[-1]
    assert "sent 3 (SMTP received 3), empty 0, skipped 0, failed 0" in summary, summary
    assert "queries per digest" in summary


@pytest.mark.django_db(transaction=True)  # the sending processes read committed data
def test_the_benchmark_splits_members_between_processes_and_sends_each_once():
    out = StringIO()

    call_command("bench_digests", "--members", "6", "--processes", "2", stdout=out)

    from forums.models import DigestDelivery, DigestStatus

    summary = out.getvalue().splitlines()[-1]
    assert "processes 2: sent 6 (SMTP received 6), empty 0, skipped 0, failed 0" in summary
    sent = DigestDelivery.objects.filter(status=DigestStatus.SENT)
    assert sorted(sent.values_list("user__handle", flat=True)) == [f"dbenchm{n}" for n in range(6)]


def test_a_moment_without_a_time_zone_is_read_as_utc(db):
    out = StringIO()
    call_command("send_digests", "--frequency", "daily", "--now", "2026-11-27T08:00:00", stdout=out)
    assert "due at 2026-11-27T08:00:00+00:00" in out.getvalue()
