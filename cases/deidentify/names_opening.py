"""Names that are also English words, known by what the sentence does with them (round 15).

The lexicon treats "Hope", "Joy", "Will" and "Brown" as words, so the name passes let them
go unless a title or a relative stands before them. Notes use them bare:
- a first name opening a sentence, followed by a verb and a he/she word that points back to
  it ("Hope brought her dad in", "Joy is cheerful today and ate all her breakfast", "Bill
  needs his warfarin clinic moved"); a popular first name before a verb of a person ("Mark
  did the lumbar puncture");
- a nickname after "call him"/"call her" ("We call him Bunny on the ward");
- the person a letter is about, after "Re" and before the age or the date of birth ("Re
  Olúwaṣeun Adébáyọ̀, 39."), whatever letters the name is written in;
- a surname found with a title, found again without it ("Mr. Brown ... Brown asked").

Look-alikes kept quiet: "Hope is that her...", "Will she need...", "Mark his chart", "Art is
her passion" (no verb of a person, or a word of meaning after "is"), months and weekdays.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.cues import CALENDAR
from cases.deidentify.eponyms import eponym_after
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon

# A capitalised word opening a sentence or a note, and a verb after it: one of a person's
# (the list below) or a past tense. The regex filters the verbs so that few openings reach
# the lexicon.
_VERB = r"(?P<verb>(?:{verbs})|[a-z]{{3,12}}ed)"
_PRONOUN_AFTER: Final = re.compile(
    r"(?:[^.;!?\n]{0,50}?)\b(?:his|her|him|she|he|hers|himself|herself)\b"
)
# Verbs a person does, for names that are also nouns ("Mark did the LP", "Bill rang").
_PERSON_VERBS: Final = frozenset(
    "said says asked asks told tells did does rang rings phoned called calls brought brings "
    "refused refuses wants wanted needs needed came comes went goes saw sees reviewed reviews "
    "checked checks examined examines thinks thought felt feels agreed agrees declined declines "
    "did inserted performed sutured admitted discharged visited visits lives lived ate eats "
    "slept sleeps walked walks fell falls died dies is was has had takes took gets got likes "
    "loves hates enjoys keeps uses wears wore sat stood ran".split()
)
# Without a pronoun after it, a popular name needs a verb of doing ("Mark did", not "Grace is").
_DOING_VERBS: Final = _PERSON_VERBS - {"is", "was", "has", "had"}
_VERB = _VERB.format(verbs="|".join(sorted(_PERSON_VERBS, key=len, reverse=True)))
_OPENING: Final = re.compile(rf"[.!?;:\n]\s{{0,3}}(?P<name>[A-Z][a-z]{{2,12}})\s{_VERB}\b")
_FIRST: Final = re.compile(rf"\s{{0,3}}(?P<name>[A-Z][a-z]{{2,12}})\s{_VERB}\b")
# Words after "is"/"was" that make the first word an idea, not a person ("Hope is that...").
_IDEA_AFTER_IS: Final = frozenset(
    "that a an the key important what why how not all everything vital essential crucial "
    "central lost gone needed required something nothing often always never when where "
    "there this these those it her his their my our your".split()
)
_NOT_NAMES: Final = frozenset(
    "may june august april march sat sun patient home sister doctor nurse mum mom dad nan gran "
    "baby child she he her his they we you it its this that these those there then the and but "
    "our their my your who what when where why how all any some each both one not also just "
    "only after before since while once still even please thanks today tonight now here".split()
)
NICKNAME: Final = re.compile(
    r"(?i:calls?|called|nicknamed)\s(?P<who>(?i:him|her|them)\s)?(?P<name>[A-Z][a-z]{1,15})\b"
)
# A word in any script, its accents written as combining marks ("Adébáyọ̀").
_LETTER: Final = r"(?:[^\W\d_]|[\u0300-\u036f])"
_LETTER_WORD: Final = rf"[^\W\d_]{_LETTER}{{0,20}}(?:['\u2019-]{_LETTER}{{1,20}})?"
RE_NAME: Final = re.compile(
    rf"Re:?\s(?P<name>{_LETTER_WORD}(?:\s{_LETTER_WORD}){{1,3}}?)"
    r"(?=,\s?\d{1,3}\b|,?\s\(|,?\s(?i:DOB|d\.o\.b|born|aged|NHS|MRN|CHI|NHI)\b)"
)
_TITLED: Final = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sister|Nurse)\.?\s(?P<surname>[A-Z][a-z]{2,20})$"
)


def _opening_names(text: str, found: list[Finding]) -> None:
    lex = lexicon()
    first = _FIRST.match(text)
    for m in [first, *_OPENING.finditer(text)] if first else _OPENING.finditer(text):
        word, verb = m.group("name").lower(), m.group("verb")
        if word in _NOT_NAMES or word in CALENDAR or word not in lex.first_names:
            continue
        if word not in lex.common_words and word not in lex.word_names:
            continue  # a plain first name: the other passes judge it
        doer = verb in _PERSON_VERBS or (verb.endswith("ed") and len(verb) > 4)
        if not doer or (verb in ("is", "was") and _next_word(text, m.end()) in _IDEA_AFTER_IS):
            continue
        pointed = _PRONOUN_AFTER.match(text, m.end())
        aged = verb in ("is", "was") and _AGE_AFTER.match(text, m.end())  # "Patience is 7 and"
        if pointed or aged or (word in lex.word_names and verb in _DOING_VERBS):
            _add(found, m.start("name"), m.end("name"), "NAME", text)


_WORD_AFTER: Final = re.compile(r"\s([a-z]+)")
_AGE_AFTER: Final = re.compile(
    r"\s(?:1[01]\d|\d{1,2})(?:\s?(?:yo|y/o|years?\sold|months?\sold))?"
    r"(?=[,;.]\s|\s(?:and|with|now|today|but)\b)"
)


def _next_word(text: str, at: int) -> str:
    m = _WORD_AFTER.match(text, at)
    return m.group(1) if m else ""


def _names_again(text: str, found: list[Finding]) -> None:
    """A titled surname that is also a word ("Mr. Brown"), written again without its title."""
    lex = lexicon()
    surnames: dict[str, None] = {}  # in order of first appearance, whatever the hash seed
    for f in found:
        m = _TITLED.match(f.text) if f.kind == "NAME" and f.text[:1] in "MDPSN" else None
        if m and m.group("surname").lower() in lex.common_words:
            surnames[m.group("surname")] = None
    named = [(f.start, f.end) for f in found if f.kind == "NAME"]
    for surname in list(surnames)[:8]:
        at = text.find(surname)
        while at >= 0:
            end = at + len(surname)
            if _alone(text, at, end) and not any(start <= at < stop for start, stop in named):
                verb = _next_word(text, end)
                if (verb in _PERSON_VERBS or verb.endswith("ed")) and not eponym_after(text, end):
                    _add(found, at, end, "NAME", text)
            at = text.find(surname, end)


def _alone(text: str, start: int, end: int) -> bool:
    """The word is not part of a longer word or a double-barrelled name."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    return not (before.isalnum() or before == "-" or after.isalnum() or after == "-")


