"""Islands named after "on", postcode districts, lower-case towns and roads, and districts
by their kind (round 20).

- an island after "on" where the text speaks of islands, boats or crofts ("a croft on
  Scalpay", "born on Inis Oírr, ferry off", "from Satupa'itea on Upolu"): a capitalised word
  (or two) no list of ordinary words, months or weekdays holds;
- a postcode district after "in", "from" or a word of living ("cluster in EH12", "a
  flat in B15", "lives in M8"): two-letter UK areas after "in" or "from", one-letter areas
  only after a word of where someone lives;
- in lower-case texting, a known town after "off to", "back from", "moved to" ("off to
  lanzarote sat"), and a country road by number ("out on county rd 9", "off hwy 12");
- a district by its kind after its name ("Dzerzhinsky microdistrict", "Block 4 colonia").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import any_hint
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.word_set import places_of, words_of

_ISLAND_WORDS: Final = frozenset(
    """island islands isle isles islet atoll ferry ferries croft crofter crofting boat
    launch lagoon archipelago outer inter-island airstrip causeway harbour harbor""".split()
)
_ON_NAME: Final = re.compile(
    r"on\s(?P<name>[A-Z][a-zà-ÿ][\w'\u2019-]{1,19}(?:\s[A-Z][\w'\u2019-]{1,20})?)"
    r"(?![\w'\u2019-])"
)
# "from Falealupo on Savai'i": a village and its island.
_FROM_ON: Final = re.compile(r"from\s[A-Z][\w'\u2019-]{2,20}\s(?=on\s[A-Z][a-zà-ÿ])")
_NOT_ISLANDS: Final = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december christmas easter call
    arrival admission examination review day night""".split()
)
_POSTCODE: Final = re.compile(
    r"(?:in|from|at|near)\s(?P<code>(?:A[BL]|B[ABDHLNRST]|C[ABFHMOVW]|D[DEGHLNTY]|E[CHNX]|"
    r"F[KY]|G[LUY]|H[AGPRSUX]|I[GMPV]|JE|K[AWY]|L[ADELNSU]|M[EKL]|N[EGNPRW]|O[LX]|P[AHLOR]|"
    r"R[GHM]|S[AEGKLMNOPRSTWY]|T[DFNQRSW]|UB|W[ACDFNRSV]|YO|ZE)\d{1,2}[A-Z]?)\b(?!\s?\d[A-Z]{2})"
)
_LIVING_CODE: Final = re.compile(
    r"\b(?:lives|living|hostel|flat|address|postcode|moved|housed|b&b|estate)\b[^.;]{0,24}"
    r"\b(?:in|at)\s(?P<code>[BEGLMNSW]\d{1,2})\b(?!\s?\d[A-Z]{2})"
)
_OFF_TO: Final = re.compile(
    r"\b(?:off\sto|back\sfrom|moved\sto|holiday\sin|away\sin)\s(?P<town>[a-z]{4,20})\b"
)
_ROAD: Final = re.compile(
    r"\b(?:on|off|along|out\son|past|at)\s(?P<road>(?:county\s)?(?:rd|road|hwy|highway|route|"
    r"rte|fm|sr|cr)\s\d{1,4})\b"
)
# Every _ROAD match (in the lower-cased text) holds one: each opens on a literal, fast to find.
_ROAD_HINTS: Final = tuple(
    re.compile(rf"{word}\s\d")
    for word in ("r(?:d|oad|oute|te)", "h(?:wy|ighway)", "fm", "sr", "cr")
)
_DISTRICT: Final = re.compile(
    r"(?P<name>[A-Z][\w'-]{2,20}(?:-\d{1,2})?)\s(?i:microdistrict|mikrorayon|mikroraion|"
    r"micro-district|kvartal|colonia|barrio|sitio|purok|zone)\b"
)
_DISTRICT_WORDS: Final = frozenset(
    "microdistrict mikrorayon mikroraion micro-district kvartal colonia barrio sitio purok".split()
)


_CODE_SHAPE: Final = re.compile(r"[A-Z]{1,2}\d{1,2}[A-Z]?")
_CODE_BEFORE: Final = re.compile(r"\b(?:in|from|at|near)\s$")
_INWARD_AFTER: Final = re.compile(r"\s?\d[A-Z]{2}\b")
_ROAD_WORDS: Final = frozenset(("rd", "road", "hwy", "highway", "route", "rte"))
_OFF_CUES: Final = ("off to ", "back from ", "moved to ", "holiday in ", "away in ")


def find_islands_and_districts(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()
    islands = bool(_ISLAND_WORDS & words)
    if "on" in words and (islands or "from" in words):
        for at in places_of(text, "on"):
            if not islands and "from " not in low[max(at - 30, 0) : at]:
                continue
            m = _ON_NAME.match(text, at)
            if not m:
                continue
            from_on = _FROM_ON.search(text, max(at - 30, 0), at + 5)
            if not (islands or (from_on and from_on.end() == at)):
                continue
            first = m.group("name").split()[0].lower().strip("'\u2019")
            if first in lex.common_words or first in _NOT_ISLANDS or first in lex.large_places:
                continue
            _add(found, m.start("name"), m.end("name"), "GEO", text)
    if words & {"in", "from", "at", "near"}:
        _find_postcodes(text, words, found)
    if _ROAD_WORDS & words and any_hint(_ROAD_HINTS, low):
        for m in _ROAD.finditer(low):
            if text[m.start("road")].islower():
                _add(found, m.start("road"), m.end("road"), "GEO", text)
    for cue in _OFF_CUES if words & {"off", "back", "moved", "holiday", "away"} else ():
        for at in places_of(low, cue):
            m = _OFF_TO.match(text, at)
            town = m.group("town") if m else ""
            if town in lex.towns and town not in lex.common_words and town not in lex.first_names:
                assert m is not None  # the town is read only from a match
                _add(found, m.start("town"), m.end("town"), "GEO", text)
    if _DISTRICT_WORDS & words:
        for m in _DISTRICT.finditer(text):
            if m.group("name").lower() not in lex.common_words:
                _add(found, m.start("name"), m.end("name"), "GEO", text)


def _find_postcodes(text: str, words: frozenset[str], found: list[Finding]) -> None:
    """A postcode district after "in" or "from"; a one-letter area after a word of living."""
    for word in words_of(text) - words:
        if not (2 <= len(word) <= 4 and word[0].isupper() and _CODE_SHAPE.fullmatch(word)):
            continue
        for at in places_of(text, word):
            if _INWARD_AFTER.match(text, at + len(word)):
                continue  # a full postcode, found by the address patterns
            if not _CODE_BEFORE.search(text, max(at - 6, 0), at):
                continue
            area = _POSTCODE.match(text, at - 3) or _POSTCODE.match(text, at - 5)
            living = _LIVING_CODE.search(text, max(at - 50, 0), at + len(word))
            if area or (living and living.start("code") == at):
                _add(found, at, at + len(word), "GEO", text)
