"""Limits on writing: rate limits for everyone, tighter limits while a member is new (trust).

The services call these themselves (``forums.posting.writing``, ``editing``, ``reports`` and
``cases.authoring``), for the ``origin`` they are given (``forums.posting.checks.Origin``): a
member's submit is limited; the site posting for a member (approving a case, seeding, the
benchmarks) passes ``SITE`` and is not.

Cost: nothing on page views. On a submit, the trust check reads ``date_joined`` from the user
row and, only for members past their first days, counts at most ROUNDS_NEW_MEMBER_POSTS of
their posts (one small indexed query); links are counted by rendering only for new members.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.permissions import is_moderator
from accounts.ratelimit import RateLimited, consume, rates_for
from forums.models import Post
from forums.posting.checks import Origin
from forums.rendering import RenderError, find_mentions, render

__all__ = [
    "RateLimited",
    "TextLimitError",
    "check_edit",
    "check_message",
    "check_post",
    "check_rate",
    "check_report",
    "check_vote",
    "is_new_member",
]

# An outgoing link in rendered HTML; mentions and quote attributions are relative (/u/, /t/).
_LINK = re.compile(r"<a\s[^>]*href=\"(?:https?:|mailto:|//)", re.IGNORECASE)


class TextLimitError(ValueError):
    """The text breaks a new member's limit; ``field`` names the form field, the message says
    which limit and when it lifts."""

    def __init__(self, message: str, *, field: str = "body"):
        super().__init__(message)
        self.field = field


def is_new_member(user: User, *, now: datetime | None = None) -> bool:
    """In the first ROUNDS_NEW_MEMBER_DAYS days, or with fewer than ROUNDS_NEW_MEMBER_POSTS
    posts. Moderators never are. At most one query, only once the days have passed."""
    if is_moderator(user):
        return False
    days, posts = settings.ROUNDS_NEW_MEMBER_DAYS, settings.ROUNDS_NEW_MEMBER_POSTS
    if days and user.date_joined > (now or timezone.now()) - timedelta(days=days):
        return True
    if posts:
        written = Post.objects.filter(author=user, is_deleted=False).values("pk")[:posts]
        return written.count() < posts
    return False


def _lifts() -> str:
    return _(
        "Limits for new members lift after %(days)d days and %(posts)d posts; "
        "your text is kept below."
    ) % {"days": settings.ROUNDS_NEW_MEMBER_DAYS, "posts": settings.ROUNDS_NEW_MEMBER_POSTS}


def count_links(body: str) -> int:
    """Outgoing links the body renders to (bare URLs are linkified too, so render to count)."""
    try:
        return len(_LINK.findall(render(body).html))
    except RenderError:
        return 0  # the posting service refuses it with its own message


def check_new_member_text(body: str, *, field: str = "body") -> None:
    """Raise TextLimitError when a new member's text has too many links or mentions."""
    max_mentions = settings.ROUNDS_NEW_MEMBER_MAX_MENTIONS
    # Mentions in quoted text are the quoted author's words (a quote-reply would trip the limit).
    mentions = len(find_mentions(body, outside_quotes=True))
    if mentions > max_mentions:
        raise TextLimitError(
            ngettext(
                "New members can mention at most %(limit)d member in a post; this one mentions "
                "%(count)d.",
                "New members can mention at most %(limit)d members in a post; this one mentions "
                "%(count)d.",
                max_mentions,
            )
            % {"limit": max_mentions, "count": mentions}
            + " "
            + _lifts(),
            field=field,
        )
    max_links = settings.ROUNDS_NEW_MEMBER_MAX_LINKS
    links = count_links(body)
    if links > max_links:
        raise TextLimitError(
            ngettext(
                "New members can include at most %(limit)d link in a post; this one has %(count)d.",
                "New members can include at most %(limit)d links in a post; this one has "
                "%(count)d.",
                max_links,
            )
            % {"limit": max_links, "count": links}
            + " "
            + _lifts(),
            field=field,
        )


def check_post(*, user: User, origin: Origin, body: str | None, field: str = "body") -> None:
    """Before a thread, reply or case is written: the new-member text limits on ``body``
    (TextLimitError, nothing counted; ``None`` for a case, whose authors are verified) and then
    the posting rates (RateLimited). Moderators and the site itself are exempt."""
    if not origin.limited or is_moderator(user):
        return
    new = is_new_member(user)
    if new and body is not None:
        check_new_member_text(body, field=field)
    rates = rates_for("post") + (rates_for("post_new_member") if new else [])
    if rates:
        consume("post", rates=rates, what="post", user=user, ip=origin.ip)


def check_edit(*, user: User, origin: Origin, body: str, field: str = "body") -> None:
    """Before an edit: the same new-member text limits (an edit must not add the links a new
    post could not have). Edits are not rate-limited: they add no new content to anyone's feed."""
    if origin.limited and not is_moderator(user) and is_new_member(user):
        check_new_member_text(body, field=field)


def check_message(*, user: User, origin: Origin, body: str, starting: bool) -> None:
    """Before a private consult message (``forums.consults.writing``): the new-member text
    limits, then the messaging rates (``"message"``; new members also ``"message_new_member"``
    and, to start a conversation, ``"consult_new_member"``, so a new account cannot write to
    the whole directory). Moderators and the site itself are exempt."""
    if not origin.limited or is_moderator(user):
        return
    new = is_new_member(user)
    if new:
        check_new_member_text(body)
    rates = rates_for("message") + (rates_for("message_new_member") if new else [])
    if rates:
        consume("message", rates=rates, what="message", user=user, ip=origin.ip)
    if new and starting and (started := rates_for("consult_new_member")):
        consume("consult_new_member", rates=started, what="conversation", user=user)


def check_report(*, user: User, origin: Origin) -> None:
    """Before a report is filed: the reporting rates (RateLimited). Moderators are exempt."""
    if not origin.limited or is_moderator(user):
        return
    if rates := rates_for("report"):
        consume("report", rates=rates, what="report", user=user, ip=origin.ip)


def check_rate(*, user: User, origin: Origin, action: str) -> None:
    """Before one of the composer's helpers answers (``"preview"``, ``"mention"``,
    ``"upload"``): its rates (RateLimited). Moderators are exempt."""
    if not origin.limited or is_moderator(user):
        return
    if rates := rates_for(action):
        consume(action, rates=rates, what=action, user=user, ip=origin.ip)


def check_vote(*, user: User, origin: Origin) -> None:
    """Before a poll vote (``forums.posting.polls.vote``): the voting rates (RateLimited).
    Moderators are exempt."""
    if not origin.limited or is_moderator(user):
        return
    if rates := rates_for("poll_vote"):
        consume("poll_vote", rates=rates, what="vote", user=user, ip=origin.ip)
