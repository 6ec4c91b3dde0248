"""Numbers known by the word that asks for them or by a label no list knows (round 18).

"quote eRef WB-77418-22", "quoting ref 4471/B", "member ID ..., group 0045612",
"Personnummer ending 48211", "card ending in 4417", "Medi-Cal BIC 91174418G": a reference, a
group number, the end of a national number and a number with a check letter name one person
or one claim. The cues: "quote", "quoting", "ref", "reference", "claim", "ticket", "booking"
(with one label word between) before a token with four digits or more; "group" with five
digits or more in a text about insurance; "ending" (or "ending in") after a word of an
identifier; a short capital label before six or more digits and a check letter.

Look-alikes kept quiet: "quote the NEWS2 score", "group 2 recommendation", "ending 2019",
"ending in a dead end", "CD4 350".

Each cue word is looked up in the set of the text's words (``word_set``) and matched at its
places.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_REF_SHAPE: Final = r"(?P<id>[A-Za-z0-9](?:[A-Za-z0-9/-]{2,22})[A-Za-z0-9])"
QUOTED: Final = re.compile(
    rf"(?i:quote|quoting|ref|reference|claim|ticket|booking)\.?:?\s"
    rf"(?:(?:[A-Za-z]{{2,10}})\.?:?\s|(?:no|number|#)\.?:?\s)?{_REF_SHAPE}(?![\w/-])"
)
GROUP: Final = re.compile(r"group\s(?:no\.?\s|number\s|#\s?)?(?P<id>\d{5,12})\b")
_INSURANCE: Final = ("member", "insur", "policy", "plan", "payer", "medicaid", "medicare", "cover")
ENDING: Final = re.compile(r"ending\s(?:in\s|with\s)?(?P<id>\d{3,6})\b(?![.,]\d)")
_ID_WORDS: Final = re.compile(
    r"(?i:number|nummer|no\.?|id|card|account|acct|ssn|nhs|medicare|medicaid|personnummer|"
    r"kennitala|pesel|cpr|aadhaar|iban|passport|licen[cs]e|policy|member)\b"
)
# A short label in capitals before digits and a check letter: "BIC 91174418G", "PPS 7234567TA".
# The digits are found first (the engine skips to a digit), the label read before them.
CHECKED: Final = re.compile(r"\d(?<![\w/.-]\d)\d{5,11}[A-Z]{1,2}\b")
LABEL_BEFORE: Final = re.compile(r"(?<![\w-])[A-Z]{2,5}\s$")


_CUES: Final = frozenset(("quote", "quoting", "ref", "reference", "claim", "ticket", "booking"))


def find_id_refs(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for cue in _CUES & words:
        for at in places_of(low, cue):
            m = QUOTED.match(text, at)
            if m and sum(ch.isdigit() for ch in m.group("id")) >= 4:
                _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
    if "group" in words:
        for at in places_of(low, "group "):
            m = GROUP.match(low, at)
            if m and any(word in low[max(at - 120, 0) : at] for word in _INSURANCE):
                _add(found, m.start("id"), m.end("id"), "HEALTH_PLAN", text)
    if "ending" in words:
        for at in places_of(low, "ending "):
            m = ENDING.match(low, at)
            if m and _ID_WORDS.search(low, max(at - 40, 0), at):
                _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
    for m in CHECKED.finditer(text):
        label = LABEL_BEFORE.search(text, max(m.start() - 7, 0), m.start())
        if label:
            _add(found, m.start(), m.end(), "OTHER_ID", text)
