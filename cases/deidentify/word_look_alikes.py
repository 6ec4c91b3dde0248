"""Findings that are words of the note, not identifiers (round 18).

The name, place and fallback passes read these as people or places: a body cited for its
advice ("Cochrane says"), a contraction ("I've"), an ordinary lower-case word ("renal US shows
duplex left kidney"), a ward abbreviation ("adm 26 jan", "Max dose"), the label of a number
("Versichertennummer A123456780"), a vehicle of the place ("on a boda boda", "Okada rider"),
the noun of a local unit ("from ejido San Isidro": the name after it is the place), a virus
named after a place beside a word of infection ("Murray Valley encephalitis and Ross River"),
and an age that is a statistic ("median age 92"). This pass, after the others, drops them.

Each test reads the finding's own words and at most 80 characters around it.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.lexicon import lexicon

# Bodies and references cited for what they advise.
_CITED_BODIES: Final = frozenset(
    """cochrane uptodate medscape bnf lexicomp micromedex sanford who nice cdc sign idsa eular
    acr esc aha kdigo ada gina gold tintinalli harrison davidson oxford""".split()
)
_ADVISES_AFTER: Final = re.compile(
    r"\s(?:says|said|recommends|recommended|suggests|states|advises|review|reviews|found|"
    r"showed|guidance)\b"
)
_DOSE_AFTER: Final = re.compile(r"\s(?:dose|daily|rate|level|of|\d)")
_CONTRACTIONS: Final = re.compile(r"(?:I|We|You|They|He|She)['\u2019](?:ve|m|d|ll|re|s)")
# Ward abbreviations written in lower case in handover lines.
_ABBREVIATIONS: Final = frozenset(
    "adm disch dc hx pmh psh dhx shx obs ix mx rx tx dx fu f/u tmrw yday pt pts wt ht bd tds "
    "qds od prn nkda ivabx abx".split()
)
_ID_LABEL_END: Final = ("nummer", "number", "numero", "número", "nr", "kod", "kode")
_NUMBER_AFTER: Final = re.compile(r"\s?(?:[Nn]r\.?|[Nn]o\.?|:)?\s?[A-Z0-9]")
_VEHICLES: Final = frozenset(
    """boda boda-boda okada keke matatu jeepney trotro tro-tro bajaj tuk-tuk danfo chapa
    marshrutka colectivo habal-habal piki-piki pikipiki""".split()
)
_LOCAL_UNITS: Final = frozenset(
    """ejido municipio colonia barrio aldea vereda corregimiento kebele woreda mandal tehsil
    taluk taluka barangay sitio purok kampung desa kelurahan""".split()
)
_VIRUS_PLACES: Final = frozenset(
    "ross river|murray valley|barmah forest|west nile|rift valley|kyasanur forest".split("|")
)
_INFECTION: Final = re.compile(r"virus|fever|encephalitis|serolog|arbovir|infection|titre|titer")
_STATISTIC_BEFORE: Final = re.compile(r"(?i:median|mean|average|iqr|range)\s(?:age\s)?$")
_LOOKED_AT: Final = frozenset(("NAME", "GEO", "EMPLOYER", "AGE_OVER_89"))


def _word_look_alike(text: str, f: Finding) -> bool:
    if f.kind == "AGE_OVER_89":
        return bool(_STATISTIC_BEFORE.search(text, max(f.start - 16, 0), f.start)) or (
            f.text.lower().startswith("age ")
            and bool(_STATISTIC_BEFORE.search(text, max(f.start - 12, 0), f.start))
        )
    low = f.text.lower()
    words = low.split()
    if _CONTRACTIONS.fullmatch(f.text) or all(w in _VEHICLES for w in words):
        return True
    if low in _VIRUS_PLACES:
        return bool(_INFECTION.search(text))  # the post speaks of infection anywhere
    if len(words) != 1:
        return False
    word = words[0]
    if word in _LOCAL_UNITS or word in _ABBREVIATIONS:
        return True
    if word.endswith(_ID_LABEL_END):  # a label before its number, not a town ("Kozhikode")
        return word in _ID_LABEL_END or bool(_NUMBER_AFTER.match(text, f.end))
    if word in _CITED_BODIES and _ADVISES_AFTER.match(text, f.end):
        return True
    if word in ("max", "min") and _DOSE_AFTER.match(text, f.end):
        return True  # "Max dose 7 mg/kg"
    if f.text.islower() and f.kind == "NAME":
        lex = lexicon()
        return (
            word in lex.common_words and word not in lex.first_names and word not in lex.last_names
        )
    return False


# A finding is read further only when its own text could be one of them (in the cases the
# notes write them: "boda", "Boda", "BODA").
_QUICK: Final = frozenset(
    form
    for word in _CITED_BODIES | _ABBREVIATIONS | _VEHICLES | _LOCAL_UNITS | _VIRUS_PLACES
    for form in (word, word.capitalize(), word.title(), word.upper())
)
_QUICK_ENDS: Final = (*_ID_LABEL_END, "Boda", "boda", "Max", "Min")


def quiet_word_look_alikes(text: str, found: list[Finding]) -> list[Finding]:
    return [
        f
        for f in found
        if not (
            f.kind == "AGE_OVER_89"
            or (
                f.kind in _LOOKED_AT
                and (
                    f.text.islower()
                    or f.text in _QUICK
                    or f.text.endswith(_QUICK_ENDS)
                    or "'" in f.text
                    or "\u2019" in f.text
                )
            )
        )
        or not _word_look_alike(text, f)
    ]
