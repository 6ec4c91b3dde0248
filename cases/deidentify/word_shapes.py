"""Shapes of capitalised words that say what a run is without a list of its names: a grade
after a scale's name ("Gartland III"), an agency or a brand written as one word
("SafeWork"), a village named with ordinary words ("Nether Wallop"), a heading of a note
("Rheumatology:"). names.py asks them.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.cues import (
    CALENDAR,
    EPONYM_FOLLOWERS,
    NOT_PLACES,
    SECTION_WORDS,
    SERVICE_WORDS,
    TITLES,
    section_word,
)
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import heading_specialty

# A grade in Roman numerals after a lone surname names a scale or a classification:
# "Gartland III", "Killip IV", "Le Fort II", "Salter-Harris type II".
ROMAN_AFTER: Final = re.compile(
    r"(?:['\u2019]s)?\s(?:(?:type|class|grade|stage)\s)?"
    # "Gustilo IIIA.", "Killip IV." may end a sentence; a lone "I." is an initial
    r"(?:(?:I{2,3}|IV|VI{0,3}|IX)[a-dA-D]?\b(?!['\u2019-]|\.\w)|I[a-dA-D]?\b(?![.'\u2019-]))"
)

# A grade written as one capitalised word, which joins the run of the name before it: "IIb".
ROMAN_WORD: Final = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX)[a-d]")


def brand(word: str) -> bool:
    """ "SafeWork", "HealthDirect": two ordinary words written as one with a capital inside,
    the shape of an agency or a brand ("McGrath", "DeShawn" start on a short prefix)."""
    common = lexicon().common_words
    return any(
        word[i].isupper() and word[:i].lower() in common and word[i:].lower() in common
        for i in range(3, len(word) - 2)
    )


# Words that make capitalised ordinary words after "from" or "in" a service, a body or a
# school year rather than a village ("from Social Services", "in Year Two").
ORGANISATION_WORDS: Final = frozenset(
    """
    health care services service social mental public occupational general practice family
    community medicine medical trust board council department centre center team group
    society association institute foundation college university school year key reception
    form sixth court office home homes housing police fire ambulance army navy force prison
    probation church parish benefit benefits support welfare charity news press radio
    tv television channel media online internet web network
    """.split()
)


def village(words: list[str], flags: list[tuple[bool, bool, bool, bool]]) -> bool:
    """ "Upper Slaughter", "Nether Wallop": ordinary words capitalised as one place name; one
    at least no name either (so "from Grace Hope" stays a person)."""
    return (
        len(words) >= 2
        and all(f[2] for f in flags)
        and any(not (f[0] or f[1]) for f in flags)
        and not any(
            w.lower() in ORGANISATION_WORDS
            or w.lower() in SECTION_WORDS
            or w.lower() in NOT_PLACES
            or w.lower() in SERVICE_WORDS
            or w.lower() in EPONYM_FOLLOWERS
            or w.lower() in CALENDAR
            or w.lower().rstrip(".") in TITLES
            for w in words
        )
    )


# Words of clinical English in Australia, New Zealand, North America and South Asia that the
# word list lacks and the town list holds ("Ambo handover:", "the rego").
CLINICAL_SLANG: Final = frozenset(
    "ambo ambos rego arvo servo bub bubs obbo obbos resus consult sono echo tele tox".split()
)
# Island nations named by their main island, and the islands of federations: Safe Harbor
# allows them as it allows countries and states.
ISLAND_STATES: Final = frozenset(
    "trinidad tobago nevis zanzibar tahiti bali java sumatra borneo mindanao luzon visayas "
    "sicily sardinia corsica crete cyprus jersey guernsey".split()
)


# The end of a heading: a colon, perhaps after a time ("Board round 1400:", "Ward round 08:30:").
HEADING_END: Final = re.compile(r"(?:\s(?:[01]\d|2[0-3])[:.]?[0-5]\d(?:\s?h(?:rs)?)?)?\s?:")


def heading(text: str, start: int, end: int, flags: tuple[bool, bool, bool, bool]) -> bool:
    """ "Handover:", "Impression:", "Rheumatology:", "Peds:" opening a line: a heading of a
    note, not a person addressed (a known first name there, "Grace: stable", still reads as
    one; a specialty or section word never does)."""
    line_start = text.rfind("\n", 0, start) + 1
    word = text[start:end]
    return (
        bool(HEADING_END.match(text, end, end + 12))
        and not text[line_start:start].strip(" \t*_#>-")
        and (
            section_word(word)
            or heading_specialty(word)
            or (not flags[0] and not flags[1] and (flags[2] or two_words(word.lower())))
        )
    )


def two_words(word: str) -> bool:
    """ "handover", "bloodwork": two ordinary words written as one."""
    common = lexicon().common_words
    return any(word[:i] in common and word[i:] in common for i in range(3, len(word) - 2))
