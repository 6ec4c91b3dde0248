"""Dates said by a festival of the writer's own calendar, and the day of a month of another
calendar (round 17).

Clinicians date the key event of a case by the feast their family keeps: "two days before
Wigilia", "on the evening of Diwali", "during Golden Week", "since Lebaran", "the 3rd of
Muharram", "the 28th of the twelfth month". Each names one day (or a few) of the patient's
year as surely as a calendar date. A festival is only a date after a word that places an
event on it ("on", "since", "during", "two days before", "the evening of"): "Ramadan fasting
and warfarin" is a topic, not a day. Month-long seasons (Ramadan, Lent) are a date only by a
day or an end of them ("the first day of Ramadan", "the end of Lent").

The hint for the festival pass is one capital-opening class (the engine jumps to it); the
other passes are gated on a literal ("ago", " of ").
"""

from __future__ import annotations

import re

from cases.deidentify.anchored import anchored
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

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
FESTIVAL = anchored(
    rf"(?=[A-Zm])\b(?:{FESTIVAL_NAMES})\b(?![-\u2019']\w)",
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
SEASON = re.compile(r"\b(?:Ramadan|Ramzan|Ramazan|Lent|Advent|Muharram)\b")
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
MONTH_DAY_OTHER = re.compile(
    rf"\b(?:the\s)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORD})\s(?:day\s)?(?:of\s)?"
    rf"(?:the\s)?(?:{_HIJRI}|{_NTH_MONTH})\b"
)
# "two Sundays ago": a count of weekdays back from the post is one day.
WEEKDAYS_AGO = re.compile(
    rf"\b(?i:{_COUNT}|last|the\s(?:last|past))\s(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days\sago\b"
)


def find_festival_dates(text: str, found: list[Finding]) -> None:
    for m in FESTIVAL.finditer(text):
        placed = PLACED.search(text, max(m.start() - 28, 0), m.start())
        if placed:
            start = placed.start("rel") if placed.group("rel") else m.start()
            _add(found, start, m.end(), "DATE", text)
    for m in SEASON.finditer(text) if "of " in text else ():
        if day := SEASON_DAY.search(text, max(m.start() - 28, 0), m.start()):
            _add(found, day.start(), m.end(), "DATE", text)
    if " of " in text or "Sha" in text:
        for m in MONTH_DAY_OTHER.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
    for m in WEEKDAYS_AGO.finditer(text) if "ago" in text else ():
        _add(found, m.start(), m.end(), "DATE", text)
