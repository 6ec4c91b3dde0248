"""The checks a write of text runs, inside the service, so that no caller (a page, the admin, a
command, an import) can forget them: the text checks other apps plug in (``forums.extensions``:
cases scans replies in a case discussion for patient identifiers) and the limits on writing
(``forums.posting.limits``: new-member text limits, posting rates).

Who is writing from where is the service's ``origin``: a member's submit (``Origin.of(request)``)
is limited; the site's own steps that post for a member (approving a case, the demo seeder, the
benchmarks) pass ``SITE`` and are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import HttpRequest

from accounts.ratelimit import client_ip
from forums import extensions
from forums.models import Thread


class PostingError(ValueError):
    """A write refused for a reason the author can act on; the message is for them."""


@dataclass(frozen=True)
class Origin:
    """Where a write comes from. ``ip`` counts the per-address rates (None: only the member's
    own); ``limited`` False is the site itself writing, which no limit applies to."""

    ip: str | None = None
    limited: bool = True

    @classmethod
    def of(cls, request: HttpRequest) -> Origin:
        return cls(ip=client_ip(request))


# A member's write from an unknown address: limited per member (the services' default).
MEMBER = Origin()
# The site posting for a member (an approved case's discussion, seeding, benchmarks).
SITE = Origin(limited=False)


def check_text(*, thread: Thread | None, body: str, kept: Mapping[str, str] | None = None) -> None:
    """Raise PostingError with every plugged-in text check's messages, if any. ``kept`` are
    the findings the author kept with a reason (see ``forums.extensions.TextCheck``); a
    ``thread`` of None is text outside any thread (a private consult message, a learning-log
    reflection), which every identifier check reads."""
    messages = [
        message
        for check in extensions.text_checks()
        for message in check(thread=thread, body=body, kept=kept or {})
    ]
    if messages:
        raise PostingError(" ".join(messages))
