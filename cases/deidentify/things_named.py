"""Findings that are things named after someone or sold under a name (round 24).

The name judge and the fallback take a capitalised word for a person or a place; what stands
around it shows it names a thing:
- a tool's noun or a model's code right after it: "Herbert screw", "Esterman field", "Utstein
  template", "Niki T34", "Evita V800", "Nobivac L4", "Hollows IOLs" (a plural initialism);
  a degree before it ("28° Cobb");
- a plural initialism closing it ("Hollows IOLs"), a grade after a score of two eponyms
  ("House-Brackmann V");
- a disease's or germ's word opening it: "Hidradenitis Hurley", "Hantavirus Andes"; a germ's
  Latin ending ("Fusarium", "Streptomyces");
- a scientific gloss in brackets after it: "Buruli (M. ulcerans)", "Ervebo (rVSV-ZEBOV)";
- a product's availability or use: "(Furoscix not available here)", "anyone offering
  Cytosponge";
- a payer before a medicine: "Aetna denied vedolizumab";
- the person an eponym of the same post is named after: "Reiter's -> reactive arthritis (Hans
  Reiter was ...)", "Hutchinson's incisors ... who was Jonathan Hutchinson?".

A finding after a title ("Dr Herbert", "Mrs Cobb") is kept, and so is a tool's noun before a
number ("Mr Jones bed 4" has no tool noun: "bed" is none).
"""

from __future__ import annotations

import re

from cases.deidentify.cues import TITLES
from cases.deidentify.finding import Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import medical_word
from cases.deidentify.medicine_names import _drug_word as drug_word

# Nouns of an instrument, a technique or a record that an eponym or a brand stands before.
_TOOL_NOUNS = (
    "screw|screws|ultrasound|field|fields|mobilisations?|mobilizations?|manoeuvre|maneuver|"
    "template|completion|procedure|technique|splint|brace|frame|shunt|operation|repair|"
    "classification|criteria|exercises|method|approach|module|training|protocol|"
    "regimen|incision|retractor|forceps|clamp|pump|mattress|dressing|device|kit|assay|"
    "questionnaire|scale|score|index|tool|chart|nomogram|formula|equation|test"
)
_TOOL_AFTER = re.compile(
    rf"(?:\s[A-Z][a-z]+){{0,4}}\s(?:{_TOOL_NOUNS}|Assessment|Scale|Score)\b(?!\s?\d)"
    r"(?!\s[a-z]{2,}(?:er|or|ist|ian)\b)"  # "field engineer": a worker of the firm
)
_PLURAL_INITIALISM = re.compile(r"[A-Z]{2,6}s")
# A score of two eponyms and its grade: "House-Brackmann V", "Hunt-Hess III".
_GRADED_PAIR = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+\s(?:I{1,3}|IV|V|VI)\b")
# A model's code ("Evita V800"), not a postcode's first half ("Otok N66 3YW").
_MODEL_AFTER = re.compile(r"\s(?:[A-Z]{1,3}\d{1,4}(?!\s\d[A-Z]{2}\b)|[A-Z]{2,6}s)\b")
_GERM_ENDS = ("ium", "myces", "bacter", "coccus", "monas", "plasma", "bacillus", "spora")
_GLOSS_AFTER = re.compile(r"\s\((?:[A-Z]\.\s[a-z]{3,}|[a-z]{0,3}[A-Z]{2,}[\w]*-[\w-]+)")
_AVAILABLE_AFTER = re.compile(
    r"\s(?:is\s|was\s|are\s)?(?:not\s)?(?:available|approved|licensed|funded|in\sstock)\b"
)
_USE_BEFORE = re.compile(r"(?:offering|offer|prescribing|stocking|ordering|using)\s$")
_PAYER_AFTER = re.compile(r"\s(?:denied|approved|declined|covers|covered|funded)\s(?P<drug>\w+)")
_KEEP_AFTER = TITLES | {"our", "my", "their"}
_WAS_AFTER = re.compile(r"\s(?:was|were)\s")
_WHO_WAS_BEFORE = re.compile(r"(?i:who)\s(?:was|is)\s$")
_SIGNS = frozenset(("sign", "signs", "triad", "syndrome", "disease", "law", "rule"))
_RENAMED_AFTER = re.compile(r"['\u2019]s\s?->")
_POSSESSIVE_EPONYM = r"['\u2019]s\s(?:->|(?P<noun>[a-z]{3,}))"


