"""Employers written the way writers from other countries write them (round 17):

- a company by its legal form in another country's language ("Brim hf", "Kone Oyj",
  "Equinor ASA", "PT Semen Gresik Tbk"), or by a word of its trade after a capital run
  ("Mitsubishi Heavy Industries", "Himalayan Glacier Treks");
- initials after a job and "at" or "for" ("a banker at UBS", "his professor at LMU"): the
  firm or university where the patient works, the commonest way an employer is named in a
  post from a big city;
- the employer after its own label ("Employer SOTRA asks for a certificate").

Ward and unit initials ("a nurse at ICU") are places in the hospital, not employers. Each
pass is gated on a literal its pattern holds.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

_CAP: Final = r"[A-Z][\w&'\u2019.-]{1,24}"
# The legal form or the trade word is found first (a literal), the firm's capitalised words
# walked back from it.
LEGAL_FORM: Final = re.compile(
    r"(?:hf|ehf|A/S|ApS|Oy|Oyj|GmbH|SpA|S\.p\.A\.|SRL|S\.A\.|Sdn\.? Bhd\.?|Bhd|Tbk|JSC|PJSC|"
    r"OOO|Pvt\.? Ltd\.?|Kft|Zrt|sp\. z o\.o\.)(?![\w/])"
)
TRADE: Final = re.compile(
    r"(?:Heavy Industries|Industries|Treks|Tours|Expeditions|Holdings|Logistics|Shipping|"
    r"Plantations|Textiles|Garments|Fisheries|Breweries|Airways|Airlines|Motors|Mining|Cement|"
    r"Steel|Foods)\b"
)
# Both found in one scan after a space; the firm's words are then walked back from there.
FORM_OR_TRADE: Final = re.compile(
    r" (?=[A-Zehs])(?:hf|ehf|A/S|ApS|Oyj?|GmbH|SpA|S\.p\.A|SRL|S\.A\.|Sdn|Bhd|Tbk|P?JSC|OOO|"
    r"Pvt|Kft|Zrt|sp\. z|Heavy Industries|Industries|Treks|Tours|Expeditions|Holdings|"
    r"Logistics|Shipping|Plantations|Textiles|Garments|Fisheries|Breweries|Airways|Airlines|"
    r"Motors|Mining|Cement|Steel|Foods)(?![\w/])"
)
# Initials after "at", "for", "with" or "of" (a space the engine jumps to).
INITIALS_AFTER_LINK: Final = re.compile(
    r" (?:at|for|with|of) (?:the )?(?P<org>[A-Z][A-Z&]{1,5})\b(?![-/]\w)"
)
_JOB: Final = (
    r"banker|professor|lecturer|engineer|teacher|driver|clerk|cashier|accountant|analyst|"
    r"manager|worker|employee|researcher|technician|cleaner|guard|chef|cook|pilot|mechanic|"
    r"labourer|laborer|secretary|consultant|developer|programmer|trader|miner|welder|"
    r"electrician|intern|trainee|scientist|porter|receptionist|supervisor|foreman|lawyer|"
    r"auditor|director|executive|officer|salesman|saleswoman|agent|architect|designer|"
    r"pharmacist|chemist|operator|assistant|janitor|nanny|housekeeper|steward|stewardess"
)
JOB_BEFORE: Final = re.compile(rf"\b(?i:{_JOB})s?\s(?:at|for|with|of)\s(?:the\s)?$")
LABELLED: Final = re.compile(
    r"\b(?:Employer|employer)[:\s]\s?(?P<org>[A-Z][\w&-]{1,30}(?:\s[A-Z][\w&-]{1,30}){0,3})"
)
# Initials of a ward, a unit or a service: where in the hospital, not who employs.
_UNITS: Final = frozenset(
    "ICU ED ER OR OT GP OPD NICU PICU HDU CCU CICU MICU SICU AE ENT IT HR NHS MDT CT MRI".split()
)
# "guiding for X Y", "cleaning for X Y": the verb of a job before "for" and a firm of two or
# more capitalised words ("waiting for", "screening for" are not jobs).
_JOB_VERBS: Final = frozenset(
    """guiding working driving cleaning cooking nursing teaching flying sailing labouring
    laboring trekking portering delivering selling consulting""".split()
)
ORG_AFTER: Final = re.compile(rf"{_CAP}(?:\s{_CAP}){{1,3}}")


_JOINERS: Final = frozenset("de du van von al el and &".split())


def _run_start(text: str, i: int, most: int) -> int | None:
    """Where the run of capitalised words ending just before ``i`` starts (walked back word
    by word: cheaper than a pattern tried at every place of a window)."""
    start, words, pos = None, 0, i - 1
    while words < most and pos > 0:
        k = text.rfind(" ", max(pos - 26, 0), pos)
        word = text[k + 1 : pos]
        if len(word) > 1 and word[0].isupper() and word[-1].isalnum():
            start, words = k + 1, words + 1
        elif word not in _JOINERS or start is None:
            break
        if k < 0:
            break
        pos = k
    return start


def _firm(text: str, found: list[Finding], i: int) -> None:
    """The firm ending in a legal form or a trade word at ``i``: its capitalised words before."""
    for tail, most in ((LEGAL_FORM, 5), (TRADE, 4)):
        end = tail.match(text, i)
        start = _run_start(text, i, most) if end else None
        if start is not None:
            assert end is not None  # the run is looked for only before a matched tail
            _add(found, start, end.end(), "EMPLOYER", text)
            return


def find_employers_abroad(text: str, found: list[Finding]) -> None:
    for m in FORM_OR_TRADE.finditer(text):
        _firm(text, found, m.start() + 1)
    for m in INITIALS_AFTER_LINK.finditer(text):
        start = m.start("org")
        if m.group("org") not in _UNITS and JOB_BEFORE.search(text, max(start - 40, 0), start):
            _add(found, start, m.end("org"), "EMPLOYER", text)
    if "ing for " in text:
        i = text.find("ing for ")
        while i > 0:
            verb = text[text.rfind(" ", max(i - 12, 0), i) + 1 : i + 3].lower()
            if verb in _JOB_VERBS and (org := ORG_AFTER.match(text, i + 8)):
                _add(found, org.start(), org.end(), "EMPLOYER", text)
            i = text.find("ing for ", i + 1)
    for m in LABELLED.finditer(text) if "mployer" in text else ():
        _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
