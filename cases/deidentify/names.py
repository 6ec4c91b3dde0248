"""Names, towns and employers: one pass over the words of a text, using the lexicon and context.

A run of capitalised words ("Kofi Mensah", "Malia Z. Kahananui", "Noord-Scharwoude") is judged
as a whole: a known first name followed by capitalised words is a person even when the surname
is in no list; an ordinary English word ("Hope", "Will", "Grant") is a name only with support
(a title, a relative or role before it, a surname after it); words right before an eponym noun
("Wilson disease", "Glasgow-Blatchford score") or in a citation ("Rockall et al.", "described
in 2019 by Okafor") are not people. Towns come from the lexicon or from context ("lives in",
"from", "near"); employers from context ("works at", "employed by") or a company suffix.

Linear: each word is visited once, each run is at most ``MAX_RUN`` words, and every context
look-up reads a bounded window of characters around the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from cases.deidentify.cues import (
    AUTHOR_AFTER,
    AUTHOR_CUES,
    BOOK_AFTER,
    BOOK_CUES,
    CALENDAR,
    COMPANY_SUFFIX,
    EMPLOYER_AFTER,
    EMPLOYERISH_BEFORE,
    EPONYM_FOLLOWERS,
    LIST_AFTER,
    LIST_BEFORE,
    MAX_RUN,
    NOT_PLACES,
    PAIR_CITATION_CUES,
    PARTICLES,
    PERSON_THING_AFTER,
    PERSON_VERB_AFTER,
    PLACE_NOUN_AFTER,
    POSSESSIVE,
    TITLES,
    VOCATIVE_AFTER,
    WORKPLACE_AFTER,
    employer_cue,
    person_cue,
    place_cue,
    relation_cue,
    words_before,
)
from cases.deidentify.lexicon import lexicon

Add = Callable[[int, int, str], None]


@lru_cache(maxsize=50_000)  # words repeat across fields; the cache stays a few MB
def _flags(word: str) -> tuple[bool, bool, bool, bool]:
    """(first name, last name, ordinary word, town) for one word, possessive removed."""
    low = word.lower()
    if low.endswith(("'s", "\u2019s")):
        low = low[:-2]
    lex = lexicon()
    common = low in lex.common_words or (
        "-" in low and all(part in lex.common_words or len(part) == 1 for part in low.split("-"))
    )  # "E-mail", "X-ray", "Follow-up"
    return (low in lex.first_names, low in lex.last_names, common, low in lex.towns)


def _is_cap(word: str) -> bool:
    # Not "CT" or "NHS" (acronyms), nor "MoCA" or "HbA" (capital at the end).
    return word[0].isupper() and not (len(word) > 1 and word[-1].isupper())


# Letters of the Latin scripts, upper and lower case, for the patterns that need a capital.
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0181-\u024f"
LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f\u0180-\u024f"
# Candidate words of a name: capitalised words (and capitals: "PLC", initials) and particles.
# Only these are visited, so the lower-case bulk of a text costs nothing here.
# The capitalised words that start most sentences of a case, skipped by the regex engine
# itself: none is ever a name, a place or an employer on its own.
SENTENCE_WORDS = (
    "The He She It In On At An As After Before During With Without No Not And But If Of For To "
    "By From Is Was Were Are This That These Those There They We Our His Her Their Its Then "
    "When While Although However Overall Initially Subsequently Further Given Because Since "
    "Both All Some Following Over Under Also Only"
).split()
# The pattern opens on a character class so the regex engine jumps from one possible first
# letter to the next; the checks on what comes before the word (look-behinds, and a
# look-ahead wrapped in a one-character look-behind) run only there.
_PARTICLE_FIRST = "".join(sorted({p[0] for p in PARTICLES}))
CANDIDATE = re.compile(
    rf"[{UPPER}{_PARTICLE_FIRST}](?<![\w'\u2019\-].)(?<=(?!(?:{'|'.join(SENTENCE_WORDS)})\b).)"
    rf"(?:(?<=[{UPPER}])[^\W\d_]*(?:['\u2019\-][^\W\d_]+)*|"
    rf"(?<=(?=(?:{'|'.join(sorted(PARTICLES, key=len, reverse=True))})(?![\w'\u2019\-])).)"
    rf"[^\W\d_]*)(?!\d)"
)


def _runs(text: str):
    """Maximal runs of capitalised words, initials and particles, as lists of match objects."""
    run: list[re.Match] = []
    for m in CANDIDATE.finditer(text):
        word = m.group(0)
        joinable = run and _joins(text[run[-1].end() : m.start()], run[-1].group(0))
        if word.islower():  # a particle: only inside a run
            if joinable and len(run) < MAX_RUN:
                run.append(m)
            continue
        is_suffix = joinable and word.lower() in COMPANY_SUFFIX
        if _is_cap(word) or is_suffix or len(word) == 1:
            if run and (not joinable or len(run) >= MAX_RUN):
                yield run
                run = []
            run.append(m)
            continue
        if run:
            yield run
            run = []
    if run:
        yield run


def _joins(gap: str, previous: str) -> bool:
    if gap == " ":
        return True
    # "Malia Z. Kahananui", "Dr. Okafor", "St. Luke's"
    return gap == ". " and (len(previous) == 1 or previous.lower() in TITLES | {"st"})


# The rest of an eponym pair or triple: "(Kimmelstiel) and Wilson", "(Wolff), Parkinson and White".
_PAIR_REST = re.compile(r"(?:(?:,|,? and| &) [A-Z][^\W\d_]{1,20}(?:-[A-Z][^\W\d_]{1,20})?){1,2}")
# Tried when the above is no eponym: a second name of two words, "(Cullen) and Grey Turner signs".
_PAIR_REST_TWO_WORDS = re.compile(r"(?:,|,? and| &) [A-Z][^\W\d_]{1,20} [A-Z][^\W\d_]{1,20}")

# The second author of a pair: "(Kumar) and Clark", "(Bailey) & Love's".
_AND_PAIR = re.compile(r" (?:and|&) [A-Z][^\W\d_]{1,20}")


def eponym_after(text: str, end: int) -> bool:
    if _eponym_follows(text, end, _PAIR_REST):
        return True
    return _eponym_follows(text, end, _PAIR_REST_TWO_WORDS, needs_rest=True)


def _eponym_follows(text: str, end: int, pair: re.Pattern, *, needs_rest: bool = False) -> bool:
    if rest := pair.match(text, end, end + 60):
        end = rest.end()
    elif needs_rest:
        return False
    m = re.match(r"(?:['\u2019]s?)?[\s-]{0,2}([^\W\d_]{1,20})", text[end : end + 40])
    if not m:
        return False
    follower = m.group(1).lower()
    return follower in EPONYM_FOLLOWERS or bool(re.match(r"['\u2019]s\s[a-z]", text[end:]))


def _citation(text: str, start: int, end: int, *, lone: bool = True) -> bool:
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
    if not lone:
        return False
    if words and (words[-1] in AUTHOR_CUES or words[-2:] == ("according", "to")):
        window = text[max(start - 60, 0) : end + 30]
        return bool(re.search(r"\b(?:19|20)\d{2}\b|et al|journal|paper|study|series", window))
    return False


def _in_name_list(text: str, start: int, end: int) -> bool:
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


def _heading(text: str, start: int, end: int, flags: tuple[bool, bool, bool, bool]) -> bool:
    """ "Handover:", "Impression:" opening a line: a heading of a note, not a person addressed
    (a known first name there, "Grace: stable", still reads as one)."""
    line_start = text.rfind("\n", 0, start) + 1
    return (
        text.startswith(":", end)
        and not text[line_start:start].strip(" \t*_#>-")
        and not flags[0]
        and not flags[1]
        and (flags[2] or _two_words(text[start:end].lower()))
    )


def _two_words(word: str) -> bool:
    """ "handover", "bloodwork": two ordinary words written as one."""
    common = lexicon().common_words
    return any(word[:i] in common and word[i:] in common for i in range(3, len(word) - 2))


def _sentence_start(text: str, start: int, ends: str = ".!?:\n#>-;") -> bool:
    before = text[max(start - 3, 0) : start].rstrip(" \t*_(\"'")
    return not before or before[-1] in ends


# A clinic named after a doctor rather than a place: "the Apley clinic", "the X knee clinic".
_EPONYM_CLINIC = re.compile(r"\s(?:[a-z-]{3,15}\s)?clinic\b")

# Between two items of a list: "in Celje and Vrhnika", "Kofi, Ama and Yaw".
LIST_GAP = re.compile(r"(?:,| and| or| &|, and|, or) ")


def find_people_and_places(text: str, add: Add) -> None:
    last = [0, ""]  # where the last finding of this pass ended, and its kind

    def remember(start: int, end: int, kind: str) -> None:
        last[:] = [end, kind]
        add(start, end, kind)

    named_thing_end = -1  # where the last eponym or cited author ended
    for run in _runs(text):
        before = last[0]
        start = run[0].start()
        if named_thing_end >= 0 and LIST_GAP.fullmatch(text, named_thing_end, start):
            named_thing_end = run[-1].end()  # "Kasabach and Merritt", "Bailey & Love's"
            continue
        named_thing_end = run[-1].end() if _judge(text, run, remember) else -1
        if last[0] == before and last[1] in ("NAME", "GEO"):
            # Nothing found in this run: the next item of a list of names or places is one too.
            start = run[0].start()
            if LIST_GAP.fullmatch(text, before, start) and not _flags(run[0].group(0))[2]:
                remember(start, run[-1].end(), last[1])
    _lowercase_names(text, add)
    _upper_case_places(text, add)


UPPER_RUN = re.compile(r"(?<![\w-])[^\W\d_a-z]{4,}(?:[ -][^\W\d_a-z]{2,}){0,2}(?![\w-])")


def _upper_case_places(text: str, add: Add) -> None:
    """Towns in capitals, as addresses and forms write them: "OULU", "based in GUÉRET"."""
    lex = lexicon()
    for m in UPPER_RUN.finditer(text):
        value = m.group(0)
        if value.upper() != value or not any(ch.isalpha() for ch in value):
            continue
        low = value.lower()
        if low in lex.large_places or low in lex.common_words:
            continue
        if low in lex.towns or (len(value) >= 5 and place_cue(words_before(text, m.start()))):
            add(m.start(), m.end(), "GEO")


def _judge(text: str, run: list[re.Match], add: Add) -> bool:
    """Judge one run of capitalised words and add what it is; True when it is a named thing
    (an eponym, a cited author, a textbook), so the next item of a list after it is one too."""
    # Leading particles are ordinary lower-case words ("de" in "de Heer" only after a title).
    while run and run[0].group(0).islower():
        run = run[1:]
    while run and run[-1].group(0).lower() in PARTICLES:
        run = run[:-1]
    if not run:
        return False
    start, end = run[0].start(), run[-1].end()
    words = [m.group(0) for m in run]
    flags = [_flags(w) for w in words]
    if (
        len(run) == 1
        and flags[0][2]
        and not (flags[0][0] or flags[0][1] or flags[0][3])
        and not EMPLOYERISH_BEFORE.search(text, max(start - 12, 0), start)
    ):
        return  # one ordinary word ("The", "History", "Examination"): the common case, quickly
    cue_words = words_before(text, start)
    first_start = start
    suffix = words[-1].lower() in COMPANY_SUFFIX and not words[-1].islower()
    if (
        employer_cue(cue_words)
        or (suffix and len(words) > 1)
        or (
            EMPLOYER_AFTER.match(text, end)
            and cue_words[-1:] in (("retired",), ("former",), ("ex",))
        )
        or cue_words[-1:] in (("employer",), ("employers",), ("company",), ("firm",))
        or WORKPLACE_AFTER.match(text, end)
    ):
        # "works at Tesco", "Berry Ltd", "a retired Costco engineer", "from Aldi, where they
        # work"; but two or more words in no dictionary read as a person ("works for Zebulon
        # Quarrington").
        person = len(words) > 1 and not suffix and not any(c for _f, _l, c, _t in flags)
        add(start, end, "NAME" if person else "EMPLOYER")
        return False
    if any(w.lower() in EPONYM_FOLLOWERS for w in words[1:]):
        return True  # "Epworth Sleepiness Scale", "Glasgow Coma Scale": a named thing

    if len(run) == 1 and flags[0][2] and not (flags[0][0] or flags[0][1] or flags[0][3]):
        return  # one ordinary word ("The", "History", "Examination"): the common case, quickly
    if (
        place_cue(cue_words) == "strong"
        and words[0].lower() not in NOT_PLACES
        and not eponym_after(text, end)
        and " ".join(words).lower() not in lexicon().large_places
    ):
        add(start, end, "GEO")  # "grew up in Little Snoring", "near West Masonbury"
        return False

    # Leading ordinary words ("History", "The", "Seen") are not part of a name, unless one is
    # also a first name followed by a surname ("Hope Kealoha").
    while len(run) > 1:
        first, last, common, _town = flags[0]
        # The next word is a name, an initial, or in no list at all ("Mate Pandurić").
        rest_namey = len(words[1]) == 1 or not flags[1][2]
        particle = words[0].lower() in PARTICLES  # "De Weere", "Van Dijk"
        if common and not particle and not ((first or last) and rest_namey):
            run, words, flags = run[1:], words[1:], flags[1:]
            start = run[0].start()
            continue
        break
    if words[0].lower().rstrip(".") in TITLES:
        return  # handled by the titled-name pattern in find_identifiers
    # "Yuri Bulgakov's Cautionary Tales": a name, then ordinary words; judge each part alone.
    for i in range(1, len(run)):
        first, last, is_common, _town = flags[i]
        after_initial = len(words[i - 1]) == 1 or len(words[i]) == 1
        if is_common and not (first or last or after_initial) and words[i].lower() not in PARTICLES:
            _judge(text, run[:i], add)
            _judge(text, run[i:], add)
            return False

    lone = sum(w.lower() not in PARTICLES for w in words) == 1
    if eponym_after(text, end) or _citation(text, start, end, lone=lone):
        return True
    text_run = " ".join(words)
    low_run = text_run.lower()
    lex = lexicon()
    if low_run in lex.large_places:
        return False

    if start != first_start:
        cue_words = words_before(text, start)
    is_person_cue = person_cue(cue_words)
    where = place_cue(cue_words)

    namey = [(f or ln) and not c for f, ln, c, _t in flags]
    unknown = [
        not (f or ln or c or t) and len(w) > 1 and not w.isupper()
        for w, (f, ln, c, t) in zip(words, flags, strict=True)
    ]
    initials = [len(w) == 1 for w in words]
    particles = [w.lower() in PARTICLES and i > 0 for i, w in enumerate(words)]
    common = [
        c and not (f or ln) and not i and not p
        for (f, ln, c, _t), i, p in zip(flags, initials, particles, strict=True)
    ]

    if is_person_cue and not all(common):
        add(start, end, "NAME")  # "colleague Mate Pandurić"
        return False
    if low_run in lex.towns and not all(c for _f, _l, c, _t in flags):
        add(start, end, "GEO")
        return False
    if (
        lone
        and (flags[0][0] or flags[0][1])
        and not flags[0][3]
        and _EPONYM_CLINIC.match(text, end)
    ):
        return True  # "the Apley clinic", "the Buckley knee clinic": named after a doctor
    if PLACE_NOUN_AFTER.match(text, end) and not any(common):
        add(start, end, "GEO")  # "the Oosterbierum clinic", "De Weere station"
        return False
    if where == "strong" and words[0].lower() not in NOT_PLACES:
        add(start, end, "GEO")  # "grew up in Little Snoring"
        return False
    if where and (any(unknown) or low_run in lex.towns) and words[0].lower() not in NOT_PLACES:
        add(start, end, "GEO")  # "at Boston", "in Kollam"
        return False
    if len(words) == 3 and initials[1] and not initials[0] and not common[0]:
        add(start, end, "NAME")  # "Jildau S Bouts", "Malia Z. Kahananui"
        return False
    if len(words) >= 2:
        support = sum(
            n or u or i or p for n, u, i, p in zip(namey, unknown, initials, particles, strict=True)
        )
        # "Kofi Mensah", "Stanislava Kobielský": a known first name, then name-like words.
        first_known = flags[0][0] or initials[0]
        if first_known and support == len(words) and not common[-1]:
            add(start, end, "NAME")
            return False
        if support == len(words):
            add(start, end, "NAME")
            return False
        if flags[0][0] and not flags[0][2] and all(not c for c in common[1:]):
            add(start, end, "NAME")
            return False
    if (
        len(words) == 1
        and (unknown[0] or (flags[0][0] and not flags[0][2]))
        and (
            PERSON_VERB_AFTER.match(text, end)
            or (POSSESSIVE.search(words[0]) and PERSON_THING_AFTER.match(text, end))
            or (
                _sentence_start(text, start)
                and VOCATIVE_AFTER.match(text, end)
                and not _heading(text, start, end, flags[0])
            )
            or _in_name_list(text, start, end)
        )
    ):
        word = words[0].removesuffix("'s").removesuffix("\u2019s")
        if len(word) >= 3 and word[1:].islower() and word.lower() not in CALENDAR:
            add(start, end, "NAME")  # "Nohea was transferred", "İmren said", "Dexter lives"
            return False
    # One word, or a run that is not a whole name: flag the known first names and surnames in it.
    for m, (first, last, is_common, _town) in zip(run, flags, strict=True):
        if is_common or not (first or last):
            continue
        if len(m.group(0)) < 3:
            continue  # "Hb", "Li": a clinical abbreviation more often than a name
        if _sentence_start(text, m.start(), ".!?\n#>") and not first:
            continue  # a surname alone at a sentence start is too often something else
        if eponym_after(text, m.end()) or _citation(text, m.start(), m.end()):
            continue
        add(m.start(), m.end(), "NAME")
    return False


# Lower-case words only, and the capitalised ones as breaks between them (they end a pair).
LOWER_WORD = re.compile(r"[^\W\d_](?<!\d.)[^\W\d_]*(?:['\u2019\-][^\W\d_]+)*(?!\d)")


LOWER_GAP = re.compile(r" (?:[a-z]\.? )?")
# A name in apposition after a person noun: "The patient, john doe, works nights".
_APPOSITION = re.compile(
    r"\b(?i:patient|pt|man|woman|lady|gentleman|boy|girl|child|baby|infant|resident|"
    r"client|bed \d{1,3}|room \d{1,3}|bay \d{1,3}),?:? $"
)


def _foreign(word: str) -> bool:
    """A word with letters English does not use ("žilková", "mazzi" does not qualify)."""
    return any(ord(ch) > 127 for ch in word)


def _apostrophe_surname(word: str) -> bool:
    """ "o'brien", "d'souza": the lexicon lists such surnames without the apostrophe."""
    head, sep, tail = word.replace("\u2019", "'").partition("'")
    return bool(sep) and len(head) <= 2 and (head + tail) in lexicon().last_names


def _lowercase_names(text: str, add: Add) -> None:
    """Names typed in lower case: a first name then a surname, neither an ordinary word, or
    one or two words that are no ordinary word right after a relative or a role ("her
    neighbour kofi mensah")."""
    lex = lexicon()
    previous: re.Match | None = None
    cued: re.Match | None = None  # the first word of a name that follows a cue
    common, word_names = lex.common_words, lex.word_names
    for m in LOWER_WORD.finditer(text):
        word = m.group(0)
        if word in word_names and word.islower() and relation_cue(words_before(text, m.start())):
            pass  # "her husband holly harper": a name that is also a word, after a relative
        elif word in common or word in word_names or len(word) < 3 or not word.islower():
            if len(word) > 1 or not word.islower():
                previous = cued = None  # a middle initial ("benjamin a seiler") keeps the pair
            continue
        word = word.removesuffix("'s").removesuffix("\u2019s")
        if word in common:  # "let's"
            previous = cued = None
            continue
        named = word in lex.first_names or word in lex.last_names or _apostrophe_surname(word)
        adjacent = previous is not None and text[previous.end() : m.start()] == " "
        if adjacent and cued is previous:
            add(previous.start(), m.end(), "NAME")
            cued = None
        elif (
            previous is not None
            and previous.group(0) in lex.first_names
            and (named or _foreign(word))
            and LOWER_GAP.fullmatch(text, previous.end(), m.start())
        ):
            add(previous.start(), m.end(), "NAME")  # "leone mazzi", "leidy t muris"
        elif word in lex.first_names and PERSON_VERB_AFTER.match(text, m.end()):
            add(m.start(), m.end(), "NAME")  # "selma is from"
        elif (named or word not in lex.towns) and (
            relation_cue(words_before(text, m.start())) or _APPOSITION.search(text, 0, m.start())
            if m.start() > 2 and text[m.start() - 2] == ","
            else relation_cue(words_before(text, m.start()))
        ):
            add(m.start(), m.end(), "NAME")  # "her son mandlakhe", "patient puti firmansyah"
            cued = m
        elif named and person_cue(words_before(text, m.start())):
            add(m.start(), m.end(), "NAME")
            cued = m
        previous = m
