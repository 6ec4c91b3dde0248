"""Names in a reply's references and a letter's signature, and firms named in apposition
(round 20).

- a member of the thread by the possessive of what they wrote ("Okonkwo's point about the
  assay", "Haddad's question is fair"): a capitalised word no list of ordinary words holds;
- a letter signed by an initial and a surname before a credential ("J. Arsenault, RN",
  "K. Osei, MO");
- a firm after the word for it and a comma ("the family roofing business, Hart Bros
  Roofing,", "the agency that employs him, Gulf Star Manpower,");
- a firm by initials a patient has worked for for years ("cut cane for SRC for thirty
  years", "worked for ESB for 20 years").

Kept quiet: ward words written in lower case that the name pass reads as a name ("the
registrar rota", "nil by mouth").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.word_set import places_of, words_of

_WROTE: Final = frozenset(
    """point points question questions comment comments reply replies post posts suggestion
    idea advice answer case experience approach""".split()
)
_POSSESSIVE: Final = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][a-z]{2,20}(?:-[A-Z][a-z]{2,20})?)['\u2019]s\s"
    r"(?:(?:earlier|excellent|good|fair|last|first|original|great)\s)?"
    r"(?:point|points|question|questions|comment|comments|reply|replies|post|posts|"
    r"suggestion|idea|advice|answer|experience|approach)\b"
)
_CREDENTIALS: Final = frozenset(
    """NP RN RM MD MO GP PA DO MBBS FRCP FRCS FRCEM FACEM FRACP MRCP MRCGP CCN CNS ANP DNP
    PhD BSN MSN""".split()
)
_SIGNED: Final = re.compile(
    r"(?<![\w.])(?P<name>[A-Z]\.\s?[A-Z][a-z'\u2019-]{2,20}),\s(?:NP|RN|RM|MD|MO|GP|PA|DO|MBBS|"
    r"FRCP|FRCS|FRCEM|FACEM|FRACP|MRCP|MRCGP|CCN|CNS|ANP|DNP|PhD|BSN|MSN)\b"
)
# Every _SIGNED match ends on this: found from its comma, a literal the engine skips to.
_SIGNED_GATE: Final = re.compile(
    r",\s(?:NP|RN|RM|MD|MO|GP|PA|DO|MBBS|FRCP|FRCS|FRCEM|FACEM|FRACP|MRCP|MRCGP|CCN|CNS|ANP|DNP|"
    r"PhD|BSN|MSN)\b"
)
_FIRM_WORDS: Final = frozenset(("business", "agency", "company", "firm", "employer", "contractor"))
_FIRM_AFTER: Final = re.compile(
    r"(?:business|agency|company|firm|employer|contractor)(?:\s(?:that|which|who)\s[a-z]{3,12}"
    r"\s(?:him|her|them))?,\s(?P<firm>(?:[A-Z][\w&'-]{1,20}\s){0,3}[A-Z][\w&'-]{1,20}),"
)
_YEARS_FOR: Final = re.compile(
    r"for (?P<firm>[A-Z]{2,6})\sfor\s(?:\d{1,2}|[a-z]{3,12})(?:\s[a-z]{3,6})?\s(?:years|yrs)"
)
_LOWER_WARD: Final = frozenset(
    """rota nil stat prn nocte mane bd tds qds od obs sats bleep locum handover oncall
    nbm npo tto tta""".split()
)


def find_signatures_and_firms(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()
    if _WROTE & words and ("'s" in text or "\u2019s" in text):
        for word in _WROTE & words:
            for at in places_of(low, word):
                if low[at - 3 : at - 1] not in ("'s", "\u2019s") and low[at - 2 : at] != "s ":
                    continue  # no possessive just before
                m = _POSSESSIVE.search(text, max(at - 40, 0), at + len(word) + 1)
                if m and m.end() == at + len(word):
                    name = m.group("name")
                    if name.lower() not in lex.common_words:
                        _add(found, m.start("name"), m.end("name"), "NAME", text)
    # the credential as written, in capitals, after a comma
    if _CREDENTIALS & words_of(text) and _SIGNED_GATE.search(text):
        for m in _SIGNED.finditer(text):
            _add(found, m.start("name"), m.end("name"), "NAME", text)
    for word in _FIRM_WORDS & words:
        for at in places_of(low, word):
            m = _FIRM_AFTER.match(text, at)
            if m:
                _add(found, m.start("firm"), m.end("firm"), "EMPLOYER", text)
    if "years" in words or "yrs" in words:
        for m in _YEARS_FOR.finditer(text):  # opens on the literal "for ", found fast
            _add(found, m.start("firm"), m.end("firm"), "EMPLOYER", text)


def quiet_lower_ward_words(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.kind != "NAME" or f.text not in _LOWER_WARD]
