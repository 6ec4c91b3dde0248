"""Descriptions only one person in a small community fits (round 20).

- a role "of" or "for" the community, the island, the village ("is the eldest healer of
  her clan", "is the head drummer for the village", "the keeper of the parish");
- a role the community owns ("the island's harbourmaster", "the village's only midwife",
  "the parish's sexton");
- a role held by one person in one place ("is the village headman of Ngarambe", "is the
  warden at the nature reserve", "is the caretaker of the old chapel");
- a superlative or a first of a person ("is the last fluent Manx speaker in the glen",
  "the first twins born at our unit, on the front page", "the oldest surviving member
  of the 1962 squad");
- a person known by a trade in a public place ("is the man who sells roast corn by the
  bus rank").

Each opens on "is", "was" or a comma before "the" (a predicate or an appositive), and is
looked up by its cue words in the text's word set first.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_COMMUNITIES: Final = (
    r"community|island|isle|village|town|parish|tribe|clan|settlement|reserve|kampong|"
    r"barangay|valley|glen|township|hamlet|congregation|mosque|temple|chapel|church|kraal"
)
_COMMUNITY_WORDS: Final = frozenset(_COMMUNITIES.split("|"))
_OPEN: Final = r"(?:(?<=\bis\s)|(?<=\bwas\s)|(?<=,\s))"
# "is the lonko of his community", "the senior law woman for the community"
_ROLE_OF: Final = re.compile(
    rf"{_OPEN}the\s(?:[\w'-]{{2,20}}\s){{0,4}}(?P<role>[\w'-]{{2,20}})\s(?:of|for|on|in)\s"
    rf"(?P<whose>the|his|her|their|our|this|that)\s(?:(?:whole|small|local|old|little)\s)?"
    rf"(?:{_COMMUNITIES})\b"
)
# After "the": the role must be a person's ("the head drummer for the village").
_ROLE_NOUNS: Final = frozenset(
    """woman man leader elder head healer singer drummer teacher speaker keeper chief
    chairman chairwoman matriarch patriarch custodian guardian storyteller singer dancer
    priest priestess imam pastor shaman herbalist midwife warden ranger headman mayor
    councillor founder organist bellringer piper""".split()
)
# "the island's lifeboat coxswain", "the village's only midwife"
_ROLE_OWNED: Final = re.compile(
    rf"\bthe\s(?:{_COMMUNITIES})['\u2019]s\s(?:[\w-]{{2,20}}\s){{0,2}}[\w-]{{3,20}}"
)
# "is the village chairman of Mulbadaw", "is the warden at the bird observatory"
_OFFICES: Final = (
    r"chairman|chairwoman|chairperson|headman|headwoman|warden|keeper|caretaker|"
    r"headmaster|headmistress|headteacher|principal|postmaster|postmistress|harbourmaster|"
    r"stationmaster|lighthouse\skeeper|coxswain|sexton|verger|churchwarden|imam|pastor|"
    r"rabbi|lonko|machi|sangoma|healer|midwife|catechist|councillor|mayor|sheriff|ranger|"
    r"publican|landlord|landlady|ferryman|boatman|blacksmith|postman|postwoman|postie"
)
_OFFICE_AT: Final = re.compile(
    rf"{_OPEN}the\s(?:(?:[\w-]{{2,15}})\s){{0,2}}(?:{_OFFICES})\s(?:of|at|for)\s"
    rf"(?:the\s(?:[\w-]{{2,20}}\s){{0,2}}[\w-]{{3,20}}|(?P<place>[A-Z][\w'-]{{2,20}}))"
)
_OFFICE_WORDS: Final = frozenset(
    w for w in _OFFICES.replace("\\s", " ").replace("|", " ").split() if w != "keeper"
) | {"keeper"}
# "is the last Gaelic-only speaker on the island", "the first baby of the year at ..."
_FIRST_OF: Final = re.compile(
    rf"{_OPEN}the\s(?:last|first|only|oldest|youngest|longest-serving)\s"
    r"(?:[\w'-]{2,20}\s){0,3}(?P<who>speaker|player|baby|twins|triplets|woman|man|"
    r"member|survivor|resident|veteran|teacher|native|winner|champion|holder|graduate|"
    r"centenarian)\b[^.;:()!?]{0,70}"
)
_SUPERLATIVES: Final = frozenset(("last", "first", "only", "oldest", "youngest", "longest-serving"))
# "is the lady who sells jerk pork outside the courthouse"
_WHO_SELLS: Final = re.compile(
    r"(?<=\bis\s)the\s(?:lady|man|woman|guy|fellow|chap|bloke|one|person)\swho\s"
    r"(?:sells|runs|drives|plays|sings|rings|cooks|fixes|cuts|keeps|makes)\s[^.;:()!?,]{4,70}"
)
# Every _WHO_SELLS match holds this, which opens on the literal "who": fast to find.
_WHO_DOES: Final = re.compile(_WHO_SELLS.pattern[_WHO_SELLS.pattern.index("who") :])
_PERSON_ENDS: Final = ("er", "or", "ist", "ain", "man", "woman", "ess", "ian", "wife")
_PEOPLE: Final = frozenset(("lady", "man", "woman", "guy", "fellow", "chap", "bloke", "person"))


_CLAUSE_END: Final = re.compile(r",|\s(?:and|so|but|which|who\swas)\s")


def _clause(text: str, start: int, end: int) -> int:
    """The end of a description at the clause's end (a comma, "and", "so", "but")."""
    m = _CLAUSE_END.search(text, start, end)
    return m.start() if m else end


def find_community_roles(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    if "the" not in words:
        return
    community = _COMMUNITY_WORDS & words
    for word in community:
        for at in places_of(low, word):
            head = max(at - 80, 0)
            for m in _ROLE_OF.finditer(text, head, at + len(word)):
                if m.end() != at + len(word):
                    continue
                if m.group("whose") != "the" or m.group("role").lower() in _ROLE_NOUNS:
                    _add(found, m.start(), m.end(), "UNIQUE", text)
                break
            if low.startswith(("'s", "\u2019s"), at + len(word)) and low[at - 4 : at] == "the ":
                owned = _ROLE_OWNED.match(text, at - 4)
                last = owned.group(0).split()[-1].lower() if owned else ""
                if owned and (
                    last in _ROLE_NOUNS or last in _OFFICE_WORDS or last.endswith(_PERSON_ENDS)
                ):
                    _add(found, owned.start(), owned.end(), "UNIQUE", text)
    for office in _OFFICE_WORDS & words:
        for at in places_of(low, office):
            for m in _OFFICE_AT.finditer(text, max(at - 40, 0), at + 80):
                if m.start() <= at < m.end():
                    end = _clause(text, m.start(), m.end())
                    if m.group("place"):
                        _add(found, m.start("place"), m.end("place"), "GEO", text)
                        end = m.start("place") - 4
                    _add(found, m.start(), end, "UNIQUE", text)
                    break
    for word in _SUPERLATIVES & words:
        for at in places_of(low, "the " + word):
            first = _FIRST_OF.match(text, at)
            if first:
                _add(
                    found,
                    first.start(),
                    _clause(text, first.end("who"), first.end()),
                    "UNIQUE",
                    text,
                )
    if "who" in words and _PEOPLE & words and _WHO_DOES.search(text):
        for m in _WHO_SELLS.finditer(text):
            _add(found, m.start(), m.end(), "UNIQUE", text)
