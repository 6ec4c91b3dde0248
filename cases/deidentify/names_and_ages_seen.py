"""Names and ages by where a tired writer puts them (round 24).

- a name after a verb of seeing or meeting that opens a sentence, before when or where:
  "Saw Tarni again today", "Reviewed Oyelaran in clinic" (the capital of the verb hid the run's
  second word: a run that opens a sentence says nothing to the fallback);
- initials opening a handover line, before a bed or "is the <age>": "J.M. in 4B is the 17yo",
  "Handover: R.T. in bed 9";
- an age over 89 hedged by the family: "said to be about 100", "thought to be nearly 95",
  "aged around 102";
- an age over 89 after a name with a surname's initial: "Pan Tadeusz W., 93, ...".

Kept quiet: "Saw ortho again today" (a word of care or an ordinary word after the verb),
"A.B. in the notes", "the sats were about 92", "HR around 96", "Mr X, 95%".
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import any_hint
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import EPONYMS, medical_word
from cases.deidentify.medicine_names import _drug_word as drug_word
from cases.deidentify.word_set import places_of, words_of

_SEEING: Final = ("Saw", "Seen", "Met", "Reviewed", "Visited", "Rang", "Phoned", "Examined")
_SEEN: Final = re.compile(
    r"(?:Saw|Seen|Met|Reviewed|Visited|Rang|Phoned|Examined)\s(?P<name>[A-Z][a-z'\u2019-]{2,20})"
    r"(?=\s(?:again|today|yesterday|tonight|earlier|this\s(?:morning|afternoon|evening|week)|"
    r"last\s(?:night|week)|in\s(?:clinic|the\sclinic|ED|A&E|resus)|at\s(?:home|clinic))\b)"
)
_OPENS: Final = re.compile(r"(?:^|[.!?:;]\s{1,2}|\n)$")
_INITIALS: Final = re.compile(
    r"(?<![\w.])(?P<name>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?)\s(?:in\s(?:bed\s|room\s|bay\s)?"
    r"\d{1,3}[A-Z]?\b|is\s(?:the|a|an|our)\s\d{1,3}\s?(?:yo|y/o|-year|year|[MF]\b))"
)
_HEDGE: Final = (
    r"(?:about|around|nearly|almost|roughly|approximately|over|at\sleast|maybe|probably)"
)
_HEDGED_AGE: Final = re.compile(
    rf"(?:to\sbe|aged?|age\sof)\s(?P<age>{_HEDGE}\s(?:9\d|1[01]\d))(?![\d.%/]|\s?(?:%|mg|kg|ml))"
)
# Every _HEDGED_AGE match holds one, from "age" or "to" on: literals, fast to find.
_HEDGED_AGE_HINTS: Final = tuple(
    re.compile(rf"{cue}\s{_HEDGE}\s(?:9\d|1[01]\d)") for cue in (r"age(?:d|\sof)?", r"to\sbe")
)
_HEDGE_WORDS: Final = frozenset(
    "about around nearly almost roughly approximately over least maybe probably".split()
)
_AGE_AFTER_INITIAL: Final = re.compile(
    r"\s[A-Z]\.,\s(?P<age>9\d|1[01]\d)(?=[,;)]|\s(?:y|yo|yrs?|years?)\b|\s[a-z])"
)


def _name_word(word: str) -> bool:
    """A word no ordinary, medical or drug list holds, or a first name that is no word."""
    low = word.lower().rstrip("'\u2019s")
    lex = lexicon()
    if medical_word(low) or drug_word(low) or low in EPONYMS:
        return False
    if low in lex.common_words:
        return low in lex.first_names and low not in lex.towns
    return True


def find_names_and_ages_seen(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    spans = [(f.start, f.end) for f in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in spans)

    for verb in _SEEING:
        if verb.lower() not in words:
            continue
        for at in places_of(text, verb):
            m = _SEEN.match(text, at)
            if (
                m
                and _OPENS.search(text, max(at - 3, 0), at)
                and _name_word(m.group("name"))
                and free(m.start("name"), m.end("name"))
            ):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
    if ". in " in text or ". is " in text:
        for m in _INITIALS.finditer(text):
            if _OPENS.search(text, max(m.start() - 3, 0), m.start()) and free(*m.span("name")):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
    if _HEDGE_WORDS & words and any_hint(_HEDGED_AGE_HINTS, text):
        for m in _HEDGED_AGE.finditer(text):
            if free(*m.span("age")):
                _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    if "., " in text:
        for f in [f for f in found if f.kind == "NAME"]:
            m = _AGE_AFTER_INITIAL.match(text, f.end)
            if m and free(*m.span("age")):
                _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
