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
from typing import Any, Final

from cases.deidentify.anchored import by_first_letter
from cases.deidentify.cues import (
    AGE_AFTER,
    AGE_BEFORE,
    AUTHOR_CUES,
    CALENDAR,
    COMPANY_SUFFIX,
    EMPLOYER_AFTER,
    EMPLOYERISH_BEFORE,
    EPONYM_FOLLOWERS,
    MAX_RUN,
    NAMED_THING_BEFORE,
    NOT_PLACES,
    NUMBER_AFTER,
    PARTICLES,
    PERSON_CUES,
    PERSON_THING_AFTER,
    PERSON_VERB_AFTER,
    PLACE_NOUN_AFTER,
    POSSESSIVE,
    SERVICE_WORDS,
    TITLES,
    UPPER,
    VOCATIVE_AFTER,
    WORKPLACE_AFTER,
    employer_cue,
    person_cue,
    place_cue,
    relation_cue,
    words_before,
)
from cases.deidentify.eponyms import citation, eponym_after, in_name_list
from cases.deidentify.lexicon import lexicon
from cases.deidentify.lowercase import lowercase_names, lowercase_towns, upper_case_places
from cases.deidentify.medical_words import (
    MAKERS,
)
from cases.deidentify.medicine_runs import medicine_run
from cases.deidentify.thing_shapes import named_end, named_or_cited, no_name, unless_thing
from cases.deidentify.word_shapes import (
    CLINICAL_SLANG,
    ISLAND_STATES,
    ORGANISATION_WORDS,
    ROMAN_AFTER,
    ROMAN_WORD,
    brand,
    heading,
    village,
)

Add = Callable[[int, int, str], None]


@lru_cache(maxsize=50_000)  # words repeat across fields; the cache stays a few MB
def _flags(word: str) -> tuple[bool, bool, bool, bool]:
    """(first name, last name, ordinary word, town) for one word, possessive removed."""
    low = word.lower()
    if low.endswith(("'s", "\u2019s")):
        low = low[:-2]
    lex = lexicon()
    common = (
        low in lex.common_words
        or low in CLINICAL_SLANG
        or (
            "-" in low
            and all(part in lex.common_words or len(part) == 1 for part in low.split("-"))
        )
    )  # "E-mail", "X-ray", "Follow-up"
    return (low in lex.first_names, low in lex.last_names, common, low in lex.towns)


def _is_cap(word: str) -> bool:
    # Not "CT" or "NHS" (acronyms), nor "MoCA" or "HbA" (capital at the end).
    return word[0].isupper() and not (len(word) > 1 and word[-1].isupper())


