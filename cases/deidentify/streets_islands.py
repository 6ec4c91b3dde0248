"""Places said by a cue the other passes do not read (round 17):

- a numbered street with its compass word ("West 86th Street", "E 14th St"): a block in a
  city grid, where the patient lives or works;
- an island, an oasis or a valley named after "the island of" ("on the island of Šolta"):
  small communities where one case is known to everyone.

Both are gated on a literal of their pattern.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

# The street word is found first (``str.find``), the ordinal before it, then the compass word.
NUMBERED_STREET: Final = re.compile(
    r"\d(?<!\d\d\d\d)\d{0,2}(?:st|nd|rd|th)\s"
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Place|Pl\.?|Drive|Dr\.?)(?!\w)"
)
_STREET_WORDS: Final = (" St", " Ave", " Road", " Rd", " Pl", " Dr")
_SUFFIXES: Final = frozenset(("st", "nd", "rd", "th"))
COMPASS_BEFORE: Final = re.compile(r"\b(?:West|East|North|South|W\.?|E\.?|N\.?|S\.?)\s$")
_KINDS_OF: Final = ("sland of", "sle of", "slet of", "toll of", "asis of", "alley of", "amlet of",
             "ommune of", "unicipality of")  # fmt: skip
ISLAND_OF: Final = re.compile(
    r"\b(?i:the\s(?:island|isle|islet|atoll|oasis|valley|hamlet|commune|municipality)\sof)\s"
    r"(?P<place>[A-Z\u00c0-\u017d][\w'\u2019-]{2,24}(?:\s[A-Z][\w'\u2019-]{2,24})?)"
)


def _numbered_street(text: str, found: list[Finding], i: int) -> None:
    m = NUMBERED_STREET.search(text, max(i - 5, 0), i + 9)
    compass = COMPASS_BEFORE.search(text, max(m.start() - 7, 0), m.start()) if m else None
    if compass:
        assert m is not None  # a compass word is only looked for before a street
        _add(found, compass.start(), m.end(), "GEO", text)


def find_streets_islands(text: str, found: list[Finding]) -> None:
    for word in _STREET_WORDS:
        i = text.find(word)
        while i >= 0:
            # "86th St": an ordinal just before the street word; the number read from there.
            if i > 3 and text[i - 2 : i] in _SUFFIXES and text[i - 3].isdigit():
                _numbered_street(text, found, i)
            i = text.find(word, i + 1)
    for m in ISLAND_OF.finditer(text) if any(k in text for k in _KINDS_OF) else ():
        _add(found, m.start("place"), m.end("place"), "GEO", text)
