"""Every email about a member's own things carries the one-click unsubscribe (RFC 8058): case
approved, case returned, outcome reminder, verification decided, and mentions and replies.
The link in the headers, POSTed without a session, turns off that kind of email only."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts import verification
from accounts.models import DigestFrequency, Preferences
from cases import moderation
from cases.reminders import send_outcome_reminders
from forums.posting import create_reply
from tests.cases.conftest import make_case, submit
from tests.digests.conftest import subscribe
from tests.digests.email_kinds import without_badges
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

REQUEST = {
    "registration_number": "GMC 7012345",
    "registering_body": "General Medical Council",
    "country": "United Kingdom",
}


@pytest.fixture
def author(db, now):
    return subscribe(UserFactory(professional=True, handle="author", email="author@ex.org"), now)


def _one_click(message) -> tuple[str, str]:
    """The https link and the mailto of ``List-Unsubscribe``, after checking both headers."""
    headers = message.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    found = re.fullmatch(r"<(http[^>]+)>, <(mailto:[^>]+)>", headers["List-Unsubscribe"])
    assert found, headers["List-Unsubscribe"]
    link, mailto = found.groups()
    assert "/email/unsubscribe/" in link
    assert mailto.startswith("mailto:rounds@localhost?subject=unsubscribe%20")
    return link, mailto


def _unsubscribe_in_one_click(message) -> None:
    link, _mailto = _one_click(message)
    assert link in message.body  # the visible footer carries the same link
    response = Client(enforce_csrf_checks=True).post(link.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200


def test_an_approved_case_emails_its_author_with_one_click_unsubscribe_that_stops_them(
    author, moderator, django_capture_on_commit_callbacks
):
    first, second = make_case(author, title="First case"), make_case(author, title="Second")
    submit(first, author)
    submit(second, author)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_case(first, by=moderator)

    (message,) = without_badges(mail.outbox)  # "Case author" is its own email
    assert message.to == ["author@ex.org"]
    assert message.subject == "[Rounds] Your case is published"
    assert "First case" not in message.body  # no case's title leaves the site
    assert f"/cases/{first.pk}-case/" in message.body  # nor its slug: the page redirects
    _unsubscribe_in_one_click(message)
    prefs = Preferences.objects.get(user=author)
    assert not prefs.email_on_review
    assert prefs.email_on_mention
    assert prefs.digest_frequency == DigestFrequency.DAILY

    with django_capture_on_commit_callbacks(execute=True):
        moderation.return_case(second, by=moderator, reason="Crop the image.")
    assert len(without_badges(mail.outbox)) == 1  # nothing more about cases


def test_a_returned_case_and_an_outcome_reminder_carry_the_unsubscribe_headers(
    author, moderator, django_capture_on_commit_callbacks
):
    returned, published = make_case(author, title="Returned one"), make_case(author)
    submit(returned, author)
    submit(published, author)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.return_case(returned, by=moderator, reason="Crop the image.")
        moderation.approve_case(published, by=moderator)
        send_outcome_reminders(now=timezone.now() + timedelta(weeks=4, minutes=1))

    returned_email, approved_email, reminder = without_badges(mail.outbox)
    assert returned_email.subject == "[Rounds] A moderator returned your case"
    assert "Crop the image." not in returned_email.body  # the reason is on the case page
    assert "see why" in returned_email.body
    assert "outcome" in reminder.body
    for message in (returned_email, approved_email, reminder):
        link, _mailto = _one_click(message)
        assert link in message.alternatives[0][0]  # the HTML footer too


def test_a_verification_decision_carries_one_click_unsubscribe_and_respects_it(
    user, mfa_moderator, django_capture_on_commit_callbacks
):
    first = verification.request_verification(user, **REQUEST)
    with django_capture_on_commit_callbacks(execute=True):
        verification.reject_verification(first, by=mfa_moderator, reason="Blurry scan.")
    (message,) = mail.outbox
    assert "Blurry scan." in message.body

    _unsubscribe_in_one_click(message)
    second = verification.request_verification(user, **REQUEST)
    with django_capture_on_commit_callbacks(execute=True):
        verification.approve_verification(second, by=mfa_moderator)

    assert len(without_badges(mail.outbox)) == 1  # "Verified clinician" is not a review email
    assert not Preferences.objects.get(user=user).email_on_review


def test_the_link_in_a_reply_email_turns_off_mention_and_reply_emails_only(
    poster, subscriber, forum, django_capture_on_commit_callbacks
):
    thread = make_thread(category=forum, author=subscriber, title="My question")
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(thread=thread, author=poster, body="An answer")
    (message,) = mail.outbox

    _unsubscribe_in_one_click(message)

    prefs = Preferences.objects.get(user=subscriber)
    assert (prefs.email_on_mention, prefs.email_on_reply) == (False, False)
    assert prefs.email_on_review
    assert prefs.digest_frequency == DigestFrequency.DAILY
