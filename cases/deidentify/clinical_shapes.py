"""Clinical shapes the date, plate and place passes take for identifiers (round 22,
lead_tune28).

- a duration in the clinic's notation before a symptom ("3/12 cough", "2/52 history": months
  and weeks, not the 3rd of December);
- a score and its value read as a plate ("GCS 15", "NYHA 3");
- a test's or a vaccine's initials read as a place or a firm ("moved to PCR?", "Hb now 8.9",
  "get Tdap now", "from API dust");
- a feast after "every" (a habit, no date: "same every Mardi Gras here") and a feast naming a
  thread ("the carnival post");
- a word of care opening a sentence before a comma or a colon ("Vasovagal, BP recovered",
  "Cardioversion, flecainide", "Deprescribing: stopped doxazosin"), not a first name;
- words of another language in lower case in quotes ("drinks only "een paar" Heineken") and
  the forum's moderators by handle ("@mods").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.lexicon import lexicon

_DURATION: Final = re.compile(r"(?:[1-9]|1[01])/12|(?:[1-9]|[1-4]\d|5[01])/52|[1-6]/7")
_SYMPTOM_AFTER: Final = re.compile(
    r"\s(?:hx\s|history\s)?(?:of\s)?(?:cough|fever|fevers|pain|history|hx|ago|symptoms|headache|"
    r"headaches|diarrhoea|diarrhea|vomiting|rash|sob|dyspnoea|dyspnea|weight|wt|lethargy|"
    r"swelling|duration|malaise|haemoptysis|hemoptysis)\b"
)
_SCORES: Final = frozenset("GCS ASA NYHA APGAR Apgar ECOG NIHSS EDSS MRC CURB CURB-65 AVPU".split())
_TESTS: Final = frozenset(
    "pcr rt-pcr hb hgb hct tdap dtap api elisa igra mmr bcg ors lamp ngs wgs".split()
)
_CARE_ENDINGS: Final = ("ion", "ing", "al")
_OPENS: Final = re.compile(r"(?:^|[.!?]\s+|\n)$")
_HANDLES: Final = frozenset("@mods @mod @admin @admins @moderators @moderator".split())
_CAP_BEFORE: Final = re.compile(r"[A-Z][\w-]*\s$")
_EVERY: Final = re.compile(r"\b(?i:every|each)\s$")
_THREAD_AFTER: Final = re.compile(r"\s(?:post|thread|case|question)\b")


def _care_word(text: str, f: Finding) -> bool:
    word = f.text.lower()
    if " " in word or not word.endswith(_CARE_ENDINGS) or text[f.end : f.end + 1] not in ",:":
        return False
    lex = lexicon()
    return word not in lex.first_names and bool(_OPENS.search(text, max(f.start - 4, 0), f.start))


def _quiet(text: str, f: Finding) -> bool:
    if f.kind == "NAME":
        if f.text.lower() in _HANDLES or _care_word(text, f):
            return True
        if f.text.islower() and _in_lower_quotes(text, f):
            return True
    if f.kind == "DATE":
        if _DURATION.fullmatch(f.text) and _SYMPTOM_AFTER.match(text, f.end):
            return True
        if f.text.islower() and _THREAD_AFTER.match(text, f.end):
            return True
    if f.kind == "VEHICLE" and f.text.split()[0] in _SCORES:
        return True
    if f.kind in ("GEO", "EMPLOYER", "NAME") and f.text.lower() in _TESTS:
        return True
    if f.kind not in ("DATE", "NAME"):
        return False
    start = f.start
    # "every Mardi Gras": back over the capitalised words of the run, at most four (a text of
    # capitals only walked back to its start from each finding: quadratic)
    for _ in range(4):
        m = _CAP_BEFORE.search(text, max(start - 24, 0), start)
        if m is None:
            break
        start = m.start()
    return bool(_EVERY.search(text, max(start - 7, 0), start))


def _in_lower_quotes(text: str, f: Finding) -> bool:
    """Inside a quotation of at most three words in lower case ("een paar"), no first name."""
    open_at = text.rfind('"', max(f.start - 30, 0), f.start)
    close_at = text.find('"', f.end, f.end + 30)
    if open_at < 0 or close_at < 0:
        return False
    quoted = text[open_at + 1 : close_at]
    first_names = lexicon().first_names
    return (
        quoted.islower()
        and len(quoted.split()) <= 3
        and not any(word in first_names for word in quoted.split())
    )


def quiet_clinical_shapes(text: str, found: list[Finding]) -> list[Finding]:
    return [f for f in found if not _quiet(text, f)]
