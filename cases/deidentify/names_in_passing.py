"""Names written in passing: in lower case in a ward list, after "sister of", after "the
record for" (round 19).

- A ward list names its patients by first name in lower case, with where they lie or a
  number of theirs: "also amina in bay 4 needs a G&S", "priya in side room 2, febrile",
  "tomas hb 71 post op". The word must be a known first name and no ordinary word ("patient
  in bay 2", "lady in bed 5" stay quiet).
- A relative named by the relation before "of": "twin brother of Nsubuga", "the daughter of
  Wairimu".
- A person named as the owner of a record: "the Medicaid record for Precious Okafor", "the
  chart of Faith Mwale" (a first name, even one that is a word, before a capitalised word).

Each looks its cue words up in the set of the text's words first (``word_set``).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.word_set import places_of, words_of

_SPOTS: Final = frozenset(("room", "bay", "bed", "cubicle", "pod", "cot", "side"))
# "<name> in side room 3", "<name> in bay 2", "<name> bed 4": the name, then where they lie.
_BEFORE_SPOT: Final = re.compile(
    r"(?:^|(?<=[\s,;:.(]))(?P<name>[a-z]{3,15})\s(?:in\s)?(?:side\s)?$"
)
_SPOT: Final = re.compile(r"(?:room|bay|bed|cubicle|pod|cot)\s?\d")
# "<name> hb 68", "<name> k 3.1", "<name> day 2 post op" at the head of a line or a list item.
_LAB_AFTER: Final = re.compile(
    r"\s?(?:also\s)?(?P<name>[a-z]{3,15})\s(?:hb|k|na|bp|hr|sats|crp|wcc|inr|pod|day)\s?\d"
)
_LAB_WORDS: Final = frozenset("hb k na bp hr sats crp wcc inr pod day".split())
_RELATION_OF: Final = re.compile(
    r"[a-z]{3,13}\sof\s(?P<name>[A-Z][a-z]{2,20})\b(?![-'\u2019]\w| [A-Z])"
)
_RELATIONS: Final = frozenset(
    """sister brother son daughter wife husband mother father niece nephew cousin widow
    grandson granddaughter""".split()
)
_RECORD_FOR: Final = re.compile(
    r"[a-z]{4,8}\s(?:for|of)\s"
    r"(?P<name>[A-Z][a-z]{2,15}\s[A-Z][\w'-]{1,20})"
)
_RECORDS: Final = frozenset("record records chart notes file referral claim account".split())


def find_names_in_passing(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()

    def a_first_name(word: str) -> bool:
        return word in lex.first_names and word not in lex.common_words

    if _SPOTS & words:
        for spot in ("room", "bay", "bed", "cubicle", "pod", "cot"):
            for at in places_of(text, spot):
                if not _SPOT.match(text, at):
                    continue
                m = _BEFORE_SPOT.search(text, max(at - 30, 0), at)
                if m and a_first_name(m.group("name")):
                    _add(found, m.start("name"), m.end("name"), "NAME", text)
    if _LAB_WORDS & words:
        for head in _heads(text):
            m = _LAB_AFTER.match(text, head)
            if m and a_first_name(m.group("name")):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
    if "of" in words:
        for relation in _RELATIONS & words:
            for at in places_of(low, relation):
                m = _RELATION_OF.match(text, at)
                name = m.group("name").lower() if m else ""
                if m and name not in lex.common_words and name not in lex.large_places:
                    _add(found, m.start("name"), m.end("name"), "NAME", text)
    for record in _RECORDS & words:
        for at in places_of(low, record):
            m = _RECORD_FOR.match(text, at)
            first = m.group("name").split()[0].lower() if m else ""
            if m and (first in lex.first_names or first in lex.word_names):
                _add(found, m.start("name"), m.end("name"), "NAME", text)


def _heads(text: str):
    """The start of the text, of each line and of each item after a semicolon."""
    yield 0
    for mark in "\n;":
        at = text.find(mark)
        while at >= 0:
            yield at + 1
            at = text.find(mark, at + 1)
