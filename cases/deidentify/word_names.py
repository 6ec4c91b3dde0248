"""First names that are also words or places, known by a person's context (round 18).

"Blessing was discharged", "Patience should know", "Faith, her sister, brought her", "Husband
Jordan works at", "Baby Kiri, 6 weeks", "Señora Pilar, 94", "For Sunday's leg", "update on
jhun-jhun:", "Menon sir's son": the name passes leave a word that is also a first name, a
place or an ordinary word alone unless a title holds it, since "Hope", "Faith" and "Sunday"
are far more often words. These contexts make it a person:

- a relation or a title of any language right before ("Husband", "Baby", "Señora", "Bra");
- at the start of a sentence, a verb only a person takes ("was discharged", "brought her",
  "should know") or an apposition with a relation (", her sister,");
- a possessive before a part of a body or a relative ("Sunday's leg");
- "update on" / "news of" before the name and a colon or a comma;
- an honorific after a surname ("Menon sir", "Sharma ji").

Look-alikes kept quiet: "Faith is a big part of her coping", "Hope is the last thing",
"Sunday's clinic", "update on the protocol".

Each rule starts from words of the set of the text's words (``word_set``) and reads a window.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import medical_word
from cases.deidentify.word_set import places_of, words_of

_NAME: Final = (
    r"(?P<name>[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{1,20}(?:['\u2019-][A-Za-z][a-z]{1,20})?)"
)
# Relations and titles written before a first name, in English and the forum's languages.
_BEFORE: Final = frozenset(
    """
    baby husband wife son daughter brother sister mum mom mam dad grandson granddaughter
    great-grandson great-granddaughter nephew niece cousin partner boyfriend girlfriend
    fiancé fiancée fiance fiancee aunty auntie uncle señora señor sra sr don doña dona
    seu bra sisi mama baba tita tito lola lolo ate kuya
    """.split()
)
BEFORE_NAME: Final = re.compile(rf"[\w\u00e0-\u00ff-]+\.?\s{_NAME}(?![\w'\u2019-])(?!\s[A-Z])")
# The words after a sentence's first word that only a person takes.
PERSON_ACTS: Final = re.compile(
    r"(?:['\u2019]s)?\s(?:was\s(?:discharged|admitted|readmitted|extubated|intubated|seen|"
    r"reviewed|sent\shome|transferred)|brought\s(?:her|him|them)|should\sknow|needs\sto\s(?:know|"
    r"come|be\sseen)|came\sback|went\shome|walked\sout|has\sgone\shome)\b"
    r"|,\s(?:his|her|their)\s(?:sister|brother|wife|husband|son|daughter|mother|father|mum|"
    r"dad|aunt|uncle|cousin|niece|nephew|grandson|granddaughter|twin)\b"
)
# The first word of a sentence, a heading or a line.
SENTENCE_START: Final = re.compile(
    r"[.!?:\n][\s\"'(]{0,3}(?P<word>[A-Z][a-z]{1,20})(?![\w'\u2019-])"
)
FIRST_WORD: Final = re.compile(r"[\s\"'(]{0,3}(?P<word>[A-Z][a-z]{1,20})(?![\w'\u2019-])")
# Pronouns and the words that open sentences most, some of them first names too.
_NOT_NAMES: Final = frozenset(
    "she he we they it you i his her their our my this that there then will may can did "
    "was is has had and but so if as at on in to no not all one the a an also after before "
    "when while today yesterday".split()
)
# Capitalised words after a relation that are no names ("Baby Boy", "Son In Law").
_NOT_AFTER_TITLE: Final = frozenset(
    "the his her their a an and or of in is was has had boy girl unit bed ward twin one two "
    "born blues food formula seat monitor check clinic led doe unknown".split()
)
# A possessive before a part of the body or a relative: "For Sunday's leg".
OWN_AFTER: Final = re.compile(
    r"['\u2019]s\s(?:leg|arm|hand|foot|feet|hip|knee|wound|fracture|mother|father|wife|"
    r"husband|son|daughter|mum|dad|family|kids|children)\b"
)
_UPDATES: Final = frozenset(("update", "news", "follow-up"))
UPDATE_BEFORE: Final = re.compile(
    r"(?i:update|news|follow-up)\s(?:on|about|of|re)\s"
    r"(?P<name>[A-Za-z\u00c0-\u00ff]{2,15}(?:-[a-z\u00e0-\u00ff]{2,15})?)(?=[:,])"
)
_HONORIFICS: Final = frozenset(("sir", "ji", "sahib", "saab", "bhai", "didi", "madam", "garu"))
HONORIFIC_AFTER: Final = re.compile(rf"{_NAME}\s$")


def _a_name(word: str) -> bool:
    low = word.lower()
    lex = lexicon()
    if low in lex.first_names or low in lex.word_names or low in lex.large_places:
        return True
    return low not in lex.common_words and not medical_word(low)


_NOT_AFTER: Final = _NOT_AFTER_TITLE | _NOT_NAMES


def _finds(text: str, cue: str):
    at = text.find(cue)
    while at > 0:
        yield at
        at = text.find(cue, at + 1)


def find_word_names(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for cue in _BEFORE & words:
        for at in places_of(low, cue):
            after = text[at + len(cue) : at + len(cue) + 1]
            if after not in (" ", ".") or (after == "." and len(cue) > 3):
                continue  # "sonography", or "her niece. She has": a sentence ends there
            m = BEFORE_NAME.match(text, at)
            if m and m.group("name").lower() not in _NOT_AFTER:
                _add(found, m.start("name"), m.end("name"), "NAME", text)
    lex = lexicon()
    first = FIRST_WORD.match(text)
    for m in (*((first,) if first else ()), *SENTENCE_START.finditer(text)):
        word = m.group("word")
        low_word = word.lower()
        if low_word in _NOT_NAMES:
            continue
        if PERSON_ACTS.match(text, m.end()) and (
            low_word in lex.word_names
            or low_word in lex.first_names
            # a word no list knows ("Givemore brought her"): only a person does that
            or (low_word not in lex.common_words and not medical_word(low_word))
        ):
            _add(found, m.start("word"), m.end(), "NAME", text)
    for quote in ("'s ", "\u2019s "):
        for at in _finds(text, quote):
            start = (
                max(text.rfind(" ", max(at - 21, 0), at), text.rfind("\n", max(at - 21, 0), at)) + 1
            )
            word = text[start:at]
            if (
                word[:1].isupper()
                and word.isalpha()
                and word.lower() in lex.first_names
                and OWN_AFTER.match(text, at)
            ):
                _add(found, start, at, "NAME", text)
    for cue in _UPDATES & words:
        for at in places_of(low, cue):
            m = UPDATE_BEFORE.match(text, at)
            if m and ("-" in m.group("name") or _a_name(m.group("name"))):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
    for honorific in _HONORIFICS & words:
        for at in places_of(low, honorific):
            m = HONORIFIC_AFTER.search(text, max(at - 24, 0), at)
            if m and _a_name(m.group("name")):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
