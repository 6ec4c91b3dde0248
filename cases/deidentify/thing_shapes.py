"""Shapes that make a capitalised word a thing of medicine, not a person or a place (session
26, the third precision round, lead_tune25 and lead_tune26).

The recall-leaning fallbacks (a known town with no word of place, a known surname with no cue,
a word no list knows) take every capitalised word they are given. These checks ask for the
evidence the fallbacks lacked, by the shape around the word, not by the word itself:

- ``thing_after``: the word is an attribute of a thing's noun ("the Kramer zones", "Exeter
  stem", "Nissen fundoplication", "the Powell pooled analysis", "the Templin NEJM paper");
- ``cited``: an author cited ("As Nakamura and Ortiz showed", "the review by Pérez and
  Schenone", "Farhat's meta-analysis", "Castillo's Mayo Clinic series");
- ``drug_aside``: a brand or a maker in brackets after a medicine ("faricimab (Vabysmo,
  Roche)", "Ciproxin (Bayer)", "aflibercept 8 mg (Eylea HD, Bayer)");
- ``maker``: a maker of medicines no one is named after, alone ("Takeda", "Otsuka").

Each reads a few dozen characters around one finding the fallback is about to make; none
reads the text again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from cases.deidentify.cues import LOWER, UPPER
from cases.deidentify.eponyms import citation, named_thing_end
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import COMMON_EPONYMS, EPONYM_PHRASES, EPONYMS, medical_word
from cases.deidentify.named_things_lists import (
    EPONYMS_MORE,
    MAKERS_COMMON,
    MAKERS_MORE,
    MEDICINE_BRANDS,
)
from cases.deidentify.thing_shapes_lists import (
    INN_ENDINGS,
    POSSESSIVE_WORKS,
    RESEARCH_VERBS,
    THING_HEAD_ENDINGS,
    THING_HEADS,
    WORK_ADJECTIVES,
    WORK_NOUNS,
)

_WORD: Final = rf"[{UPPER}{LOWER}][{LOWER}\u03b2'\u2019]*(?:-[{UPPER}{LOWER}][{LOWER}]*)*"
# The words after the finding: an optional possessive, then up to two words before the head
# ("Kendrick traction splint", "the Templin NEJM paper", "the Powell pooled analysis").
_AFTER: Final = re.compile(
    rf" (?:(?P<mid>[{LOWER}][{LOWER}-]{{1,20}}|[A-Z]{{2,6}}) )?"
    rf"(?P<head>[{LOWER}][{LOWER}\u03b2-]{{1,30}})\b"
)
_PAIR_AFTER: Final = re.compile(rf" (?:and|&) [{UPPER}]{_WORD}(?=[\s,.;:)?])")
_PAIR_BEFORE: Final = re.compile(rf"(?:[{UPPER}]{_WORD} )?([{UPPER}]{_WORD}) (?:and|&) $")
_VERB_AFTER: Final = re.compile(rf"(?:['\u2019]s)?,? (?:(?:have|had|also|first) )?({_WORD})")
# A possessive before a work: "Farhat's meta-analysis", "Castillo's Mayo Clinic series",
# "Bosch's NEJM review", "Ortiz's group".
# Between them only a journal's or a clinic's name or an adjective of research; a first
# name needs the name ("Kofi's review" is his clinic's).
_WORK_AFTER: Final = re.compile(
    rf"['\u2019]s (?P<mid>(?:(?:[{UPPER}][\w-]*|{'|'.join(sorted(WORK_ADJECTIVES))}) ){{0,2}}?)"
    rf"(?P<work>{'|'.join(sorted(POSSESSIVE_WORKS, key=len, reverse=True))})\b"
)
# Works a patient has too ("Kofi's review", "Ama's group"): only after a surname.
PATIENTS_TOO: Final = frozenset("work review reviews group study trial book".split())


def _surname(word: str) -> bool:
    lex = lexicon()
    return word in lex.last_names or word not in lex.first_names


# Before a pair of authors: "the review by", "the editorial by", "follow-up from", "As".
_PAIR_CUE_BEFORE: Final = re.compile(
    rf"(?:\b(?:{'|'.join(sorted(WORK_NOUNS | {'follow-up', 'letter', 'discussion'}))})"
    rf"(?: [{LOWER}]+){{0,2}} (?:by|from|of)|\b(?:[Aa]s|Re|[Pp]er|read|what(?: did)?)|"
    r"\b(?:revised|modified|updated|original|the new)) $"
)
_ITEM: Final = re.compile(
    rf"[{UPPER}][\w'\u2019-]*(?: (?:[{UPPER}][\w'\u2019-]*|[A-Z0-9]{{1,4}})){{0,2}}"
)
_DOSE: Final = re.compile(r"(?:\s\d+(?:\.\d+)?\s?(?:mg|mcg|g|ml|mL|units|IU|micrograms)\b)?\s?$")


def _head_word(word: str) -> bool:
    full = word.lower()
    first = full.split("-")[0]
    return (
        first in THING_HEADS
        or full in THING_HEADS
        or full.endswith(THING_HEAD_ENDINGS)
        or medical_word(first)
    )


# A maker's model ("the Philips V60", "Edwards SAPIEN 3"), a maker's legal form ("Guilin
# Pharmaceutical"), or a work's or a rule's capitalised noun ("the Nuremberg Code").
_MODEL_AFTER: Final = re.compile(r" (?:[A-Z]{1,6}-?\d|[A-Z]{3,}\b)")
_CAP_HEAD_AFTER: Final = re.compile(rf" ([{UPPER}][{LOWER}]+)\b")
CAP_HEADS: Final = frozenset(
    """
    code act declaration report index scale score criteria classification rule rules
    guidelines guideline agreement charter convention questionnaire inventory regimen
    protocol trial study syndrome sign phenotype pharmaceutical pharmaceuticals pharma
    labs laboratories biotech biologicals therapeutics lifesciences diagnostics
    """.split()
)
# A body's guideline by its year: "adapted from BSG 2019", "guidance from WFH 2020".
YEAR_AFTER: Final = re.compile(r" (?:19|20)\d\d\b(?![/.-]\d)")
# A model or a regimen for a medicine: "Minto for remifentanil".
_FOR_MEDICINE: Final = re.compile(rf" for ([{LOWER}]{{5,30}})\b")
# A score or a warning tool after a place it is named after: "the Brighton PEWS".
_SCORE_AFTER: Final = re.compile(
    r" (?:NEWS2?|PEWS|MEWS|EWS|GCS|SOFA|qSOFA|APACHE|CURB-?65|TIMI|GRACE|MELD|PERC|SCORE2?)\b"
)
# A strain's code after an organism: "norovirus GII.4 Sydney", "cholerae O1 Ogawa".
_STRAIN_BEFORE: Final = re.compile(
    rf"\b[{LOWER}]{{3,}}(?:virus|ae|us|ii|a) [A-Z]{{1,4}}\d{{0,3}}(?:\.\d{{1,3}})? $"
)
# A product from its maker: "Cervavac from the Serum Institute".
_FROM_MAKER: Final = re.compile(rf" from (?:the )?([{UPPER}][\w-]+(?: [{UPPER}][\w-]+)?)")
# A textbook among textbooks: "Manson's and the Oxford Handbook".
_BOOK_LIST_AFTER: Final = re.compile(
    rf"(?:,| and| or) (?:the )?(?:[{UPPER}][\w-]+ ){{0,3}}"
    r"(?:Handbook|Textbook|Manual|Atlas|Guide|Book)\b"
)
# Before a pair: a clinical initialism ("RASS or Ramsay?", "CURB-65 vs Wells").
_ACRONYM_OR_BEFORE: Final = re.compile(r"\b[A-Z]{3,6}(?:-[A-Z0-9]+)? (?:or|vs\.?|versus) $")


# A medicine's dose or how often it is given: "intralesional Glucantime weekly".
_DOSING_AFTER: Final = re.compile(
    r" (?:\d+(?:\.\d+)?\s?(?:mg|mcg|g|ml|mL|units|IU|micrograms)\b|"
    r"(?:daily|weekly|nocte|bd|bid|tds|tid|qds|qid|od|prn|stat|mane|twice daily|once daily)\b)"
)


def thing_end(text: str, end: int) -> int:
    """Where a thing's noun after a named thing ends ("Exeter stem"), so a list goes on after
    it ("Exeter stem, Thompson's in 14"); ``end`` when no such noun follows."""
    m = _AFTER.match(text, end, end + 60)
    if m is None or m.group("mid") is not None or not _head_word(m.group("head")):
        return end
    return m.end()


def thing_after(text: str, start: int, end: int) -> bool:
    """The word before a thing's noun: "Exeter stem", "Kramer zones", "Mulligan mobilisation",
    "the Powell pooled analysis", "the Templin NEJM paper", "Zio patch"."""
    m = _AFTER.match(text, end, end + 60)
    if m is None:
        return False
    head, mid = m.group("head"), m.group("mid")
    if mid is None or mid.isupper():
        return _head_word(head) or (mid is not None and head in WORK_NOUNS)
    # two lower-case words: the first a thing's noun, or any word before a work after an
    # article ("the Powell pooled analysis"; not "Kofi sent data")
    return _head_word(mid) or (
        head in WORK_NOUNS and text[max(start - 4, 0) : start] in ("the ", " an ", "The ")
    )


def _research_verb(text: str, end: int) -> bool:
    m = _VERB_AFTER.match(text, end, end + 40)
    return m is not None and m.group(1).lower() in RESEARCH_VERBS


def cited(text: str, start: int, end: int) -> bool:
    """An author: a pair before a verb of research ("Nakamura and Ortiz showed", "what did
    Manson and Ross argue"), a pair after a work's "by" or "As", a possessive before a work."""
    possessive = text[end - 2 : end] in ("'s", "\u2019s")
    work = _WORK_AFTER.match(text, end - 2, end + 50) if possessive else None
    if work and (
        work.group("mid")
        or work.group("work") not in PATIENTS_TOO
        or _surname(text[start : end - 2].lower())
    ):
        return True  # "Farhat's meta-analysis", "Castillo's Mayo Clinic series"
    pair_after = _PAIR_AFTER.match(text, end, end + 40)
    before = text[max(start - 40, 0) : start]
    paired = " and " in before or " & " in before  # most words stand in no pair: skip the search
    pair_before = _PAIR_BEFORE.search(text, max(start - 40, 0), start) if paired else None
    if pair_after is None and pair_before is None:
        return False
    if _research_verb(text, pair_after.end() if pair_after else end):
        return True
    # the cue before the pair's first word, or before the second of two words that open it
    # ("Re Nakamura and Ortiz", "revised El Escorial and Awaji")
    starts = [start]
    if pair_before:
        starts = [pair_before.start(), pair_before.start(1) if pair_before.group(1) else start]
    return any(_PAIR_CUE_BEFORE.search(text, max(s - 40, 0), s) for s in starts)


def drug_shaped(word: str) -> bool:
    low = word.lower()
    return low in MEDICINE_BRANDS or (len(low) > 6 and low.endswith(INN_ENDINGS))


def drug_aside(text: str, start: int, end: int) -> bool:
    """A brand or a maker in brackets after a medicine or a product: "faricimab (Vabysmo,
    Roche)", "aflibercept 8 mg (Eylea HD, Bayer)", "Ciproxin (Bayer)", "(Botox, Allergan;
    Dysport, Ipsen)". Every item in the brackets is a short capitalised name."""
    opening = text.rfind("(", max(start - 50, 0), start)
    if opening < 0 or ")" in text[opening:start]:
        return False
    closing = text.find(")", end, end + 50)
    if closing < 0:
        return False
    items = re.split(r"[,;] ", text[opening + 1 : closing])
    if not 1 <= len(items) <= 4 or not all(_ITEM.fullmatch(i) for i in items):
        return False
    before = _DOSE.sub("", text[max(opening - 40, 0) : opening])
    prev = before.split()[-1] if before.split() else ""
    if drug_shaped(prev.strip(",;")):
        return True
    # "Ciproxin (Bayer)", "FreeStyle Libre 3 (Abbott)": a known maker in brackets
    return (
        any(i.lower() in MAKERS_MORE or i.split()[0].lower() in MAKERS_MORE for i in items)
        and bool(prev)
        and (prev[:1].isupper() or prev[:1].isdigit())
    )


def _model_or_head(text: str, start: int, end: int) -> bool:
    low = text[start:end].lower()
    if (low in MAKERS_MORE or low in MAKERS_COMMON) and _MODEL_AFTER.match(text, end):
        return True  # "the Philips V60", "Edwards SAPIEN 3"
    cap = _CAP_HEAD_AFTER.match(text, end) if text[end + 1 : end + 2].isupper() else None
    if cap and cap.group(1).lower() in CAP_HEADS:
        return True  # "the Nuremberg Code", "Guilin Pharmaceutical"
    if _DOSING_AFTER.match(text, end) or _SCORE_AFTER.match(text, end):
        return True  # "intralesional Glucantime weekly", "Kerendia 10 mg", "Brighton PEWS"
    m = _FOR_MEDICINE.match(text, end)
    if m and drug_shaped(m.group(1)):
        return True  # "Schnider for propofol, Minto for remifentanil": a model, a regimen
    code = start >= 2 and (text[start - 2].isdigit() or text[start - 2].isupper())
    if text.endswith("Hb ", 0, start) or (
        code and _STRAIN_BEFORE.search(text, max(start - 30, 0), start)
    ):
        return True  # "norovirus GII.4 Sydney", "Vibrio cholerae O1 Ogawa": a strain
    m = _FROM_MAKER.match(text, end) if text.startswith(" from ", end) else None
    if m and m.group(1).lower() in MAKERS_MORE:
        return True  # "Cervavac from the Serum Institute": a product
    if text[end - 2 : end] in ("'s", "\u2019s") and _BOOK_LIST_AFTER.match(text, end):
        return True  # "Manson's and the Oxford Handbook": a textbook by its author
    return text.endswith(("or ", "vs ", "vs. ", "versus "), 0, start) and bool(
        _ACRONYM_OR_BEFORE.search(text, max(start - 16, 0), start)
    )


# "a chemist at Bharat Serums", "works for Takeda": a maker where someone works.
_WORKPLACE_BEFORE: Final = re.compile(r"\b(?:at|for|with|by|from|joined|left)\s(?:the\s)?$")


def maker(word: str) -> bool:
    """A maker of medicines that is no common surname: "Takeda", "Otsuka", "Janssen"."""
    low = word.lower().removesuffix("'s").removesuffix("\u2019s")
    return low in MAKERS_MORE and low not in MAKERS_COMMON


# A list of capitalised words ending before a thing's noun: "Rastelli, Ross and Jatene
# switch", "Bairnsdale or Daintree ulcer", "Lund and Browder".
_LIST_AFTER: Final = re.compile(
    rf"(?:, [{UPPER}]{_WORD}){{0,3}},? (?:and|&|or) (?:the )?(?P<last>[{UPPER}]{_WORD})"
)
# A medicine list: "permethrin 5% and Calmurid", "10 mg or Kerendia".
_DOSE_PAIR_BEFORE: Final = re.compile(
    r"\d\s?(?:%|mg|mcg|g|ml|mL|units)\s(?:and|or|plus|with|then)\s$"
)
# An antigen's other name in brackets: "anti-Fya (Duffy)", "anti-Jka (Kidd)".
_ALIAS_BEFORE: Final = re.compile(r"\b[a-z]{2,6}-[A-Z][A-Za-z0-9]{0,6} \($")
# Adjectives made of a proper noun: "Mam-speaking", "Rif-resistant", "BCG-vaccinated".
HYPHEN_ADJECTIVE: Final = re.compile(
    r"-(?:speaking|positive|negative|resistant|sensitive|susceptible|vaccinated|naive|"
    r"na\u00efve|treated|exposed|associated|related|induced|dependent|like|type|style|"
    r"shaped|coated|free|only|specific|mediated|derived|secreting|producing)$"
)


def list_before_thing(text: str, start: int, end: int) -> bool:
    """The first items of a list of named things: "Bairnsdale or Daintree ulcer", "Rastelli,
    Ross and Jatene switch", "Lund and Browder"."""
    m = _LIST_AFTER.match(text, end, end + 80)
    if m is None:
        return False
    phrase = text[start : m.end()].lower()
    return (
        thing_after(text, m.end() - 1, m.end())
        or phrase in EPONYM_PHRASES
        or _eponym(m.group("last"), text[start:end])
        or bool(named_thing_end(text, m.end()) > m.end())
    )


def _eponym(word: str, other: str) -> bool:
    """The last of a list is an eponym: one of no one's name, or a common surname's (Jones,
    Browder) only when the first item is an eponym too ("Lund and Browder", not "Barrett
    and Jones")."""
    low, first = (w.lower().removesuffix("'s").removesuffix("\u2019s") for w in (word, other))
    if low in EPONYMS or low in EPONYMS_MORE:
        return True
    return low in COMMON_EPONYMS and (
        first in COMMON_EPONYMS or first in EPONYMS or first in EPONYMS_MORE
    )


# The item before in a list, a thing by its noun: "(Exeter stem, Thompson's in 14)".
_THING_ITEM_BEFORE: Final = re.compile(rf"[{UPPER}]{_WORD} ([{LOWER}][{LOWER}-]{{1,30}}), $")


def _after_a_thing(text: str, start: int) -> bool:
    if not text.endswith(", ", 0, start):
        return False
    m = _THING_ITEM_BEFORE.search(text, max(start - 50, 0), start)
    return m is not None and _head_word(m.group(1))


def thing(text: str, start: int, end: int) -> bool:
    """Any of the shapes above: the fallbacks' one question before they add a word."""
    word = text[start:end]
    return (
        thing_after(text, start, end)
        or drug_shaped(word.removesuffix("'s"))
        or bool(HYPHEN_ADJECTIVE.search(word))
        or list_before_thing(text, start, end)
        or (
            text.endswith(("and ", "or ", "plus ", "with ", "then "), 0, start)
            and bool(_DOSE_PAIR_BEFORE.search(text, max(start - 12, 0), start))
        )
        or (
            text[start - 1 : start] == "("
            and bool(_ALIAS_BEFORE.search(text, max(start - 15, 0), start))
        )
        or cited(text, start, end)
        or _after_a_thing(text, start)
        or drug_aside(text, start, end)
        or (maker(word) and not _WORKPLACE_BEFORE.search(text, max(start - 12, 0), start))
        or _model_or_head(text, start, end)
    )


# A compass point before a people: "in East Asians", "West Africans".
_COMPASS: Final = frozenset("North South East West Southeast Southwest Northeast Northwest".split())
# A run opening on a lab's word names a variant: "Hb Lepore", "Hb O-Arab", "HLA B27".
_VARIANT_HEADS: Final = frozenset(("Hb", "HbA", "HLA", "Ig"))
# A genus by its initial: "H. pylori", "E. coli", "S. aureus".
_GENUS_AFTER: Final = re.compile(r"\. [a-z]{3,}")


def no_name(words: list[str]) -> bool:
    """A run that names no one: an adjective made of a proper noun ("Rif-resistant",
    "Mam-speaking") or a population by a compass point ("East Asians")."""
    if HYPHEN_ADJECTIVE.search(words[-1]):
        return True
    return len(words) == 2 and words[0] in _COMPASS and words[1].endswith(("ans", "ese"))


def named_after(text: str, start: int, end: int) -> bool:
    """After "called" or "named", a thing's name: "is called Bairnsdale or Daintree ulcer"."""
    return thing_after(text, start, end) or list_before_thing(text, start, end)


def thing_run(text: str, start: int, end: int, words: list[str], first_name: bool) -> bool:
    """A run of two or more words that is a thing: any shape above ("Novo Nordisk
    confirmed"), a lab's variant ("Hb Lepore"), a statistic's or a vaccine's letter
    ("Mann-Whitney U", "Sputnik V"; not a compass point, not after a first name, not a code's
    first letter: "Peña UR626050"), a genus's initial ("CagA-positive H. pylori")."""
    if thing(text, start, end) or words[0] in _VARIANT_HEADS:
        return True
    if len(words[-1]) != 1:
        return False
    if _GENUS_AFTER.match(text, end):
        return True
    return (
        words[-1] not in "NSEWIA"  # not a compass point, "I" or "A"
        and not first_name
        and not text.startswith(".", end)
        and not text[end : end + 1].isalnum()
    )


def named_end(text: str, end: int) -> int:
    """Where a named thing ends with its eponym's noun or a thing's noun, so a list goes on
    after it ("Murphy's sign, Parkinson", "Exeter stem, Thompson's in 14")."""
    return thing_end(text, named_thing_end(text, end))


def unless_thing(
    add: Callable[[int, int, str], None],
    text: str,
    cue_words: tuple[str, ...],
    person: bool,
    where: str,
    first_name: bool,
) -> Callable[[int, int, str], None]:
    """The name judge's ``add`` for its fallbacks (a known town with no word of place, a known
    name with no cue, name-like words): it adds a span only when no shape makes it a thing.
    Asked only of the spans a fallback adds, not of every run."""

    def add_unless_thing(start: int, end: int, kind: str) -> None:
        words = text[start:end].split()
        if not fallback_thing(text, start, end, words, cue_words, person, where, first_name):
            add(start, end, kind)

    return add_unless_thing


def fallback_thing(
    text: str,
    start: int,
    end: int,
    words: list[str],
    cue_words: tuple[str, ...],
    person: bool,
    where: str,
    first_name: bool,
) -> bool:
    """The name judge's one question before its fallbacks add a run (a known town with no word
    of place, a known name with no cue, name-like words): is it a thing by its shape? Not
    after a person's cue (but "called" a thing's name) nor a strong word of place."""
    if person:
        return cue_words[-1:] in (("called",), ("named",)) and named_after(text, start, end)
    if where == "strong":
        return False
    if len(words) >= 2:
        return thing_run(text, start, end, words, first_name)
    return thing(text, start, end)


def named_or_cited(text: str, start: int, end: int) -> bool:
    """A cited author ("Rockall et al.") or a thing by its shape: the judge's last fallback
    asks this of each known name in a run before it adds it."""
    return citation(text, start, end) or thing(text, start, end)
