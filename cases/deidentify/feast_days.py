"""Dates said by a feast or a national day in any case and many calendars, and the day of a
month of another calendar written month first (round 18).

Clinicians write the day of the key event the way their family keeps it, often in lower case
or by initials: "admitted at midsommar", "on Divali night", "before CNY", "on Sallah day",
"over the Easter long weekend", "made it to Thanksgiving", "26 jan (republic day)",
"presented on Meskerem 12". A feast is a date only where a word places an event on it ("on",
"at the", "over the", "before", "to", "since", "during"); "Easter Island", "Christmas tree"
and "Diwali burns are common" are no dates. The capitalised forms the earlier passes know
(occasions.py, festival_dates.py) stay theirs; this pass adds the lower-case, the initials,
the feasts of more countries and the parts of them ("night", "long weekend").

The first words of the feasts are looked up in the set of the text's words (``word_set``);
only those found are located and matched, and the placing words are read in a window of 24
characters before each.
"""

from __future__ import annotations

import re

from cases.deidentify.abroad import _OTHER_MONTHS
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import normal, places_of, words_of
from cases.deidentify.word_trie import word_trie

_FEASTS = (
    # Christian and civic feasts of Europe, the Americas and Oceania
    "easter",
    "greek easter",
    "orthodox easter",
    "easter sunday",
    "easter monday",
    "good friday",
    "holy week",
    "semana santa",
    "christmas",
    "christmas eve",
    "christmas day",
    "xmas",
    "boxing day",
    "st stephen's day",
    "new year",
    "new year's",
    "new year's eve",
    "new year's day",
    "nye",
    "thanksgiving",
    "halloween",
    "hallowe'en",
    "all saints",
    "day of the dead",
    "día de los muertos",
    "dia de los muertos",
    "epiphany",
    "three kings day",
    "día de reyes",
    "carnival",
    "carnaval",
    "mardi gras",
    "fasching",
    "sinterklaas",
    "wigilia",
    "walpurgis",
    "hogmanay",
    "burns night",
    "bonfire night",
    "guy fawkes",
    "st patrick's day",
    "paddy's day",
    "midsommar",
    "midsummer",
    "midsummer eve",
    "juhannus",
    "sankthans",
    "jaanipäev",
    "ligo",
    "syttende mai",
    "koningsdag",
    "king's day",
    "bastille day",
    "anzac day",
    "waitangi day",
    "australia day",
    "canada day",
    "fourth of july",
    "4th of july",
    "july 4th",
    "labor day",
    "labour day",
    "memorial day",
    "veterans day",
    "independence day",
    "republic day",
    "national day",
    "heroes day",
    "freedom day",
    "youth day",
    "fiji day",
    "jamhuri day",
    "madaraka day",
    "mashujaa day",
    "mother's day",
    "father's day",
    "valentine's day",
    "may day",
    # Jewish, Muslim and Persian feasts
    "hanukkah",
    "chanukah",
    "passover",
    "pesach",
    "purim",
    "rosh hashanah",
    "yom kippur",
    "sukkot",
    "shavuot",
    "eid",
    "eid al-fitr",
    "eid al-adha",
    "eid ul-fitr",
    "eid ul-adha",
    "sallah",
    "sallah day",
    "small sallah",
    "big sallah",
    "hari raya",
    "lebaran",
    "bakrid",
    "nowruz",
    "norooz",
    "novruz",
    "yalda",
    # South Asian feasts
    "diwali",
    "divali",
    "deepavali",
    "holi",
    "sankranti",
    "makar sankranti",
    "sankranthi",
    "pongal",
    "onam",
    "vishu",
    "ugadi",
    "gudi padwa",
    "baisakhi",
    "vaisakhi",
    "lohri",
    "navratri",
    "dussehra",
    "durga puja",
    "raksha bandhan",
    "rakhi",
    "ganesh chaturthi",
    "karva chauth",
    "dashain",
    "tihar",
    "teej",
    "pohela boishakh",
    "vesak",
    "poya",
    # East and South-East Asian, African and Pacific feasts
    "cny",
    "chinese new year",
    "lunar new year",
    "spring festival",
    "mid-autumn festival",
    "mooncake festival",
    "qingming",
    "chuseok",
    "seollal",
    "tet",
    "tết",
    "songkran",
    "thingyan",
    "obon",
    "golden week",
    "naadam",
    "tsagaan sar",
    "timkat",
    "meskel",
    "enkutatash",
    "kwanzaa",
    "matariki",
)
# Short feasts that are also other words in lower case ("tet" of tetanus, "eid" in a code,
# "holi", "poya", "ligo", "teej", "nye"): a date only with their capital.
_CAPITAL_ONLY = frozenset(("tet", "eid", "holi", "poya", "ligo", "teej", "onam", "obon", "nye"))
# The feast names one day; a part of it or of its holiday is still that day.
_PARTS = r"(?:\s(?:long\s)?weekend|\s(?:night|eve|day|morning|evening|afternoon))?"
FEAST = re.compile(rf"\b{word_trie(_FEASTS)}\b(?![-'\u2019]\w){_PARTS}")
# What follows a feast's name when it is a thing, a place or a topic, not a day.
_NOT_A_DAY = re.compile(
    r"\s(?:island|islands|tree|trees|card|cards|cactus|lily|egg|eggs|pudding|cake|sweets|"
    r"candy|burns?|injur(?:y|ies)|fasting|is|are|was|were|traffic|costume|costumes|menu|"
    r"shopping|lights?|decorations?|season|period|rush|crowds?|toys?|jumper|market|holidays?|"
    r"break|cooking|preparations?|food|dinner|lunch|meal|feast|resolutions?)\b"
)
_PLACED = re.compile(
    r"(?:\b(?:on|at|over|before|after|to|since|during|for|until|till|by|around|from|last|this|"
    r"past|through|of|til)(?:\sthe)?(?:\s(?:first|second|last|whole|same|long))?"
    r"|[(])\s?$"
)
# "presented on Meskerem 12", "died Farvardin 3": another calendar's month written first.
OTHER_MONTH_FIRST = re.compile(rf"\b{_OTHER_MONTHS}\s(?:[1-9]|[12]\d|30)\b(?![.,:/]\d)")


