"""Starting conversations and writing in them: who may write to whom, what a message does to
everyone's state, mentions, quotes and blocks (issue 25)."""

from __future__ import annotations

import pytest

from accounts.blocking import block_member
from accounts.models import Preferences
from accounts.network import follow_member
from forums.consults import counts, membership
from forums.consults.models import Message, MessageKind, Participant
from forums.consults.writing import ConsultError, send_message, start_conversation
from forums.models import Notification
from forums.posting import SITE, create_reply
from tests.consults.helpers import conversation_between, exchange, pro
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def start(by, *to, body="Hello", subject="A question"):
    return start_conversation(by=by, recipients=list(to), subject=subject, body=body, origin=SITE)


def test_a_verified_professional_may_write_to_anyone():
    conversation = start(pro(), UserFactory())
    assert conversation.participants.count() == 2
    assert conversation.message_count == 1


def test_a_member_may_write_only_to_those_who_follow_them_or_wrote_first():
    member, other = UserFactory(), UserFactory()
    with pytest.raises(ConsultError) as refused:
        start(member, other)
    assert refused.value.field == "to"
    assert f"@{other.handle}" in str(refused.value)
    follow_member(follower=other, followed=member)
    assert start(member, other).message_count == 1


def test_a_member_may_answer_who_wrote_to_them_first():
    member, doctor = UserFactory(), pro()
    start(doctor, member)
    assert start(member, doctor).message_count == 1


def test_a_block_stops_new_conversations_without_saying_so():
    member, doctor = UserFactory(), pro()
    block_member(blocker=member, blocked=doctor)
    with pytest.raises(ConsultError) as refused:
        start(doctor, member)
    assert "does not accept private messages from you" in str(refused.value)
    assert "block" not in str(refused.value).lower()


def test_messages_only_from_followed_members_is_kept_even_for_professionals():
    member, doctor = UserFactory(), pro()
    Preferences.objects.create(user=member, messages_from_followed_only=True)
    with pytest.raises(ConsultError):
        start(doctor, member)
    follow_member(follower=member, followed=doctor)
    assert start(doctor, member)


def test_at_most_twenty_participants():
    doctor = pro()
    with pytest.raises(ConsultError) as refused:
        start(doctor, *[UserFactory() for _ in range(20)])
    assert "at most 20" in str(refused.value)
    assert start(doctor, *[UserFactory() for _ in range(19)]).participants.count() == 20


def test_a_message_counts_unread_for_the_others_and_read_for_its_author():
    doctor, a, b = pro(), UserFactory(), UserFactory()
    conversation = start(doctor, a, b)
    send_message(conversation=conversation, by=a, body="Yes please", origin=SITE)
    state = {p.user_id: (p.unread, p.last_read_number) for p in Participant.objects.all()}
    assert state == {doctor.pk: (1, 1), a.pk: (0, 2), b.pk: (2, 0)}
    assert counts.header_counts(b) == (0, 1)


def test_mentions_link_participants_only_and_create_no_notifications():
    doctor, member, outsider = pro(), UserFactory(), UserFactory(handle="outsider")
    conversation = start(doctor, member)
    message = send_message(
        conversation=conversation,
        by=doctor,
        body=f"@{member.handle} and @outsider, look",
        origin=SITE,
    )
    assert f'href="/u/{member.handle}/"' in message.html
    assert "/u/outsider/" not in message.html
    assert not Notification.objects.exists()
    assert not outsider.consults.exists()


def test_the_scanner_refuses_a_message_until_each_finding_is_kept_with_a_reason():
    doctor, member = pro(), UserFactory()
    conversation = start(doctor, member)
    from forums import extensions
    from forums.posting import PostingError

    body = "Mr John Smith, MRN 12345678, was admitted on 12/03/2024."
    with pytest.raises(PostingError):
        send_message(conversation=conversation, by=doctor, body=body, origin=SITE)
    findings = extensions.text_findings(body=body, kept={})
    assert findings, "the scanner found nothing"
    kept = {finding.key: "The patient agreed in writing" for finding in findings}
    message = send_message(conversation=conversation, by=doctor, body=body, kept=kept, origin=SITE)
    assert {row["reason"] for row in message.kept_findings} == {"The patient agreed in writing"}


def test_the_subject_is_scanned_with_the_first_message():
    from forums.posting import PostingError

    with pytest.raises(PostingError):
        start(pro(), UserFactory(), subject="Mrs Jane Doe born 03/04/1950")


