"""A member's data and private consults: the export holds their conversations and the messages
they wrote; deleting the account removes their messages or keeps them by "Former member"
(issue 25)."""

from __future__ import annotations

import pytest

from accounts.blocking import block_member
from accounts.deletion import delete_account
from accounts.export import export_user_data
from forums.consults.models import Message, Participant
from forums.consults.writing import send_message
from forums.posting import SITE
from tests.consults.helpers import conversation_between, pro
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_members_conversations_and_own_messages():
    doctor, member = pro(handle="dr_ada"), UserFactory(handle="sam")
    conversation = conversation_between(doctor, member, subject="About an ECG", body="Doctor's")
    send_message(conversation=conversation, by=member, body="My own words on this", origin=SITE)
    block_member(blocker=member, blocked=UserFactory(handle="pest"))
    data = export_user_data(member)
    [exported] = data["private_consults"]
    assert exported["subject"] == "About an ECG"
    assert exported["with"] == ["dr_ada"]
    assert [m["text"] for m in exported["messages"]] == ["My own words on this"]
    assert [b["handle"] for b in data["blocked_members"]] == ["pest"]
    assert data["preferences"]["email_on_message"] is True


@pytest.mark.parametrize("keep_posts", [True, False])
def test_deleting_an_account_keeps_or_removes_its_messages_by_former_member(keep_posts, client):
    doctor, member = pro(), UserFactory()
    conversation = conversation_between(doctor, member, body="Doctor's question")
    send_message(conversation=conversation, by=member, body="Member's answer here", origin=SITE)
    delete_account(member, keep_posts=keep_posts)
    answer = Message.objects.get(number=2)
    assert answer.author is None
    assert (answer.source == "Member's answer here") is keep_posts
    assert answer.is_deleted is not keep_posts
    assert not Participant.objects.filter(user_id=member.pk).exists()
    client.force_login(doctor)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "Former member" in page
    assert ("Member's answer here" in page) is keep_posts