# The nickname's pattern is tried only where one of these stands, never over the whole text.
_NICKNAME_HINTS: Final = ("call", "nicknamed")


def find_opening_names(text: str, low: str, found: list[Finding]) -> None:
    _opening_names(text, found)
    for hint in _NICKNAME_HINTS:
        at = low.find(hint)
        while at >= 0:
            m = NICKNAME.match(text, at) if not low[at - 1 : at].isalpha() else None
            # "call him Bunny", "nicknamed Bunny"; not "called Security" (NAMED reads "called").
            if (
                m
                and (m.group("who") or hint == "nicknamed")
                and m.group("name").lower() not in CALENDAR
            ):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
            at = low.find(hint, at + len(hint))
    at = text.find("Re")
    while at >= 0:
        # "Re" opens the text or follows a space or a colon ("Letter: Re ...").
        m = RE_NAME.match(text, at) if at == 0 or text[at - 1] in " \n\t:" else None
        if m:
            _add(found, m.start("name"), m.end("name"), "NAME", text)
        at = text.find("Re", at + 2)
    if any(f.kind == "NAME" for f in found):
        _names_again(text, found)


# Words that open a note or a sentence and are names only in the lexicon ("Patient, 91,",
# "Home visit to Mr Abara").
_NOTE_WORDS: Final = frozenset("patient pt pts home resident client handover plan ward".split())


def name_look_alike(f: Finding) -> bool:
    """A NAME finding that is a note's word ("Patient, 91, asked") or runs over a sentence's
    end from a lower-case word ("awaiting beds. Pt in cubicle 2")."""
    return f.text.lower() in _NOTE_WORDS or (". " in f.text and f.text[:1].islower())
