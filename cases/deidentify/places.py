"""Addresses, institutions, counties and postcodes (towns in running text are in names.py)."""

from __future__ import annotations

import re

from cases.deidentify.cues import EPONYM_FOLLOWERS, NOT_PLACES
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.patterns import (
    ADDRESS,
    ADDRESS_LABEL,
    ADDRESS_MORE,
    ADDRESS_TAIL,
    COUNTY,
    FOREIGN_INSTITUTION,
    INSTITUTION,
    MONTH_NUMBER,
    NAMED_PLACE,
    NEAR_POSTCODE,
    NOT_ADDRESS,
    POSTCODE_FIRST,
    SAINT,
    STREET_FIRST,
    STREET_SUFFIXES,
    SUFFIX_STREET,
    UK_POSTCODE,
    US_ZIP,
    VENUE,
    ZIP_IN_STATE,
    ZIP_LABEL,
)

# A greeting before "Dr" (a title there, not a drive): "Dear Dr, I refer".
_NOT_AN_ADDRESS = re.compile(r"(?:Dear|Hi|Hello|Morning|Thanks|Thank|Cheers|Regards)\b")


def find_places(text: str, found: list[Finding]) -> None:
    for pattern in (ADDRESS, STREET_FIRST, SUFFIX_STREET):
        for m in pattern.finditer(text):
            if pattern is SUFFIX_STREET and not m.group("street").lower().endswith(STREET_SUFFIXES):
                continue
            if _NOT_AN_ADDRESS.match(m.group(0)) or text.endswith("et ", 0, m.start()):
                continue  # "Dear Dr, ...", "Smith et al. showed in 2019"
            tail = ADDRESS_TAIL.match(text, m.end())
            _add(found, m.start(), tail.end() if tail else m.end(), "GEO", text)
    for m in INSTITUTION.finditer(text):
        span = m.group(0)
        first = span.split()[0].lower()
        if first in {"the", "a", "an", "of", "and"}:
            offset = len(span.split()[0]) + 1
            _add(found, m.start() + offset, m.end(), "GEO", text)
        else:
            _add(found, m.start(), m.end(), "GEO", text)
    _find_venues(text, found)
    for m in ADDRESS_LABEL.finditer(text):
        _add(found, m.start("value"), m.end("value"), "GEO", text)
    for pattern in (SAINT, FOREIGN_INSTITUTION):
        for m in pattern.finditer(text):
            _add(found, m.start(), m.end() - (m.group(0)[-1] == " "), "GEO", text)
    for m in COUNTY.finditer(text):
        _add(found, m.start(), m.end(), "GEO", text)
    for m in ZIP_IN_STATE.finditer(text):
        _add(found, m.start("zip"), m.end("zip"), "ZIP", text)
    for m in ZIP_LABEL.finditer(text):
        _add(found, m.start("code"), m.end("code"), "ZIP", text)
    for m in US_ZIP.finditer(text):
        if "-" in m.group(0) and not m.group(0)[:2].isalpha():
            _add(found, m.start(), m.end(), "ZIP", text)
    for m in UK_POSTCODE.finditer(text):
        _add(found, m.start(), m.end(), "ZIP", text)
    # The rest of an address after its street: "778 Riley Estate, Kowhaihanga", and the lines
    # of an address block (at most four more).
    for f in [f for f in found if f.kind == "GEO"]:
        end = f.end
        # A street runs on for up to four parts; an institution only to its town.
        for _line in range(4 if any(ch.isdigit() for ch in f.text) else 1):
            m = ADDRESS_MORE.match(text, end)
            if not m or m.group("line").lower() in NOT_ADDRESS:
                break
            end = m.end("line")
        if end > f.end:
            _add(found, f.start, end, "GEO", text)
    # A postcode beside a place found above: "Otok N66 3YW", "Zabrze (74766)", "2511 CV Den Haag".
    for f in [f for f in found if f.kind == "GEO"]:
        if m := NEAR_POSTCODE.match(text, f.end):
            _add(found, m.start("code"), m.end("code"), "ZIP", text)
    for m in POSTCODE_FIRST.finditer(text):
        place = m.group("place").lower()
        year = re.fullmatch(r"(?:19|20)\d{2}", m.group("code"))
        if place not in lexicon().common_words and place not in MONTH_NUMBER and not year:
            _add(found, m.start(), m.end(), "GEO", text)


# Sentence words that are capitalised but start no venue's name ("Her school", "The farm").
_NOT_VENUE_START = frozenset(
    "the a an her his their our my its this that at in on to and of she he they we".split()
)


def _find_venues(text: str, found: list[Finding]) -> None:
    """Named pubs, schools, churches, farms, hotels where something happened."""
    for m in VENUE.finditer(text):
        words = m.group("name").split()
        while words and words[0].lower() in _NOT_VENUE_START:
            words = words[1:]
        if not words or words[-1].lower() in EPONYM_FOLLOWERS:
            continue
        start = m.end("name") - len(" ".join(words))
        _add(found, start, m.end(), "GEO", text)
    for m in NAMED_PLACE.finditer(text):
        words = [
            w.lower().removesuffix("'s").removesuffix("\u2019s") for w in m.group("name").split()
        ]
        # "at the Emergency Department", "in front of the Glasgow Coma Scale": not a venue.
        if any(w in NOT_PLACES or w in EPONYM_FOLLOWERS or w in _DEPARTMENT_WORDS for w in words):
            continue
        if m.group("name").lower() in lexicon().large_places:
            continue
        _add(found, m.start("name"), m.end("name"), "GEO", text)


_DEPARTMENT_WORDS = frozenset(
    """
    department emergency medicine surgery ward unit team service services clinic centre center
    trust board royal college society association institute national world health british
    european american guidelines christmas easter new year weekend mdt grand round rounds
    """.split()
)
