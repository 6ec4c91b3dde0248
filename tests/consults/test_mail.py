"""Emails about private messages, through a real SMTP server (aiosmtpd): they say who wrote
and link to the conversation, never the text or the subject; once per message; not for what
was read on the site, not from a blocked member, not when turned off (issue 25)."""

from __future__ import annotations

import pytest

from accounts.blocking import block_member
from accounts.models import Preferences
from forums.consults import membership
from forums.consults.mail import send_message_emails
from forums.consults.models import Message, Participant
from forums.consults.writing import send_message, start_conversation
from forums.posting import SITE
from tests.consults.helpers import pro
from tests.email_scan import message_texts
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBJECT = "Atypical chest pain in a marathon runner"
BODY = "The troponin was flat but the ST segments kept drifting overnight."


def _texts(message) -> str:
    return "\n".join(message_texts(message))


def _ids() -> list[int]:
    return list(Message.objects.values_list("pk", flat=True))


def test_the_email_names_the_sender_and_links_to_the_conversation_never_its_text(smtp_settings):
    doctor, member = pro(handle="dr_ada"), UserFactory(handle="sam")
    conversation = start_conversation(
        by=doctor, recipients=[member], subject=SUBJECT, body=BODY, origin=SITE
    )
    assert send_message_emails(_ids()) == 1
    [email] = smtp_settings.messages
    text = _texts(email)
    assert email["To"] == member.email
    assert "@dr_ada sent you a message" in email["Subject"]
    assert f"/messages/{conversation.pk}/" in text
    for secret in (SUBJECT, BODY, "troponin", "marathon"):
        assert secret.lower() not in text.lower()
    assert "List-Unsubscribe" in email
    # Once per message: a second run sends nothing.
    assert send_message_emails(_ids()) == 0


def test_several_messages_go_in_one_email(smtp_settings):
    doctor, member = pro(handle="dr_ada"), UserFactory()
    conversation = start_conversation(
        by=doctor, recipients=[member], subject=SUBJECT, body=BODY, origin=SITE
    )
    send_message(conversation=conversation, by=doctor, body="And another thing", origin=SITE)
    assert send_message_emails(_ids()) == 1
    [email] = smtp_settings.messages
    assert "@dr_ada sent you private messages" in email["Subject"]
    assert "another thing" not in _texts(email)


def test_no_email_for_what_was_read_on_the_site(smtp_settings):
    doctor, member = pro(), UserFactory()
    start_conversation(by=doctor, recipients=[member], subject=SUBJECT, body=BODY, origin=SITE)
    row = Participant.objects.select_related("conversation").get(user=member)
    membership.mark_read(row, through=1)
    assert send_message_emails(_ids()) == 0
    assert smtp_settings.messages == []


def test_no_email_from_a_blocked_member_or_when_turned_off(smtp_settings):
    doctor, blocker, quiet, listener = pro(), UserFactory(), UserFactory(), UserFactory()
    Preferences.objects.create(user=quiet, email_on_message=False)
    block_member(blocker=blocker, blocked=doctor)
    starter = pro()
    conversation = start_conversation(
        by=starter,
        recipients=[doctor, blocker, quiet, listener],
        subject=SUBJECT,
        body="Hi",
        origin=SITE,
    )
    Participant.objects.update(last_read_number=1, unread=0)  # the opening line, read
    send_message(conversation=conversation, by=doctor, body=BODY, origin=SITE)
    assert send_message_emails(_ids()) == 2
    assert {email["To"] for email in smtp_settings.messages} == {listener.email, starter.email}
