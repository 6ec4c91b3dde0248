"""Places named the way their own people write them: local units, address runs, numbered
estates, hospitals named town-last, and workplaces by their initials (round 23).

- a local unit of South Asia, South-East Asia and Africa after or before its name:
  "Rangabali upazila", "Kotli tehsil", "Bale woreda", "Kabupaten Bogor", "Barangay Malinta"
  (upazila, tehsil, taluk, mandal, woreda, kebele, barangay, kecamatan, kabupaten, amphoe,
  tambon, sub-county: no English word, so the unit's name is a place);
- the rest of an address run after a place found: "from Camp 15, Jamtoli, Ukhia." (words no
  list knows, each after a comma, up to the end of the clause);
- a numbered estate or settlement: "in Githurai 45." (a capitalised word no list knows, then a
  number and the clause's end);
- a hospital or clinic named town-last, as Malay, Indonesian and Spanish write them: "Hospital
  Kuala Krai", "Klinik Kesihatan Batu 9", "Rumah Sakit Cipto";
- a home of a charity with its town: "at Cheshire Home Enugu";
- a workplace by mixed-case initials after "at": "inner tubes at CoRSU.";
- a hospital typed in lower case after a department: "the ER at imam khomeini on a friday";
- a town typed in lower case after an institution: "the institute in bangkok".

Kept quiet: "the European Union", "in Ward 45", "in Phase 3", a word of care or an ordinary
word after "Hospital" ("Hospital Episode Statistics"), a state after an address run ("Hamilton,
Ontario"), a medicine after a comma ("from Camp 4, Amoxicillin started"), "at SpO2 of 88", "at
BiPAP settings", "the ER at night", "the hospital in march". Each rule looks its cue word up
in the text's word set first.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import EPONYMS, medical_word
from cases.deidentify.medicine_names import _drug_word as drug_word
from cases.deidentify.word_set import places_of, words_of

_CAP: Final = r"[A-Z][a-zà-ÿ'\u2019-]{2,20}"
_UNITS: Final = frozenset(
    """upazila upazilla tehsil tahsil taluk taluka mandal woreda kebele barangay kecamatan
    kabupaten kelurahan amphoe tambon sub-county subcounty zila zilla""".split()
)
_UNIT_AFTER: Final = re.compile(rf"(?P<place>{_CAP}(?:\s{_CAP}){{0,2}})\s$")
_UNIT_BEFORE: Final = re.compile(rf"\s(?P<place>{_CAP}(?:\s{_CAP}){{0,2}})")
_RUN: Final = re.compile(rf",\s(?P<place>{_CAP}(?:\s{_CAP})?)(?=[.;:!?\n]|,\s|$)")
_NUMBERED: Final = re.compile(rf"(?P<place>{_CAP}\s\d{{1,3}})(?=[.,;:!?\n]|\s(?:and|with)\s|$)")
_HOSPITAL_FIRST: Final = re.compile(
    rf"(?:Hospital|Klinik|Rumah\sSakit|Puskesmas|Hospital\sUniversiti)(?:\s(?:Kesihatan|Daerah|"
    rf"Umum))?(?P<town>(?:\s{_CAP}){{1,3}})(?:\s\d{{1,2}})?"
)
_HOME: Final = re.compile(rf"(?P<place>{_CAP}\sHomes?\s{_CAP})")
_INITIALS: Final = re.compile(r"at\s(?P<place>[A-Z][a-z][A-Z]{2,5}[a-z]?)(?=[.,;:)!?\s]|$)")
# Mixed-case initials of the lab and the ventilator: "HbSS", "BiPAP", "PaCO2", "SpO2".
_CHEMISTRY: Final = frozenset("Hb Ig Pa Sp Fi Et Sc Sv Na Ca Mg Bi Ki Ng Ct".split())
_DEPARTMENTS: Final = frozenset("er ed icu opd emergency casualty ward".split())
_LOWER_PLACE: Final = re.compile(
    r"(?i:er|ed|icu|opd|emergency|casualty|ward)\sat\s(?P<place>[a-z]{3,14}(?:\s[a-z]{3,14}){0,2})"
    r"(?=\s(?:on|in|at|is|was|for|last|this|yesterday|today|tonight)\b|[.,;:!?\n]|$)"
)
_INSTITUTIONS: Final = frozenset(
    "institute hospital clinic university centre center college".split()
)
_LOWER_TOWN: Final = re.compile(
    r"(?:institute|hospital|clinic|university|centre|center|college)\sin\s(?P<town>[a-z]{4,14})"
    r"(?=[.,;:!?\n]|\s(?:and|but|so|who|which|where|for|she|he|they)\b|$)"
)
_NOT_TOWNS: Final = frozenset(
    """january february march april may june july august september october november december
    general charge practice time private public person training total future""".split()
)


def find_local_places(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()

    def unknown(place: str) -> bool:
        """Capitalised words none of which is an ordinary, medical or drug word."""
        if place.lower() in lex.large_places:
            return False  # a state or a country: Safe Harbor keeps them
        for word in place.lower().split():
            if (
                word in lex.common_words
                or word in EPONYMS
                or medical_word(word)
                or drug_word(word)
                or (word in lex.first_names and word not in lex.towns)
            ):
                return False
        return True

    def add(m: re.Match, group: str = "place") -> None:
        _add(found, m.start(group), m.end(group), "GEO", text)

    for unit in _UNITS & words:
        for at in places_of(low, unit):
            m = _UNIT_AFTER.search(text, max(at - 50, 0), at)
            if m and unknown(m.group("place")):
                _add(found, m.start("place"), at + len(unit), "GEO", text)
            m = _UNIT_BEFORE.match(text, at + len(unit)) if text[at].isupper() else None
            if m and unknown(m.group("place")):
                _add(found, at, m.end("place"), "GEO", text)
    if ", " in text:
        for f in [f for f in found if f.kind == "GEO"]:
            end = f.end
            while m := _RUN.match(text, end):
                if not unknown(m.group("place")):
                    break
                add(m)
                end = m.end()
    for prep in (" in ", " at ") if any(c.isdigit() for c in text) else ():
        for at in places_of(text, prep[1:]):
            m = _NUMBERED.match(text, at + len(prep) - 1)
            if m and unknown(m.group("place").rsplit(" ", 1)[0]):
                add(m)
    for cue in ("Hospital", "Klinik", "Rumah", "Puskesmas"):
        for at in places_of(text, cue) if cue.lower() in words else ():
            m = _HOSPITAL_FIRST.match(text, at)
            town = m.group("town").lower().split() if m else ()
            if (
                town
                and not any(medical_word(w) for w in town)
                and any(_unlisted(w, lex) or w in lex.towns for w in town)
            ):
                assert m is not None  # the town is read only from a match
                _add(found, at, m.end(), "GEO", text)
    if "home" in words or "homes" in words:
        for at in places_of(text, "Home"):
            m = _HOME.search(text, max(at - 22, 0), at + 28)
            last = m.group("place").split()[-1] if m else ""
            if m and (unknown(last) or last.lower() in lex.towns):
                add(m)
    if "at" in words:
        for at in places_of(text, "at "):
            m = _INITIALS.match(text, at)
            if m and m.group("place")[:2] not in _CHEMISTRY:
                add(m)
    for dept in _DEPARTMENTS & words if "at" in words else ():
        for at in places_of(low, dept):
            m = _LOWER_PLACE.match(text, at)
            if m and any(_unlisted(w, lex) for w in m.group("place").split()):
                add(m)
    for inst in _INSTITUTIONS & words if "in" in words else ():
        for at in places_of(low, inst):
            m = _LOWER_TOWN.match(text, at)
            town = m.group("town") if m else ""
            if m and town in lex.towns and town not in _NOT_TOWNS:
                add(m, "town")


def _unlisted(word: str, lex) -> bool:
    return (
        len(word) >= 4
        and word not in lex.common_words
        and not medical_word(word)
        and not drug_word(word)
        and word not in EPONYMS
    )
