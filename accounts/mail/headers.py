"""Headers every site email carries, made in one place: the site's domain (from ``SITE_URL``)
in ``Message-ID`` and ``List-Id``, ``Auto-Submitted``, and the subject folded so that it reads
back exactly as written.

Django names a message after the machine (``…@localhost`` on most servers) and folds a long
non-ASCII subject so that mail readers decode it with a leading space; both are fixed here.
"""

from __future__ import annotations

import re
from email.header import Header
from email.message import Message as MimeMessage
from email.policy import Compat32
from email.utils import make_msgid
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import slugify


@cache
def _domain_of(site_url: str) -> str:
    return (urlsplit(site_url).hostname or "localhost").lower()


def site_domain() -> str:
    """The site's host name, as ``SITE_URL`` gives it (no port): ``rounds.example.org``."""
    return _domain_of(settings.SITE_URL)


def message_id() -> str:
    """A new ``Message-ID`` in the site's domain (RFC 5322 asks for a domain the sender
    controls; ``@localhost`` reads as a misconfigured or spamming host)."""
    return make_msgid(domain=site_domain())


def list_id(list_name: str, *, label: str = "") -> str:
    """``List-Id`` (RFC 2919) for one kind of email: ``"label" <name.site-domain>``. Mail clients
    and filters group and file by it; a bulk message without one looks like a partial list
    message to spam filters."""
    name = ".".join(slugify(part).replace("_", "-") for part in list_name.split(".")) or "mail"
    value = f"<{name}.{site_domain()}>"
    if label:
        quoted = label.replace("\\", "").replace('"', "")
        value = f'"{quoted}" {value}'
    return value


def automatic_headers() -> dict[str, str]:
    """What every site email says about itself: sent by the site, not a person (RFC 3834), so
    that autoresponders do not answer it."""
    return {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def fold_subject(message: MimeMessage, subject: str) -> None:
    """Set ``Subject`` so that it folds after ``Subject:`` and not before the first word.

    Django encodes a non-ASCII subject without knowing the header's name; Python's generator
    then puts the first encoded word on a line of its own, which readers decode as a leading
    space (``" [Rounds] …"``). A ``Header`` that knows its name folds right."""
    try:
        subject.encode("ascii")
    except UnicodeEncodeError:
        del message["Subject"]
        # The email package's own __setitem__: Django's would re-encode the Header as text.
        set_header: Any = MimeMessage.__setitem__
        set_header(message, "Subject", Header(subject, "utf-8", header_name="Subject"))


# A header value that folding leaves as it is: printable ASCII words, one space between them.
_UNFOLDED = re.compile(r"[!-~]+(?: [!-~]+)*")


class QuickFolding(Compat32):
    """Django's message policy (``compat32``), with the common case of folding made cheap.

    The standard library folds every header through ``email.header.Header``, about 40 µs a
    header under cProfile: a tenth of a digest's profiled sending time went there. A header
    whose value is printable ASCII words with single spaces and whose line fits
    ``max_line_length`` comes out of that folding exactly as written, so it is written
    directly; every other header (long, non-ASCII, with line breaks or other white space, or a
    ``Header`` object) goes the standard way. ``tests/digests/test_header_folding.py`` checks
    both give the same bytes.
    """

    def fold(self, name: str, value: Any) -> str:
        quick = self._as_written(name, value)
        return super().fold(name, value) if quick is None else quick

    def fold_binary(self, name: str, value: Any) -> bytes:
        quick = self._as_written(name, value)
        return super().fold_binary(name, value) if quick is None else quick.encode("ascii")

    def _as_written(self, name: str, value: Any) -> str | None:
        if (
            isinstance(value, str)
            and self.max_line_length
            and len(name) + 2 + len(value) <= self.max_line_length
            and _UNFOLDED.fullmatch(value)
        ):
            return f"{name}: {value}{self.linesep}"
        return None


# The policy every site message is written with (``accounts.mail.compose.Message``).
QUICK_FOLDING = QuickFolding()
