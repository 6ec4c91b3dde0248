"""What private consults add to "my data" (plugged into accounts by ``forums/plugins.py``):
the member's conversations and the messages they wrote in the export, and what happens to
those messages when the account is deleted."""

from __future__ import annotations

from accounts.models import User
from forums.consults import counts
from forums.consults.models import Message, MessageKind, Participant


def export_conversations(user: User) -> list[dict]:
    """The conversations the member is or was in, with the members in each (their handles)
    and the messages the member wrote there. Others' messages are theirs to export."""
    rows = (
        Participant.objects.filter(user=user)
        .select_related("conversation")
        .order_by("conversation__created_at", "pk")
    )
    others: dict[int, list[str]] = {}
    for other in (
        Participant.objects.filter(conversation__participants__user=user)
        .exclude(user=user)
        .select_related("user")
        .order_by("joined_at", "pk")
    ):
        others.setdefault(other.conversation_id, []).append(other.user.handle)
    written: dict[int, list[dict]] = {}
    for message in Message.objects.filter(
        author=user, kind=MessageKind.TEXT, is_deleted=False
    ).order_by("created_at", "pk"):
        written.setdefault(message.conversation_id, []).append(
            {
                "number": message.number,
                "created_at": message.created_at.isoformat(),
                "text": message.source,
                "kept_findings": message.kept_findings,
            }
        )
    return [
        {
            "conversation": row.conversation_id,
            "subject": row.conversation.subject,
            "started_at": row.conversation.created_at.isoformat(),
            "joined_at": row.joined_at.isoformat(),
            "left_at": row.left_at.isoformat() if row.left_at else None,
            "with": others.get(row.conversation_id, []),
            "messages": written.get(row.conversation_id, []),
        }
        for row in rows
    ]


def remove_messages(user: User, *, keep_posts: bool) -> None:
    """Without ``keep_posts`` the member's messages lose their text (their number and place
    stay, so the others' replies still read in order, by "Former member"); with it they stay,
    by "Former member" (the author is set to NULL when the user row goes). Their place in each
    conversation goes with the user row; the others' header counts are untouched."""
    if not keep_posts:
        Message.objects.filter(author=user, kind=MessageKind.TEXT).update(
            source="", html="", search_vector=None, kept_findings=[], is_deleted=True
        )
    counts.drop_counts([user.pk])
