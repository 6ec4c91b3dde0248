"""Cited works and named things that the name and place passes take for people (round 20).

Sparse posts cite trials, case series, hypotheses, conventions and textbooks by their
author's or their place's name, and name manoeuvres, classifications and diseases after
people; none of them is an identifier of the patient:

- a capitalised word (and a year) before a word of a study or a named thing: "the Okafor
  RCT showed", "the Mendes 2019 trial", "the Kowalczyk series", "the Ferreira hypothesis",
  "the Basel Convention", "the Pinard grip", "Vincent's angina", "Widal agglutination";
  up to two lower-case words may stand between ("the Oslo sepsis trial");
- a classification's word before its class ("Child B", "DeBakey II", "Stanford type B"),
  and the classification revised ("Revised Montreal:");
- a word the text uses so once, named again bare ("quote Alvarado" after "the Alvarado
  score": the second mention of the same eponym);
- a textbook read ("read Harrison's"), a disease named after a person standing alone ("not
  Graves", "with Hashimoto's on levothyroxine"), a stain or test of two words ("Rose
  Bengal", "Congo red").

A word after a title or a relation ("Mr Graves", "her son Pinard"), before an age or a
person's verb, or in a list of names stays a person. The study words are looked up in the
text's word set first (``word_set``); each finding is read with at most 40 characters around.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from cases.deidentify.anchored import WordEndsWindow
from cases.deidentify.eponyms import in_name_list
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.word_set import places_of, words_of

# Words that make the capitalised word before them a cited work or a named thing.
# Words of a study, a score or a rule: up to two lower-case words may stand between.
_STUDY: Final = (
    r"rct|rcts|trial|trials|series|hypothesis|convention|cohort|paper|textbook|"
    r"classification|staging|nomogram|rule|rules|criteria|score|scale"
)
# Words of a named thing, right after the name: "the Pinard grip", "Vincent's angina".
_THING: Final = (
    r"grip|manoeuvres?|maneuvers?|angina|agglutination|sign|syndrome|disease|palsy|"
    r"nephropathy|neuropathy|myopathy"
)
_STUDY_WORDS: Final = frozenset(
    (_STUDY + "|" + _THING.replace("s?", "") + "|manoeuvres|maneuvers").split("|")
)
# The words whose eponym is read again bare later in the text ("quote Alvarado").
_SCORE_WORDS: Final = frozenset(_STUDY.split("|"))
# After the finding: an optional possessive, a year or "et al", up to two lower-case words.
_STUDY_AFTER: Final = re.compile(
    r"(?:['\u2019]s?)?(?:\s(?:et al\.?|\(?(?:19|20)\d{2}\)?))?"
    r"(?:(?:\s(?!(?:a|an|the|was|is|were|are|had|has|his|her|for|to|of|and|with|by|on|in|at|"
    r"from|after|who|she|he|they)\s)[a-z-]{2,20}){0,2}"
    rf"\s(?i:{_STUDY})|\s(?i:{_THING}))\b"
)
# A class after a classification's name: "Child B", "DeBakey I", "Stanford type A".
_CLASS_AFTER: Final = re.compile(r"(?:-Pugh)?\s(?:type\s|class\s|grade\s)?(?:[A-D]|I{1,3}|IV|V)\b")
_CLASS_IN: Final = re.compile(
    r"(?:Child(?:-Pugh)?|DeBakey|Stanford(?:\stype)?|Forrest)\s(?:[A-C]|I{1,3}|IV)"
)
_CLASSIFIERS: Final = frozenset(
    """child child-pugh debakey stanford forrest savary-miller los angeles siewert masaoka
    fontaine rutherford gustilo salter-harris weber garden pauwels neer schatzker tile
    denis frankel asia hunt fisher spetzler-martin killip nyha gold""".split()
)
_REVISED_BEFORE: Final = re.compile(r"\b(?i:revised|modified|updated)\s$")
# A place or an employer named like an eponym elsewhere ("the Mayo criteria ... works for Mayo").
_PLACE_BEFORE: Final = re.compile(r"\b(?i:for|at|with|from|in|to|near|of|by)\s(?:the\s)?$")
_READ_BEFORE: Final = re.compile(r"\b(?i:read|reading)\s$")
_NEXT_WORD: Final = re.compile(r"\s([A-Za-z-]{3,15})")
# Diseases named after a person, written bare (a common surname among them).
_DISEASES: Final = frozenset(
    """graves crohn crohns addison addisons cushing cushings hashimoto hashimotos hodgkin
    hodgkins kawasaki behcet behçet behcets behçets still stills wilson wilsons paget pagets
    parkinson parkinsons alzheimer alzheimers huntington huntingtons meniere menière menieres
    raynaud raynauds sjogren sjögren sjogrens sjögrens down downs ludwig ludwigs bell bells
    pott potts perthes kaposi kaposis guillain-barré guillain-barre takayasu kikuchi
    castleman whipple whipples fabry gaucher pompe tourette tourettes""".split()
)
_DISEASE_BEFORE: Final = re.compile(
    r"\b(?i:not|with|of|for|has|had|likely|probable|possible|query|known|treated|treating|"
    r"untreated|diagnosed|excludes?|rule\sout|r/o|\?)\s?$"
)
# Textbooks that readers cite by the author's possessive.
_TEXTBOOK_AFTER: Final = re.compile(r"['\u2019]s?(?=[\s.,;:)?!]|$)")
_TWO_WORD_TESTS: Final = frozenset(
    """rose bengal|congo red|prussian blue|indian ink|india ink|gram stain|ziehl neelsen|
    wright agglutination|paul bunnell|weil felix|coombs test|tzanck smear""".replace("\n", "")
    .split("|")
)  # fmt: skip
_PERSON_BEFORE: Final = WordEndsWindow(
    "mr|mrs|ms|miss|dr|mx|sr|sra|prof|don|doña|husband|wife|son|daughter|mother|father|"
    "mum|mom|dad|brother|sister|uncle|aunt|niece|nephew|cousin|grandson|friend|partner|"
    "patient|pt|named|called"
)
_PERSON_AFTER: Final = re.compile(
    r",?\s(?:\d{1,3}\b|aged|was\s(?:seen|admitted|found|brought)|has\s(?:been|had)|said|"
    r"says|told|came|presented|went|lives|died|rang|called)"
)


def _bare(word: str) -> str:
    return word.lower().strip(",.;:()\"'?").replace("\u2019", "'").removesuffix("'s").rstrip("'")


def _cited(text: str, f: Finding, named_things: set[str]) -> bool:
    before = text[max(f.start - 16, 0) : f.start]
    if _PERSON_BEFORE.search(before):
        return False
    words = [_bare(w) for w in f.text.split()]
    first = words[0] if words else ""
    if _CLASS_AFTER.match(text, f.end) and (first in _CLASSIFIERS or f.text.startswith("Child")):
        return True
    if _CLASS_IN.fullmatch(f.text):
        return True  # "in Child B with active bleeding", "DeBakey II"
    if first in ("child-pugh", "debakey") and len(words) <= 3:
        return True  # "Child-Pugh C. Infection": the class and the next sentence's word
    if _PERSON_AFTER.match(text, f.end) or in_name_list(text, f.start, f.end):
        return False
    if len(words) <= 2 and _STUDY_AFTER.match(text, f.end):
        return True
    if _REVISED_BEFORE.search(before) and len(words) == 1:
        return True
    if len(words) == 1 and first in named_things and not _PLACE_BEFORE.search(before):
        return True  # named so elsewhere in the text
    possessive = f.text.endswith(("'s", "\u2019s")) or _TEXTBOOK_AFTER.match(text, f.end)
    if len(words) == 1 and _READ_BEFORE.search(before) and possessive:
        return True  # "read Harrison's"
    bare = first.replace("'", "")
    if len(words) == 1 and bare in _DISEASES:
        return bool(possessive) or bool(_DISEASE_BEFORE.search(before))
    if len(words) >= 2:
        return " ".join(words[:2]) in _TWO_WORD_TESTS
    m = _NEXT_WORD.match(text, f.end)
    return m is not None and f"{first} {m.group(1).lower()}" in _TWO_WORD_TESTS


def _named_things(text: str, low: str, words: frozenset[str]) -> set[str]:
    """Capitalised words the text puts right before a score, a sign, a trial and the like."""
    out: set[str] = set()
    for word in _SCORE_WORDS & words:
        for at in places_of(low, word):
            head = text[max(at - 24, 0) : at].rstrip()
            prev = head.split()[-1] if head.split() else ""
            if prev[:1].isupper() and prev[1:2].islower():
                out.add(_bare(prev))
    return out


_TEST_FIRST: Final = frozenset(t.split()[0] for t in _TWO_WORD_TESTS)
_CUE_WORDS: Final = frozenset(("revised", "modified", "updated", "read", "reading"))


def _candidate(low: str, f: Finding, study_at: list[int], named: set[str], cues: bool) -> bool:
    """Cheap first reading: the finding's first word is one the tests know, a word of a
    study stands within 60 characters after it, or a cue word just before it."""
    first = _bare(f.text.split(" ", 1)[0])
    if (
        first in _CLASSIFIERS
        or first in named
        or first.replace("'", "") in _DISEASES
        or first in _TEST_FIRST
    ):
        return True
    if cues and any(
        c in low[max(f.start - 10, 0) : f.start] for c in ("revised", "modified", "updated", "read")
    ):
        return True
    i = bisect_left(study_at, f.end)
    return i < len(study_at) and study_at[i] <= f.end + 60


def quiet_works_cited(text: str, low: str, found: list[Finding]) -> list[Finding]:
    if not any(f.kind in PROPER_KINDS for f in found):
        return found
    words = words_of(low)
    study_at = sorted(at for w in _STUDY_WORDS & words for at in places_of(low, w))
    named = _named_things(text, low, words) if _SCORE_WORDS & words else set()
    cues = bool(_CUE_WORDS & words)
    return [
        f
        for f in found
        if f.kind not in PROPER_KINDS
        or not _candidate(low, f, study_at, named, cues)
        or not _cited(text, f, named)
    ]
