"""Reporting a private message: participants report; moderators see only reported messages
and the few around them, each look in the audit log; the reporter and the moderator see the
outcome (issue 25)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from forums.consults.models import Message
from forums.models import Report, ReportStatus
from forums.posting import reports
from tests.consults.helpers import conversation_between, exchange, pro
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, mfa_moderator):
    from forums.posting.moderation import ensure_moderator_permissions

    ensure_moderator_permissions()
    client.force_login(mfa_moderator)
    return client


@pytest.fixture
def talk():
    doctor, member = pro(handle="dr_ada"), UserFactory(handle="sam")
    conversation = conversation_between(doctor, member, body="Opening words")
    exchange(conversation, [doctor, member], 14)
    return doctor, member, conversation


def test_a_participant_reports_a_message_and_a_privacy_report_hides_it(client, talk):
    _doctor, member, conversation = talk
    client.force_login(member)
    url = reverse("forums:consult_report", args=[conversation.pk, 7])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "privacy", "text": "Names the patient"})
    assert response.status_code == 302
    message = Message.objects.get(conversation=conversation, number=7)
    assert message.is_hidden
    assert Report.objects.get().member == message.author
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "hidden while moderators look at a report" in page
    assert "You reported this message; moderators will look at it." in page


def test_nobody_outside_the_conversation_can_report_in_it(client, talk):
    _doctor, _member, conversation = talk
    client.force_login(UserFactory())
    url = reverse("forums:consult_report", args=[conversation.pk, 7])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404


def test_moderators_see_only_the_reported_message_and_its_context_and_each_look_is_logged(
    moderator_client, mfa_moderator, talk
):
    _doctor, member, conversation = talk
    message = Message.objects.get(conversation=conversation, number=8)
    report = reports.report_content(message, by=member, reason="abusive")
    # The report pages name the message and link to it; they never show its text.
    change = moderator_client.get(reverse("admin:forums_report_change", args=[report.pk]))
    assert message.source not in change.content.decode()
    assert not AuditEntry.objects.filter(action="consult.view_reported").exists()
    url = reverse("admin:forums_report_message", args=[report.pk])
    page = moderator_client.get(url).content.decode()
    shown = sorted(int(n) for n in __import__("re").findall(r'<li value="(\d+)"', page))
    assert shown == list(range(3, 14))  # five either side of #8
    entry = AuditEntry.objects.get(action="consult.view_reported")
    assert (entry.actor, entry.target_id) == (mfa_moderator, str(message.pk))
    moderator_client.get(url)
    assert AuditEntry.objects.filter(action="consult.view_reported").count() == 2
    # No way in to the messages themselves.
    assert moderator_client.get("/admin/forums/message/").status_code == 404
    assert moderator_client.get("/admin/forums/conversation/").status_code == 404


def test_the_outcome_shows_to_the_reporter_and_in_the_admin(
    moderator_client, mfa_moderator, talk, client
):
    _doctor, member, conversation = talk
    message = Message.objects.get(conversation=conversation, number=15)
    report = reports.report_content(message, by=member, reason="abusive")
    reports.resolve_report(report, by=mfa_moderator, note="Warned the author")
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    listing = moderator_client.get(reverse("admin:forums_report_changelist")).content.decode()
    assert "Resolved" in listing
    client.force_login(member)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "moderators acted on it" in page


def test_the_moderation_queue_lists_a_reported_message_without_its_text(moderator_client, talk):
    _doctor, member, conversation = talk
    message = Message.objects.get(conversation=conversation, number=9)
    reports.report_content(message, by=member, reason="spam")
    page = moderator_client.get(reverse("admin:moderation_queue")).content.decode()
    assert f"Message #9 in private consult #{conversation.pk}" in page
    assert message.source not in page
