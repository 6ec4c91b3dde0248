"""Emails about private messages: "@x sent you a message", with a link, never the text.

A private message about a patient is patient data, so no part of it leaves the site: not the
text, not the subject, not the other participants' names. ``forums.consults.writing`` queues
the task ``forums.send_message_emails`` after the commit, to run after the notification
batching window (``NOTIFICATION_EMAIL_WINDOW``). For each recipient it takes every message still
unread and not yet emailed in their conversations (at most ``LOOKBACK`` old), leaves out what
they read on the site meanwhile, those whose authors they blocked and their own, and sends one
email for all of them. Each message has its ledger row per recipient (kind
``forums.consult``), so a message goes in one email only, whichever task reaches it first.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.mail.compose import Composer
from accounts.mail.compose import Message as Email
from accounts.mail.ledger import OnceBatch, send_once
from accounts.mail.models import EmailDelivery, EmailStatus
from accounts.mail.recipients import preferences_of
from accounts.models import MemberBlock, User
from accounts.outbox import queue_after_commit
from forums.consults.models import Message, MessageKind, Participant

KIND = "forums.consult"
LOOKBACK = timedelta(days=2)


def queue_message_emails(message: Message) -> None:
    queue_after_commit(
        "forums.send_message_emails", [message.pk], countdown=settings.NOTIFICATION_EMAIL_WINDOW
    )


def send_message_emails(message_ids: list[int], *, now: datetime | None = None) -> int:
    """Email each recipient of these messages what waits for them, one email each, once per
    message. Returns how many emails were sent now."""
    now = now or timezone.now()
    conversations = set(
        Message.objects.filter(pk__in=message_ids).values_list("conversation_id", flat=True)
    )
    recipients = set(
        Participant.objects.filter(
            conversation_id__in=conversations, left_at=None, unread__gt=0
        ).values_list("user_id", flat=True)
    )
    if not recipients:
        return 0
    # Where each recipient stands in every conversation with something unread for them.
    places = list(
        Participant.objects.filter(user_id__in=recipients, left_at=None, unread__gt=0).values_list(
            "user_id", "conversation_id", "last_read_number"
        )
    )
    newer = (
        Message.objects.filter(
            conversation_id__in={conversation for _u, conversation, _n in places},
            kind=MessageKind.TEXT,
            is_hidden=False,
            created_at__gt=now - LOOKBACK,
            created_at__lte=now,
        )
        .select_related("author")
        .order_by("created_at", "pk")
    )
    by_conversation: dict[int, list[Message]] = defaultdict(list)
    for message in newer:
        by_conversation[message.conversation_id].append(message)
    blocks = set(
        MemberBlock.objects.filter(blocker_id__in=recipients).values_list(
            "blocker_id", "blocked_id"
        )
    )
    sent = set(
        EmailDelivery.objects.filter(
            kind=KIND, recipient_id__in=recipients, status=EmailStatus.SENT
        ).values_list("recipient_id", "object_id")
    )
    batches: dict[int, list[Message]] = defaultdict(list)
    for member_id, conversation_id, read in places:
        for message in by_conversation[conversation_id]:
            if (
                message.number <= read
                or message.author_id == member_id
                or (member_id, message.pk) in sent
                or (member_id, message.author_id) in blocks
            ):
                continue
            batches[member_id].append(message)
    members = {
        user.pk: user
        for user in User.objects.filter(pk__in=batches, is_active=True, email_verified=True)
        .exclude(email="")
        .select_related("preferences")
    }
    composer = Composer()
    emails = [
        OnceBatch(
            recipient_id=member_id,
            kind=KIND,
            object_ids=tuple(m.pk for m in batch),
            build=partial(_compose, composer, members[member_id], {m.pk: m for m in batch}),
        )
        for member_id, batch in batches.items()
        if member_id in members and preferences_of(members[member_id]).email_on_message
    ]
    return send_once(emails) if emails else 0


def _compose(composer: Composer, member, found: dict[int, Message], claimed: list[int]) -> Email:
    messages = [found[pk] for pk in claimed]
    senders = list({m.author_id: m.author for m in messages if m.author}.values())
    conversations = list(dict.fromkeys(m.conversation_id for m in messages))
    if len(conversations) == 1:
        url = settings.SITE_URL + reverse("forums:consult", kwargs={"pk": conversations[0]})
    else:
        url = settings.SITE_URL + reverse("forums:consults")
    return composer.compose(
        "forums/email/consult",
        to=member,
        context={
            "sender": senders[0] if senders else None,
            "more_senders": len(senders) - 1,
            "count": len(messages),
            "url": url,
        },
        unsubscribe="messages",
        list_name="messages",
        headers={"X-Rounds-Messages": " ".join(str(m.pk) for m in messages)},
    )
