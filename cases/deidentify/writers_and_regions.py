"""The writer's trade and country, languages, calendars, regions and named strains that the
name, place and employer passes take for identifiers (round 20).

- the trade of the writer heading a post ("Optometrist, Manitoba.", "Physio here") (the
  place after it may be the writer's town, an identifier: "GP, Tartu:" is kept);
- a country named as an employer or a person ("a nurse from Malawi", "a student from Fiji":
  a country is no employer, and it names nobody);
- a language after a verb of speaking ("she speaks Aymara only", "they speak Sandawe and
  some Swahili", "interprets from Tigrinya");
- a calendar or a system of numerals ("the Jalali one", "Roman numeral months");
- a serovar, serotype or strain ("serovar Pomona", "serotype Typhimurium");
- a region larger than any county or state: mountain ranges, seas and gulfs, historic lands
  and islands of many millions, after "the", "from", "in" or a compass word ("the northern
  Carpathians", "from East Java", "in Wallachia").

A word after a title or a relation stays a person.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import WordEndsWindow
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.word_set import words_of

_TRADES: Final = frozenset(
    """pharmacist paramedic dentist midwife nurse physio physiotherapist doctor student gp
    registrar consultant medic intern resident surgeon anaesthetist anesthetist optometrist
    podiatrist radiographer dietitian dietician chemist hca sonographer psychologist
    psychiatrist paediatrician pediatrician obstetrician emt ot slt therapist houseman
    clinician hospitalist internist nephrologist cardiologist oncologist""".split()
)
# The trade heading a post: "Dentist, Ghana.", "Nurse here,", "Student midwife, Tonga."
_HEAD_TRADE: Final = re.compile(
    r"(?:(?:student|staff|senior|junior|rural|community)\s)?([A-Za-z]{1,30})"
)
_SPEAK_BEFORE: Final = re.compile(
    r"\b(?i:speaks?|spoke|speaking|spoken|language\s(?:is|was)|interprets?(?:\sfrom)?|"
    r"interpreter|interpreting|translated\sfrom|only\sspeaks?|fluent\sin)"
    r"(?:\s(?:only|mainly|mostly|some|little|a\slittle|fluent|good|broken))?\s$"
)
_CALENDARS: Final = frozenset(
    "hijri jalali shamsi gregorian julian solar lunar ethiopian amharic bikram roman".split()
)
_CALENDAR_AFTER: Final = re.compile(r"\s(?i:calendar|numerals?|date|dates|one|year|months?)\b")
_STRAIN_BEFORE: Final = re.compile(
    r"\b(?i:serovars?|serotypes?|serogroups?|strains?|biovars?|var\.|subsp\.|sv\.|genotype)\s$"
)
# Regions larger than any county or state (lower case; several words joined by a space).
_REGIONS: Final = frozenset(
    """
    andes alps himalayas himalaya rockies appalachians carpathians urals pyrenees caucasus
    atlas pamirs hindu kush karakoram tian shan altai balkans baltics caribbean sahara
    kalahari namib gobi amazonia pantanal patagonia siberia arctic antarctic
    mediterranean levant maghreb sahel gulf persian gulf red sea great lakes prairies
    midwest deep south outback moldavia wallachia transylvania bohemia moravia silesia
    galicia anatolia thrace macedonia dalmatia istria flanders wallonia bavaria swabia
    saxony prussia catalonia andalusia castile aragon basque country lombardy tuscany
    sicily sardinia corsica brittany normandy provence java sumatra borneo sulawesi
    mindanao luzon visayas kalimantan papua new guinea melanesia micronesia polynesia
    kurdistan baluchistan kashmir bengal assam tibet xinjiang manchuria mongolia
    scandinavia lapland karelia highlands lowlands midlands home counties east anglia
    """.split()
) | frozenset(
    ("hindu kush", "tian shan", "persian gulf", "red sea", "great lakes", "deep south",
     "basque country", "new guinea", "papua new guinea", "east anglia", "home counties")
)  # fmt: skip
_COMPASS: Final = r"(?:the\s)?(?:(?i:north|south|east|west|central|upper|lower|northern|southern|eastern|western|far)(?:-?(?:east|west)(?:ern)?)?\s)?"  # noqa: E501
_REGION_BEFORE: Final = re.compile(rf"\b(?i:from|in|of|across|around|the|to)\s{_COMPASS}$")
_PERSON_BEFORE: Final = WordEndsWindow(
    "mr|mrs|ms|miss|dr|husband|wife|son|daughter|mother|father|mum|mom|dad|brother|"
    "sister|aunty|auntie|uncle|named|called"
)
_PLACE_BEFORE: Final = re.compile(r"\b(?i:from|in|to|of|across)\s(?:the\s)?$")


def _head_trade(text: str, f: Finding) -> bool:
    """The finding is the writer's trade heading the post, or the word after it."""
    head = text[max(f.start - 40, 0) : f.start]
    cut = max(head.rfind("."), head.rfind("\n"), head.rfind("!"), head.rfind("?"))
    lead = head[cut + 1 :].strip()
    if lead:
        return False
    m = _HEAD_TRADE.match(f.text)
    word = f.text.split()[-1].lower().strip(",.:")
    return bool(m) and word in _TRADES and text[f.end : f.end + 1] in ",: "


_SPEAK_WORDS: Final = frozenset(
    """speak speaks spoke speaking spoken language interprets interpret interpreter
    interpreting translated fluent""".split()
)
_STRAIN_WORDS: Final = frozenset(
    "serovar serovars serotype serotypes serogroup serogroups strain strains biovar biovars "
    "var subsp sv genotype".split()
)


def _not_identifier(text: str, f: Finding, lex, speak: bool, strain: bool) -> bool:
    low = f.text.lower().strip(",.;:")
    words = low.split()
    if not words:
        return False
    trade = words[-1] in _TRADES
    country = f.kind in ("EMPLOYER", "NAME") and low in lex.large_places and " " not in low
    calendar = words[0] in _CALENDARS and len(words) <= 2
    region = low in _REGIONS
    if not (trade or country or calendar or region or speak or strain):
        return False
    before = text[max(f.start - 40, 0) : f.start]
    if _PERSON_BEFORE.search(before[-14:]):
        return False
    if trade and _head_trade(text, f):
        return True
    if country and _PLACE_BEFORE.search(before):
        return True  # a country as an employer or a person: "a nurse from Malawi"
    if speak and _SPEAK_BEFORE.search(before):
        return True
    if calendar and (len(words) == 2 or _CALENDAR_AFTER.match(text, f.end)):
        return True
    if strain and _STRAIN_BEFORE.search(before[-16:]):
        return True
    return region and bool(_REGION_BEFORE.search(before))


def quiet_writers_and_regions(text: str, low: str, found: list[Finding]) -> list[Finding]:
    if not any(f.kind in PROPER_KINDS for f in found):
        return found
    lex = lexicon()
    words = words_of(low)
    speak, strain = bool(_SPEAK_WORDS & words), bool(_STRAIN_WORDS & words)
    return [
        f
        for f in found
        if f.kind not in PROPER_KINDS or not _not_identifier(text, f, lex, speak, strain)
    ]
