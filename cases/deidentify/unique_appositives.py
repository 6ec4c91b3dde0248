"""A description only one person fits, said of a person just named (round 18).

Writers place their patient in a small community by what only they are there: "Hamish, 79,
the piper who has played at every funeral in the glen", "Ayaan, 14, the tallest boy in the
district", "his brother is the pastor of the village church", "the keeper of the lighthouse on
the point", "the lollipop lady outside the village school for thirty years", "the senior law
woman for the community". Everyone there knows who that is. The description is an appositive
("Name, 79, the ...") or a predicate ("Name is the ...") right after a finding (a name, an
age, an ID); it counts when it holds a word of a small community (village, glen, township,
island, community, parish ...) and a mark of uniqueness: a superlative, "only", "last",
"first", "every", "everybody", a keeper or a local office, or a tenure ("for thirty years",
"since the sixties"). "The only hospital in the district" (no person before it), "the
registrar on call" and "the patient in bed 3" (no community word) stay quiet.

Candidates are found by ``str.find`` of ", the " and " is the "; each reads one clause of at
most 120 characters.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

_COMMUNITY: Final = re.compile(
    r"\b(?:(?:the|that|this|our|their|his|her)\s(?:[\w-]{1,15}\s)?(?:village|town|township|glen|"
    r"island|isle|district|community|parish|valley|hamlet|kampung|barangay|settlement|"
    r"reserve|reservation|mission|commune|suburb|estate|county|street|block|camp|tribe|clan|"
    r"congregation|church|mosque|temple|point|harbou?r|bay|neighbou?rhood|outstation|kraal|"
    r"homeland|municipality|borough|ward\s\d)|in\s(?:town|the\svillage))\b"
)
_UNIQUE_MARK: Final = re.compile(
    r"\b(?:only|sole|last|first|oldest|youngest|every|everybody|everyone|all\sthe|keeper|"
    r"pastor|priest|imam|headman|chief|elder|senior|head|leader|founder|owner|matriarch|"
    r"patriarch|[a-z]{3,12}est|best[- ]known|famous|one-\w+|"
    r"for\s(?:\w+\s){0,2}(?:years|decades)|since\s(?:the\s(?:sixties|seventies|fifties|"
    r"eighties|nineties|war|\d0s)|\d{4}|it\s\w+))\b"
)
# Superlatives that say nothing unique ("the latest", "the nearest clinic").
_NOT_SUPERLATIVE: Final = frozenset(
    "latest nearest honest interest forest harvest modest earnest request suggest protest "
    "digest invest arrest chest west test rest guest contest"
    .split()
)  # fmt: skip
_CLAUSE_END: Final = re.compile(r"[;(),\n]|[.!?](?!\d)")
# A pronoun's sentence about a whole community: "She taught every child in that town to read
# from 1955 until integration".
_PRONOUN_EVERY: Final = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:He|She)\s\w+\severy\s[^.;\n]{3,60}?\b(?:in|of)\s(?:that|the|this)\s"
    r"(?:town|village|township|valley|island|parish|glen|county|community)\b[^.;\n]{0,60}"
)
# Every _PRONOUN_EVERY match holds this, which opens on the literal "every": fast to find.
_EVERY_PLACE: Final = re.compile(_PRONOUN_EVERY.pattern[_PRONOUN_EVERY.pattern.index("every") :])


def _person_before(at: int, ends: set[int]) -> bool:
    """A finding ends at most four characters before ``at`` (", the" or " is the")."""
    return any(e in ends for e in range(at - 4, at + 2))


# "the bell-ringer of the village church", "the senior law woman for the community": a role
# of the community itself.
_ROLE_OF: Final = re.compile(r"the\s(?:[\w-]{2,20}\s){0,3}(?:of|for)\s(?:the|our|this|that)\s")


def _unique(clause: str) -> bool:
    community = _COMMUNITY.search(clause)
    if not community:
        return False
    role = _ROLE_OF.match(clause)
    if role and role.end() >= community.start():
        return True
    for m in _UNIQUE_MARK.finditer(clause):
        word = m.group(0)
        if word.endswith("est") and " " not in word and word in _NOT_SUPERLATIVE:
            continue
        return True
    return False


def find_unique_appositives(text: str, found: list[Finding]) -> None:
    if ", the " not in text and " is the " not in text and "every " not in text:
        return
    ends = {f.end for f in found}
    for cue in (", the ", " is the "):
        at = text.find(cue)
        while at >= 0:
            start = at + len(cue) - 4
            if _person_before(at, ends):
                end_m = _CLAUSE_END.search(text, start + 4, start + 120)
                end = end_m.start() if end_m else min(start + 120, len(text))
                clause = text[start:end].rstrip(" ,")
                if len(clause) > 12 and _unique(clause.lower()):
                    _add(found, start, start + len(clause), "UNIQUE", text)
            at = text.find(cue, at + 1)
    if "every" in text and _EVERY_PLACE.search(text):
        for m in _PRONOUN_EVERY.finditer(text):
            _add(found, m.start(), m.end(), "UNIQUE", text)
