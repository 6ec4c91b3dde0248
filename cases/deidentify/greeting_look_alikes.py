"""Look-alikes of names and places in posts from many countries (round 17), dropped in one
pass over the findings:

- the greeting a writer opens with in their own language ("Bonjour à tous", "Tere from
  Tallinn", "Xin chào", "Dear Sirs"): a capitalised word at the start of a post or a
  sentence that no one is called;
- a person word opening a case ("Man, 60, from ...", "Boy, 5 years"): the patient's sex,
  read as a name before an age;
- a medicine opening a sentence ("Cyclosporine has better data", "Danazol works better"):
  its stem (-sporine, -azol, -cillin, -mab...) says it is a drug, not a person or a town;
- an organism's binomial ("Loa loa", "Vibrio vulnificus"): a genus before a Latin epithet;
- a piece cut out of a longer token ("Ig" of "IgG4"): a name ends at a word's end;
- "the only relative" and the like: a family's own member, not a person the world knows;
- initials before "list", "trial", "criteria" or after "evidence from" ("the WADA list",
  "evidence from INBUILD"): a body, a study or a code, not a town.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.lexicon import lexicon

GREETINGS: Final = frozenset(
    """bonjour bonsoir salut hei hej tere terve xin ndewo sirs habari jambo marhaba salaam
    namaste namaskar kumusta konnichiwa annyeonghaseyo zdravo grüezi gruezi halo hola saludos
    ciao sawasdee sawubona dumela sannu mingalaba selamat shalom merhaba privet ahoj servus
    olá aloha talofa mabuhay vanakkam dobrý dzień szia labas sveiki hyvää guten buongiorno
    buenos buenas""".split()
)
PERSON_WORDS: Final = frozenset(
    "man woman boy girl male female lady gentleman baby infant child toddler teenager "
    "patient gent".split()
)
# International non-proprietary name stems: a capitalised word ending so is a medicine.
DRUG_ENDS: Final = tuple(
    """cillin mycin cycline floxacin oxacin azole azol sporine statin pril sartan olol dipine
    mab xab tinib ciclib vir gliptin gliflozin glutide parin caine oxetine pram azepam zolam
    triptan prazole tidine lukast semide thiazide sone olone afil camten dronate platin taxel
    rubicin trexate profen fenac coxib setron peridol apine idone cept kinra zole""".split()
)
_EPITHET: Final = re.compile(r" (?P<w>[a-z]{3,})\b")
# Endings of species epithets ("vulnificus", "pneumoniae", "falciparum"), not of English.
_LATIN_END: Final = ("us", "ii", "ae", "ensis", "oides", "icum", "arum", "idum", "obium")
_ONLY_KIN: Final = re.compile(
    r"the only (?:\w+ )?(?:relative|family(?: member)?|carer|caregiver|child|son|daughter|"
    r"sibling|brother|sister|one|person|visitor|next of kin)",
    re.IGNORECASE,
)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(start - 3, 0) : start].rstrip(" \"'(")
    return not before or before[-1] in ".!?:\n" or text[max(start - 5, 0) : start] == "Dear "


def _opening_word(f: Finding) -> bool:
    """A greeting, the patient's sex or a medicine (the caller checks it opens a sentence)."""
    low = f.text.lower()
    if low.rstrip(",!") in GREETINGS or low in PERSON_WORDS:
        return True
    first, _sep, rest = low.partition(" ")
    if rest and not f.text.partition(" ")[2][:1].islower():
        return False  # "Olumide Adeyemi": a first name and a surname
    return len(first) > 5 and first.endswith(DRUG_ENDS)


def _binomial(text: str, f: Finding) -> bool:
    if " " in f.text or not (f.text[:1].isupper() and f.text[1:].islower()):
        return False
    m = _EPITHET.match(text, f.end)
    if not m:
        return False
    word = m.group("w")
    if word != f.text.lower() and not word.endswith(_LATIN_END):
        return False
    return word not in lexicon().common_words  # "Paris bus": an English word, no epithet


_REST: Final = re.compile(r"[A-Z]*\d")
_BODY_AFTER: Final = re.compile(
    r" (?:list|trial|trials|study|studies|criteria|registry|score|guidelines?|data|results|"
    r"cohort|code|classification|rules|regulations|statement)\b"
)
_STUDY_BEFORE: Final = re.compile(r"\b(?:evidence|data|results|findings|lessons) (?:from|of) $")


def _initials_of_body(text: str, f: Finding) -> bool:
    if not (f.kind == "GEO" and f.text.isalpha() and len(f.text) > 2):
        return False
    before = text[max(f.start - 20, 0) : f.start]
    return bool(_BODY_AFTER.match(text, f.end) or _STUDY_BEFORE.search(before))


def look_alike(text: str, f: Finding) -> bool:
    if f.kind == "UNIQUE":
        return _ONLY_KIN.fullmatch(f.text) is not None
    if f.kind not in PROPER_KINDS:
        return False
    if _opens_sentence(text, f.start) and _opening_word(f):
        return True
    after = text[f.end : f.end + 2]
    if after[:1] == " ":
        if after[1:].islower() and _binomial(text, f):
            return True
    elif after[:1].isupper() or after[:1].isdigit():
        # "Ig" of "IgG4": the finding stops inside a token whose rest holds a digit (a gene,
        # an antibody, a lab code), not before the second capital of "McAllister".
        return text[f.end - 1 : f.end].islower() and _REST.match(text, f.end) is not None
    return f.text.isupper() and _initials_of_body(text, f)


def _after_greeting(text: str, f: Finding) -> Finding | None:
    """ "Hola Maria": the greeting is dropped from the finding, the name after it kept."""
    first, _sep, rest = f.text.partition(" ")
    if not rest or first.rstrip(",!").lower() not in GREETINGS:
        return None
    start = f.start + len(first) + 1
    return Finding(start, f.end, f.kind, text[start : f.end], f.fix)


def quiet_greetings(text: str, found: list[Finding]) -> list[Finding]:
    """Drop greetings, person words, medicines, organisms and pieces of tokens."""
    kept = []
    for f in found:
        if f.kind not in _LOOKED_AT:
            kept.append(f)
        elif f.kind != "EMPLOYER" and " " in f.text and (trimmed := _after_greeting(text, f)):
            kept.append(trimmed)
        elif not look_alike(text, f):
            kept.append(f)
    return kept


_LOOKED_AT: Final = frozenset(("NAME", "GEO", "EMPLOYER", "UNIQUE"))