# Candidate words of a name: capitalised words (and capitals: "PLC", initials) and particles;
# the lower-case bulk of a text costs nothing here. The capitalised words that start most
# sentences of a case are skipped by the regex engine: none is a name, place or employer.
SENTENCE_WORDS: Final = (
    "The He She It In On At An As After Before During With Without No Not And But If Of For To "
    "By From Is Was Were Are This That These Those There They We Our His Her Their Its Then "
    "When While Although However Overall Initially Subsequently Further Given Because Since "
    "Both All Some Following Over Under Also Only"
).split()
# The pattern opens on a character class so the regex engine jumps from one possible first
# letter to the next; the checks on what comes before the word (look-behinds, and a look-ahead
# in a one-character look-behind, its words grouped by first letter) run only there.
_PARTICLE_FIRST: Final = "".join(sorted({p[0] for p in PARTICLES}))
_SENTENCE, _PARTICLE = (by_first_letter("|".join(w)) for w in (SENTENCE_WORDS, sorted(PARTICLES)))
CANDIDATE: Final = re.compile(
    rf"[{UPPER}{_PARTICLE_FIRST}](?<![\w'\u2019\-].)(?<=(?!{_SENTENCE}\b).)"
    rf"(?:(?<=[{UPPER}])[^\W\d_]*(?:['\u2019\-][^\W\d_]+)*|"
    rf"(?<=(?={_PARTICLE}(?![\w'\u2019\-])).)"
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


# "a Toyota", "his Medtronic": a lone maker's name is the thing made after these.
_OWNER_WORDS = frozenset({("a",), ("an",), ("his",), ("her",), ("their",), ("my",), ("our",)})


def _sentence_start(text: str, start: int, ends: str = ".!?:\n#>-;") -> bool:
    before = text[max(start - 3, 0) : start].rstrip(" \t*_(\"'")
    return not before or before[-1] in ends


# A clinic named after a doctor rather than a place: "the Apley clinic", "the X knee clinic".
_EPONYM_CLINIC: Final = re.compile(r"\s(?:[a-z-]{3,15}\s)?clinic\b")

_VILLAGE_CUES: Final = frozenset({"from", "in", "near", "outside", "around"})

# Between two items of a list: "in Celje and Vrhnika", "Kofi, Ama and Yaw".
LIST_GAP: Final = re.compile(r"(?:,| and| or| &|, and|, or) ")


def find_people_and_places(text: str, add: Add) -> None:
    last: list[Any] = [0, ""]  # where the last finding of this pass ended, and its kind

    def remember(start: int, end: int, kind: str) -> None:
        last[:] = [end, kind]
        add(start, end, kind)

    named_thing_end = -1  # where the last eponym or cited author ended
    for run in _runs(text):
        before = last[0]
        start = run[0].start()
        if (
            named_thing_end >= 0
            and LIST_GAP.fullmatch(text, named_thing_end, start)
            and not (len(run) == 1 and PERSON_VERB_AFTER.match(text, run[-1].end()))
        ):
            # "Kasabach and Merritt", "Bailey & Love's", "Wells score, Murphy's sign"
            named_thing_end = named_end(text, run[-1].end())
            continue
        named_thing_end = named_end(text, run[-1].end()) if _judge(text, run, remember) else -1
        if last[0] == before and last[1] in ("NAME", "GEO"):
            # Nothing found in this run: the next item of a list of names or places is one too.
            start = run[0].start()
            if (
                LIST_GAP.fullmatch(text, before, start)
                and not _flags(run[0].group(0))[2]
                and len(run[0].group(0)) > 2
                and not NUMBER_AFTER.match(text, run[-1].end())
                and not eponym_after(text, run[-1].end())
                and " ".join(m.group(0) for m in run).lower() not in lexicon().large_places
            ):
                remember(start, run[-1].end(), last[1])
    lowercase_names(text, add)
    lowercase_towns(text, add)
    upper_case_places(text, add)


_ARTICLES: Final = frozenset({("the",), ("a",), ("an",)})
# The last word before a lone ordinary capitalised word that may make it a place.
PLACE_CUE_TAIL = re.compile(r"(?:\bin|\bon|\bto|\bthe|\binto|\bof|attends|attended|attending) $")


def _sentence_word(word: str) -> bool:
    return word.lower() in NOT_PLACES or word in SENTENCE_WORDS


def _service(words: list[str]) -> bool:
    """ "Cardiology", "Intensive Care", "Ward": a department, not a venue or an employer."""
    return all(w.lower() in SERVICE_WORDS or w.lower() in NOT_PLACES for w in words)


def _word_not_name(text: str, start: int, end: int, word: str) -> bool:
    """A name that is also a word, used as one ("Grace period", "Mark the site", "Bill for
    the Panadol"), or a word before a score or a dose ("Braden 14", "Keflex 500 mg")."""
    if NUMBER_AFTER.match(text, end) and not person_cue(words_before(text, start)):
        return True
    return (
        word.lower() in lexicon().word_names
        and _sentence_start(text, start)
        and text.startswith(" ", end)
        and text[end + 1 : end + 2].islower()
        and not PERSON_VERB_AFTER.match(text, end)
    )


def _judge(text: str, run: list[re.Match], add: Add) -> bool:
    """Judge one run of capitalised words and add what it is; True when it is a named thing
    (an eponym, a cited author, a textbook), so the next item of a list after it is one too."""
    # Leading particles are ordinary lower-case words ("de" in "de Heer" only after a title).
    while run and run[0].group(0).islower():
        run = run[1:]
    while run and run[-1].group(0).lower() in PARTICLES:
        run = run[:-1]
    if not run or no_name([m.group(0) for m in run]):
        return False  # "Rif-resistant", "Mam-speaking", "East Asians": adjectives, peoples
    start, end = run[0].start(), run[-1].end()
    words = [m.group(0) for m in run]
    flags = [_flags(w) for w in words]
    if len(run) >= 2 and ROMAN_WORD.fullmatch(words[-1]):
        return True  # "Forrest IIb", "Fontaine IIa": a scale's grade
    if len(run) == 1:
        if (
            flags[0][2]
            and not (flags[0][0] or flags[0][1] or flags[0][3])
            and not EMPLOYERISH_BEFORE.search(text, max(start - 12, 0), start)
            and not PLACE_CUE_TAIL.search(text, max(start - 12, 0), start)
            and not AGE_AFTER.match(text, end)
        ):
            return False  # one ordinary word ("The", "History"): the common case, quickly
        if text.startswith(":", end, end + 1) and heading(text, start, end, flags[0]):
            return False  # "Rehab:", "Physio:" opening a line, even where a town has the name
        if _word_not_name(text, start, end, words[0]):
            return False
    cue_words = words_before(text, start)
    first_start = start
    if medicine_run(text, start, end, words, cue_words):
        return True  # "Cushing's excluded", "Ramsay Hunt in a 45M", "Child-Pugh B"
    if cue_words[-1:] and cue_words[-1] in NAMED_THING_BEFORE:
        return True  # "serovar Hardjo", "speaks Aymara", "strain Newman": no person
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
    ) and not (_service(words) or eponym_after(text, end)):
        # "works at Tesco", "Berry Ltd", "a retired Costco engineer", "from Aldi, where they
        # work"; but two or more words in no dictionary read as a person ("works for Zebulon
        # Quarrington").
        person = len(words) > 1 and not suffix and not any(c for _f, _l, c, _t in flags)
        add(start, end, "NAME" if person else "EMPLOYER")
        return False
    if any(w.lower() in EPONYM_FOLLOWERS for w in words[1:]):
        return True  # "Epworth Sleepiness Scale", "Glasgow Coma Scale": a named thing
    if (
        (len(words) > 1 or cue_words[-1:] in _OWNER_WORDS)
        and words[0].lower() in MAKERS
        and not (person_cue(cue_words) or relation_cue(cue_words))
    ):
        return True  # "Medtronic Azure XT", "Toyota Hilux": a maker and its model

    if (
        place_cue(cue_words) == "strong"
        and words[0].lower() not in NOT_PLACES
        and words[0].lower().rstrip(".") not in TITLES
        and not _service(words)
        and not all(w.lower() in ORGANISATION_WORDS for w in words)
        and not eponym_after(text, end)
        and " ".join(words).lower() not in lexicon().large_places
    ):
        add(start, end, "GEO")  # "grew up in Upper Slaughter"; not "to Social Services"
        return False
    if (
        cue_words[-1:]
        and cue_words[-1] in _VILLAGE_CUES
        and village(words, flags)
        and not eponym_after(text, end)
        and " ".join(words).lower() not in lexicon().large_places
    ):
        add(start, end, "GEO")  # "visits daily from Nether Wallop"
        return False
    if (
        len(words) > 1
        and place_cue(cue_words)
        and " ".join(words).lower() in lexicon().towns
        and not eponym_after(text, end)
    ):
        add(start, end, "GEO")  # "from Spanish Town", "in Long Beach": a town of ordinary words
        return False
    if (
        len(words) > 1
        and AGE_BEFORE.search(text, max(start - 10, 0), start)
        and " ".join(words).lower() in lexicon().towns
        and " ".join(words).lower() not in lexicon().large_places
    ):
        add(start, end, "GEO")  # "Nana Ama 19F, Cape Coast, sickle": the place after an age
        return False

    if len(run) == 1 and flags[0][2] and not (flags[0][0] or flags[0][1] or flags[0][3]):
        if AGE_AFTER.match(text, end) and not _sentence_word(words[0]):
            add(start, end, "NAME")  # "Mere, 67, with Kawasaki disease"
        return False  # one ordinary word ("The", "History", "Examination")
    # Leading ordinary words ("History", "The", "Seen") are not part of a name, unless one is
    # also a first name followed by a surname ("Hope Kealoha").
    while len(run) > 1:
        first, last, is_common, _town = flags[0]
        # The next word is a name, an initial, or in no list at all ("Mate Pandurić").
        rest_namey = len(words[1]) == 1 or not flags[1][2]
        particle = words[0].lower() in PARTICLES  # "De Weere", "Van Dijk"
        telling = is_common and words[0].lower() in PERSON_CUES  # "Told Ngozi the plan"
        if telling or (is_common and not particle and not ((first or last) and rest_namey)):
            run, words, flags = run[1:], words[1:], flags[1:]
            start = run[0].start()
            continue
        break
    if words[0].lower().rstrip(".") in TITLES:
        return False  # handled by the titled-name pattern in find_identifiers
    if len(run) == 1 and start != first_start and _word_not_name(text, start, end, words[0]):
        return False  # "Modified Rankin 4": a scale's name after an ordinary word
    if len(run) > 1 and eponym_after(text, end):
        return True  # "Mayo Clinic criteria", "Royal Free Hospital score": a named measure
    # "Yuri Bulgakov's Cautionary Tales": a name, then ordinary words; judge each part alone.
    for i in range(1, len(run)):
        first, last, is_common, _town = flags[i]
        after_initial = len(words[i - 1]) == 1 or len(words[i]) == 1
        if is_common and not (first or last or after_initial) and words[i].lower() not in PARTICLES:
            _judge(text, run[:i], add)
            _judge(text, run[i:], add)
            return False

    lone = sum(w.lower() not in PARTICLES for w in words) == 1
    if eponym_after(text, end) or citation(text, start, end, lone=lone):
        return True
    if lone and ROMAN_AFTER.match(text, end, end + 20):
        return True  # "Gartland III", "Killip IV": a scale's grade
    text_run = " ".join(words)
    low_run = text_run.lower()
    lex = lexicon()
    if start != first_start:
        cue_words = words_before(text, start)
    is_person_cue = person_cue(cue_words)
    if (low_run in lex.large_places or low_run in ISLAND_STATES) and not is_person_cue:
        return False  # "Texas", "Ontario"; but "told Ngozi the plan"
    where = place_cue(cue_words)
    add = unless_thing(add, text, cue_words, is_person_cue, where, flags[0][0])  # "Exeter stem"

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
    if (
        PLACE_NOUN_AFTER.match(text, end)
        and not any(common)
        and not (lone and flags[0][2] and _sentence_start(text, start))
    ):
        add(start, end, "GEO")  # "the Oosterbierum clinic", "De Weere station"
        return False
    if where == "strong" and words[0].lower() not in NOT_PLACES:
        add(start, end, "GEO")  # "grew up in Upper Slaughter"
        return False
    if (
        where
        and (any(unknown) or low_run in lex.towns)
        and words[0].lower() not in NOT_PLACES
        and not (where == "weak" and lone and brand(words[0]))
    ):
        add(start, end, "GEO")  # "at Boston", "in Kollam"; not "reported to SafeWork"
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
            len(words) == 2
            and flags[0][0]
            and unknown[1]
            and words[0].lower() not in CALENDAR
            and words[0].lower() not in AUTHOR_CUES
            and not _sentence_word(words[0])
            and not citation(text, start, end, lone=False)
            and (
                AGE_AFTER.match(text, end)
                or PERSON_VERB_AFTER.match(text, end)
                or relation_cue(cue_words)
            )
        ):
            # "Faith Wanjiru, 31", "Hope Ndlovu was admitted": a first name that is also a word,
            # a surname in no list, and an age or a person's verb after them
            add(start, end, "NAME")
            return False
        if (
            len(words) <= 3
            and AGE_AFTER.match(text, end)
            and not all(common)
            and not any(_sentence_word(w) or w.lower() in CALENDAR for w in words)
        ):
            add(start, end, "NAME")  # "Wang Xiuying, 74,": words of any list, then an age
            return False
    if len(words) == 1 and AGE_AFTER.match(text, end) and not _sentence_word(words[0]):
        add(start, end, "NAME")  # "Mere, 67, with Kawasaki disease", "Sione (34M)"
        return False
    if (
        len(words) == 1
        and (unknown[0] or (flags[0][0] and not flags[0][2]))
        and (
            (PERSON_VERB_AFTER.match(text, end) and cue_words[-1:] not in _ARTICLES)
            or AGE_AFTER.match(text, end)
            or (POSSESSIVE.search(words[0]) and PERSON_THING_AFTER.match(text, end))
            or (
                _sentence_start(text, start)
                and VOCATIVE_AFTER.match(text, end)
                and not heading(text, start, end, flags[0])
            )
            or in_name_list(text, start, end)
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
        if eponym_after(text, m.end()) or named_or_cited(text, m.start(), m.end()):
            continue  # "Wells score", "Rockall et al.", "the Kramer zones", "(Xarelto, Bayer)"
        add(m.start(), m.end(), "NAME")
    return False
