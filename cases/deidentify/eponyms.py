"""Capitalised words that are no person: eponyms ("Wilson disease", "Kasabach and Merritt"),
cited authors ("Rockall et al.", "described in 2004 by Okafor") and textbooks ("per Davidson's").

Each check reads a bounded window after or before the word run, so it costs a constant amount.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from cases.deidentify.cues import (
    AUTHOR_AFTER,
    AUTHOR_CUES,
    BOOK_AFTER,
    BOOK_CUES,
    EPONYM_FOLLOWERS,
    LIST_AFTER,
    LIST_BEFORE,
    PAIR_CITATION_CUES,
    words_before,
)
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import TEXTBOOKS

# The rest of an eponym pair or triple: "(Kimmelstiel) and Wilson", "(Wolff), Parkinson and White".
# A comma alone joins no pair ("from Rzeszów, Lemierre syndrome"); a list of three ends on "and".
_PAIR_REST: Final = re.compile(
    r"(?:, [A-Z][^\W\d_]{1,20}(?:-[A-Z][^\W\d_]{1,20})?)?"
    r"(?:,? and| &) [A-Z][^\W\d_]{1,20}(?:-[A-Z][^\W\d_]{1,20})?"
)
# Tried when the above is no eponym: a second name of two words, "(Cullen) and Grey Turner signs".
_PAIR_REST_TWO_WORDS: Final = re.compile(r"(?:,|,? and| &) [A-Z][^\W\d_]{1,20} [A-Z][^\W\d_]{1,20}")

# The second author of a pair: "(Kumar) and Clark", "(Bailey) & Love's".
_AND_PAIR: Final = re.compile(r" (?:and|&) [A-Z][^\W\d_]{1,20}")
_TEXTBOOK_PAIRS: Final = frozenset(
    {
        ("kumar", "clark"), ("kumar", "clark's"), ("bailey", "love"), ("bailey", "love's"),
        ("goodman", "gilman"), ("goodman", "gilman's"), ("rang", "dale"), ("rang", "dale's"),
        ("moore", "dalley"), ("ganong", "barrett"), ("guyton", "hall"), ("hall", "guyton"),
        ("tortora", "derrickson"), ("kanski", "bowling"), ("oski", "ziai"),
    }
)  # fmt: skip


# The word after a name ("Wilson disease", "Graves' disease"), and a possessive before a
# lower-case noun ("Paget's disease of bone"). Read with a bounded end: no copy of the text.
_FOLLOWER_WORD: Final = re.compile(r"(?:['\u2019]s?)?[\s-]{0,2}([^\W\d_]{1,20})")
# After a lower-case word, only the nouns of a named measure or disease ("will ring" is no ring).
_SECOND_FOLLOWERS: Final = frozenset(
    "chart scale score fever criteria classification rule rules system sign syndrome disease "
    "triad test grade index questionnaire tool type".split()
)
_NEXT_WORD: Final = re.compile(r" ([a-z]{2,20})\b")
_POSSESSIVE_NOUN: Final = re.compile(r"['\u2019]s\s[a-z]")
_CITATION_WORDS: Final = re.compile(r"\b(?:19|20)\d{2}\b|et al|journal|paper|study|series")


@lru_cache(maxsize=512)  # the name judge asks it of one run's end up to five times
def eponym_after(text: str, end: int) -> bool:
    """Whether a disease's, a sign's or a measure's noun follows ``end`` ("Wilson disease",
    "Mayo Clinic criteria"): the words before it name a thing, not a person."""
    if _eponym_follows(text, end, _PAIR_REST):
        return True
    return _eponym_follows(text, end, _PAIR_REST_TWO_WORDS, needs_rest=True)


def _eponym_follows(text: str, end: int, pair: re.Pattern, *, needs_rest: bool = False) -> bool:
    if rest := pair.match(text, end, end + 60):
        end = rest.end()
    elif needs_rest:
        return False
    m = _FOLLOWER_WORD.match(text, end, end + 40)
    if not m:
        return False
    follower = m.group(1).lower()
    if follower in EPONYM_FOLLOWERS or _POSSESSIVE_NOUN.match(text, end, end + 4):
        return True
    # One lower-case word between: "Bristol stool chart", "Rocky Mountain spotted fever".
    if m.group(1).islower() and (second := _NEXT_WORD.match(text, m.end(), m.end() + 24)):
        return second.group(1) in _SECOND_FOLLOWERS
    return False


def citation(text: str, start: int, end: int, *, lone: bool = True) -> bool:
    """ "Rockall et al.", "Smith (2019)", and for a lone surname "described in 2004 by Okafor".
    A full name after "by" and near a year is more often a person ("sung by Adam McDowell")."""
    if AUTHOR_AFTER.match(text[end : end + 30]):
        return True
    words = words_before(text, start)
    if _AND_PAIR.match(text, end, end + 30) and any(
        words[-len(cue) :] == cue for cue in PAIR_CITATION_CUES
    ):
        return True  # "as described by Kasabach and Merritt", "according to Kumar and Clark"
    if words and words[-1] in BOOK_CUES and BOOK_AFTER.match(text, end - 2, end + 12):
        return True  # "according to Davidson's, ...", "per Kaplan's and Tintinalli's"
    pair = _AND_PAIR.match(text, end, end + 30)
    if pair and (text[start:end].lower(), pair.group(0).split()[-1].lower()) in _TEXTBOOK_PAIRS:
        return True  # "Kumar and Clark agrees", "Bailey & Love's": a textbook by its authors
    word = text[start:end].lower().replace("\u2019", "'")
    if word.endswith("'s") and word[:-2] in TEXTBOOKS and BOOK_AFTER.match(text, end - 2, end + 12):
        return True  # "Harrison's, the Oxford Handbook and ...": a textbook by its author
    if not lone:
        return False
    if words and (words[-1] in AUTHOR_CUES or words[-2:] == ("according", "to")):
        window = text[max(start - 60, 0) : end + 30]
        return bool(_CITATION_WORDS.search(window))
    return False


def in_name_list(text: str, start: int, end: int) -> bool:
    """True when a word next to this one in a list is a known first name."""
    lex = lexicon()
    before = LIST_BEFORE.search(text, max(start - 30, 0), start)
    after = LIST_AFTER.match(text, end)
    return any(
        m
        and m.group(1)[0].isupper()
        and m.group(1).lower() in lex.first_names
        and m.group(1).lower() not in lex.common_words
        for m in (before, after)
    )


# The noun and number after an eponym: "(Murphy)'s sign", "(Glasgow Coma) Scale 14".
_FOLLOWER: Final = re.compile(r"(?:['\u2019]s?)?[\s-]{1,2}([^\W\d_]{1,20})(?:\s\d{1,3})?")


def named_thing_end(text: str, end: int) -> int:
    """Where a named thing ends with its noun, so a list of them goes on after it
    ("Murphy's sign, Parkinson")."""
    m = _FOLLOWER.match(text, end, end + 30)
    return m.end() if m and m.group(1).lower() in EPONYM_FOLLOWERS else end
