"""Writing private consults: starting a conversation and sending a message.

One transaction per call. Each runs its own checks first, before anything is written: who may
write to whom (``forums.consults.permissions``), the text checks every message goes through
(``forums.posting.checks.check_text`` with no thread: cases plugs in the identifier scanner,
which refuses until each finding is fixed or kept with a reason), and the limits for ``origin``
(``forums.posting.limits.check_message``). The Markdown is rendered once, by the one pipeline;
@mentions link only the conversation's participants (a mention of anyone else stays text and
tells them nothing). The other participants' unread counters move, their header counts are
dropped, and the email task is queued after the commit (``forums.consults.mail``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.blocking import blockers_of
from accounts.models import User
from forums.consults import counts
from forums.consults.images import attach_images
from forums.consults.models import (
    MAX_PARTICIPANTS,
    MAX_SUBJECT_CHARS,
    Conversation,
    Message,
    MessageKind,
    Participant,
)
from forums.consults.permissions import may_write, participation, refusal_to_reach
from forums.posting import limits
from forums.posting.checks import MEMBER, Origin, check_text
from forums.posting.text import without_nul
from forums.quoting import link_case_quotes
from forums.rendering import RenderError, find_mentions, render
from forums.sharing.own_pages import conversation_changed

MAX_MESSAGE_CHARS = 20_000


class ConsultError(ValueError):
    """A write refused for a reason the author can act on; ``field`` names the form field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _participant_handles(conversation_id: int) -> dict[str, User]:
    """Current participants by lower-cased handle: the only members a message may mention."""
    return {
        p.user.handle.lower(): p.user
        for p in Participant.objects.filter(
            conversation_id=conversation_id, left_at=None, user__is_active=True
        ).select_related("user")
    }


def _clean_body(body: str) -> str:
    body = link_case_quotes(without_nul(body), thread_id=None).strip()
    if not body:
        raise ConsultError(_("Write your message."), field="body")
    if len(body) > MAX_MESSAGE_CHARS:
        raise ConsultError(
            _("A message may be at most %(limit)s characters; this one has %(count)s.")
            % {"limit": MAX_MESSAGE_CHARS, "count": len(body)},
            field="body",
        )
    return body


def _check(*, by: User, body: str, kept: Mapping[str, str] | None, origin: Origin, start: bool):
    """The checks of every message, in order: the text checks (PostingError), then the limits
    (TextLimitError, RateLimited)."""
    check_text(thread=None, body=body, kept=kept)
    limits.check_message(user=by, origin=origin, body=body, starting=start)


def _kept_rows(body: str, kept: Mapping[str, str] | None) -> list[dict]:
    """The findings the author kept with a reason, as the message records them for moderators
    (the check's keys: ``<field>:<kind>:<text>``)."""
    rows = []
    for key, reason in (kept or {}).items():
        parts = key.split(":", 2)
        if len(parts) == 3 and reason.strip() and parts[2] in body:
            rows.append({"kind": parts[1], "text": parts[2][:300], "reason": reason.strip()[:500]})
    return rows


def _append(
    conversation: Conversation,
    *,
    author: User | None,
    kind: str,
    body: str = "",
    about: User | None = None,
    kept: Mapping[str, str] | None = None,
    at: datetime,
) -> Message:
    """Number and store one message or system line, and move everyone's state."""
    html = ""
    if kind == MessageKind.TEXT:
        members = _participant_handles(conversation.pk)
        mentioned = find_mentions(body)
        handles = {key: user.handle for key, user in members.items() if key in mentioned}
        try:
            html = render(body, handles=handles).html
        except RenderError as exc:
            raise ConsultError(str(exc), field="body") from exc
    locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
    number = locked.message_count + 1
    message = Message.objects.create(
        conversation=locked,
        number=number,
        kind=kind,
        author=author,
        about=about,
        source=body,
        html=html,
        kept_findings=_kept_rows(body, kept),
        created_at=at,
    )
    if body:
        if author is not None:
            attach_images(message=message, by=author)
        Message.objects.filter(pk=message.pk).update(
            search_vector=SearchVector("source", config="english")
        )
    Conversation.objects.filter(pk=locked.pk).update(message_count=number, last_message_at=at)
    conversation_changed(locked.pk)
    conversation.message_count, conversation.last_message_at = number, at
    others = Participant.objects.filter(conversation=locked, left_at=None)
    if author is not None:
        others = others.exclude(user_id=author.pk)
    # A member who blocked the author hears nothing of their messages (the line still shows,
    # folded, so the conversation reads in order).
    deaf = blockers_of(
        author.pk if author else None, among=others.values_list("user_id", flat=True)
    )
    counted = kind == MessageKind.TEXT
    if counted:  # a message brings an archived conversation back; a system line does not
        others.exclude(user_id__in=deaf).update(
            unread=F("unread") + 1, last_message_at=at, is_archived=False
        )
    else:
        others.exclude(user_id__in=deaf).update(last_message_at=at)
    others.filter(user_id__in=deaf).update(last_message_at=at)
    if author is not None:
        Participant.objects.filter(conversation=locked, user=author).update(
            last_read_number=number, unread=0, last_message_at=at
        )
    if counted:
        recipients = list(others.exclude(user_id__in=deaf).values_list("user_id", flat=True))
        counts.drop_counts(recipients)
        from forums.consults.mail import queue_message_emails

        queue_message_emails(message)
    return message


