"""What the scanner returns: a finding's kind, where it is, and the fix it offers."""

from __future__ import annotations

from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KINDS: Final = (
    "NAME",
    "DATE",
    "AGE_OVER_89",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN",
    "ACCOUNT",
    "LICENSE",
    "VEHICLE",
    "DEVICE",
    "URL",
    "IP",
    "GEO",
    "ZIP",
    "OTHER_ID",
    "EMPLOYER",
    "UNIQUE",
    "PHOTO",
)


class Finding:
    """One identifier: where it is in the text (``start``, ``end``), its ``kind`` (``KINDS``),
    the ``text`` found and a ``fix``: a replacement the author may accept with one click ("Day
    +3", "over 89"), or "". A lazy translation ("over 89") is read in the language active when
    it is shown. Two findings are equal when all but their fix are.

    Written out rather than a frozen dataclass: the dataclass's generated ``__init__`` stays
    interpreted Python in the compiled scanner (``cases/native.py``) and sets each attribute
    through ``object.__setattr__``, about 3% of a scan for the 250 findings of a typical
    5,000-character field. The attributes are ``Final``: nothing may change a finding (mypy
    checks it).
    """

    __slots__ = ("end", "fix", "kind", "start", "text")

    def __init__(self, start: int, end: int, kind: str, text: str, fix: str | Promise = "") -> None:
        self.start: Final = start
        self.end: Final = end
        self.kind: Final = kind
        self.text: Final = text
        self.fix: Final = fix

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Finding)
            and self.start == other.start
            and self.end == other.end
            and self.kind == other.kind
            and self.text == other.text
        )

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.kind, self.text))

    def __repr__(self) -> str:
        return (
            f"Finding(start={self.start!r}, end={self.end!r}, kind={self.kind!r}, "
            f"text={self.text!r}, fix={self.fix!r})"
        )

    @property
    def key(self) -> str:
        """Stable across page loads while the text is unchanged: names a finding in forms."""
        return f"{self.start}-{self.end}-{self.kind}"

    @property
    def label(self) -> str:
        """What the finding may be, in the language active when it is read."""
        return str(KIND_LABELS.get(self.kind, self.kind))


KIND_LABELS: Final = {
    "NAME": _("a name"),
    "DATE": _("a date more precise than a year"),
    "AGE_OVER_89": _("an age over 89"),
    "PHONE": _("a telephone number"),
    "FAX": _("a fax number"),
    "EMAIL": _("an email address"),
    "SSN": _("a social security number"),
    "MRN": _("a medical record number"),
    "HEALTH_PLAN": _("a health plan or insurance number"),
    "ACCOUNT": _("an account number"),
    "LICENSE": _("a licence or certificate number"),
    "VEHICLE": _("a vehicle identifier"),
    "DEVICE": _("a device serial number"),
    "URL": _("a web address"),
    "IP": _("an IP address"),
    "GEO": _("a place or institution smaller than a state"),
    "ZIP": _("a postal code"),
    "OTHER_ID": _("an identifying number"),
    "EMPLOYER": _("an employer"),
    "UNIQUE": _("a description only one person fits"),
    "PHOTO": _("a photograph that shows a face"),
}


# The kinds the look-alike (quiet) passes judge: a word read as a person, a place or an employer.
PROPER_KINDS: Final = frozenset(("NAME", "GEO", "EMPLOYER"))


def add_finding(
    found: list[Finding], start: int, end: int, kind: str, text: str, fix: str | Promise = ""
) -> None:
    found.append(Finding(start, end, kind, text[start:end], fix))


def add_if_new(found: list[Finding], start: int, end: int, kind: str, text: str) -> None:
    """Add a finding unless one already overlaps its span (for late finders that only fill
    gaps the earlier passes left)."""
    if not any(f.start < end and start < f.end for f in found):
        found.append(Finding(start, end, kind, text[start:end]))
