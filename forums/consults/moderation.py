"""Reports of private messages and what moderators may see of them.

A participant reports a message through the one report model (``forums.posting.reports``,
which hides it at once for a patient-privacy report). Moderators never browse conversations:
the admin shows them a reported message with the few messages around it
(``reported_context``), and every look is written to the audit log. Hiding and showing a
message again are moderator services with their own log lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_moderator
from forums.consults.models import Message
from forums.consults.permissions import participation
from forums.models import Report
from forums.posting import reports
from forums.posting.checks import MEMBER, Origin
from forums.sharing.own_pages import conversation_changed

# Messages shown on either side of a reported one: enough to judge, no more.
CONTEXT = 5


def report_message(
    message: Message, *, by: User, reason: str, text: str = "", origin: Origin = MEMBER
) -> Report:
    """A participant who can see ``message`` reports it (not their own system lines). Raises
    PermissionDenied for anyone else, then whatever ``report_content`` raises."""
    participant = participation(by, message.conversation_id)
    if participant is None or message.number <= participant.cleared_through:
        raise PermissionDenied
    return reports.report_content(message, by=by, reason=reason, text=text, origin=origin)


@dataclass
class ReportedContext:
    message: Message
    before: list[Message]
    after: list[Message]


def reported_context(message: Message, *, by: User) -> ReportedContext:
    """What a moderator sees of a reported message: it and ``CONTEXT`` messages either side.
    Only for a message someone reported; the look is logged (``consult.view_reported``)."""
    if not is_moderator(by):
        raise PermissionDenied
    reported = Report.objects.filter(
        target_type=ContentType.objects.get_for_model(Message), target_id=message.pk
    ).exists()
    if not reported:
        raise PermissionDenied
    around = Message.objects.filter(conversation_id=message.conversation_id).select_related(
        "author", "about"
    )
    before = list(around.filter(number__lt=message.number).order_by("-number")[:CONTEXT])
    after = list(around.filter(number__gt=message.number).order_by("number")[:CONTEXT])
    record(actor=by, action="consult.view_reported", target=message, member=message.author)
    return ReportedContext(message=message, before=before[::-1], after=after)


@transaction.atomic
def hide_message(message: Message, *, by: User, reason: str = "") -> None:
    if not is_moderator(by):
        raise PermissionDenied
    Message.objects.filter(pk=message.pk).update(is_hidden=True)
    message.is_hidden = True
    conversation_changed(message.conversation_id)
    record(actor=by, action="consult.hide", target=message, member=message.author, reason=reason)


@transaction.atomic
def unhide_message(message: Message, *, by: User, reason: str = "") -> None:
    if not is_moderator(by):
        raise PermissionDenied
    Message.objects.filter(pk=message.pk).update(is_hidden=False)
    message.is_hidden = False
    conversation_changed(message.conversation_id)
    record(actor=by, action="consult.unhide", target=message, member=message.author, reason=reason)