def _recipients(by: User, recipients: Sequence[User]) -> list[User]:
    unique = list({user.pk: user for user in recipients if user.pk != by.pk}.values())
    if not unique:
        raise ConsultError(_("Choose at least one member to write to."), field="to")
    if len(unique) + 1 > MAX_PARTICIPANTS:
        raise ConsultError(
            ngettext(
                "A conversation has at most %(limit)d participant, you included.",
                "A conversation has at most %(limit)d participants, you included.",
                MAX_PARTICIPANTS,
            )
            % {"limit": MAX_PARTICIPANTS},
            field="to",
        )
    # Each reason once (a sender who may not write at all hears it once, not per member).
    refusals = dict.fromkeys(reason for user in unique if (reason := refusal_to_reach(by, user)))
    if refusals:
        raise ConsultError(" ".join(refusals), field="to")
    return unique


def members_by_handle(text: str) -> tuple[list[User], list[str]]:
    """The active members named in ``text`` (handles, with or without "@", separated by commas
    or spaces) and the names that match nobody, for the form to say which."""
    names = [name.strip().lstrip("@") for name in text.replace(",", " ").split()]
    names = [name for name in names if name][: MAX_PARTICIPANTS + 5]
    found = {
        user.lower_handle: user
        for user in User.objects.annotate(lower_handle=Lower("handle")).filter(
            lower_handle__in=[name.lower() for name in names], is_active=True
        )
    }
    return (
        [found[name.lower()] for name in dict.fromkeys(names) if name.lower() in found],
        [name for name in names if name.lower() not in found],
    )


@transaction.atomic
def start_conversation(
    *,
    by: User,
    recipients: Sequence[User],
    subject: str,
    body: str,
    kept: Mapping[str, str] | None = None,
    origin: Origin = MEMBER,
    at: datetime | None = None,
) -> Conversation:
    """Start a conversation between ``by`` and ``recipients`` with its first message.

    Raises ConsultError (a field named), PostingError (a text check: the subject and the
    message are scanned together), TextLimitError or RateLimited, all before anything is
    written."""
    people = _recipients(by, recipients)
    subject = " ".join(without_nul(subject).split())
    if not subject:
        raise ConsultError(_("Give the conversation a subject."), field="subject")
    if len(subject) > MAX_SUBJECT_CHARS:
        raise ConsultError(
            _("The subject may be at most %(limit)s characters.") % {"limit": MAX_SUBJECT_CHARS},
            field="subject",
        )
    body = _clean_body(body)
    # The subject shows in the inbox: it is scanned as part of the first message.
    _check(by=by, body=f"{subject}\n\n{body}", kept=kept, origin=origin, start=True)
    now = at or timezone.now()
    conversation = Conversation.objects.create(
        subject=subject, started_by=by, created_at=now, last_message_at=now
    )
    Participant.objects.bulk_create(
        Participant(conversation=conversation, user=user, joined_at=now, last_message_at=now)
        for user in [by, *people]
    )
    _append(conversation, author=by, kind=MessageKind.TEXT, body=body, kept=kept, at=now)
    return conversation


@transaction.atomic
def send_message(
    *,
    conversation: Conversation,
    by: User,
    body: str,
    kept: Mapping[str, str] | None = None,
    origin: Origin = MEMBER,
    at: datetime | None = None,
) -> Message:
    """Add a message at the end of a conversation ``by`` takes part in.

    Raises ConsultError (not a participant, may not write, or every other participant blocked
    them or left), PostingError, TextLimitError or RateLimited before anything is written."""
    participant = participation(by, conversation.pk)
    if participant is None or not may_write(by, participant):
        raise ConsultError(_("You cannot write in this conversation."))
    body = _clean_body(body)
    others = set(
        Participant.objects.filter(conversation=conversation, left_at=None)
        .exclude(user=by)
        .values_list("user_id", flat=True)
    )
    if not others:
        raise ConsultError(_("Everyone else has left this conversation."))
    if others <= blockers_of(by.pk, among=others):
        raise ConsultError(_("The other participants do not accept messages from you."))
    _check(by=by, body=body, kept=kept, origin=origin, start=False)
    return _append(
        conversation,
        author=by,
        kind=MessageKind.TEXT,
        body=body,
        kept=kept,
        at=at or timezone.now(),
    )


def quote_markdown(message: Message) -> str:
    """The Markdown a reply starts with to quote ``message``: attributed, linking back."""
    author = message.author.name if message.author else _("Former member")
    attribution = _("%(author)s wrote in #%(number)s") % {
        "author": author,
        "number": message.number,
    }
    attribution = attribution.replace("[", "(").replace("]", ")")
    lines = [f"> [{attribution}]({message.get_absolute_url()}):", ">"]
    lines += [f"> {line}" if line else ">" for line in message.source.splitlines()]
    return "\n".join(lines) + "\n\n"
