"""Look-alikes in forum posts: what a post's own words show is no identifier.

A word the same post uses as an eponym or a cited author ("the Zar score ... an alternative to
Zar"), a people, a nation or a continent alone ("Irish father", "Han Chinese"), a drug by its
stem ("Neostigmine has no role"), a grade ("IIa"), clinical shorthand ("Rhabdo,"), a verb after
a relative ("his daughter interprets"), a pet's name, a unit read as a title ("240 ms. Her"),
an acronym's plural ("LPs"), "Factor V Leiden", days that recur ("Mon/Wed/Fri"), the sole of
the foot. ``quiet_posts`` runs last, over what every pass found.

Linear: each check reads a bounded window, and at most 40 distinct words are looked for again.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.cues import EPONYM_FOLLOWERS
from cases.deidentify.eponyms import citation
from cases.deidentify.finding import Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import DEMONYMS, PEOPLES, medical_word
from cases.deidentify.posts import SOLE_OF_FOOT
from cases.deidentify.word_shapes import ROMAN_WORD

_WEEKDAY_SHORT: Final = frozenset("Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split())
# Plurals of initials ("LPs", "CTs", "ECGs") and a unit after a number taken for a title.
_ACRONYM_PLURAL: Final = re.compile(r"[A-Z]{2,5}s")
_UNIT_TITLE: Final = re.compile(r"\d\s?$")
_PET: Final = re.compile(
    r"\b(?:dog|dogs|puppy|cat|kitten|horse|pony|parrot|budgie|goat|pet|rabbit|ferret|tortoise)"
    r"(?:\s(?:is|was))?\s(?:named|called)\s$"
)
# "Factor V Leiden": a gene variant named after a city.
_FACTOR_LEIDEN: Final = re.compile(r"\bFactor\s[VIX]{1,4}\sLeiden\b")


# A named measure whose noun comes after other capitalised words or initials: "the Erasmus GBS
# Respiratory Insufficiency Score", "the Dutch Lipid Clinic Network score".
_NAMED_MEASURE_AFTER: Final = re.compile(
    r"(?:\s[A-Z][\w-]{0,20}){1,4}\s(?i:score|scale|criteria|index|classification|rule|rules|"
    r"system|tool|questionnaire|grade|grading)\b"
)
_SLANG: Final = frozenset(
    "rhabdo paeds peds obs gynae neuro ortho uro gastro resp cardio onc".split()
)


def _one_word_no_person(word: str) -> bool:
    """A peoples' or a nation's name, a drug's, a grade's or a clinical shorthand, alone."""
    low = word.lower().removesuffix("'s").removesuffix("\u2019s")
    return (
        low in PEOPLES
        or low in DEMONYMS
        or low in lexicon().large_places
        or low in _SLANG
        or medical_word(low)
        or bool(ROMAN_WORD.fullmatch(word))
    )


def _eponym_at(text: str, at: int, end: int, cite: bool) -> bool:
    after = text[end : end + 16].lower()
    for head in ("'s", "\u2019s", "'", "\u2019"):
        after = after.removeprefix(head)
    after = after.lstrip(" ")
    noun = after.split(" ", 1)[0].strip(",.;:)") if after else ""
    return (
        noun in EPONYM_FOLLOWERS
        or after.startswith("et al")
        or _NAMED_MEASURE_AFTER.match(text, end) is not None
        or (cite and citation(text, at, end, lone=True))
    )


def _used_as_eponym(text: str, word: str, here: int) -> bool:
    """This text writes ``word`` before an eponym's noun or as a cited author, here or
    elsewhere: "the Erasmus GBS Respiratory Insufficiency Score", "the Zar score ... an
    alternative to Zar", "Pritchard regimen ... instead of Pritchard". ``here`` is where the
    finding stands (its own words were judged a citation or not already)."""
    if _eponym_at(text, here, here + len(word), cite=False):
        return True
    if text.count(word) < 2:
        return False
    at = text.find(word)
    seen = 0
    while at >= 0 and seen < 12:
        seen += 1
        end = at + len(word)
        if (
            at != here
            and not (at and text[at - 1].isalnum())
            and not text[end : end + 1].isalnum()
            and _eponym_at(text, at, end, cite=True)
        ):
            return True
        at = text.find(word, end)
    return False


# A word given as a name: 'name given as "Dutch"', 'known as Irish'.
_NAMING_BEFORE: Final = re.compile(
    r"(?:named|called|known as|given as|goes by|nicknamed)\s?[\"'\u201c\u2018]?$"
)


def _inflected_word(word: str) -> bool:
    """ "interprets", "translated": an ordinary verb with its ending, in lower case."""
    common = lexicon().common_words
    for ending in ("es", "s", "ed", "d"):
        if word.endswith(ending) and len(word) > len(ending) + 3 and word[: -len(ending)] in common:
            return True
    return False


def quiet_posts(text: str, found: list[Finding]) -> list[Finding]:
    kept = []
    judged: dict[str, bool] = {}  # a name repeated in a post is judged once
    for f in found:
        if f.kind == "NAME":
            if _ACRONYM_PLURAL.fullmatch(f.text):
                continue
            if f.text in _WEEKDAY_SHORT and (
                text[f.start - 1 : f.start] == "/" or text[f.end : f.end + 1] == "/"
            ):
                continue  # "dialysis Mon/Wed/Fri": days that recur
            if (
                f.text[:3].lower() == "ms."
                and f.text[:1] == "m"
                and _UNIT_TITLE.search(text, max(f.start - 3, 0), f.start)
            ):
                continue  # "PR interval 240 ms. Her school"
            if _PET.search(text, max(f.start - 24, 0), f.start):
                continue  # "a dog named Bear"
            if f.text.endswith("Leiden") and _FACTOR_LEIDEN.search(
                text, max(f.start - 12, 0), f.end
            ):
                continue  # "Factor V Leiden"
            if (
                " " not in f.text
                and _one_word_no_person(f.text)
                and not _NAMING_BEFORE.search(text, max(f.start - 24, 0), f.start)
            ):
                continue  # "Irish father", "Han Chinese", "Neostigmine has no role", "IIa"
            if f.text.islower() and " " not in f.text and _inflected_word(f.text):
                continue  # "his daughter interprets"
            if " " not in f.text:
                word = f.text.removesuffix("'s").removesuffix("\u2019s")
                if word not in judged:
                    # at most 40 distinct words are looked for again: linear in the text
                    judged[word] = len(judged) < 40 and _used_as_eponym(text, word, f.start)
                if judged[word]:
                    continue  # "the Zar score ... an alternative to Zar"
        if f.kind == "UNIQUE" and SOLE_OF_FOOT.search(text, f.start, f.end):
            continue
        if f.kind == "GEO" and " " not in f.text and f.text.lower() in PEOPLES:
            continue  # "a Slovak Roma family": a people, not the city
        if (
            f.kind == "GEO"
            and " " not in f.text
            and f.text.lower() not in lexicon().towns
            and _used_as_eponym(text, f.text, f.start)
        ):
            continue  # "the Ranson score ... an alternative to Ranson"; a known town stays
        kept.append(f)
    return kept
