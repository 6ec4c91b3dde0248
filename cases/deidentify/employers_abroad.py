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

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

_CAP = r"[A-Z][\w&'\u2019.-]{1,24}"
_RUN = rf"{_CAP}(?:\s(?:{_CAP}|de|du|van|von|al|el|and|&)){{0,4}}"
LEGAL_FORM = re.compile(
    rf"\b(?P<run>{_RUN})\s(?:hf|ehf|A/S|ApS|Oy|Oyj|GmbH|SpA|S\.p\.A\.|SRL|S\.A\.|"
    r"Sdn\.? Bhd\.?|Bhd|Tbk|JSC|PJSC|OOO|Pvt\.? Ltd\.?|Kft|Zrt|sp\. z o\.o\.)"
    r"(?![\w/])"
)
_LEGAL_HINT = re.compile(
    r" (?:hf|ehf|A/S|ApS|Oyj?|GmbH|SpA|S\.|SRL|Sdn|Bhd|Tbk|P?JSC|OOO|Pvt|Kft|"
    r"Zrt|sp\.)\b"
)
TRADE = re.compile(
    rf"\b(?P<run>{_CAP}(?:\s{_CAP}){{0,3}})\s(?:Heavy Industries|Industries|Treks|Tours|"
    r"Expeditions|Holdings|Logistics|Shipping|Plantations|Textiles|Garments|Fisheries|"
    r"Breweries|Airways|Airlines|Motors|Mining|Cement|Steel|Foods)\b"
)
_TRADE_HINT = re.compile(
    r"Industries|Treks|Tours|Expeditions|Holdings|Logistics|Shipping|Plantations|Textiles|"
    r"Garments|Fisheries|Breweries|Airways|Airlines|Motors|Mining|Cement|Steel|Foods"
)
_JOB = (
    r"banker|professor|lecturer|engineer|teacher|driver|clerk|cashier|accountant|analyst|"
    r"manager|worker|employee|researcher|technician|cleaner|guard|chef|cook|pilot|mechanic|"
    r"labourer|laborer|secretary|consultant|developer|programmer|trader|miner|welder|"
    r"electrician|intern|trainee|scientist|porter|receptionist|supervisor|foreman|lawyer|"
    r"auditor|director|executive|officer|salesman|saleswoman|agent|architect|designer|"
    r"pharmacist|chemist|operator|assistant|janitor|nanny|housekeeper|steward|stewardess"
)
INITIALS_AT_JOB = re.compile(
    rf"\b(?i:{_JOB})s?\s(?:at|for|with|of)\s(?:the\s)?(?P<org>[A-Z][A-Z&]{{1,5}})\b(?![-/]\w)"
)
LABELLED = re.compile(
    r"\b(?:Employer|employer)[:\s]\s?(?P<org>[A-Z][\w&-]{1,30}(?:\s[A-Z][\w&-]{1,30}){0,3})"
)
# Initials of a ward, a unit or a service: where in the hospital, not who employs.
_UNITS = frozenset(
    "ICU ED ER OR OT GP OPD NICU PICU HDU CCU CICU MICU SICU AE ENT IT HR NHS MDT CT MRI".split()
)
_VERB = re.compile(
    r"\b(?i:guiding|working|driving|cleaning|cooking|nursing|teaching|flying|sailing|"
    r"labouring|laboring|trekking|portering|delivering|selling|consulting)\sfor\s"
    rf"(?P<org>{_CAP}(?:\s{_CAP}){{1,3}})"
)


def find_employers_abroad(text: str, found: list[Finding]) -> None:
    if _LEGAL_HINT.search(text):
        for m in LEGAL_FORM.finditer(text):
            _add(found, m.start(), m.end(), "EMPLOYER", text)
    if _TRADE_HINT.search(text):
        for m in TRADE.finditer(text):
            _add(found, m.start(), m.end(), "EMPLOYER", text)
    if " at " in text or " for " in text or " with " in text:
        for m in INITIALS_AT_JOB.finditer(text):
            if m.group("org").replace("&", "") not in _UNITS:
                _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
        for m in _VERB.finditer(text) if "ing for " in text else ():
            _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
    for m in LABELLED.finditer(text) if "mployer" in text else ():
        _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
