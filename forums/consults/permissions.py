"""Who may read private consults and who may message whom: the one place pages, services,
mail and the admin ask.

- Reading: current participants only (not those who left). Moderators have no way in from the
  site; in the admin they see a reported message and its context, each look written to the
  audit log (``forums.consults.moderation``).
- Writing: members who may post (``accounts.permissions.can_post``); a suspended participant
  still reads.
- Starting a conversation with someone, or adding them: verified professionals (and
  moderators) may reach anyone; other members only those who follow them or who wrote to them
  first. Nobody reaches a member who blocked them, or who takes messages only from members
  they follow and does not follow them (``Preferences.messages_from_followed_only``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import MemberBlock, MemberFollow, Preferences, User
from accounts.permissions import can_post, is_member, is_moderator, is_verified_professional
from forums.consults.models import Message, MessageKind, Participant


def may_use_consults(user) -> bool:
    """Members with a verified email (the inbox and reading); writing asks ``can_post``."""
    return is_member(user)


def participations(user, conversation_id: int) -> QuerySet[Participant]:
    """The user's current place in the conversation with it, as a query of at most one row
    (none for whoever may not use consults): what ``participation`` reads, and what the
    conversation's page reads with more beside it (``selectors.reading``)."""
    if not may_use_consults(user):
        return Participant.objects.none()
    return Participant.objects.filter(
        conversation_id=conversation_id, user=user, left_at=None
    ).select_related("conversation")


def participation(user, conversation_id: int) -> Participant | None:
    """The user's current place in the conversation, or None (never a participant, or left)."""
    return participations(user, conversation_id).first()


def _wrote_to_first(recipient: User, sender: User) -> bool:
    """``recipient`` has written to ``sender`` before, in a conversation both are in."""
    return Message.objects.filter(
        author=recipient,
        kind=MessageKind.TEXT,
        conversation__participants__user=sender,
    ).exists()


def refusal_to_reach(sender: User, recipient: User) -> str | None:
    """Why ``sender`` may not start a conversation with ``recipient`` (or add them to one),
    as a sentence for the sender; None when they may. The sentence never says that the
    recipient blocked the sender."""
    name = {"handle": recipient.handle}
    if not can_post(sender):
        return _("You cannot send private messages now.")
    if recipient.pk == sender.pk:
        return _("You cannot send a private message to yourself.")
    if not is_member(recipient):
        return _("@%(handle)s cannot receive private messages.") % name
    closed = _("@%(handle)s does not accept private messages from you.") % name
    if MemberBlock.objects.filter(blocker=recipient, blocked=sender).exists():
        return closed
    if MemberBlock.objects.filter(blocker=sender, blocked=recipient).exists():
        return _("You blocked @%(handle)s. Unblock them on their profile first.") % name
    follows_sender = MemberFollow.objects.filter(follower=recipient, followed=sender).exists()
    followed_only = Preferences.objects.filter(
        user=recipient, messages_from_followed_only=True
    ).exists()
    if followed_only and not follows_sender and not is_moderator(sender):
        return closed
    if is_verified_professional(sender) or follows_sender:
        return None
    if _wrote_to_first(recipient, sender):
        return None
    return (
        _(
            "You can message @%(handle)s once they follow you or write to you first. "
            "Verified professionals can message anyone."
        )
        % name
    )


def may_write(user, participant: Participant | None) -> bool:
    return participant is not None and can_post(user)


def shown_messages_filter(participant: Participant) -> Q:
    """The messages a participant sees: those after what they cleared (or joined at)."""
    return Q(conversation_id=participant.conversation_id, number__gt=participant.cleared_through)
