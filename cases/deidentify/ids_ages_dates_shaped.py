"""National numbers by their own shape, ages over 89 by where they stand, and a short date in
a run of short dates (round 21).

Numbers whose shape holds a date of birth, with or without a label ("居民身份证", "CF", "RČ"):
- the Chinese resident identity number: 18 characters, a region's six digits, a birth date
  (19xx or 20xx), three digits and a digit or X ("110105194912310021");
- the Italian codice fiscale: six letters, two digits, a month's letter, the day (41-71 for a
  woman), a letter, three digits and a letter ("BNCMRA80A41F205X");
- the Czech and Slovak birth number: a birth date YYMMDD (a woman's month plus 50), a slash
  and three or four digits ("905223/1234").
Kept quiet: the same lengths with no date inside ("184512345678901234"), a fraction or a
reference with a slash ("120/80", "2023/0145").

The UK driving licence number (round 23): five letters of the surname, the birth date in its
own order (a woman's month plus 50), initials, a digit and two check letters; not the same
length without a date ("ABCDE123456ABCDE").

Ages: a 90 to 119 that opens a post before a comma and a word or "and" ("97, lives alone",
"101 and still gardening"), after "the oldest was/is/aged", and after a colon in a sentence
about the oldest ("Oldest I have seen: 103, ..."). Never before a unit.

Dates: a day/month between or after day/months already found, in the same list of events
("admitted 03/11, ERCP 05/11, discharged 09/11"): same shape, one or two words between.
"""

from __future__ import annotations

import re
from typing import Final

from django.utils.translation import gettext_lazy as _

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import words_of

_DAY: Final = r"(?:0[1-9]|[12]\d|3[01])"
_CN_ID: Final = re.compile(
    rf"[1-8](?<![\dA-Za-z]\d)\d{{5}}(?:19|20)\d\d(?:0[1-9]|1[0-2]){_DAY}\d{{3}}[\dXx]"
    r"(?![\dA-Za-z])"
)
_CF: Final = re.compile(
    r"[A-Z](?<![\w-][A-Z])[A-Z]{5}\d{2}[ABCDEHLMPRST](?:[0-2]\d|3[01]|[4-6]\d|7[01])[A-Z]\d{3}"
    r"[A-Z](?![\w-])"
)
# Searched from its slash: the six digits before it are read in a look-behind.
_BIRTH_NUMBER: Final = re.compile(
    r"/(?<=\d\d(?:0[1-9]|1[0-2]|2[1-9]|3[0-2]|5[1-9]|6[0-2]|7[1-9]|8[0-2])"
    rf"{_DAY}/)(?<![\d/.-]\d{{6}}/)\d{{3,4}}(?![\d/.-])"
)
# The UK driving licence number: five letters of the surname (padded with 9), the birth
# decade, month (plus 50 for a woman), day and year, two initials (or 9s), a digit and two
# check letters ("MAHMO703156T99ZX" in round 23; searched from its 16-character run).
_UK_LICENCE: Final = re.compile(
    rf"[A-Z](?<![\w-][A-Z])[A-Z9]{{4}}\d(?:[05][1-9]|[16][0-2]){_DAY}\d[A-Z9]{{2}}\d[A-Z]{{2}}"
    r"(?![\w-])"
)
_OPENING_AGE: Final = re.compile(
    r"(?P<age>9\d|1[01]\d)(?=,\s(?!(?:kg|mg|mmhg|bpm|cm|mm|ml|then|now)\b)[a-z]"
    r"|\sand\s(?:still|a|an|her|his|living|lives|sharp|independent|fit|well)\b|!)"
)
_OLDEST: Final = re.compile(
    r"oldest\s(?:(?:was|is|being|aged|at|patient\swas)\s|[^.;!?\n\d]{0,60}?:\s)"
    r"(?P<age>9\d|1[01]\d)\b"
    r"(?![.,]\d|\s?(?i:%|kg|mg|cm|mm|bpm|mmhg|years\sago))"
)
_SHORT: Final = re.compile(r"\d(?<![\d/.:-]\d)\d?/\d{1,2}(?![\d/.:])")
_GAP: Final = re.compile(r",\s(?:[A-Za-z][\w-]{0,15}\s){1,2}$")


def _digit_shape(s: str) -> tuple[int, ...]:
    return tuple(len(p) for p in s.split("/"))


def _day_month(s: str) -> bool:
    a, b = (int(p) for p in s.split("/"))
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def find_ids_ages_dates(text: str, low: str, found: list[Finding]) -> None:
    for m in _CN_ID.finditer(text):
        _add(found, m.start(), m.end(), "SSN", text)
    for m in _CF.finditer(text):
        _add(found, m.start(), m.end(), "SSN", text)
    for m in _UK_LICENCE.finditer(text):
        _add(found, m.start(), m.end(), "LICENSE", text)
    if "/" in text:
        for m in _BIRTH_NUMBER.finditer(text):
            _add(found, m.start() - 6, m.end(), "SSN", text)
        _dates_in_runs(text, found)
    line = 0
    while line >= 0:  # the opening of the text and of each line
        if opening := _OPENING_AGE.match(text, line):
            _add(found, opening.start("age"), opening.end("age"), "AGE_OVER_89", text, _("over 89"))
        line = text.find("\n", line) + 1 or -1
    if "oldest" in words_of(low):
        for m in _OLDEST.finditer(low):
            _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text, _("over 89"))


def _dates_in_runs(text: str, found: list[Finding]) -> None:
    """A day/month beside a found day/month of the same shape, in one list of events."""
    shapes = {
        (f.start, f.end): _digit_shape(f.text)
        for f in found
        if f.kind == "DATE" and _SHORT.fullmatch(f.text)
    }
    taken = {start for start, _end in shapes}

    def beside(m: re.Match | None, gap_start: int, gap_end: int, shape: tuple[int, ...]) -> None:
        if (
            m
            and m.start() not in taken
            and _digit_shape(m.group(0)) == shape
            and _GAP.search(text, gap_start, gap_end)
            and _day_month(m.group(0))
        ):
            _add(found, m.start(), m.end(), "DATE", text)

    for (start, end), shape in shapes.items():
        after = _SHORT.search(text, end, min(end + 30, len(text)))  # the next in the list
        beside(after, end, after.start() if after else end, shape)
        before = list(_SHORT.finditer(text, max(start - 30, 0), start))  # the one before
        if before:
            beside(before[-1], before[-1].end(), start, shape)
