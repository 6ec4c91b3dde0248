"""Places named by their kind's word where no list knows the rest (round 24).

- a headland: "at Cape Otway", "off Cabo Polonio" (the word after "Cape" is often an ordinary
  word: "Cape Tribulation", "Cape Grim");
- a hospital by its initials: "then to KRCH Hospital", "TUTH Infirmary" (not a clinical
  initialism: "the ICU Hospital" is no name);
- a place of worship by its own language's word: "at Masjid Al-Falah", "Gurdwara Singh Sabha",
  "Igreja Matriz", "Mandir Shri Ram";
- a house of birth or health by its French, Portuguese or Italian head: "Maison de naissance
  Sainte-Foy", "Casa de Saúde Santa Rita", "Santa Casa de Itu";
- a hospital called by "the" and one capitalised ordinary word, before when: "at the Coombe
  last night", "to the Mater yesterday" (the capital in mid-sentence makes it a name).

Kept quiet: "Cape Verde" (a country), "the Cape Triage Score" (a tool), "Western Cape" (a
region before the word), "the TB Hospital", "at the Clinic yesterday", "at the Christmas party
last night", "in the ICU today".
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.cues import CALENDAR, SERVICE_WORDS, UPPER
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import medical_word
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS
from cases.deidentify.word_set import places_of, words_of

_NAME: Final = rf"[{UPPER}][\w'\u2019]{{1,20}}(?:-[\w'\u2019]{{1,12}}){{0,3}}"
_CAPE: Final = re.compile(rf"(?:Cape|Cabo)\s(?P<name>{_NAME})(?:\s(?P<more>{_NAME}))?")
# A tool named after a cape: "the Cape Triage Score".
_TOOL_AFTER: Final = re.compile(
    r"\s(?:[A-Z]\w+\s)?(?:Score|Scale|Criteria|Rule|Tool|Protocol|Classification|Index)\b"
)
_INITIAL_HOSPITAL: Final = re.compile(r"(?<![\w-])(?P<place>[A-Z]{2,6}\s(?:Hospital|Infirmary))\b")
_WORSHIP: Final = re.compile(
    rf"(?:Masjid|Masjed|Mesjid|Jamia|Gurdwara|Mandir|Kovil|Igreja|Iglesia|Parroquia|Sinagoga)"
    rf"\s(?:(?:[Aa]l|[Ee]l|[Dd]e|[Dd]a|[Dd]o|Sri|Shri|Sant|San|Santa|Nossa)[\s-])?{_NAME}"
    rf"(?:\s{_NAME})?"
)
_WORSHIP_WORDS: Final = frozenset(
    "masjid masjed mesjid jamia gurdwara mandir kovil igreja iglesia parroquia sinagoga".split()
)
_HOUSE: Final = re.compile(
    rf"(?:Maison\sde\s(?:naissance|santé|sante)|Casa\sde\sSa[úu]de|Santa\sCasa\sde|"
    rf"Centre\sde\ssant[ée]|Casa\sdi\scura|Posto\sde\sSa[úu]de)\s(?:(?:de|du|des|da|do|di)\s)?"
    rf"{_NAME}(?:\s{_NAME})?"
)
_THE_PLACE: Final = re.compile(
    r"the\s(?P<place>[A-Z][a-z]{3,15})(?=\s(?:last\s(?:night|week)|yesterday|"
    r"today|tonight|overnight|this\s(?:morning|afternoon|evening|week))\b)"
)
_PLACING: Final = (" at ", " to ", "from ", " in ")
# Generic nouns of an institution, capitalised by habit ("at the Clinic yesterday").
_GENERIC: Final = frozenset(
    """clinic hospital practice surgery unit ward department office centre center school home
    house hospice lab laboratory theatre theatres pharmacy station party meeting conference
    gym club church beach market airport weekend moment start end front back""".split()
)


def find_places_by_kind(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()
    for cue in ("Cape", "Cabo"):
        for at in places_of(text, cue) if cue.lower() in words else ():
            m = _CAPE.match(text, at)
            if not m or m.group(0).lower() in lex.large_places:
                continue
            end = m.end("name")
            if m.group("more") and m.group("more").lower() not in lex.common_words:
                end = m.end("more")
            if not medical_word(m.group("name").lower()) and not _TOOL_AFTER.match(text, end):
                _add(found, at, end, "GEO", text)
    for cue in ("Hospital", "Infirmary"):
        for at in places_of(text, cue) if cue.lower() in words else ():
            m = _INITIAL_HOSPITAL.search(text, max(at - 8, 0), at + len(cue))
            if m and m.group("place").split()[0] not in CLINICAL_INITIALISMS:
                _add(found, m.start(), m.end(), "GEO", text)
    for word in _WORSHIP_WORDS & words:
        for at in places_of(text, word.capitalize()):
            if m := _WORSHIP.match(text, at):
                _add(found, at, m.end(), "GEO", text)
    for cue in ("Maison", "Casa", "Centre", "Posto"):
        for at in places_of(text, cue) if cue.lower() in words else ():
            if m := _HOUSE.match(text, at):
                _add(found, at, m.end(), "GEO", text)
    if "the" in words and words & {"last", "yesterday", "today", "tonight", "overnight", "this"}:
        for at in places_of(text, "the "):
            before = text[max(at - 5, 0) : at]
            m = _THE_PLACE.match(text, at) if before.endswith(_PLACING) else None
            word = m.group("place").lower() if m else ""
            if (
                m
                and word not in _GENERIC
                and word not in CALENDAR
                and word not in SERVICE_WORDS
                and not medical_word(word)
            ):
                _add(found, m.start("place"), m.end("place"), "GEO", text)
