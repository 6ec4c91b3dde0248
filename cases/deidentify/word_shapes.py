"""Shapes of capitalised words that say what a run is without a list of its names: a grade
after a scale's name ("Gartland III"), an agency or a brand written as one word
("SafeWork"), a village named with ordinary words ("Nether Wallop"). names.py asks them.
"""

from __future__ import annotations

import re

from cases.deidentify.cues import (
    CALENDAR,
    EPONYM_FOLLOWERS,
    NOT_PLACES,
    SECTION_WORDS,
    SERVICE_WORDS,
    TITLES,
)
from cases.deidentify.lexicon import lexicon

# A grade in Roman numerals after a lone surname names a scale or a classification:
# "Gartland III", "Killip IV", "Le Fort II", "Salter-Harris type II".
ROMAN_AFTER = re.compile(
    r"(?:['\u2019]s)?\s(?:(?:type|class|grade|stage)\s)?(?:I{1,3}|IV|VI{0,3}|IX)[a-dA-D]?\b"
    r"(?![.'\u2019-])"
)

# A grade written as one capitalised word, which joins the run of the name before it: "IIb".
ROMAN_WORD = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX)[a-d]")


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
ORGANISATION_WORDS = frozenset(
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
