"""Dates said by a festival of the writer's own calendar, and the day of a month of another
calendar (round 17).

Clinicians date the key event of a case by the feast their family keeps: "two days before
Wigilia", "on the evening of Diwali", "during Golden Week", "since Lebaran", "the 3rd of
Muharram", "the 28th of the twelfth month". Each names one day (or a few) of the patient's
year as surely as a calendar date. A festival is only a date after a word that places an
event on it ("on", "since", "during", "two days before", "the evening of"): "Ramadan fasting
and warfarin" is a topic, not a day. Month-long seasons (Ramadan, Lent) are a date only by a
day or an end of them ("the first day of Ramadan", "the end of Lent").

Every pass first looks for its words literally (``str.find``), then reads a bounded window
before each: a field with no feast costs a few substring tests.
"""

from __future__ import annotations

import re

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_trie import word_trie

_Q = "['\u2019]"
# Feasts of one day or a few, in the calendars of the forum's writers (East and South-East
# Asia, South Asia, the Muslim world, Orthodox and Catholic Europe, Latin America, Africa,
# the Nordics). Written with their capital: in lower case most are ordinary words.
FESTIVAL_NAMES = (
    rf"Golden Week|Children{_Q}s Day|Kings?{_Q}s? Day|Queen{_Q}s Day|Name Day|Wigilia|"
    r"Carnaval|Carnival|Karneval|Fasching|Mardi Gras|Orthodox (?:Easter|Christmas)|"
    r"Lebaran|Idul (?:Fitri|Adha)|Hari Raya(?: (?:Aidilfitri|Haji|Puasa))?|Naadam|"
    r"Tsagaan Sar|Songkran|Nyepi|Holi|Chuseok|Seollal|Tet|T\u1ebft|Obon|Setsubun|"
    r"Hinamatsuri|Qingming|Mid-Autumn(?: Festival)?|Dragon Boat Festival|Lantern Festival|"
    r"Spring Festival|Durga Puja|Raksha Bandhan|Rakhi|Ganesh Chaturthi|Makar Sankranti|"
    r"Lohri|Vishu|Bihu|Thaipusam|Deepavali|Diwali|Navratri|Dussehra|Pongal|Onam|Timkat|"
    r"Meskel|Ashura|Mawlid|Eid(?:[- ](?:al|ul|el)[- ](?:Fitr|Adha))?|Semana Santa|"
    r"Festa Junina|Sinterklaas|Walpurgis(?:nacht| Night)|Bastille Day|"
    r"Saint Lucia|St\.? Lucia{_Q}?s? Day|Midsummer(?: Eve| Day)?|midsummer(?: eve| day)|"
    r"Juhannus|Midsommar|Sankthans|Christmas(?: Eve| Day)?|Easter(?: Sunday| Monday)?|"
    r"Hanukkah|Passover|Pesach|Purim|Rosh Hashanah|Yom Kippur|Kwanzaa|Vesak|Nowruz|Yalda"
)
# "Tet" and "Holi" are also the start of other words; \b on both sides keeps them whole.
FESTIVAL = re.compile(rf"(?:{FESTIVAL_NAMES})\b(?![-\u2019']\w)")
# The first word of each feast: the pass looks for these literally before any pattern runs.
_HEADS = tuple(
    """Golden Children King Queen Name Wigilia Carnaval Carnival Karneval Fasching Mardi
    Orthodox Lebaran Idul Hari Naadam Tsagaan Songkran Nyepi Holi Chuseok Seollal Tet Tết
    Obon Setsubun Hinamatsuri Qingming Mid-Autumn Dragon Lantern Spring Durga Raksha Rakhi
    Ganesh Makar Lohri Vishu Bihu Thaipusam Deepavali Diwali Navratri Dussehra Pongal Onam
    Timkat Meskel Ashura Mawlid Eid Semana Festa Sinterklaas Walpurgis Bastille Saint St
    Midsummer midsummer Juhannus Midsommar Sankthans Christmas Easter Hanukkah Passover Pesach
    Purim Rosh Yom Kwanzaa Vesak Nowruz Yalda""".split()
)
# Words that place an event on the feast, read in a bounded window before it.
_ORD = r"(?:first|second|third|last|\d{1,2}(?:st|nd|rd|th))"
_COUNT = r"(?:a|one|two|three|four|five|six|seven|a few|several|\d{1,2})"
_PART = r"(?:day|days|evening|eve|night|morning|afternoon|week|weekend|end|start|beginning)"
PLACED = re.compile(
    rf"(?P<rel>\b(?i:the\s(?:{_ORD}\s)?{_PART}\s(?:of|before|after)"
    rf"|{_COUNT}\s(?:days?|nights?|weeks?)\s(?:before|after|into)"
    rf"|(?:{_ORD}\s)?day\sof))\s$"
    rf"|\b(?i:on|since|before|after|until|till|during|over|around|by|from|at|last|this)\s$"
)
# A month-long season is a date only by one of its days or an end of it.
_SEASONS = frozenset(("Ramadan", "Ramzan", "Ramazan", "Lent", "Advent", "Muharram"))
SEASON_DAY = re.compile(
    rf"\b(?i:the\s(?:{_ORD}\s(?:day|night|week)|{_ORD}|end|start|beginning|last\sdays?|"
    r"last\s(?:ten|10)\snights)\sof)\s$"
)
# The day of a month of another calendar: "the 3rd of Muharram", "the 28th of the twelfth
# (lunar) month", "15 Sha'ban".
_HIJRI = (
    rf"Muharram|Safar|Rabi{_Q}?\s?(?:al|ul)[- ](?:Awwal|Thani|Akhir)|Rajab|Sha{_Q}?ban|"
    rf"Shawwal|Dhu?[ l{_Q}-]{{0,3}}Qa{_Q}?d(?:ah|a)|Dhu?[ l{_Q}-]{{0,3}}Hijj?(?:ah|a)"
)
_NTH_MONTH = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
    r"\s(?:lunar\s)?month"
)
_OTHER_MONTHS = frozenset(
    ("Muharram", "Safar", "Rabi", "Rajab", "Sha", "Shaban", "Shawwal", "Dhu", "Dhul", "lunar",
     "twelfth")
)  # fmt: skip
# Heads in lower case, found by ``str.find`` (the scan below only stops before a capital).
_LOWER_HEADS = ("midsummer", "lunar", "twelfth")
OTHER_MONTH = re.compile(rf"(?:{_HIJRI}|lunar\smonth|twelfth\smonth)\b")
OTHER_MONTH_DAY = re.compile(
    rf"\b(?:the\s)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORD})\s(?:day\s)?(?:of\s)?(?:the\s)?"
    r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth)\s(?:lunar\s)?)?$"
)
# "two Sundays ago": a count of weekdays back from the post is one day.
WEEKDAYS_BEFORE = re.compile(
    rf"\b(?i:{_COUNT}|the\s(?:last|past))\s(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days\sago$"
)


