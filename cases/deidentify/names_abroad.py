"""Names and places of people by where they sit in a post (round 22, lead_tune28).

Names:
- after a title of Spanish or Portuguese the core patterns miss ("Señora Guadalupe Ramírez
  Ochoa", "Señor Ortiz");
- a reply's "re X's ..." or "re big X" at the start of a post, in any case ("re huia's boy
  above", "re big sione —", "Re kiri's car birth");
- a lower-case signature before a trade in brackets ("tevita (physio, same ward)");
- a word opening a sentence before its age ("Paris, 9, bloody diarrhoea", "Jordan (17) is
  back"), after an age and sex ("15F Hope with SLE", "6yo River (NHI ...)"), before a
  relation in brackets ("Fa'amausili (dad) brought") or after a role in a club or a
  village ("the fishing club president Shorty has offered");
- a patronymic by its ending ("Nurlanovna", "Bolatuly").
Places:
- a person's place after "from", even where the word also names a disease ("24M from
  Bornholm (yes, really)", "58M from Saaremaa with fever", "from 'Uiha"), and "an actual X
  resident";
- a marae by its word ("at Ōmarumutu marae"), the island after a trade ("Nurse on
  Eleuthera.").

A word no list calls ordinary English, or a first name that is also a word ("Hope",
"River"); demonyms and languages are left alone.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, any_hint
from cases.deidentify.cues import PERSON_CUES, RELATION_CUES
from cases.deidentify.finding import Finding, add_if_new
from cases.deidentify.lexicon import lexicon
from cases.deidentify.named_kinds_lists import DEMONYMS, LANGUAGES
from cases.deidentify.trades_abroad_lists import REGIONS, TRADE_WORDS
from cases.deidentify.word_set import places_of, words_of

_CAP: Final = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'\u2019-]+"
_TITLED: Final = re.compile(
    rf"\b(?:Señora|Señor|Senhora|Senhor)\s({_CAP}(?:\s(?:de\s|del\s|da\s|dos\s)?{_CAP}){{0,3}})"
)
_REPLY: Final = re.compile(
    r"[Rr]e:?\s(?:big\s|little\s|baby\s)?([a-z][\w'\u2019-]{2,20})(?:'s|\u2019s)?\s"
)
_ROLE_IN_BRACKETS: Final = (
    r"\s\((?:physio|nurse|rn|gp|doctor|dr|reg|registrar|sister|midwife|pharmacist|ot|slt|hca|"
    r"intern|resident)\b"
)
# Found from its bracketed role first: the pattern opens on a choice with "^", which the regex
# engine tries at every character of the text; the role in brackets stands 4 to 17 characters
# after the start of every match.
_SIGNED: Final = ByKeyword(
    re.compile(rf"(?:^|[\s—-])([a-z][a-z'\u2019-]{{2,15}}){_ROLE_IN_BRACKETS}"),
    _ROLE_IN_BRACKETS,
    20,
    r"^|[\s—-]",
)
# Gates: every _SIGNED match holds its bracketed role, every _RELATION match its bracketed
# relative; each opens on the literal "(", which the regex engine skips to quickly.
_ROLE_GATE: Final = re.compile(_ROLE_IN_BRACKETS.removeprefix(r"\s"))
_RELATION_GATE: Final = re.compile(
    r"\((?:dad|mum|mom|mother|father|husband|wife|son|daughter|grandmother|grandfather|nana|"
    r"aunt|aunty|uncle|brother|sister)\)"
)
_AGE_MARK: Final = re.compile(r"[,(]\s?\d{1,3}[,)]")
_OPENING: Final = re.compile(rf"(?:^|[.!?]\s|\n)({_CAP})(?:,|\s\()$")
_AFTER_AGE: Final = re.compile(
    rf"\d{{1,3}}\s?(?:yo|y/o|[MF])\s({_CAP})\s(?:with|has|had|is|was|presented|\()"
)
# Every _AFTER_AGE match holds one, from the age's mark on: each opens on a literal.
_AFTER_AGE_HINTS: Final = tuple(
    re.compile(rf"{mark}\s{_CAP}\s(?:with|has|had|is|was|presented|\()")
    for mark in ("yo", "y/o", "M", "F")
)
_RELATION: Final = re.compile(
    rf"({_CAP})\s\((?:dad|mum|mom|mother|father|husband|wife|son|daughter|grandmother|"
    r"grandfather|nana|aunt|aunty|uncle|brother|sister)\)"
)
_ROLE: Final = re.compile(
    rf"\b(?:president|chairman|chairwoman|captain|coach|pastor|priest|imam|headman|"
    rf"secretary|treasurer|skipper)\s({_CAP})\s(?:has|had|is|was|will|said|says|offered)\b"
)
# A patronymic in quotes or after a given name ("Aigerim Nurlanovna"), not a score's author.
_PATRONYMIC: Final = re.compile(r"[A-Z][a-z]{2,15}(?:ovna|evna|ovich|evich|ovych|uly|kyzy|qyzy)\b")
_FROM: Final = re.compile(rf"\bfrom\s((?:['\u2018\u02bb])?{_CAP})(?=\s\(|\swith\b|\sbrought\b|,)")
_RESIDENT: Final = re.compile(rf"\b(?:an?|actual|the|local)\s({_CAP})\sresidents?\b")
_MARAE: Final = re.compile(rf"({_CAP})\smarae\b")
_TRADE_ON: Final = re.compile(rf"([\w'\u2019-]+)\son\s({_CAP})[.:]")
_ROLES: Final = frozenset(
    "president chairman chairwoman captain coach pastor priest imam headman secretary "
    "treasurer skipper".split()
)
_NOT_NAMES: Final = frozenset(
    """the a an this that these those our their his her my your its patient baby boy girl
    man woman lady gentleman male female child infant toddler teen type case post thread""".split()
)


def _personal(word: str, lex) -> bool:
    low = word.lower().strip("'\u2019")
    if low in _NOT_NAMES or low in PERSON_CUES or low in RELATION_CUES:
        return False
    if low in DEMONYMS or low in LANGUAGES or low in REGIONS:
        return False
    return low not in lex.common_words or low in lex.word_names or low in lex.first_names


def find_names_abroad(text: str, low: str, found: list[Finding]) -> None:
    lex = lexicon()
    words = words_of(low)
    if words & {"señora", "señor", "senhora", "senhor"}:
        for m in _TITLED.finditer(text):
            add_if_new(found, m.start(1), m.end(1), "NAME", text)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for at in starts:
        reply = _REPLY.match(text, at)
        if reply and _personal(reply.group(1), lex):
            add_if_new(found, reply.start(1), reply.end(1), "NAME", text)
        trade = _TRADE_ON.match(text, at)
        if (
            trade
            and trade.group(1).lower() in TRADE_WORDS
            and trade.group(2).lower() not in REGIONS
        ):
            add_if_new(found, trade.start(2), trade.end(2), "GEO", text)
    if " (" in text:
        for m in _SIGNED.finditer(text) if _ROLE_GATE.search(text) else ():
            if m.group(1) not in lex.common_words:
                add_if_new(found, m.start(1), m.end(1), "NAME", text)
        for m in _RELATION.finditer(text) if _RELATION_GATE.search(text) else ():
            if _personal(m.group(1), lex):
                add_if_new(found, m.start(1), m.end(1), "NAME", text)
    for mark in _AGE_MARK.finditer(text):
        opening = _OPENING.search(text, max(mark.start() - 30, 0), mark.start() + 1)
        if (
            opening
            and _personal(opening.group(1), lex)
            and opening.group(1).lower() not in TRADE_WORDS
        ):
            add_if_new(found, opening.start(1), opening.end(1), "NAME", text)
    for m in _AFTER_AGE.finditer(text) if any_hint(_AFTER_AGE_HINTS, text) else ():
        if _personal(m.group(1), lex) and not (m.start() and text[m.start() - 1].isalnum()):
            add_if_new(found, m.start(1), m.end(1), "NAME", text)
    if words & _ROLES:
        for m in _ROLE.finditer(text):
            if _personal(m.group(1), lex):
                add_if_new(found, m.start(1), m.end(1), "NAME", text)
    if any(end in low for end in ("ovna", "evna", "ovich", "evich", "ovych", "uly", "kyzy")):
        for m in _PATRONYMIC.finditer(text):
            before = text[max(m.start() - 16, 0) : m.start()].split()
            if text[m.start() - 1] in "\"'\u201c\u2018" or (before and before[-1][:1].isupper()):
                add_if_new(found, m.start(), m.end(), "NAME", text)
    if "from" in words:
        for at in places_of(low, "from "):
            origin = _FROM.match(text, at)
            place = origin.group(1) if origin else ""
            if (
                origin
                and not place.isupper()
                and _personal(place, lex)
                and place.lower() not in lex.large_places
            ):
                add_if_new(found, origin.start(1), origin.end(1), "GEO", text)
    if "resident" in words or "residents" in words:
        for m in _RESIDENT.finditer(text):
            add_if_new(found, m.start(1), m.end(1), "GEO", text)
    if "marae" in words:
        for m in _MARAE.finditer(text):
            add_if_new(found, m.start(), m.end(), "GEO", text)
