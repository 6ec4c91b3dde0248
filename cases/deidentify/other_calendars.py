"""Dates by a month of another calendar, or by a day of a month-long season.

Clinicians write the date the way the family or the register keeps it:

- a day of a month of the Islamic, Hebrew, Persian or Ethiopian calendar before the month
  ("the 3rd of Muharram", "the 28th of the twelfth lunar month") or after it ("presented on
  Meskerem 12", "died Farvardin 3"), and a month of the Nepali calendar written first after
  a placing word ("discharged on Mangsir 3");
- a day or an end of a month-long season ("the first day of Ramadan", "the end of Lent"):
  the season alone ("Ramadan fasting and warfarin") is a topic, not a day;
- the first days of the Vietnamese new year ("mùng 2 Tết"), a Roman month ("12.iii.1944",
  "3/XI/87") and a Spanish or Portuguese day and month ("el 26 de julio", "3 de março").

Each pass first asks the set of the text's words (``word_set``) for its month or season
words and reads a bounded window only where one stands.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.abroad import _OTHER_MONTHS
from cases.deidentify.anchored import any_hint
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.named_days import PLACED
from cases.deidentify.word_set import places_of, words_of

_Q: Final = "['\u2019]"
_ORD: Final = r"(?:first|second|third|last|\d{1,2}(?:st|nd|rd|th))"
# A month-long season is a date only by one of its days or an end of it.
_SEASONS: Final = frozenset(("ramadan", "ramzan", "ramazan", "lent", "advent", "muharram"))
SEASON_DAY: Final = re.compile(
    rf"\b(?i:the\s(?:{_ORD}\s(?:day|night|week)|{_ORD}|end|start|beginning|last\sdays?|"
    r"last\s(?:ten|10)\snights)\sof)\s$"
)
# The day of a month of another calendar before the month: "the 3rd of Muharram", "the 28th
# of the twelfth (lunar) month", "15 Sha'ban".
_HIJRI: Final = (
    rf"Muharram|Safar|Rabi{_Q}?\s?(?:al|ul)[- ](?:Awwal|Thani|Akhir)|Rajab|Sha{_Q}?ban|"
    rf"Shawwal|Dhu?[ l{_Q}-]{{0,3}}Qa{_Q}?d(?:ah|a)|Dhu?[ l{_Q}-]{{0,3}}Hijj?(?:ah|a)"
)
_MONTH_HEADS: Final = frozenset(
    ("muharram", "safar", "rabi", "rajab", "sha", "shaban", "shawwal", "dhu", "dhul", "lunar",
     "twelfth")
)  # fmt: skip
OTHER_MONTH: Final = re.compile(rf"(?:{_HIJRI}|lunar\smonth|twelfth\smonth)\b")
OTHER_MONTH_DAY: Final = re.compile(
    rf"\b(?:the\s)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORD})\s(?:day\s)?(?:of\s)?(?:the\s)?"
    r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth)\s(?:lunar\s)?)?$"
)
# The month written first: "presented on Meskerem 12", "died Farvardin 3".
OTHER_MONTH_FIRST: Final = re.compile(rf"\b{_OTHER_MONTHS}\s(?:[1-9]|[12]\d|30)\b(?![.,:/]\d)")
_FIRST_MONTH_WORDS: Final = frozenset(
    """Tishrei Tishri Cheshvan Heshvan Marcheshvan Kislev Tevet Shevat Adar Nisan Iyar Sivan
    Tammuz Elul Muharram Safar Rabi Jumada Rajab Shaban Sha Shawwal Dhu Farvardin
    Ordibehesht Khordad Mordad Shahrivar Mehr Aban Azar Bahman Esfand Meskerem Tikimt Tikemet
    Hidar Hedar Tahsas Yekatit Megabit Miyazya Ginbot Genbot Sene Hamle Nehase
    Pagume""".lower().split()
)
# A month of the Nepali (Bikram Sambat) calendar written first: "discharged on Mangsir 3".
_NEPALI_MONTHS: Final = frozenset(
    """baisakh baishakh jestha jeth asar asadh ashadh shrawan saun bhadra bhadau asoj ashwin
    kartik mangsir poush magh falgun fagun chaitra chait""".split()
)
_MONTH_FIRST: Final = re.compile(r"[A-Z][a-z]{2,9} (?:[1-9]|[12]\d|3[0-2])\b(?![.,:/]\d)")
# The first days of the Vietnamese new year: "mùng 1 Tết", "mồng hai Tết".
_TET_DAY: Final = re.compile(
    r"(?i:m[ùồo]ng|m[uo]ng)\s(?:[1-9]|10|một|hai|ba|bốn|năm|sáu|bảy|tám)\s(?i:t[ếe]t)\b"
)
# A date with a Roman month ("12.iii.1944", "3/XI/87", "21 vi 2019"), found by its
# separators around the month: a pattern opening on a set the engine skips to.
_ROMAN_DATE: Final = re.compile(
    r"\b(?:[1-9]|[12]\d|3[01])(?P<sep>[./-])(?P<m>(?i:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i))"
    r"(?P=sep)(?:19|20)?\d{2}\b"
)
_ROMAN_MONTHS: Final = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())
_ROMAN_HINT: Final = re.compile(r"[./-][ivxIVX]{1,4}[./-]")
# The same, one pattern per opening character: each opens on a literal, fast to find.
_ROMAN_HINTS: Final = tuple(re.compile(rf"\{c}[ivxIVX]{{1,4}}[./-]") for c in "./-")
# A Spanish or Portuguese day and month: "presented on 26 de julio", "el 3 de março".
_DE_MONTH: Final = re.compile(
    r"\b(?:[1-9]|[12]\d|3[01])\sde\s(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|"
    r"julho|setembro|outubro|novembro|dezembro)\b"
)
_DE_MONTH_WORDS: Final = frozenset(
    """enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre janeiro fevereiro março maio junho julho setembro outubro novembro
    dezembro""".split()
)


def find_other_calendar_dates(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for season in _SEASONS & words:
        for at in places_of(low, season):
            end = at + len(season)
            if not text[at].isupper() or text[end : end + 1].isalnum():
                continue  # "lent" is a verb; "Adventist" no season
            if day := SEASON_DAY.search(text, max(at - 28, 0), at):
                _add(found, day.start(), end, "DATE", text)
    for month in _MONTH_HEADS & words:
        for at in places_of(low, month):
            day = OTHER_MONTH_DAY.search(text, max(at - 40, 0), at)
            if day and (m := OTHER_MONTH.match(text, at)):
                _add(found, day.start(), m.end(), "DATE", text)
    for month in _FIRST_MONTH_WORDS & words:
        for at in places_of(low, month):
            if m := OTHER_MONTH_FIRST.match(text, at):
                _add(found, at, m.end(), "DATE", text)
    for month in _NEPALI_MONTHS & words:
        for at in places_of(low, month):
            if (m := _MONTH_FIRST.match(text, at)) and PLACED.search(low, max(at - 16, 0), at):
                _add(found, at, m.end(), "DATE", text)
    if "tết" in words or "tet" in words:
        for m in _TET_DAY.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
    if _ROMAN_MONTHS & words and any_hint(_ROMAN_HINTS, text):
        for m in _ROMAN_DATE.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
    if "de" in words and _DE_MONTH_WORDS & words:
        for m in _DE_MONTH.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
