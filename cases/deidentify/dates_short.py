"""Short dates the core patterns miss, and numbers they read as dates (round 20).

Found:
- a day and a Roman month with no year after a word of an event ("seen 14.ix", "review
  2.xii", "op 30.vi"): the old orthopaedic and German habit;
- a day and a month after a verb of treatment the core list lacks ("restarted 4/10",
  "injection 27/8", "resumed 12/3", "depot given 9/1");
- a part of a day before "of the" and a day ("the night of the 9th", "the morning of the
  22nd");
- a month's abbreviation in lower case before a day, after a word of time ("since oct 3",
  "from jan 12"; "may" is a verb and stays out).

Kept quiet:
- a number, a full stop and the pronoun "I" read as a day of the Roman month I ("kept him
  on 10. I'll ask", "dose 2. I think");
- a decimal before a unit ("2.5 kcal/mL", "1.2 kg", "3.5 L");
- a lab value repeated ("Repeat 5.2.", "recheck 3.9") when the text holds a decimal value;
- "MAR" (the medication chart) read as March ("bed 7 MAR chart").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_ROMAN_DAY: Final = re.compile(
    r"\b(?:[1-9]|[12]\d|3[01])\.(?:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)\b(?![.\d/-]\w)"
)
# A digit, a full stop and "i", "v" or "x" ("\\d\\.[ivx]"), found from the full stop: a literal.
_ROMAN_HINT: Final = re.compile(r"\.(?<=\d\.)[ivx]")
_EVENT_BEFORE: Final = re.compile(
    r"\b(?i:seen|review|reviewed|on|since|from|until|till|admitted|discharged|operated|op|"
    r"dated|before|after|next|clinic|f/u|fu|appt|rv|x-ray|xray|surgery|fracture|fell|injury|"
    r"and|to)\s$"
)
_TREATED_FULL: Final = re.compile(
    r"\b(?i:restarted|resumed|recommenced|injection|injected|inserted|removed|changed|held|"
    r"withheld|switched|rebled|re-bled|depot(?:\sgiven)?|jab|infusion|sutured|cast|plastered)"
    r"\s(?:on\s)?(?P<d>\d{1,2})/(?P<m>\d{1,2})\b(?![/.]\d)"
)
# Found from the "d/m" inside each match first: the match starts on a word within 24
# characters before it (the longest word, "on " and a day's first digit take 16).
_TREATED: Final = ByKeyword(_TREATED_FULL, r"\d/\d", 24, r"\b\w")
_TREATED_WORDS: Final = frozenset(
    """restarted resumed recommenced injection injected inserted removed changed held withheld
    switched rebled re-bled depot jab infusion sutured cast plastered""".split()
)
_PART_OF_DAY: Final = re.compile(
    r"\b(?:the\s)?(?i:night|morning|evening|afternoon|eve|weekend|early\shours|small\shours)"
    r"\sof\sthe\s(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b"
)
_PARTS: Final = frozenset("night morning evening afternoon eve weekend hours".split())
_LOW_MONTH: Final = re.compile(
    r"\b(?:since|from|on|until|till|by|before|after|wef)\s(?P<date>(?:jan|feb|mar|apr|jun|jul|"
    r"aug|sept?|oct|nov|dec)\.?\s(?:[1-9]|[12]\d|3[01]))\b(?![:./]\d)"
)
_LOW_MONTHS: Final = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())

_PRONOUN_I: Final = re.compile(r"\d{1,2}\.\s?I")
_AFTER_PRONOUN: Final = re.compile(
    r"['\u2019]|\s(?:am|have|had|was|think|will|would|can|could|did)\b"
)
_DECIMAL: Final = re.compile(r"\d{1,2}\.\d{1,2}")
_UNIT_AFTER: Final = re.compile(
    r"\s?(?i:kcal|kj|kg|mg|mcg|g|ml|mls|l|litres?|liters?|mmol|umol|µmol|cm|mm|units?|iu|"
    r"x|times|h|hrs?|hours|mins?|%|ng|pg|meq|mosm|s|sec|secs)(?![a-z])"
)
_REPEAT_BEFORE: Final = re.compile(r"\b(?i:repeat|repeated|recheck|rechecked|rpt|now|then)\s$")
_VALUE_BEFORE: Final = re.compile(r"\b(?:of|was|is|at|=)\s\d{1,2}\.\d")
_MAR: Final = re.compile(r"\d{1,2}\sMAR\s(?i:charts?|sheets?|record)")


def find_short_dates(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    if _ROMAN_HINT.search(text):
        for m in _ROMAN_DAY.finditer(text):
            if _EVENT_BEFORE.search(text, max(m.start() - 12, 0), m.start()):
                _add(found, m.start(), m.end(), "DATE", text)
    if "/" in text and _TREATED_WORDS & words:
        for m in _TREATED.finditer(text):
            if 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12:
                _add(found, m.start("d"), m.end("m"), "DATE", text)
    for part in _PARTS & words if "of" in words else ():
        for at in places_of(low, part):
            if not low.startswith(" of the ", at + len(part)):
                continue
            start = at - 4 if low[max(at - 4, 0) : at] == "the " else at
            if part_of_day := _PART_OF_DAY.match(text, start):
                _add(found, part_of_day.start(), part_of_day.end(), "DATE", text)
    if _LOW_MONTHS & words:
        for m in _LOW_MONTH.finditer(text):
            _add(found, m.start("date"), m.end("date"), "DATE", text)


def _number_look_alike(text: str, f: Finding) -> bool:
    if _PRONOUN_I.fullmatch(f.text):
        return _AFTER_PRONOUN.match(text, f.end) is not None
    if _MAR.match(text, f.start):
        return True
    bare = f.text.rstrip(".")
    if not _DECIMAL.fullmatch(bare):
        return False
    if _UNIT_AFTER.match(text, f.start + len(bare)):
        return True
    before = text[max(f.start - 10, 0) : f.start]
    return bool(_REPEAT_BEFORE.search(before)) and bool(
        _VALUE_BEFORE.search(text, max(f.start - 240, 0), f.start)
    )


def quiet_short_numbers(text: str, found: list[Finding]) -> list[Finding]:
    return [
        f for f in found if f.kind != "DATE" or len(f.text) > 10 or not _number_look_alike(text, f)
    ]
