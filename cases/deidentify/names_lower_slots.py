"""Names typed in lower case in chat and replies, found by where they stand (round 21).

Chatty replies name the patient once, in lower case, in a slot no ordinary word fills:
- the owner of a relative or a result: "zhang's daughter", "pieter's INR control", "georges'
  creatinine" (a known first name, no ordinary word, before a possessive and a word of kin,
  of the body or of a test);
- the subject of "himself"/"herself": "that was xiuying herself" (any word no list knows);
- a name set off as the whole of a slot: "MRN 00482917 — delroy — pls chase", "bed 4
  (jerome)", "mrs t" (a title typed in lower case, then a word or an initial);
- the person an update or a booking is about: "update on kawika —", "follow-up for ama
  booked" (a known first name, or a word no list knows before a dash or a colon);
- the subject of a quoted or hoped-for outcome: "> pualani ended up in DKA", "hope
  marie-claude does ok" (a word no list knows only before a verb of outcome).

Kept quiet: ordinary and medical words in the same slots ("the patient's INR", "mum
herself", "update on sepsis —", "> metformin was stopped", "mr and tr"), and every capitalised
word (the name passes judge those). Each rule looks its cue up in the text's word set first.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import EPONYMS, medical_word
from cases.deidentify.medicine_names import _drug_word as drug_word
from cases.deidentify.word_set import places_of, words_of

_WORD: Final = r"(?<![\w'\u2019-])[a-zà-ÿ][a-zà-ÿ'\u2019]{1,15}(?:-[a-zà-ÿ]{2,12})?"
# What a patient's possessive owns in a reply: a relative, a result, a part, a plan.
_OWNED: Final = frozenset(
    """daughter son wife husband mum mom dad mother father sister brother partner family
    parents kids children grandson granddaughter carer niece nephew
    inr creatinine lactate potassium sodium bloods labs obs sats bp hb crp wcc glucose sugars
    sugar troponin trop gas abg ecg echo ct mri scan scans xray x-ray wound leg foot arm chest
    pain meds insulin dose levels level results temp fever rash swelling cough breathing
    kidneys liver heart mobility weight urine output bowels pressure obs""".split()
)
_APOSTROPHE: Final = re.compile(r"['\u2019](?:s\s|(?<=s['\u2019])\s)(?P<owned>[\w-]{2,12})")
_POSSESSIVE: Final = re.compile(
    rf"(?P<name>{_WORD})(?:['\u2019]s|(?<=s)['\u2019])\s(?P<owned>[\w-]+)"
)
_SELF: Final = re.compile(rf"(?P<name>{_WORD})\s$")  # searched back from "herself", "himself"
# A noun after a determiner is no name: "a nephrologist herself", "the boss herself".
_DETERMINER: Final = re.compile(r"(?:a|an|the|his|her|their|my|our|your|that|this)\s$")
_SET_OFF: Final = re.compile(rf"[\u2014\u2013]\s(?P<name>{_WORD})\s[\u2014\u2013]")
# A person's pronoun soon after: "— delroy — pls chase his lactate" ("— dex — given" has none).
_PERSON_AFTER: Final = re.compile(r"\b(?:he|she|his|her|him|they|their)\b")
_BED_PAREN: Final = re.compile(rf"(?:bed|bay|room|cubicle|cot)\s\d{{1,2}}\s\((?P<name>{_WORD})\)")
# "mrs t", "mr k" (an initial, not "a" or "i": "miss a dose", "mr a bit worse"), "ms oduya"
_TITLE: Final = re.compile(
    r"(?:mrs|mr|ms|miss)\s(?P<name>[b-hj-z](?![a-z])(?<!miss\s.)|[a-z][a-z'-]{1,15}\b)(?!\.\w)"
)
_ABOUT: Final = re.compile(
    rf"(?:update|news|follow-up|follow\sup|f/u|review)\s(?:on|for|re)\s(?P<name>{_WORD})"
    r"(?P<after>\s?[\u2014\u2013:-]|\s(?:booked|is|was|has|had|doing|today|tomorrow)\b)?"
)
_OUTCOME: Final = (
    r"\s(?:ended\sup|passed\saway|went\shome|pulled\sthrough|did\s(?:ok|okay|well|fine)|"
    r"does\s(?:ok|okay|well|fine)|is\sdoing|was\sdischarged|got\sbetter|made\sit)\b"
)
_QUOTED: Final = re.compile(rf">\s?(?P<name>{_WORD}){_OUTCOME}")
_HOPE: Final = re.compile(
    rf"(?:hope|hoping|praying)\s(?P<name>{_WORD})(?:{_OUTCOME}|\s(?:is|gets)\s)"
)
_SPOTS: Final = frozenset(("bed", "bay", "room", "cubicle", "cot"))
_ABOUT_CUES: Final = (
    ("update", "update"),
    ("news", "news"),
    ("follow-up", "follow-up"),
    ("follow up", "follow"),
    ("f/u", "f"),
    ("review", "review"),
)
_HOPES: Final = frozenset(("hope", "hoping", "praying"))
# Words a topic or a pronoun takes in the same slots: "update on omicron —", "that one herself".
_PRONOUNS: Final = frozenset(
    """he she they it who this that one mum dad alpha beta gamma delta epsilon omicron
    lambda kappa sigma omega mpox monkeypox covid corona rsv hmpv flu influenza everyone
    everybody someone somebody anyone nobody""".split()
)


def find_lower_names(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()

    def unlisted(word: str, towns: bool = False) -> bool:
        """A lower-case word no list knows: no ordinary, medical or drug word (and no town's
        name, unless the slot is a person's only)."""
        return (
            word.islower()
            and len(word) >= 4
            and word not in lex.common_words
            and (towns or word not in lex.towns)
            and word not in _PRONOUNS
            and not medical_word(word)
            and not drug_word(word)
            and word not in EPONYMS
        )

    def first_name(word: str) -> bool:
        parts = word.split("-")
        return (
            word.islower()
            and all(p in lex.first_names and p not in lex.common_words for p in parts)
            and word not in EPONYMS
        )

    def add(m: re.Match) -> None:
        _add(found, m.start("name"), m.end("name"), "NAME", text)

    if ("'" in text or "\u2019" in text) and _OWNED & words:
        for hit in _APOSTROPHE.finditer(low):
            if hit.group("owned") in _OWNED:
                at = hit.start("owned")
                m = _POSSESSIVE.search(text, max(at - 24, 0), hit.end())
                if m and m.start("owned") == at and first_name(m.group("name")):
                    add(m)
    for cue in ("herself", "himself") if "self" in low else ():
        for at in places_of(low, cue) if cue in words else ():
            m = _SELF.search(text, max(at - 24, 0), at)
            if not m or _DETERMINER.search(low, max(m.start() - 6, 0), m.start()):
                continue
            if unlisted(m.group("name"), towns=True) or first_name(m.group("name")):
                add(m)
    if "\u2014" in text or "\u2013" in text:
        for m in _SET_OFF.finditer(text):
            if first_name(m.group("name")) and _PERSON_AFTER.search(low, m.end(), m.end() + 60):
                add(m)
    for spot in _SPOTS & words if "(" in text else ():
        for at in places_of(low, spot):
            m = _BED_PAREN.match(low, at)
            if m and first_name(text[m.start("name") : m.end("name")]):
                add(m)
    for title in ("mrs", "mr", "ms", "miss"):
        for at in places_of(text, title + " ") if title in words else ():
            m = _TITLE.match(text, at)
            if m and (len(m.group("name")) == 1 or unlisted(m.group("name"))):
                add(m)
    for cue, first in _ABOUT_CUES:
        for at in places_of(low, cue) if first in words else ():
            m = _ABOUT.match(low, at)
            name = text[m.start("name") : m.end("name")] if m else ""
            if m and (first_name(name) or (m.group("after") and unlisted(name))):
                add(m)
    line = 0 if ">" in text else -1
    while line >= 0:  # a quoted line opens on ">"
        m = _QUOTED.match(text, line) if text.startswith(">", line) else None
        if m and (first_name(m.group("name")) or unlisted(m.group("name"))):
            add(m)
        line = text.find("\n", line) + 1 or -1
    for cue in _HOPES & words:
        for at in places_of(low, cue):
            m = _HOPE.match(text, at)
            if m and first_name(m.group("name")):
                add(m)
