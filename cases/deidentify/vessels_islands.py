"""Places said by a vessel, an island or an Australian postcode (round 19).

- A ship by its prefix, where the patient works or was found: "oiler on the MV Ocean Pearl",
  "aboard FV Sea Harvest II", "the HMNZS X medic". Mitral valve words after "MV" ("MV
  repair", "MV Prolapse") and the prefixes that are also diseases ("MS", "MT") are no ships.
- An island by its name after a word of place: "the district hospital on Geomun Island",
  "flown from Tanna Island", "lives on Inis Oírr Isle".
- A postcode after an Australian state's initials: "Gundaroo NSW 2620", "Broome WA 6725".

Each looks its words up in the set of the text's words first (``word_set``).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_SHIP_PREFIXES: Final = ("mv", "fv", "hms", "hmas", "hmnzs", "hmcs", "uss", "rms", "mfv")
_SHIP: Final = re.compile(
    r"(?:M/V|MV|F/V|FV|HMS|HMAS|HMNZS|HMCS|USS|RMS|MFV)\s"
    r"(?!(?i:repair|replacement|prolapse|regurgitation|stenosis|annulus|leaflet|area|"
    r"gradient|disease|surgery|clip)\b)"
    r"[A-Z][\w'-]{1,20}(?:\s(?:[A-Z][\w'-]{1,20}|[IVX]{1,3}\b)){0,2}"
)
_SHIP_BEFORE: Final = re.compile(r"(?i:\b(?:the|on|aboard|onboard|off|from|to)\s)$")
_ISLAND_WORDS: Final = ("island", "isle", "atoll", "cay", "islet")
_ISLAND: Final = re.compile(
    r"(?:[A-Z][\w'\u02bb\u2019-]{1,20}\s){1,3}(?:Island|Isle|Atoll|Cay|Islet)\b(?!\s[A-Z])"
)
_ISLAND_BEFORE: Final = re.compile(r"\b(?:on|from|to|at|off|in|near)\s(?:the\s)?$")
_STATES: Final = ("nsw", "vic", "qld", "wa", "sa", "tas", "nt", "act")
_POSTCODE: Final = re.compile(r"(?:NSW|VIC|Vic|QLD|Qld|WA|SA|TAS|Tas|NT|ACT)\s(?P<code>[0-9]{4})\b")
# The word before a state's initials is a town (capitalised), not a lab or an acronym.
_TOWN_BEFORE: Final = re.compile(r"[a-z],?\s$")


def find_vessels_islands(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for prefix in words.intersection(_SHIP_PREFIXES):
        for at in places_of(low, prefix):
            m = _SHIP.match(text, at)
            if m and _SHIP_BEFORE.search(text, max(at - 8, 0), at):
                _add(found, m.start(), m.end(), "GEO", text)
    for word in words.intersection(_ISLAND_WORDS):
        for at in places_of(text, word.capitalize()):
            head = max(at - 70, 0)
            for m in _ISLAND.finditer(text, head, at + len(word)):
                before = _ISLAND_BEFORE.search(text, max(m.start() - 12, 0), m.start())
                if m.end() == at + len(word) and before:
                    _add(found, m.start(), m.end(), "GEO", text)
                    break
    for state in words.intersection(_STATES):
        for written in (state.upper(), state.capitalize()):
            for at in places_of(text, written):
                m = _POSTCODE.match(text, at)
                if m and _TOWN_BEFORE.search(text, max(at - 3, 0), at):
                    _add(found, m.start("code"), m.end("code"), "GEO", text)