def test_a_member_who_blocked_the_author_hears_nothing_of_their_group_messages():
    doctor, a, b = pro(), UserFactory(), UserFactory()
    conversation = start(doctor, a, b)
    block_member(blocker=b, blocked=a)
    send_message(conversation=conversation, by=a, body="Hello all", origin=SITE)
    assert Participant.objects.get(user=b).unread == 1  # the doctor's first message only
    assert Participant.objects.get(user=doctor).unread == 1


def test_a_one_to_one_conversation_is_closed_to_a_blocked_author():
    doctor, member = pro(), UserFactory()
    conversation = start(doctor, member)
    block_member(blocker=member, blocked=doctor)
    with pytest.raises(ConsultError):
        send_message(conversation=conversation, by=doctor, body="Still there?", origin=SITE)


def test_mentions_in_forum_posts_from_a_blocked_member_notify_nobody():
    doctor, member = pro(), UserFactory()
    thread = make_thread(author=member)
    block_member(blocker=member, blocked=doctor)
    create_reply(thread=thread, author=doctor, body=f"@{member.handle} see this", origin=SITE)
    assert not Notification.objects.filter(recipient=member).exists()


def test_adding_and_leaving_write_a_line_the_others_see():
    doctor, a, b = pro(), UserFactory(), UserFactory()
    conversation = start(doctor, a)
    send_message(conversation=conversation, by=a, body="Before b came", origin=SITE)
    membership.add_participants(conversation=conversation, by=doctor, members=[b])
    added = Participant.objects.get(user=b)
    assert added.cleared_through == 2  # reads from the line that says they were added
    membership.leave_conversation(conversation=conversation, by=a)
    kinds = list(Message.objects.order_by("number").values_list("kind", "about__handle"))
    assert kinds[2:] == [(MessageKind.ADDED, b.handle), (MessageKind.LEFT, a.handle)]
    with pytest.raises(ConsultError):
        send_message(conversation=conversation, by=a, body="I left", origin=SITE)


def test_deleting_for_oneself_hides_what_was_there_until_a_new_message():
    doctor, member = pro(), UserFactory()
    conversation = conversation_between(doctor, member)
    exchange(conversation, [doctor, member], 3)
    membership.delete_for_me(conversation=conversation, by=member)
    row = Participant.objects.get(user=member)
    assert (row.cleared_through, row.unread) == (4, 0)
    from forums.consults.selectors import inbox_page

    assert inbox_page(user=member).rows == []
    send_message(conversation=conversation, by=doctor, body="New", origin=SITE)
    assert [r.conversation_id for r in inbox_page(user=member).rows] == [conversation.pk]


def test_archiving_moves_out_of_the_inbox_until_a_new_message():
    from forums.consults.selectors import inbox_page

    doctor, member = pro(), UserFactory()
    conversation = conversation_between(doctor, member)
    membership.set_archived(conversation=conversation, by=member, archived=True)
    assert inbox_page(user=member).rows == []
    assert len(inbox_page(user=member, archived=True).rows) == 1
    send_message(conversation=conversation, by=doctor, body="Again", origin=SITE)
    assert len(inbox_page(user=member).rows) == 1


def test_new_members_may_start_few_conversations(settings, local_cache):
    """``consult_new_member`` (3 an hour here) on top of the message rates, while new."""
    from accounts.ratelimit import RateLimited
    from forums.posting import MEMBER

    settings.ROUNDS_NEW_MEMBER_DAYS = 3  # the test settings make nobody new
    settings.ROUNDS_RATE_LIMITS = {
        "message": "100/m/member",
        "message_new_member": "100/m/member",
        "consult_new_member": "3/h/member",
    }
    newcomer = pro()  # verified, so the reach rules let them write to anyone; but new
    for _ in range(3):
        start_conversation(
            by=newcomer, recipients=[UserFactory()], subject="Hello", body="Hi", origin=MEMBER
        )
    with pytest.raises(RateLimited):
        start_conversation(
            by=newcomer, recipients=[UserFactory()], subject="Hello", body="Hi", origin=MEMBER
        )
    # Replies in the conversations they have are limited by the message rates only.
    conversation = Participant.objects.filter(user=newcomer).first().conversation
    send_message(conversation=conversation, by=newcomer, body="Still here", origin=MEMBER)