def _thing(text: str, f: Finding) -> bool:
    """What stands around the finding names a thing; a title or "our" before keeps it."""
    if not _thing_shape(text, f):
        return False
    before = text[max(f.start - 12, 0) : f.start].split()[-1:]
    if before and before[0].rstrip(".").lower() in _KEEP_AFTER:
        return False  # "Mr Herbert", "our PGH protocol" (the hospital's own)
    return f.text.split(" ", 1)[0].rstrip(".").lower() not in TITLES


def _thing_shape(text: str, f: Finding) -> bool:
    words = f.text.split()
    end = f.end
    spaced = text.startswith(" ", end)
    if f.kind == "NAME" and words[0][0].isupper() and _eponym_person(text, f, words[-1]):
        return True
    if _RENAMED_AFTER.match(text, end):
        return True  # "Reiter's -> reactive arthritis"
    if len(words) >= 2 and (_PLURAL_INITIALISM.fullmatch(words[-1]) or _GRADED_PAIR.match(f.text)):
        return True  # "Hollows IOLs", "Mulligan SNAGs", "House-Brackmann V"
    if len(words) > 3:
        return False
    first = words[0].lower()
    if (len(words) >= 2 or (len(first) >= 7 and first.endswith(_GERM_ENDS))) and _germ_or_disease(
        first, len(words)
    ):
        return True
    if "°" in text[max(f.start - 6, 0) : f.start]:
        return True  # "28° Cobb"
    if not spaced:
        return False
    if _TOOL_AFTER.match(text, end) or _MODEL_AFTER.match(text, end):
        return True
    if _GLOSS_AFTER.match(text, end):
        return True
    if f.kind == "GEO" and (
        _AVAILABLE_AFTER.match(text, end) or _USE_BEFORE.search(text, max(f.start - 12, 0), f.start)
    ):
        return True
    payer = _PAYER_AFTER.match(text, end)
    return bool(payer and drug_word(payer.group("drug").lower()))


def _germ_or_disease(first: str, n_words: int) -> bool:
    """A disease's word opening a run, or one word with a germ's Latin ending, that is no
    one's name ("Iris", "Colon")."""
    lex = lexicon()
    if first in lex.first_names or first in lex.last_names:
        return False
    if n_words == 1:
        return True
    return medical_word(first) and not drug_word(first)


def _eponym_person(text: str, f: Finding, surname: str) -> bool:
    """The name is said to have been someone ("Hans Reiter was", "who was X?") and its surname
    stands elsewhere in the post as an eponym before a clinical word ("Reiter's ->"); a
    patient who shares an eponym's name ("Khalid Murphy, 48, ... Murphy's sign") is kept."""
    if not _WAS_AFTER.match(text, f.end) and not _WHO_WAS_BEFORE.search(
        text, max(f.start - 12, 0), f.start
    ):
        return False
    surname = surname.rstrip("'\u2019s") if surname.endswith(("'s", "\u2019s")) else surname
    if not surname.isalpha():
        return False
    for m in re.finditer(re.escape(surname) + _POSSESSIVE_EPONYM, text):
        if f.start <= m.start() < f.end:
            continue
        noun = m.group("noun")
        if noun is None or medical_word(noun) or noun in _SIGNS:
            return True
    return False


def quiet_things_named(text: str, found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.kind not in ("NAME", "GEO") or not _thing(text, f)]
