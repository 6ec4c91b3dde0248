"""The rows of the consult pages, each row's HTML cached by everything it shows
(``forums.sharing.fragments.render_rows``): a conversation in the inbox, a message on a
conversation's page, and that page's reply form and tools while they are empty.

A consult is private to its participants, so every key holds the conversation's id, the
viewer's id and what the row shows that differs per viewer (their unread count, the other
participants as they see them, whether a message is theirs, new to them, from someone they
blocked, reported by them, quotable by them). The cache is only asked for rows of pages a
permission check let the viewer reach, and nobody can make another member's key without the
text it holds.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from forums.consults.forms import AddForm, MessageForm
from forums.consults.models import Message
from forums.consults.selectors import ConversationPage, InboxRow
from forums.pages.rows import age_bucket
from forums.sharing.fragments import render_rows

MEMBER_NAME = "accounts/includes/member_name.html"


def _shown(member, today: date) -> tuple | None:
    """What ``{% member_name %}`` shows of a member: their name, handle and the verified
    badge, which moves with their registration's date, their account and the day
    (``accounts.permissions.has_verified_badge``)."""
    if member is None:
        return None
    until = member.professional_verified_until
    return (
        member.pk,
        member.name,
        member.handle,
        until,
        member.is_active,
        until is not None and until >= today,
    )


def conversation_rows(request: HttpRequest, rows: list[InboxRow]) -> list[SafeString]:
    """Each inbox row's HTML (``includes/conversation_row.html``) for the viewer."""
    now = timezone.now()
    today = timezone.localdate(now)
    viewer = request.user.pk

    def version(row: InboxRow) -> tuple:
        return (
            viewer,
            row.conversation_id,
            row.subject,
            row.unread,
            row.last_message_at,
            age_bucket(row.last_message_at, now),  # "3 minutes ago" moves with the clock
            tuple(_shown(other, today) for other in row.others),
        )

    return render_rows(
        request,
        "forums/consults/includes/conversation_row.html",
        rows,
        version=version,
        context=lambda row: {"row": row},
        includes=(MEMBER_NAME,),
    )


def message_rows(
    request: HttpRequest, page: ConversationPage, *, read_before: int, can_write: bool
) -> list[SafeString]:
    """Each message's HTML (``includes/message.html``) on a conversation's page, for the
    viewer: new to them since ``read_before``, theirs, from a member they blocked, reported by
    them, quotable when they ``can_write``."""
    viewer = request.user.pk
    conversation = page.conversation
    today = timezone.localdate()

    def facts(message: Message) -> dict:
        return {
            "is_unread": message.number > read_before,
            "own": message.author_id is not None and message.author_id == viewer,
            "blocked": message.author_id in page.blocked,
        }

    def version(message: Message) -> tuple:
        return (
            viewer,
            conversation.pk,
            message.pk,
            message.number,
            message.kind,
            message.html,  # the text itself: a redaction that touches nothing else still shows
            message.created_at,
            message.is_hidden,
            message.is_deleted,
            _shown(message.author, today),
            message.about and message.about.handle,
            message.viewer_report_status,  # type: ignore[attr-defined]
            can_write,
            *facts(message).values(),
        )

    return render_rows(
        request,
        "forums/consults/includes/message.html",
        page.messages,
        version=version,
        context=lambda message: {
            "message": message,
            "conversation": conversation,
            "can_write": can_write,
            **facts(message),
        },
        includes=(MEMBER_NAME,),
    )


TOOLS = "forums/consults/includes/conversation_tools.html"
TOOLS_INCLUDES = (
    "accounts/includes/form_fields.html",
    "forums/consults/includes/findings.html",
)


def conversation_tools(
    request: HttpRequest,
    page: ConversationPage,
    *,
    can_write: bool,
    form: MessageForm,
    add_form: AddForm | None,
    findings: list,
) -> str:
    """The reply form and the conversation's tools (archive, delete, leave, add, block). While
    both forms are empty (a plain visit), the same for every visit of this viewer with the
    same rights, archive state and other participants: cached like a row. A form holding
    text, a quote or errors is rendered for this request alone."""
    context = {
        "conversation": page.conversation,
        "others": page.others,
        "can_write": can_write,
        "is_archived": page.participant.is_archived,
        "form": form,
        "add_form": add_form or AddForm(),
        "findings": findings,
    }
    plain = not (form.is_bound or form.initial or add_form or findings)
    if not plain:
        return render_to_string(TOOLS, context, request=request)
    viewer = request.user.pk

    def version(page: ConversationPage) -> tuple:
        return (
            viewer,
            page.conversation.pk,
            type(form).__name__,
            can_write,
            page.participant.is_archived,
            tuple(other.handle for other in page.others),
        )

    html = render_rows(
        request, TOOLS, [page], version=version, context=lambda _: context, includes=TOOLS_INCLUDES
    )
    return html[0]
