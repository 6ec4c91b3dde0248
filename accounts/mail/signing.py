"""DKIM: every message signed with the site's key when one is configured (``DKIM_PRIVATE_KEY``,
``DKIM_SELECTOR``, ``DKIM_DOMAIN``), so receivers can tell it really comes from the domain.

The signature covers the headers a forger would change (From, To, Subject, Date, Message-ID,
Reply-To, the List-* and Auto-Submitted headers) and the body, with relaxed canonicalisation on
both, which survives the re-folding of long headers between here and the wire. README ("Email")
says how to make the key and publish its public half in DNS.
"""

from __future__ import annotations

from email.message import Message as MimeMessage
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

SIGNED_HEADERS = [
    b"From",
    b"To",
    b"Subject",
    b"Date",
    b"Message-ID",
    b"Reply-To",
    b"MIME-Version",
    b"Content-Type",
    b"List-Id",
    b"List-Unsubscribe",
    b"List-Unsubscribe-Post",
    b"Auto-Submitted",
    b"Precedence",
]


@cache
def _key(configured: str) -> bytes:
    """The PEM key: the setting itself, or the file it names."""
    if configured.lstrip().startswith("-----BEGIN"):
        return configured.encode()
    return Path(configured).read_bytes()


def dkim_enabled() -> bool:
    return bool(settings.DKIM_PRIVATE_KEY and settings.DKIM_SELECTOR and settings.DKIM_DOMAIN)


def sign(message: MimeMessage) -> None:
    """Add ``DKIM-Signature`` to ``message`` (first, as signers do) when a key is configured.
    Call it last: any header or body change afterwards breaks the signature."""
    if not dkim_enabled():
        return
    import dkim  # dkimpy: imported only where mail is signed

    # Django's messages are the email package's compat32 kind, whose as_bytes takes linesep.
    serialise: Any = message.as_bytes
    raw = serialise(linesep="\r\n")
    present = {name.lower().encode() for name in message}
    signature = dkim.sign(
        raw,
        selector=str(settings.DKIM_SELECTOR).encode(),
        domain=str(settings.DKIM_DOMAIN).encode(),
        privkey=_key(str(settings.DKIM_PRIVATE_KEY)),
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[name for name in SIGNED_HEADERS if name.lower() in present],
    )
    name, _colon, value = signature.decode("ascii").partition(":")
    # Unfolded: the email package folds it again on output; relaxed canonicalisation ignores
    # how a header is folded.
    value = " ".join(value.split())
    # The email package's own list, to put the signature first.
    headers: Any = getattr(message, "_headers")  # noqa: B009 - a private name mypy does not know
    headers.insert(0, (name, value))
