"""Case badges at their entry points (issue 24, part 4): a first published case
(``approve_case``), outcomes posted on five cases (``post_outcome``), the first reply to an
unanswered case (``post_case_reply`` through ``create_reply``); and the back-fill migrations
that grant them once for what happened before."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection

from cases import authoring
from cases.discussion import post_case_reply
from forums.models import Award, Notification, NotificationKind
from forums.posting import SITE
from forums.recognition import badges
from tests.cases.conftest import make_case, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _codes(user) -> set[str]:
    return set(Award.objects.filter(user=user).values_list("badge", flat=True))


def test_a_first_published_case_earns_its_author_the_badge(author, moderator):
    case = make_case(author)
    assert _codes(author) == set()  # a draft earns nothing
    publish(case, author, moderator)
    assert _codes(author) == {badges.FIRST_CASE}
    publish(make_case(author, title="A second case"), author, moderator)
    assert Award.objects.filter(user=author).count() == 1


def test_the_fifth_outcome_earns_the_badge(author, moderator):
    cases = [publish(make_case(author, title=f"Case {i}"), author, moderator) for i in range(5)]
    for case in cases[:4]:
        authoring.post_outcome(case, by=author, text="Recovered.")
    assert badges.OUTCOMES not in _codes(author)
    authoring.post_outcome(cases[4], by=author, text="Recovered.")
    assert badges.OUTCOMES in _codes(author)


def test_the_first_colleague_to_reply_to_a_case_earns_first_responder(
    author, reader, published, django_capture_on_commit_callbacks
):
    post_case_reply(published, by=author, body="Any thoughts, colleagues?", origin=SITE)
    assert _codes(author) == {badges.FIRST_CASE}  # the author's own reply does not answer
    with django_capture_on_commit_callbacks(execute=True):
        post_case_reply(published, by=reader, body="Check the potassium first.", origin=SITE)
    assert _codes(reader) == {badges.FIRST_RESPONDER}
    second = UserFactory(professional=True)
    post_case_reply(published, by=second, body="Agreed, and the ECG.", origin=SITE)
    assert _codes(second) == set()  # the case had an answer already
    # The notification email names the badge and nothing of the case (the autouse
    # no_case_text_in_email fixture scans every message for the case's text too).
    badge_mail = [m for m in mail.outbox if "First responder" in m.subject]
    assert len(badge_mail) == 1
    assert published.title not in badge_mail[0].body
    assert Notification.objects.filter(recipient=reader, kind=NotificationKind.BADGE).count() == 1


def _run_backfill() -> None:
    """The back-fill migrations' SQL, run again on today's rows (the migrations ran when the
    test database was made, on no rows)."""
    from importlib import import_module

    forums_fill = import_module("forums.migrations.0017_backfill_badges")
    cases_fill = import_module("cases.migrations.0013_backfill_case_badges")
    with connection.cursor() as cursor:
        for module in (forums_fill, cases_fill):
            for sql in (*module.INSERTS, module.DENORMALISE):
                cursor.execute(sql)


def test_the_back_fill_grants_what_was_earned_before_once_and_quietly(author, reader, moderator):
    cases = [publish(make_case(author, title=f"Case {i}"), author, moderator) for i in range(5)]
    for case in cases:
        authoring.post_outcome(case, by=author, text="Recovered.")
    post_case_reply(cases[0], by=reader, body="Check the potassium first.", origin=SITE)
    # As if these had happened before recognition existed.
    Award.objects.all().delete()
    Notification.objects.filter(kind=NotificationKind.BADGE).delete()
    type(author).objects.update(badges=[])

    _run_backfill()
    _run_backfill()  # once: a second run adds nothing

    # (both are verified professionals: forums' back-fill grants that too)
    assert _codes(author) == {badges.FIRST_CASE, badges.OUTCOMES, badges.VERIFIED}
    assert _codes(reader) == {badges.FIRST_RESPONDER, badges.VERIFIED}
    assert Award.objects.count() == 5
    author.refresh_from_db()
    assert sorted(author.badges) == sorted([badges.FIRST_CASE, badges.OUTCOMES, badges.VERIFIED])
    assert not Notification.objects.filter(kind=NotificationKind.BADGE).exists()


def test_a_moderator_writing_in_a_hidden_discussion_earns_nothing(published, moderator, reader):
    from cases import moderation

    moderation.flag_case(published, by=reader, reason="Names the ward")
    from forums.posting import create_reply

    create_reply(thread=published.thread, author=moderator, body="Reviewing this now.")
    assert _codes(moderator) == set()
