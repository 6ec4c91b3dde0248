"""Replies by email, read back: ``python manage.py process_reply_mail MAILDIR`` calls
``post_reply_by_email`` for each message delivered to ``reply+<token>@…`` (README: Email).

The token (``forums.mail.replies``) names the member and the thread, and the sender must be
that member's address. The text part loses its quoted history and signature
(mail-parser-reply), then goes through the same checks, limits and service as a reply on the
site: the member may still reply there (``can_reply``: not locked, not a case's discussion,
not suspended), then ``posting.create_reply``, which runs the text checks, the new-member
limits and the member's posting rates itself. A refusal is answered by email, saying why;
the member's text is quoted back so nothing they wrote is lost.
"""

from __future__ import annotations

import email
import email.policy
import logging
from dataclasses import dataclass
from email.message import EmailMessage as MimeMessage
from email.utils import getaddresses

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.mail.compose import compose
from accounts.mail.headers import automatic_headers
from accounts.models import User
from forums import posting
from forums.mail.replies import read_token, token_of
from forums.models import Post, Thread
from forums.permissions import can_reply
from forums.posting import limits
from forums.posting.checks import MEMBER
from forums.rendering import RenderError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    post: Post | None = None
    refusal: str = ""  # why, told to the sender by email when a member could be found
    ignored: str = ""  # not for us, or no member to answer: dropped quietly


def reply_text(message: MimeMessage) -> str:
    """The new text of a reply: the plain-text part without quoted history and signature."""
    from mailparser_reply import EmailReplyParser

    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return ""
    text = str(part.get_content())
    # "-- " on its own line starts a signature (RFC 3676): cut it first, the library keeps it.
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        if line.rstrip() == "--" and index > 0:
            lines = lines[:index]
            break
    parsed = EmailReplyParser(languages=["en", "de", "fr", "es", "it", "nl"]).parse_reply(
        text="\n".join(lines)
    )
    return (parsed or "").strip()


def post_reply_by_email(raw: bytes) -> Outcome:
    """Post the reply ``raw`` carries, or say why not (and answer the member by email)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, MimeMessage)
    if str(message.get("Auto-Submitted", "no")).lower() != "no":
        return Outcome(ignored="an automatic message (an out-of-office answer)")
    recipients = [
        address
        for header in ("Delivered-To", "X-Original-To", "To", "Cc")
        for _name, address in getaddresses([str(v) for v in message.get_all(header, [])])
    ]
    token = next((read_token(token_of(a)) for a in recipients if read_token(token_of(a))), None)
    if token is None:
        return Outcome(ignored="no valid reply token (unknown, altered or expired)")
    member = User.objects.filter(pk=token.user_id, is_active=True).first()
    thread = Thread.objects.select_related("category").filter(pk=token.thread_id).first()
    senders = [a.lower() for _n, a in getaddresses([str(message.get("From", ""))])]
    if member is None or not member.email or member.email.lower() not in senders:
        return Outcome(ignored="the sender is not the member the token was made for")
    if thread is None or thread.is_case_discussion or not can_reply(member, thread):
        return _refuse(member, message, _("This thread no longer takes replies."), "")
    body = reply_text(message)
    if not body:
        return _refuse(member, message, _("We found no text to post in your reply."), "")
    try:
        with transaction.atomic():
            # The service runs the text checks and the member's limits and rates (MEMBER: no
            # address, so the mail host's is not counted against everyone replying by email).
            post = posting.create_reply(thread=thread, author=member, body=body, origin=MEMBER)
    except (RenderError, posting.PostingError, limits.TextLimitError) as error:
        return _refuse(member, message, str(error), body, thread=thread)
    except limits.RateLimited:
        return _refuse(
            member,
            message,
            _("You are posting faster than the site allows; wait a little and send it again."),
            body,
            thread=thread,
        )
    return Outcome(post=post)


def _refuse(
    member: User, message: MimeMessage, why: str, body: str, *, thread: Thread | None = None
) -> Outcome:
    """Answer the member: why their reply was not posted, and their text to keep."""
    answer: EmailMessage = compose(
        "forums/email/reply_refused",
        to=member,
        context={"why": why, "body": body, "thread": thread},
        list_name="replies",
    )
    original = str(message.get("Message-ID", "")).strip()
    if original:
        answer.extra_headers["In-Reply-To"] = original
        answer.extra_headers["References"] = original
    answer.extra_headers.update(automatic_headers())
    answer.send()
    return Outcome(refusal=why)
