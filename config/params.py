"""Numbers read from query parameters, the one way every view reads them.

A query string is whatever the client typed: ``?page=-1``, ``?page=99999999999999999999``
(past PostgreSQL's bigint, so an OFFSET or a lookup made of it fails in the database),
``?page=²`` (a digit to ``str.isdigit`` that ``int`` refuses) or ``?page=abc``. None of them
may cost the reader a page, so a value is read as plain ASCII digits and kept inside a range;
anything else is the default.
"""

from __future__ import annotations

from django.http import HttpRequest

# Past any real list, and keeps page * page size far inside PostgreSQL's bigint.
MAX_PAGE = 100_000
# The largest value of a PostgreSQL integer column (ids and post numbers).
MAX_INTEGER = 2**31 - 1


def whole_number(raw: str | None, *, default: int, minimum: int = 0, maximum: int) -> int:
    """``raw`` as an integer clamped to ``minimum..maximum``; ``default`` unless it is an
    optional sign and ASCII digits."""
    text = (raw or "").strip()
    digits = text[1:] if text[:1] in {"-", "+"} else text
    if not digits or not digits.isascii() or not digits.isdigit():
        return default
    if len(digits) > len(str(maximum)) + 1:  # no need to build a huge int to clamp it
        return maximum if text[0] != "-" else minimum
    return min(max(int(text), minimum), maximum)


def page_number(request: HttpRequest, *, key: str = "page") -> int:
    """The page a list was asked for: 1 when missing or not a number, never past MAX_PAGE."""
    return whole_number(request.GET.get(key), default=1, minimum=1, maximum=MAX_PAGE)
