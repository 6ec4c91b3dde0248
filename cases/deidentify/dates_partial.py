"""Partial dates that letters and ward notes write without a year (round 15).

A day and month identify an admission as well as a full date. Letters put them after the
words of their own making ("Dictated 12/3, typed 15/3"); European notes write a day and month
with a closing point ("Last bowel movement 3.4."); a month named alone after "In" or "during"
dates an event ("In August he was started on lithium") even when the month is also a name.

Look-alikes kept quiet: a decimal read as a day and month when a unit or a score sits beside
it ("positive 1.2 L", "Wells score: 4.5").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

# "Dictated 12/3, typed 15/3", "signed 03.04.": the letter's own dates.
# ... and the week a note is dated by: "w/c 14/3", "week ending 9/6".
_LETTER_WORDS: Final = ("dictated", "typed", "transcribed", "signed", "sent", "received", "written",
                 "copied", "printed", "verified", "authorised", "authorized", "w/c", "w/b",
                 "w/e", "commencing", "week beginning", "week ending", "week of")  # fmt: skip
LETTER_DATE: Final = re.compile(
    rf"(?<![\w/])(?i:{'|'.join(_LETTER_WORDS)}):?\s(?:on\s|in\s)?(?P<a>\d{{1,2}})(?P<sep>/)"
    r"(?P<b>\d{1,2})(?:/(?:\d{4}|\d{2})?)?(?![\d/]|\.\d)"
)
# "movement 3.4.", "catheter changed 12.11.": a day and month closed by a point.
# (Found from its second point, a literal the scan skips to; the day is read behind it.)
DOTTED_DATE: Final = re.compile(r"\.(?P<b>\d{1,2})\.(?=[\s,;)]|$)")
_DAY_BEFORE: Final = re.compile(r"(?<![\w.,/-])(?P<a>\d{1,2})$")
_DOTTED_CUE: Final = re.compile(
    r"\b(?i:movement|bo|bowels|opened|changed|removed|inserted|sited|since|on|am|seit|vom|"
    r"bis|from|until|till|due|seen|admitted|discharged|started|stopped|last|dated|born|"
    r"dictated|typed|signed|written|sent|received)\s$"
)
_MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
# "In August he was started on lithium", "during June", "By October": a month alone.
_WORD_BEFORE_MONTH: Final = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]ill|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|"
    r"[Tt]his|By|[Tt]hroughout|[Bb]efore|[Aa]fter)[\s-]$"
)
_NUMBER_AFTER: Final = re.compile(r"[\s,]{1,2}\d")
# "Started on 5th; stopped on 12th": a bare ordinal day after "on", closed by a stop or a
# small word, not a floor, a line of treatment or a rib ("on 3rd line therapy").
ORDINAL_ON: Final = re.compile(
    r"(?:[12]\d|3[01]|[1-9])(?:st|nd|rd|th)"
    r"(?=[;,.)]|$|\s(?:and|at|with|for|but|when|after|before|until|to|-)\b)"
)
_UNIT_AFTER: Final = re.compile(
    r"\s?(?:L|l|mL|ml|kg|g|mg|mcg|mmol|%|cm|mm|h|hrs?|hours|days|weeks|units|x|litres?|liters?)"
    r"\b"
)
_SCORE_BEFORE: Final = re.compile(
    r"(?i:score|scale|grade|ratio|index|level|value|by|of)\b[:=]?\s?$"
)
_DECIMAL: Final = re.compile(r"\d{1,2}\.\d{1,2}\.?")


def _day_month(a: str, b: str, either: bool) -> bool:
    a_, b_ = int(a), int(b)
    return (1 <= a_ <= 31 and 1 <= b_ <= 12) or (either and 1 <= b_ <= 31 and 1 <= a_ <= 12)


def find_partial_dates(text: str, low: str, found: list[Finding]) -> None:
    at = text.find("/")
    while at >= 0:
        # Each slash is read once: the letter's word stands at most 24 characters before it.
        window = low[max(at - 30, 0) : at]
        if any(word in window for word in _LETTER_WORDS):
            for m in LETTER_DATE.finditer(text, max(at - 30, 0), at + 12):
                if m.start("sep") == at and _day_month(m.group("a"), m.group("b"), True):
                    _add(found, m.start("a"), m.end(), "DATE", text)
        at = text.find("/", at + 1)
    for m in DOTTED_DATE.finditer(text) if "." in text else ():
        day = _DAY_BEFORE.search(text, max(m.start() - 3, 0), m.start())
        if (
            day
            and _day_month(day.group("a"), m.group("b"), False)
            and _DOTTED_CUE.search(text, max(day.start() - 14, 0), day.start())
        ):
            _add(found, day.start(), m.end(), "DATE", text)
    for cue in (" on ", "On "):
        at = text.find(cue)
        while at >= 0:
            ordinal = ORDINAL_ON.match(text, at + len(cue))
            if ordinal:
                _add(found, ordinal.start(), ordinal.end(), "DATE", text)
            at = text.find(cue, at + len(cue))
    for month in _MONTHS:
        at = text.find(month)
        while at >= 0:
            end = at + len(month)
            if (
                not text[end : end + 1].isalpha()
                and _WORD_BEFORE_MONTH.search(text, max(at - 12, 0), at)
                and not _NUMBER_AFTER.match(text, end)
            ):
                _add(found, at, end, "DATE", text)
            at = text.find(month, end)


def date_look_alike(text: str, f: Finding) -> bool:
    """A DATE finding that is a decimal beside a unit or a score ("positive 1.2 L", "Wells
    score: 4.5.")."""
    return bool(
        _DECIMAL.fullmatch(f.text)
        and (
            _UNIT_AFTER.match(text, f.end)
            or _SCORE_BEFORE.search(text, max(f.start - 10, 0), f.start)
        )
    )
