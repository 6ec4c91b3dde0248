"""A run of capitalised words that medicine names ("Cushing's", "Ramsay Hunt", "Child-Pugh B",
"Nepali", "PESEL"), unless something around it makes it a person."""

from __future__ import annotations

from typing import Final

from cases.deidentify.cues import (
    AGE_AFTER,
    PERSON_THING_AFTER,
    PERSON_VERB_AFTER,
    POSSESSIVE,
    person_cue,
    relation_cue,
)
from cases.deidentify.medical_words import (
    COMMUNITY_WORDS,
    DEMONYMS,
    ID_LABEL_WORDS,
    PEOPLES,
    named_in_medicine,
)
from cases.deidentify.word_shapes import ROMAN_WORD

_PEOPLE_WORDS: Final = DEMONYMS | PEOPLES | COMMUNITY_WORDS


def medicine_run(text: str, start: int, end: int, words: list[str], cue_words: tuple) -> bool:
    """A run that medicine names (an eponym, a disease's place, a people, an ID's label),
    with nothing that makes it a person: no title, relative or person's word before, no age
    and no verb of a person after."""
    if len(words) == 1 and words[0].lower() in ID_LABEL_WORDS:
        return True
    if len(words) == 1 and words[0].lower() in _PEOPLE_WORDS:
        # "29M, Nepali, lives in": a people says nothing of the person, whatever verb follows
        return not (person_cue(cue_words) or relation_cue(cue_words))
    if len(words) > 1 and (len(words[-1]) == 1 or ROMAN_WORD.fullmatch(words[-1])):
        words = words[:-1]  # "Child-Pugh B", "Forrest IIb"
    if not named_in_medicine(words):
        return False
    return not (
        person_cue(cue_words)
        or relation_cue(cue_words)
        or AGE_AFTER.match(text, end)
        or PERSON_VERB_AFTER.match(text, end)
        or (POSSESSIVE.search(words[-1]) and PERSON_THING_AFTER.match(text, end))
    )
