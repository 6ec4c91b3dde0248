"""Findings that name a service, a body, an institution cited as a source, a textbook or a
word of the trade in lower case (session 25, the precision round on lead_tune23; called by
``named_things``): "someone from Gastro", "the Falls Clinic", "the Royal College of
Physicians", "Johns Hopkins published a series", "reading Harrison's on nights", "new-onset",
"nurse injectors". A body or an institution after a word of work stays an employer ("a
nurse at Stanford"). Each test reads the finding's words and at most 40 characters around it.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.cues import employer_cue, words_before
from cases.deidentify.finding import Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import TEXTBOOKS
from cases.deidentify.named_things_lists import (
    BODY_OF,
    BODY_WORDS,
    CITED_INSTITUTIONS,
    FIGURES_COMMON,
    PUBLIC_FIGURES,
    SERVICE_PARTS,
)

_LOWER_ENDS: Final = ("ation", "ition", "ment", "ness", "ity", "ance", "ence", "ology", "therapy")


def service(f: Finding, words: list[str]) -> bool:
    if len(words) == 1:
        word = words[0]
        return (word in SERVICE_PARTS and word not in lexicon().common_words) or word in CLIPPED
    return all(w in SERVICE_PARTS for w in words)


CLIPPED: Final = frozenset(
    "endo gastro paeds peds rheum derm neuro ortho cardio resp haem onc uro gynae psych geri "
    "paediatric pediatric neonatal geriatric obstetric orthopaedic orthopedic".split()
)


_BODY_OF_AFTER: Final = re.compile(r"\s(?:of|for)\s(?:the\s)?([A-Z][a-z]{2,20})\b")
_KNOWLEDGE_AFTER: Final = re.compile(
    r"(?:['\u2019]s?)?\s(?:(?:[A-Z][a-z]{2,12}\s|[a-z]{3,12}\s){0,2}(?:protocol|course|study|"
    r"series|group|guidelines?|guidance|criteria|model|podcast|trial|data|cohort|calculator|score|"
    r"experience|approach|team published)|published|reported|recommends?|found|showed|"
    r"says|suggests?)\b"
)


_READ_BEFORE: Final = re.compile(
    r"\b(?i:read|reading|reread|rereading|finished|per|in|from|check|see|consult|"
    r"according to|open|opened)\s$"
)
_NO_NOUN_AFTER: Final = re.compile(
    r"(?:\s(?:on|for|at|in|again|and|or|is|says|said)\b|[,.;:!?)]|$)"
)


def textbook_read(text: str, f: Finding, words: list[str]) -> bool:
    """ "reading Harrison's on nights"; "reading Gawande's Being Mortal" (a figure's book by
    its title: a capital or a quote after the possessive)."""
    if not (
        len(words) == 1
        and f.text.endswith(("'s", "\u2019s"))
        and _READ_BEFORE.search(text, max(f.start - 16, 0), f.start) is not None
    ):
        return False
    if words[0] in TEXTBOOKS and _NO_NOUN_AFTER.match(text, f.end, f.end + 8):
        return True
    return words[0] in _FIGURES and _TITLE_AFTER.match(text, f.end, f.end + 4) is not None


_FIGURES: Final = PUBLIC_FIGURES | FIGURES_COMMON | TEXTBOOKS
_TITLE_AFTER: Final = re.compile(r"\s['\"\u2018\u201c]?[A-Z]")


def body(text: str, f: Finding, words: list[str]) -> bool:
    """ "the Royal College of Physicians", "the Faculty of Intensive Care": a body of a trade."""
    if not all(w in BODY_WORDS for w in words):
        return False
    m = _BODY_OF_AFTER.match(text, f.end, f.end + 30)
    return (
        m is not None
        and m.group(1).lower() in BODY_OF
        and not employer_cue(words_before(text, f.start))
    )


def cited_institution(text: str, f: Finding, words: list[str]) -> bool:
    return (
        words[0] in CITED_INSTITUTIONS
        and len(words) <= 4
        and _KNOWLEDGE_AFTER.match(text, f.end, f.end + 40) is not None
        and not employer_cue(words_before(text, f.start))
    )


def lower_word(f: Finding, words: list[str]) -> bool:
    """ "new-onset", "anticoagulation", "nurse injectors": words of the trade in lower case."""
    if f.kind != "NAME" or not f.text.islower() or len(words) > 3:
        return False
    lex = lexicon()
    if any(w in lex.first_names or w in lex.word_names or w in lex.last_names for w in words):
        return False
    if len(words) > 1:
        return all(_common(w, lex) for w in words)
    parts = words[0].split("-")
    if len(parts) > 1:  # "new-onset", not a doubled name ("tin-tin", "jun-jun")
        return len(set(parts)) == len(parts) and all(p in lex.common_words for p in parts)
    return len(words[0]) >= 8 and words[0].endswith(_LOWER_ENDS)


def _common(word: str, lex) -> bool:
    return (
        word in lex.common_words
        or (word.endswith("s") and word[:-1] in lex.common_words)
        or (word.endswith(("ors", "ers")) and word[:-3] + "e" in lex.common_words)
    )
