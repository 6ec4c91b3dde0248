"""Boats, aircraft and plates by the words around them (round 22, lead_tune28).

- a boat's name after a word for a boat ("his boat Marija II", "the mailboat Bahamas
  Daybreak III", "the provincial boat MV Lady Tavai", "the trawler TX 38");
- a fishing boat's port letters and number where the text speaks of fishing or boats ("on
  the UK 171");
- an aircraft's registration after a word of flying ("the RFDS King Air VH-NQB");
- a plate after "plate" with its emirate or region ("plate Dubai L 48217").

``vessels_islands`` reads ships by their prefix after "the", "on" or "aboard"; this pass
reads them by the word for the boat. Each opens on a word found in the text's word set.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding, add_if_new
from cases.deidentify.word_set import places_of, words_of

_BOATS: Final = frozenset(
    """boat mailboat ferry trawler vessel ship launch canoe yacht barge longliner schooner
    cutter tug catamaran dhow banca bangka panga seiner dinghy""".split()
)
_NAME: Final = (
    r"[A-Z][\w'\u2019-]{1,20}(?:\s(?:[A-Z][\w'\u2019-]{1,20}|[IVX]{1,4}\b|\d{1,4}\b)){0,3}"
)
_BOAT_NAME: Final = re.compile(
    r"\s(?:(?:called|named)\s)?(?:the\s)?(?:(?:MV|FV|MS|MY|SV|M/V|F/V)\s)?"
    rf"({_NAME}|[A-Z]{{1,3}}[ -]?\d{{1,4}}\b)"
)
_NOT_NAME: Final = frozenset(
    "I The A An He She They We It On In At To From With And But So".split()
)
_FISHING: Final = frozenset(
    "fisherman fishermen fishing trawler boat skipper vessel crew harbour".split()
)
_PORT_NUMBER: Final = re.compile(
    r"\b(?:on|aboard|off|skipper\sof|from)\sthe\s([A-Z]{1,3}\s\d{1,4})\b"
)
_FLYING: Final = frozenset(
    """aircraft plane helicopter chopper retrieval rfds flight flew flown air king pilatus
    cessna dash beechcraft""".split()
)
_REGISTRATION: Final = re.compile(r"\b(?:[A-Z]{1,2}|[A-Z]\d|\d[A-Z])-[A-Z]{3,4}\b")
_REGISTRATION_TAIL: Final = re.compile(r"-[A-Z]{3,4}\b")  # in every match; opens on a literal
_PLATE: Final = re.compile(
    r"\b(?:plate|plates|rego|registration)\s(?:(?:no\.?|number|is)\s)?"
    r"((?:[A-Z][a-z]+\s(?:[A-Z][a-z]+\s)?)?[A-Z]{1,3}\s?\d{2,6})\b"
)


def find_craft_and_vessels(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for boat in words & _BOATS:
        for at in places_of(low, boat):
            m = _BOAT_NAME.match(text, at + len(boat))
            if m and m.group(1).split()[0] not in _NOT_NAME:
                add_if_new(found, m.start(1), m.end(1), "VEHICLE", text)
    if words & _FISHING and "the" in words:
        for m in _PORT_NUMBER.finditer(text):
            add_if_new(found, m.start(1), m.end(1), "VEHICLE", text)
    if words & _FLYING and _REGISTRATION_TAIL.search(text):
        for m in _REGISTRATION.finditer(text):
            before = low[max(m.start() - 40, 0) : m.start()]
            if any(word in before for word in _FLYING):
                add_if_new(found, m.start(), m.end(), "VEHICLE", text)
    if "plate" in words or "plates" in words or "rego" in words or "registration" in words:
        for m in _PLATE.finditer(text):
            add_if_new(found, m.start(1), m.end(1), "VEHICLE", text)
