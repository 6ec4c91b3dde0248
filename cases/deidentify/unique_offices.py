"""Descriptions only one person fits: an office of "our" polity, the best-known one of a trade
in a whole polity, a former player of a named team (round 23).

Writers who may not name a patient say who they are by the one seat they hold where the writer
lives, which everyone there knows:
- "the <office> of/for our <polity>": "the district head of our emirate", "the sitting MP for
  our constituency", "the paramount chief of our chiefdom", "the governor of our state";
- "the best-known / most famous <trade> in the whole / our <polity>": "the best-known
  traditional bonesetter in the whole emirate", "the most famous herbalist in our district";
- "a/the former <Team> <position>": "a former Super Eagles goalkeeper", "an ex-Black Stars
  captain" (a named team's capitalised words, then a player's place).

Kept quiet: "the head of our department" (a unit, no polity), "the best-known complication in
the whole literature", "the most famous cause in our region" (said of no one: no "is the"
before), "a former NHS nurse", "the former smoker" (no team, no position).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_W: Final = r"[\w'\u2019-]"
_POLITY: Final = (
    r"emirate|constituency|chiefdom|kingdom|sultanate|state|province|district|county|"
    r"village|town|city|tribe|clan|parish|municipality|island|governorate|region|lga|"
    r"local\sgovernment(?:\sarea)?|community|ward|borough|upazila|tehsil|woreda|barangay"
)
_POLITIES: Final = frozenset(
    """emirate constituency chiefdom kingdom sultanate state province district county village
    town city tribe clan parish municipality island governorate region lga local community
    ward borough upazila tehsil woreda barangay""".split()
)
_OFFICE: Final = re.compile(
    rf"the\s(?:(?:sitting|current|former|late|new|acting|deputy|paramount|traditional|"
    rf"district|village|local|elected|serving)\s){{0,2}}"
    r"(?P<office>head|chief|mp|senator|governor|mayor|emir|sultan|king|queen|chairman|"
    r"chairperson|councillor|councilor|representative|speaker|minister|leader|ruler|sheikh|"
    r"oba|obi|ooni|alaafin|nawab|raja|datuk|datu|commissioner|member\sof\sparliament)\s"
    rf"(?:of|for)\s(?:our|my|this|the\swhole|the\sentire|their)\s(?:{_W}{{3,15}}\s)?"
    rf"(?:{_POLITY})\b"
)
_OFFICE_HINTS: Final = frozenset(
    """head chief mp senator governor mayor emir sultan king queen chairman chairperson
    councillor councilor representative speaker minister leader ruler sheikh oba obi ooni
    alaafin nawab raja datuk datu commissioner member""".split()
)
_BEST_KNOWN: Final = re.compile(
    rf"the\s(?:best[-\s]known|most\sfamous|most\swell[-\s]known|most\srespected|most\s"
    rf"celebrated|most\spopular|busiest)\s(?:{_W}{{2,20}}\s){{0,3}}?(?:in|of)\s"
    rf"(?:the\swhole|the\sentire|all\sof\sthe|our|this)\s(?:{_W}{{3,15}}\s)?(?:{_POLITY})\b"
)
_PREDICATE: Final = re.compile(r"(?:\bis|\bwas|['\u2019]s|,)\s$")
_FORMER_PLAYER: Final = re.compile(
    r"(?i:a|an|the)\s(?i:former|retired|ex-?)\s?(?P<team>(?:[A-Z][\w'\u2019-]+\s){1,3})"
    r"(?:goalkeeper|keeper|striker|captain|footballer|cricketer|boxer|sprinter|winger|"
    r"defender|midfielder|forward|batsman|bowler|wrestler|athlete|jockey|international|"
    r"player|champion|coach)\b"
)


def find_unique_offices(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    if "the" in words and _POLITIES & words:
        for cue in _OFFICE_HINTS & words:
            for at in places_of(low, cue):
                the = low.rfind("the ", max(at - 40, 0), at)
                m = _OFFICE.match(low, the) if the >= 0 else None
                if m and m.start("office") == at:
                    _add(found, m.start(), m.end(), "UNIQUE", text)
        for cue in ("best", "most", "busiest"):  # "best-known" is one word of the set
            for at in places_of(low, cue) if cue in low else ():
                # said of a person: "is the best-known ...", "(name), the most famous ..."
                said = _PREDICATE.search(low, max(at - 9, 0), at - 4)
                m = (
                    _BEST_KNOWN.match(low, at - 4)
                    if said and low.startswith("the ", at - 4)
                    else None
                )
                if m:
                    _add(found, m.start(), m.end(), "UNIQUE", text)
    for cue in ("former", "retired", "ex-"):
        for at in places_of(low, cue) if cue in words or cue in low else ():
            start = low.rfind(" ", max(at - 5, 0), at - 1) + 1
            m = _FORMER_PLAYER.match(text, start)
            if m and m.group("team").split()[0].lower() not in {"nhs", "army", "navy"}:
                _add(found, m.start(), m.end(), "UNIQUE", text)
