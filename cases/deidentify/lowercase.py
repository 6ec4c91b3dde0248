"""Names typed in lower case ("bed 4 - john smith", "her son kofi") and towns in capitals
("OULU", "based in GUÉRET"): the two passes over a text that do not start on a capital letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from cases.deidentify.cues import (
    PERSON_VERB_AFTER,
    person_cue,
    place_cue,
    relation_cue,
    section_word,
    words_before,
)
from cases.deidentify.lexicon import lexicon
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS

Add = Callable[[int, int, str], None]

# Opening on the capital, the look-behind after it, lets the regex engine skip to capitals.
# The first class is a wider one of plain ranges, which the engine tests far faster than
# "[^\W\d_a-z]" (a word's letter but not a-z); the look-behind then asks for that letter.
UPPER_RUN: Final = re.compile(
    r"[A-Z\u0080-\U0010ffff](?<=[^\W\d_a-z])(?<![\w-][^\W\d_a-z])"
    r"[^\W\d_a-z]{3,}(?:[ -][^\W\d_a-z]{2,}){0,2}(?![\w-])"
)


def upper_case_places(text: str, add: Add) -> None:
    """Towns in capitals, as addresses and forms write them: "OULU", "based in GUÉRET"."""
    lex = lexicon()
    for m in UPPER_RUN.finditer(text):
        value = m.group(0)
        if value.upper() != value or not any(ch.isalpha() for ch in value):
            continue
        low = value.lower()
        if low in lex.large_places or low in lex.common_words or value in CLINICAL_INITIALISMS:
            continue  # "resources from KDIGO": a body, not a town in capitals
        if low in lex.towns or (
            len(value) >= 5
            and not any(len(part) <= 4 for part in value.split("-")[1:])  # "FIDELIO-DKD": a trial
            and place_cue(words_before(text, m.start()))
        ):
            add(m.start(), m.end(), "GEO")


# A town typed in lower case after a word of place: "from san pablo", "lives alone in wagga",
# "pt from nashik". Up to three words; the longest that the lexicon knows as a town wins.
LOWER_PLACE: Final = re.compile(
    r"[filnabmgrvho](?<![\w'\u2019-].)(?P<cue>(?<=f)rom|(?<=i)n|(?<=n)ear|(?<=o)utside|"
    r"(?<=l)iv(?:es|ing|ed) in|(?<=a)lone in|(?<=m)oved to|(?<=b)(?:orn|ased) in|"
    r"(?<=g)rew up in|(?<=r)esident of|(?<=v)isiting|(?<=h)ome in)\s"
    r"(?P<words>[a-z][a-z'\u2019-]{2,20}(?:\s[a-z][a-z'\u2019-]{1,20}){0,2})"
)
_LOWER_SENTENCE: Final = re.compile(r"[.!?\n](?:\s{0,3})[a-z]")
_STRONG_LOWER_CUES: Final = frozenset(
    {
        "lives in", "living in", "lived in", "alone in", "moved to", "born in", "grew up in",
        "based in", "resident of", "home in",
    }
)  # fmt: skip
# Lower-case words that the town list holds and that clinical writing uses as words.
_NOT_LOWER_TOWNS: Final = frozenset(
    "vitro vivo utero situ toto extremis loco sinus mali ards aden bath ely rehab".split()
)


def lowercase_towns(text: str, add: Add) -> None:
    """Towns typed in lower case after a word of place ("from san pablo", "in wagga"), in
    text written in lower case: it opens a sentence or the field on a small letter."""
    if not (text[:1].islower() or _LOWER_SENTENCE.search(text)):
        return
    lex = lexicon()
    for m in LOWER_PLACE.finditer(text):
        words = m.group("words").split()
        for n in range(len(words), 0, -1):
            place = " ".join(words[:n])
            if n > 1 and all(w in lex.common_words for w in words[:n]):
                continue
            if n == 1 and (
                place in lex.common_words
                or place in lex.word_names
                or place in _NOT_LOWER_TOWNS
                or len(place) < 4
            ):
                continue
            if place in lex.large_places:
                break
            strong = text[m.start() : m.end("cue")] in _STRONG_LOWER_CUES
            known = place in lex.towns
            unknown = n == 1 and not (
                place in lex.first_names or place in lex.last_names or place in lex.towns
            )
            if known or (strong and unknown and len(place) >= 4):
                start = m.start("words")
                add(start, start + len(place), "GEO")
                break


# Lower-case words only, and the capitalised ones as breaks between them (they end a pair).
LOWER_WORD: Final = re.compile(r"[^\W\d_](?<!\d.)[^\W\d_]*(?:['\u2019\-][^\W\d_]+)*(?!\d)")


LOWER_GAP: Final = re.compile(r" (?:[a-z]\.? )?")
# A name in apposition after a person noun: "The patient, john doe, works nights".
_APPOSITION: Final = re.compile(
    r"\b(?i:patient|pt|man|woman|lady|gentleman|boy|girl|child|baby|infant|resident|"
    r"client|bed \d{1,3}|room \d{1,3}|bay \d{1,3}),?:? $"
)


# "(pt)" after a word: the patient's name, whatever lists know of it.
_PATIENT_MARK: Final = re.compile(r"\s\((?:pt|patient|client|resident|service user|su)\)")
# A heading opening the line, right before the word: "Nights: ", "HCA note - ".
_AFTER_HEADING: Final = re.compile(r"(?:^|\n)[ \t]*[A-Za-z][\w &/]{1,30}(?::|\s-)\s$")
# What follows a patient's first name in a nursing or ward note: "marek (pt) pulling at his line",
# "bogdan on the ward again", "anneke pulling at her cannula".
_WARD_PERSON_AFTER: Final = re.compile(
    r"\s\((?:pt|patient|client|resident|service user|su)\)"
    r"|\s(?:back\s|still\s)?(?:on|in|off)\sthe\s(?:ward|unit|bay)\b"
    r"|\s(?:refused|refuses|refusing|asking|asks|keeps|kept|pulling|pulled|shouting|"
    r"wandering|absconded|settled|slept|sleeping|agitated|tearful|calm|upset|mobilising|"
    r"mobilised|eating|drinking|vomited|vomiting|self-discharged|tried|trying)\b"
)
# "her carer madara 71 says": an age right after a word makes it a person, not a town.
_AGE_NEXT: Final = re.compile(r",?\s\(?\d{1,3}\b(?![./]\d)")


# The endings of a contracted pronoun or verb: "he'd", "she'll", "we've", "they're".
_CONTRACTED: Final = frozenset({"d", "ll", "ve", "re", "m", "t"})


def _foreign(word: str) -> bool:
    """A word with letters English does not use ("žilková", "mazzi" does not qualify)."""
    return any(ord(ch) > 127 for ch in word)


def _apostrophe_surname(word: str) -> bool:
    """ "o'brien", "d'souza": the lexicon lists such surnames without the apostrophe."""
    head, sep, tail = word.replace("\u2019", "'").partition("'")
    return bool(sep) and len(head) <= 2 and (head + tail) in lexicon().last_names


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    """The ordinary words that are no name and longer than one letter: ``lowercase_names``
    ends a pair on each of them and reads nothing else (a one-letter word may be an initial)."""
    lex = lexicon()
    return frozenset(w for w in lex.common_words - lex.word_names if len(w) > 1)


def lowercase_names(text: str, add: Add) -> None:
    """Names typed in lower case: a first name then a surname, neither an ordinary word, or
    one or two words that are no ordinary word right after a relative or a role ("her
    neighbour kofi mensah")."""
    lex = lexicon()
    previous: re.Match | None = None
    cued: re.Match | None = None  # the first word of a name that follows a cue
    common, word_names = lex.common_words, lex.word_names
    plain = _plain_words()
    for m in LOWER_WORD.finditer(text):
        word = m.group(0)
        if word in plain:
            # Most words of a field: an ordinary word and no name, which the branches below
            # would send to "previous = cued = None" one test at a time.
            previous = cued = None
            continue
        lower, name_word = word.islower(), word in word_names
        if lower and name_word:
            # "her husband holly harper", "eric (pt) pulling at his line": a name that is also
            # a word, after a relative or before a patient mark; otherwise an ordinary word.
            if not (
                relation_cue(words_before(text, m.start())) or _PATIENT_MARK.match(text, m.end())
            ):
                if len(word) > 1:
                    previous = cued = None
                continue
        elif not lower or word in common or name_word or len(word) < 3:
            if len(word) > 1 or not lower:
                previous = cued = None  # a middle initial ("benjamin a seiler") keeps the pair
            continue
        word = word.removesuffix("'s").removesuffix("\u2019s")
        head, sep, tail = word.replace("\u2019", "'").partition("'")
        if word in common or (sep and tail in _CONTRACTED and head in common):
            previous = cued = None  # "let's", "he'd", "they'll"
            continue
        named = word in lex.first_names or word in lex.last_names or _apostrophe_surname(word)
        adjacent = previous is not None and text[previous.end() : m.start()] == " "
        if adjacent and cued is previous:
            assert previous is not None  # adjacent only after a previous word
            add(previous.start(), m.end(), "NAME")
            cued = None
        elif (
            previous is not None
            and previous.group(0) in lex.first_names
            and (named or _foreign(word))
            and LOWER_GAP.fullmatch(text, previous.end(), m.start())
        ):
            add(previous.start(), m.end(), "NAME")  # "leone mazzi", "leidy t muris"
        elif (
            word in lex.first_names
            and (PERSON_VERB_AFTER.match(text, m.end()) or _WARD_PERSON_AFTER.match(text, m.end()))
        ) or (
            _PATIENT_MARK.match(text, m.end())
            or (
                (_WARD_PERSON_AFTER.match(text, m.end()) or PERSON_VERB_AFTER.match(text, m.end()))
                # the heading last: a search over a window, the dearest of the three
                and _AFTER_HEADING.search(text, max(m.start() - 40, 0), m.start())
            )
        ):
            # "selma is from", "marek (pt) pulling", "Nights: kirra refused bloods"
            add(m.start(), m.end(), "NAME")
        elif (named or word not in lex.towns or _AGE_NEXT.match(text, m.end())) and (
            relation_cue(words_before(text, m.start()))
            # a bounded window: searching from 0 made a long field quadratic
            or _APPOSITION.search(text, max(m.start() - 40, 0), m.start())
            if m.start() > 2 and text[m.start() - 2] == ","
            else relation_cue(words_before(text, m.start()))
        ):
            add(m.start(), m.end(), "NAME")  # "her son mandlakhe", "patient puti firmansyah"
            cued = m
        elif named and person_cue(words_before(text, m.start())):
            add(m.start(), m.end(), "NAME")
            cued = m
        elif (
            len(word) >= 4
            and word not in lex.towns
            and not section_word(word)
            and person_cue(words_before(text, m.start()))
        ):
            cued = m  # "seen by ojasvi lanka": a name only if another such word follows
        previous = m
