"""Fragments of national numbers: the last three or four digits said in words (round 15).

The last four digits of a social security, SIN or Aadhaar number, with the person's name or
clinic, are enough to match a record; notes say them loosely: "the last 4 of his social are
0973", "SIN ending in 312". ``sparse.py`` finds the label right before the digits; this pass
lets up to five small words sit between ("of his social are") and takes three digits when an
ID word comes right before "ending".

A masked number keeps its last digits ("Aadhaar XXXX XXXX 4471", "SSN ***-**-6621"): the
mask and the digits are one finding when an ID word stands just before.

Look-alikes kept quiet: "last 4 days", "ending in 2 weeks" (no ID word), a year ("ending
2019" stays with sparse.py's rule).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

_ID_WORD: Final = (
    r"ssn|social(?:\ssecurity)?|sin|aadhaa?r|nhi|chi|ppsn?|nric|fin|medicare|medicaid|card|"
    r"account|a/c|licen[cs]e|passport|national\sid|id|insurance|pan|tfn|nin|bsn|cpr|personnummer"
)
# "the last 4 of his social are 0973", "last four digits of the SSN: 4417"
LAST_DIGITS: Final = re.compile(
    r"last\s(?:four|4|three|3)(?:\sdigits|\snumbers)?"
    rf"(?P<words>(?:\s(?:of|his|her|their|the|its|is|are|were|was|number|no\.?|{_ID_WORD}))"
    r"{1,5})[:,]?\s(?:[x*#]{2,4}[\s-]?){0,3}(?P<no>\d{3,4})\b(?![\d/.,]\d)"
)
# "SIN ending in 312", "Aadhaar ends with 8832": the ID word right before "ending".
ENDING: Final = re.compile(
    r"end(?:ing|s)(?:\s(?:in|with))?:?\s(?:[x*#]{2,4}[\s-]?){0,3}(?P<no>\d{3,4})\b"
    r"(?![\d/.,]\d)"
)
ID_BEFORE_ENDING: Final = re.compile(rf"\b(?:{_ID_WORD})(?:\s(?:number|no\.?|#))?\s$")
# "Aadhaar XXXX XXXX 4471", "SSN ***-**-6621": a masked number still shows its last digits.
MASKED: Final = re.compile(r"(?<![\w*#])(?:[Xx*#]{2,4}[\s-]){1,3}(?P<no>\d{3,4})\b(?![\d/.,]\d)")
_MASK_HINTS: Final = ("XX", "xx", "**", "##")
_ID_IN_WORDS: Final = re.compile(rf"\b(?:{_ID_WORD})\b")


def _id_word_near(low: str, m: re.Match) -> bool:
    """An ID word among the words before the digits, or in the 40 characters before."""
    words = _ID_IN_WORDS.search(m.group("words"))
    return bool(words or _ID_IN_WORDS.search(low, max(m.start() - 40, 0), m.start()))


def find_id_fragments(text: str, low: str, found: list[Finding]) -> None:
    at = low.find("last ")
    while at >= 0:
        m = LAST_DIGITS.match(low, at)
        at = low.find("last ", at + 5)
        if m and _id_word_near(low, m):
            _add(found, m.start("no"), m.end("no"), "OTHER_ID", text)
    done = 0
    for hint in _MASK_HINTS:
        at = text.find(hint)
        while at >= 0:
            # The mask starts at most two characters before its hint ("XXX-XX-", "***-**-").
            m = MASKED.search(text, max(at - 2, done), at + 40) if at >= done else None
            if m and _ID_IN_WORDS.search(low, max(m.start() - 30, 0), m.start()):
                _add(found, m.start(), m.end(), "OTHER_ID", text)
                done = m.end()
            at = text.find(hint, max(at + len(hint), done))
    for m in ENDING.finditer(low) if "ending" in low or "ends " in low else ():
        if ID_BEFORE_ENDING.search(low, max(m.start() - 24, 0), m.start()):
            _add(found, m.start("no"), m.end("no"), "OTHER_ID", text)