_FIRST_WORDS = frozenset(normal(feast).split()[0] for feast in _FEASTS)
_OTHER_MONTH_WORDS = frozenset(
    """Tishrei Tishri Cheshvan Heshvan Marcheshvan Kislev Tevet Shevat Adar Nisan Iyar Sivan
    Tammuz Elul Muharram Safar Rabi Jumada Rajab Shaban Sha Shawwal Dhu Farvardin
    Ordibehesht Khordad Mordad Shahrivar Mehr Aban Azar Bahman Esfand Meskerem Tikimt Tikemet
    Hidar Hedar Tahsas Yekatit Megabit Miyazya Ginbot Genbot Sene Hamle Nehase
    Pagume""".lower().split()
)


def find_feast_days(text: str, low: str, found: list[Finding]) -> None:
    for head in _FIRST_WORDS & words_of(low):
        for start in places_of(low, head):
            m = FEAST.match(low, start)  # "king" of "king's day" finds the whole feast
            if not m:
                continue
            end = m.end()
            if head in _CAPITAL_ONLY and not text[start].isupper():
                continue
            if _NOT_A_DAY.match(low, end) or not _PLACED.search(low, max(start - 24, 0), start):
                continue
            _add(found, start, end, "DATE", text)
    for month in _OTHER_MONTH_WORDS & words_of(low):
        for start in places_of(low, month):
            if m := OTHER_MONTH_FIRST.match(text, start):
                _add(found, start, m.end(), "DATE", text)
