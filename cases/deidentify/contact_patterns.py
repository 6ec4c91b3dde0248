"""E-mail addresses, web addresses, IP addresses, US social security numbers and telephone
numbers: the scanner's contact and number shapes, kept apart from patterns.py (which holds the
word lists and the dates, names and places). Linear time as there (bounded quantifiers only).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored

_I: Final = re.IGNORECASE

_EMAIL_FULL: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}", re.ASCII
)
# Found from the "@" first: a match starts at most 64 characters before it, at the start of a
# run of the local part's characters (ASCII, as the pattern).
EMAIL: Final = ByKeyword(_EMAIL_FULL, "@", 64, r"(?a)(?<![\w.+-])[\w.+-]")
_DOMAIN_END: Final = r"(?:com|org|net|edu|gov|io|co\.uk|org\.uk|nhs\.uk|ac\.uk|info|biz|me)"
_URL_FULL: Final = re.compile(
    r"\b(?:(?:https?|ftp)://[^\s<>\"')\]]{1,2000}|www\.[^\s<>\"')\]]{1,2000}|"
    rf"[a-z0-9-]{{1,63}}(?:\.[a-z0-9-]{{1,63}}){{0,4}}\.{_DOMAIN_END}"
    r"(?:/[^\s<>\"')\]]{0,2000})?)(?<![.,;:!?])",
    _I,
)
# From "://", "www." or a domain's end (IGNORECASE: [a-z] holds \u0130 \u0131 \u017f \u212a too).
URL: Final = ByKeyword(
    _URL_FULL, rf"://|www\.|\.{_DOMAIN_END}", 330, r"\b[-A-Za-z0-9\u0130\u0131\u017f\u212a]"
)
# Every URL has one of these; most fields have none, and then the slower URL pass is skipped.
URL_HINT: Final = re.compile(r"://|www\.|\.(?:com|org|net|edu|gov|io|uk|info|biz|me)\b", _I)
# URL_HINT's third part alone opens on a literal dot, so the engine skips along to the dots.
_DOMAIN_HINT: Final = re.compile(r"\.(?:com|org|net|edu|gov|io|uk|info|biz|me)\b", _I)


def url_hint(text: str, low: str) -> bool:
    """``URL_HINT.search(text)``, asked as three cheaper questions; ``low`` is
    ``lower_same_length(text)``, in which only a "W" turns into a "w"."""
    return "://" in text or "www." in low or bool(_DOMAIN_HINT.search(text))


_IPV4_FULL: Final = re.compile(r"\d(?<![\d.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?![\d.]\d)")
# Found from ".d.d.d" first, which opens on a literal dot: the match starts at most three digits
# before it, and no earlier hit (dots and digits only) can run into a match, which no digit or
# dot precedes.
IPV4: Final = ByKeyword(_IPV4_FULL, r"\.\d{1,3}\.\d{1,3}\.\d", 3, r"\d")
IPV6: Final = anchored(
    r"(?=[0-9a-fA-F:])(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{1,4}(?![\w:])", _I
)
_SSN_FULL: Final = re.compile(r"\d(?<![\d-]\d)\d{2}-\d{2}-\d{4}(?![\d-])")
# From its "-dd-" first, three digits after the start; an earlier hit cannot overlap one.
SSN: Final = ByKeyword(_SSN_FULL, r"-\d{2}-", 3, r"\d")
PHONE: Final = anchored(
    r"(?=[+(\d])(?:(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w])"
    r"|(?<![\w+])\+\d{1,3}[\s.-]?\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\w])"
    r"|(?<![\w/.])0\d{9,10}(?![\w/]|\.\d)"
    r"|(?<![\w/.+])0\d{2,4}[\s-]\d{3,6}(?:[\s-]\d{3,4})?(?![\w/]|\.\d))"
)
FAX_CONTEXT: Final = re.compile(r"fax(?:ed)?(?:\s(?:to|on))?\W{0,3}$", _I)
