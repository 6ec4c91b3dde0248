"""A person's one role at a small community's place, said with a pronoun (round 24).

"She's the lollipop lady outside the village school", "He is the caretaker at the local
primary", "he was the lifeguard at the town pool": where the place is a village's or a
town's one school, pool, pub or shop, everyone there knows who holds the role.

Kept quiet: "She's the patient in bed 4", "he is the registrar at the local hospital" (a word
of care: many hold it), "she is the one at the village school" (no role), "the nurse at the
village clinic" with no pronoun before.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.medical_words import medical_word
from cases.deidentify.word_set import places_of

_CUES: Final = ("the village ", "the town", "the local ", "the island")

_ROLE: Final = re.compile(
    r"(?:[Ss]he|[Hh]e)(?:['\u2019]s|\sis|\swas)\s(?P<role>the\s(?P<words>(?:[a-z-]{2,15}\s){1,3})"
    r"(?:outside|at|of|in|on|for|behind)\sthe\s(?:village|town|local|town['\u2019]s|"
    r"village['\u2019]s|island['\u2019]s|island)\s(?P<place>school|primary|pool|pub|shop|"
    r"store|church|chapel|mosque|temple|bakery|post\soffice|garage|library|hall|market|"
    r"crossing|station|surgery|pharmacy|chemist|inn|bar|club|team|choir|band))\b"
)
# Words of care and of being a patient: "the patient in bed 4", "the registrar at the local".
_NOT_ROLES: Final = frozenset(
    """patient one person man woman boy girl child guy lady-in-waiting registrar nurse doctor
    consultant resident intern gp physician surgeon only first last new""".split()
)


def find_unique_local_roles(text: str, low: str, found: list[Finding]) -> None:
    seen: set[int] = set()
    for cue in _CUES:
        for at in places_of(low, cue) if cue in low else ():
            m = _ROLE.search(text, max(at - 70, 0), at + 40)
            if m and m.start() not in seen:
                seen.add(m.start())
                _role(m, text, found)


def _role(m: re.Match, text: str, found: list[Finding]) -> None:
    words = m.group("words").split()
    if not any(w in _NOT_ROLES or medical_word(w) for w in words):
        _add(found, m.start("role"), m.end("role"), "UNIQUE", text)
