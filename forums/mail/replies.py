"""Reply by email: the address a notification's ``Reply-To`` carries, and reading it back.

A forum thread's notification email (never a case discussion's: nothing of a case goes out or
comes in by email) is answerable when ``REPLY_EMAIL`` is set: ``Reply-To`` is
``reply+<token>@domain``, the token naming the member and the thread, signed and dated
(``make_token``). ``forums.mail.inbound`` reads what comes back
(``python manage.py process_reply_mail MAILDIR``) and posts it through the same service as the
site.

The token is signed with Django's ``salted_hmac`` (what ``django.core.signing`` signs with) but
written in lower-case letters and digits, short: an address's local part holds 64 characters,
and some mail servers fold it to lower case, which would break a base64 signature.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import User
from forums.models import Thread

SALT = "forums.mail.replies"
DAY = 24 * 3600
_TOKEN = re.compile(r"^(\d+)-(\d+)-(\d+)-([0-9a-f]{20})$")


@dataclass(frozen=True)
class ReplyToken:
    user_id: int
    thread_id: int


def may_reply_by_email(thread: Thread) -> bool:
    """Forum threads only: not a case's discussion (its text stays on the site)."""
    return bool(settings.REPLY_EMAIL) and not thread.is_case_discussion


def _signature(value: str) -> str:
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:20]


def make_token(user: User, thread: Thread, *, now: float | None = None) -> str:
    """``<user>-<thread>-<day>-<signature>``: the day it was made, to expire it."""
    day = int((now if now is not None else time.time()) // DAY)
    value = f"{user.pk}-{thread.pk}-{day}"
    return f"{value}-{_signature(value)}"


def read_token(token: str, *, now: float | None = None) -> ReplyToken | None:
    """The member and thread of a token we made that has not expired (``REPLY_EMAIL_MAX_AGE``),
    or None for anything else."""
    found = _TOKEN.match(token.strip().lower())
    if found is None:
        return None
    user_id, thread_id, day, signature = found.groups()
    if not constant_time_compare(signature, _signature(f"{user_id}-{thread_id}-{day}")):
        return None
    today = (now if now is not None else time.time()) // DAY
    if (today - int(day)) * DAY > settings.REPLY_EMAIL_MAX_AGE:
        return None
    return ReplyToken(user_id=int(user_id), thread_id=int(thread_id))


def reply_address(user: User, thread: Thread) -> str:
    """The ``Reply-To`` of an email about ``thread`` to ``user``, or "" when it cannot be
    answered by email."""
    if not may_reply_by_email(thread):
        return ""
    local, _at, domain = str(settings.REPLY_EMAIL).rpartition("@")
    return f"{local}+{make_token(user, thread)}@{domain}"


def token_of(address: str) -> str:
    """The token in ``reply+<token>@domain``, or ""."""
    local = address.rpartition("@")[0]
    return local.partition("+")[2]
