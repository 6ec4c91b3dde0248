"""Dates and descriptions of the staff's world, not the patient's (session 25, the precision
round on lead_tune23): a weekday or a month alone that times a meeting, a circular or a supply
("the audit meeting on Tuesday", "the circular from May", "supply normalises by October",
"the prescriber is unreachable till Monday"); the first value of a change read as a day and a
month ("INR went from 2.4 to 8.9"); "the only carer" of a family, read as a description only
one person fits. Each test reads the finding and at most 60 characters before it.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.cues import CALENDAR
from cases.deidentify.finding import Finding

_STAFF_EVENT_BEFORE: Final = re.compile(
    r"(?i:\b(?:meeting|mdt|teaching|journal club|huddle|lecture|seminar|conference|session|"
    r"audit|rota|grand round|board|committee|webinar|workshop|course|exam|training)"
    r"(?:\s(?:is|was|will be|moved to|now))?\s(?:on|this|next|until|till)\s)$"
)
_DOCUMENT_BEFORE: Final = re.compile(
    r"(?i:\b(?:circular|notice|guidance|guideline|update|memo|bulletin|alert|policy|"
    r"newsletter|edition|issue|directive|advisory|recall|formulary)\s(?:from|of|in|since|"
    r"dated)\s)$"
)
_SUPPLY_BEFORE: Final = re.compile(
    r"(?i:\b(?:supply|supplies|stock|stocks|shortage|shortages|deliveries|delivery|"
    r"prescriber|pharmacy|office|clinic|surgery|lab)\b[^.;:!?]{0,40}\b(?:by|until|till|"
    r"unreachable|closed|shut)\s(?:till\s|until\s|on\s)?)$"
)
_CHANGE_FROM: Final = re.compile(
    r"(?i:\b(?:went|gone|rose|risen|fell|fallen|dropped|climbed|increased|decreased|jumped|"
    r"improved|worsened|came down|came up|went up|went down)\sfrom\s)$"
)
_TO_NUMBER: Final = re.compile(r"\s(?:to|-|\u2013)\s?\d")
_FAMILY_ONLY: Final = re.compile(
    r"the only (?:(?:[a-z-]{2,20})\s){0,2}?(?:carer|caregiver|care-giver|relative|one at home)\b"
    r"|the only [a-z\s-]{2,40}\bin the (?:family|household|house|home)\b",
    re.IGNORECASE,
)


def _staff_date(text: str, f: Finding) -> bool:
    """A weekday or a month alone that times the staff's world, not the patient's."""
    word = f.text.lower().strip(" .,")
    if word not in CALENDAR or " " in word:
        return False
    before = text[max(f.start - 60, 0) : f.start]
    return bool(
        _STAFF_EVENT_BEFORE.search(before)
        or _DOCUMENT_BEFORE.search(before)
        or _SUPPLY_BEFORE.search(before)
    )


def _range_start(text: str, f: Finding) -> bool:
    """ "went from 2.4 to 8.9": the first value of a change, not the 2nd of April."""
    return (
        len(f.text) <= 5
        and bool(re.fullmatch(r"\d{1,2}\.\d{1,2}", f.text))
        and _TO_NUMBER.match(text, f.end, f.end + 6) is not None
        and _CHANGE_FROM.search(text, max(f.start - 30, 0), f.start) is not None
    )


def quiet_staff_dates(text: str, found: list[Finding]) -> list[Finding]:
    """Drop weekdays and months of the staff's world, starts of ranges, "the only carer"."""
    out = []
    for f in found:
        if f.kind == "DATE":
            if _staff_date(text, f) or _range_start(text, f):
                continue
        elif f.kind == "UNIQUE" and _FAMILY_ONLY.search(f.text):
            continue
        out.append(f)
    return out
