"""Medicines, brands and lab initials that the name and place passes take for people or
places (round 20).

- a medicine by its generic stem, alone or in a combination ("Vasopressin,", "Piperacillin-
  tazobactam", "Enalapril SL given", "Desmopressin nasal"): the stems of the WHO's
  International Nonproprietary Names, on a word of seven letters or more;
- a brand from a list of widely sold medicines, blood products and devices of many
  countries ("switched to Keppra", "on Trikafta", "given Beriplex"), and any capitalised word
  after "branded", "brand" or "generic";
- initials of lab values and drug classes read as places ("Hct stayed high", "straight to
  IVIG", "adherence to NOACs").

A word after a title or a relation ("Mrs Lasix" would be a person) stays a person.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import WordEndsWindow
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.named_things_lists import MEDICINE_BRANDS
from cases.deidentify.word_set import words_of

# INN stems (the end of the generic name), a word of 7 letters or more.
_STEMS: Final = (
    "pressin", "cillin", "clavulanate", "tazobactam", "sulbactam", "avibactam", "pril",
    "sartan", "olol", "ilol", "mab", "tinib", "nib", "parin", "statin", "mycin", "micin",
    "cycline", "floxacin", "oxacin", "ciclovir", "clovir", "navir", "previr", "buvir",
    "tegravir", "dipine", "gliptin", "gliflozin", "glutide", "glinide", "azepam", "azolam",
    "oxetine", "triptan", "platin", "rubicin", "taxel", "semide", "thiazide", "tidine",
    "prazole", "lukast", "dronate", "afil", "terol", "olone", "methasone", "nisolone",
    "caine", "profen", "fenac", "coxib", "setron", "peridol", "apine", "idone", "barbital",
    "conazole", "bendazole", "nidazole", "quine", "artemether", "sulfan", "trexate", "uracil",
    "kinase", "teplase", "xaban", "gatran", "epoetin", "filgrastim", "insulin", "mesalazine",
    "pramine", "triptyline", "azine", "phylline", "tropium", "pyrrolate", "curonium",
    "dazole", "fungin", "penem", "sporin", "oxib", "lamide", "tadine",
)  # fmt: skip
# Brands of medicines, blood products and devices (one list with the named-things pass).
_BRANDS: Final = MEDICINE_BRANDS
_INITIALS: Final = frozenset(
    """IVIG IVIg SCIG DOAC DOACs NOAC NOACs VKA VKAs LMWH UFH Hct HCT Hto Hgb HGB PCV MCV
    MCHC RDW ALC AIR PPI PPIs ACEi ACEI ARB ARBs SGLT2i SGLT2 GLP-1 DPP-4 NSAID
    NSAIDs SSRI SSRIs SNRI TCA TCAs MAOI AED AEDs DMARD DMARDs bDMARD csDMARD TKI TKIs
    FFP PRBC pRBC PLT cryo""".split()
)
_BRAND_CUES: Final = frozenset(("branded", "brand", "generic", "trade", "tradename", "proprietary"))
_BRAND_BEFORE: Final = re.compile(r"\b(?i:branded|brand|generic|trade\s?name|proprietary)\s$")
_PERSON_BEFORE: Final = WordEndsWindow(
    "mr|mrs|ms|miss|dr|husband|wife|son|daughter|mother|father|mum|mom|dad|brother|"
    "sister|patient|pt|named|called"
)
_ROUTE: Final = re.compile(r"\s(?:SL|IV|IM|SC|PO|PR|NG|MR|SR|XR|XL|CR|LA|ER)\b")


def _drug_word(word: str) -> bool:
    low = word.lower().strip(",.;:()'\u2019?!")
    if low in _BRANDS:
        return True
    if len(low) < 7:
        return False
    if "-" not in low:
        return low.endswith(_STEMS)
    return any(len(p) >= 7 and p.endswith(_STEMS) for p in low.split("-"))


def _medicine(text: str, f: Finding, branded: bool) -> bool:
    words = f.text.split()
    if len(words) == 1:
        word = words[0]
        like = word.strip(",.;:()") in _INITIALS or _drug_word(word)
    elif len(words) == 2:
        like = all(w.strip(",.;:()") in _INITIALS for w in words) or (
            (_ROUTE.match(" " + words[1]) or _drug_word(words[1])) and _drug_word(words[0])
        )  # "Enalapril SL given", "Piperacillin Tazobactam"
    else:
        return False
    if not like and branded:
        like = _BRAND_BEFORE.search(text, max(f.start - 14, 0), f.start) is not None
    return like and not _PERSON_BEFORE.search(text[max(f.start - 14, 0) : f.start])


# A word of the ward opening a sentence: a participle or a long noun of medicine
# ("Intubated, ETA 10 min.", "Intussusception is the fear"); "F-75", "F-100" (the milks).
_OPENING: Final = re.compile(r"(?:^|(?<=[.!?\n]\s)|(?<=[.!?]\s\s))")
_WARD_ENDS: Final = ("ated", "ption", "ssion", "ation", "ised", "ized", "ected")
_AFTER_OPENING: Final = re.compile(r",|\s(?:is|was|were|are|and|with|at|on|to)\b")
_MILK: Final = re.compile(r"-(?:75|100)\b")


def _ward_word(text: str, f: Finding) -> bool:
    if f.kind == "GEO" and f.text == "F":
        return _MILK.match(text, f.end) is not None
    word = f.text
    if " " in word or len(word) < 8 or not word.lower().endswith(_WARD_ENDS):
        return False
    return bool(_OPENING.match(text, f.start)) and bool(_AFTER_OPENING.match(text, f.end))


def quiet_medicines(text: str, low: str, found: list[Finding]) -> list[Finding]:
    branded = bool(_BRAND_CUES & words_of(low))
    return [
        f
        for f in found
        if f.kind not in PROPER_KINDS or not (_medicine(text, f, branded) or _ward_word(text, f))
    ]