_ALL_HEADS = word_trie(w for w in (*_HEADS, *_SEASONS, *_OTHER_MONTHS) if w[0].isupper())
# The tree opens on one capital of a known set, which the engine jumps to.
HEAD_SCAN = re.compile(rf"{_ALL_HEADS}\b")


def _heads(text: str):
    """Each head word that starts a word ("Tet", not the end of "Qutet")."""
    for m in HEAD_SCAN.finditer(text):
        i = m.start()
        if not i or not (text[i - 1].isalnum() or text[i - 1] == "-"):
            yield i, m.group(0)
    for word in _LOWER_HEADS:
        i = text.find(word)
        while i > 0:
            yield i, word
            i = text.find(word, i + 1)


def find_festival_dates(text: str, found: list[Finding]) -> None:
    for i, word in _heads(text):
        if word in _SEASONS and (day := SEASON_DAY.search(text, max(i - 28, 0), i)):
            _add(found, day.start(), i + len(word), "DATE", text)
        if word in _OTHER_MONTHS:
            day = OTHER_MONTH_DAY.search(text, max(i - 40, 0), i)
            end = OTHER_MONTH.match(text, i) if day else None
            if end:
                _add(found, day.start(), end.end(), "DATE", text)
        elif (m := FESTIVAL.match(text, i)) and (placed := PLACED.search(text, max(i - 28, 0), i)):
            start = placed.start("rel") if placed.group("rel") else i
            _add(found, start, m.end(), "DATE", text)
    i = text.find("days ago")
    while i > 0:
        if m := WEEKDAYS_BEFORE.search(text, max(i - 40, 0), i + 8):
            _add(found, m.start(), i + 8, "DATE", text)
        i = text.find("days ago", i + 1)
