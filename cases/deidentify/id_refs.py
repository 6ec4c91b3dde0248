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

Each cue is found by ``str.find`` in the lower-cased text and matched at its place.
"""

from __future__ import annotations

import re

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

_REF_SHAPE = r"(?P<id>[A-Za-z0-9](?:[A-Za-z0-9/-]{2,22})[A-Za-z0-9])"
QUOTED = re.compile(
    rf"(?i:quote|quoting|ref|reference|claim|ticket|booking)\.?:?\s"
    rf"(?:(?:[A-Za-z]{{2,10}})\.?:?\s|(?:no|number|#)\.?:?\s)?{_REF_SHAPE}(?![\w/-])"
)
GROUP = re.compile(r"group\s(?:no\.?\s|number\s|#\s?)?(?P<id>\d{5,12})\b")
_INSURANCE = ("member", "insur", "policy", "plan", "payer", "medicaid", "medicare", "cover")
ENDING = re.compile(r"ending\s(?:in\s|with\s)?(?P<id>\d{3,6})\b(?![.,]\d)")
_ID_WORDS = re.compile(
    r"(?i:number|nummer|no\.?|id|card|account|acct|ssn|nhs|medicare|medicaid|personnummer|"
    r"kennitala|pesel|cpr|aadhaar|iban|passport|licen[cs]e|policy|member)\b"
)
# A short label in capitals before digits and a check letter: "BIC 91174418G", "PPS 7234567TA".
CHECKED = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{1,4}\s(?P<id>\d{6,12}[A-Z]{1,2})\b")


def find_id_refs(text: str, low: str, found: list[Finding]) -> None:
    for cue in ("quot", "ref", "claim", "ticket", "booking"):
        at = low.find(cue)
        while at >= 0:
            if not at or not low[at - 1].isalpha():
                m = QUOTED.match(text, at)
                if m and sum(ch.isdigit() for ch in m.group("id")) >= 4:
                    _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
            at = low.find(cue, at + 1)
    at = low.find("group ")
    while at >= 0:
        m = GROUP.match(low, at)
        if m and any(word in low[max(at - 120, 0) : at] for word in _INSURANCE):
            _add(found, m.start("id"), m.end("id"), "HEALTH_PLAN", text)
        at = low.find("group ", at + 1)
    at = low.find("ending ")
    while at >= 0:
        m = ENDING.match(low, at)
        if m and _ID_WORDS.search(low, max(at - 40, 0), at):
            _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
        at = low.find("ending ", at + 1)
    for m in CHECKED.finditer(text):
        _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
