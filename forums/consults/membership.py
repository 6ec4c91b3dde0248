"""A member's place in a conversation: adding others, leaving, archiving, deleting for
oneself, and how far they have read. One transaction per call; adding and leaving write a
system line every participant sees ("@a added @b", "@b left")."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from forums.consults import counts
from forums.consults.models import MAX_PARTICIPANTS, Conversation, MessageKind, Participant
from forums.consults.permissions import may_write, participation, refusal_to_reach
from forums.consults.writing import ConsultError, _append
from forums.sharing.own_pages import own_pages_changed


def _own(user: User, conversation: Conversation) -> Participant:
    participant = participation(user, conversation.pk)
    if participant is None:
        raise ConsultError(_("You are not in this conversation."))
    return participant


@transaction.atomic
def add_participants(
    *, conversation: Conversation, by: User, members: Sequence[User]
) -> list[Participant]:
    """Add ``members`` (each must be someone ``by`` may reach, as when starting one). They read
    from the line that says they were added: what was written before was for the others."""
    participant = _own(by, conversation)
    if not may_write(by, participant):
        raise ConsultError(_("You cannot add members now."), field="handles")
    present = dict(
        Participant.objects.filter(conversation=conversation).values_list("user_id", "left_at")
    )
    current = sum(1 for left in present.values() if left is None)
    new = [u for u in {u.pk: u for u in members}.values() if present.get(u.pk, 0) is not None]
    if not new:
        raise ConsultError(_("They are in this conversation already."), field="handles")
    if current + len(new) > MAX_PARTICIPANTS:
        raise ConsultError(
            ngettext(
                "A conversation has at most %(limit)d participant.",
                "A conversation has at most %(limit)d participants.",
                MAX_PARTICIPANTS,
            )
            % {"limit": MAX_PARTICIPANTS},
            field="handles",
        )
    if refusals := dict.fromkeys(r for user in new if (r := refusal_to_reach(by, user))):
        raise ConsultError(" ".join(refusals), field="handles")
    now = timezone.now()
    added = []
    for user in new:
        line = _append(conversation, author=by, kind=MessageKind.ADDED, about=user, at=now)
        # Someone who left and is added again starts afresh, as a newcomer does.
        row, _created = Participant.objects.update_or_create(
            conversation=conversation,
            user=user,
            defaults={
                "joined_at": now,
                "left_at": None,
                "cleared_through": line.number - 1,
                "last_read_number": line.number - 1,
                "unread": 0,
                "is_archived": False,
                "last_message_at": now,
            },
        )
        added.append(row)
    own_pages_changed(row.user_id for row in added)  # their inbox (the others' by _append)
    return added


@transaction.atomic
def leave_conversation(*, conversation: Conversation, by: User) -> None:
    """Leave for good: the others see "@x left", and ``by`` no longer reads or hears of it
    (someone may add them again)."""
    participant = _own(by, conversation)
    _append(conversation, author=by, kind=MessageKind.LEFT, about=by, at=timezone.now())
    Participant.objects.filter(pk=participant.pk).update(left_at=timezone.now(), unread=0)
    counts.drop_counts([by.pk])


@transaction.atomic
def set_archived(*, conversation: Conversation, by: User, archived: bool) -> None:
    """Archive (out of the inbox's main list, into Archived) or bring back. A new message
    brings an archived conversation back by itself."""
    participant = _own(by, conversation)
    Participant.objects.filter(pk=participant.pk).update(is_archived=archived)


@transaction.atomic
def delete_for_me(*, conversation: Conversation, by: User) -> None:
    """Delete the conversation for ``by`` alone: every message so far is gone for them (the
    others keep theirs). A later message brings the conversation back, from that message."""
    participant = _own(by, conversation)
    through = Conversation.objects.filter(pk=conversation.pk).values_list(
        "message_count", flat=True
    )[0]
    Participant.objects.filter(pk=participant.pk).update(
        cleared_through=through, last_read_number=through, unread=0, is_archived=False
    )
    counts.drop_counts([by.pk])


def mark_read(participant: Participant, *, through: int) -> None:
    """``participant`` has read up to message ``through`` (never backwards). One UPDATE, and
    only when it moves something; the unread counter counts what is still after it."""
    if through <= participant.last_read_number:
        return
    conversation = participant.conversation
    remaining = max(conversation.message_count - through, 0)
    unread = min(participant.unread, remaining)
    Participant.objects.filter(pk=participant.pk, last_read_number__lt=through).update(
        last_read_number=through, unread=unread
    )
    if unread != participant.unread:
        counts.drop_counts([participant.user_id])
    participant.last_read_number, participant.unread = through, unread
