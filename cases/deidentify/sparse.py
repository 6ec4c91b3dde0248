"""Identifiers with sparse cues, and look-alikes the other passes took for identifiers.

Round 13 (lead_tune12) found these kinds of miss on new text:
- ages over 89 in words ("Mr Pidgeon, ninety-four,", "kofi is ninety") and bare ages over 89
  after a bed or a date of birth ("beatrix in bay 4, 91,", "ben b3 - 92 -");
- partial dates: month and year in figures ("until 5/2023"), a zero-padded day and month
  ("RHZE 22/09"), a lower-case month after its day ("since 3 oct"), "the 5th of this month",
  a month's short name after a word of time ("Referred Sept.");
- places with no place word: where the writer works ("We are at Starship."), a hospital
  after a verb of care ("Seen at Rotunda", "arrived at AKTH") or "our" and a team ("Our
  Coombe registrar"), a place after "<name> here," ("Jo Fenton here, Hokitika."), a rural
  route, a farm or plot number, a Singapore unit ("#08-1123"), a house name in quotes and the
  town after it, a lower-case town after "from" or "near";
- employers: the armed services after a name and age ("Cpl Whitby, 24, the Army,"), a
  lower-case shop after "works at" ("works at woolies"), a labour-hire firm after "placed
  by";
- reference numbers after their label ("incident HPD-24-031177", "ePCR E20240311-0417") and
  the last four digits of a national number ("SSN last four 6621", "Aadhaar ending 4471");
- lower-case first names in quick ward notes ("ahmed (bed 12)", "sue b4 - hip").
Look-alikes kept quiet: a role word opening a note before an age ("Miner, 48,", "Child,
4,"), a place or a
person a score, a risk or a disease is named after ("Framingham risk", "Ross River virus",
"Sydenham chorea", "Erasmus GBS outcome score"), a people after "a 55-year-old" ("Dane").

Every pass is gated on a literal that most texts lack, or opens on a digit; windows are
bounded, so the cost stays linear in the text's length.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword
from cases.deidentify.beside import _ordinary, _place_words
from cases.deidentify.cues import CALENDAR, section_word
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import DEMONYMS, PEOPLES, medical_word
from cases.deidentify.patterns import CAP_WORD
from cases.deidentify.places import CLINICAL_ACRONYMS

_UNIT_WORDS: Final = (
    r"(?:minutes?|mins?|seconds?|secs?|per|percent|%|mg|ml|mcg|units|days?|hours?|hrs?|"
    r"weeks?|months?|met(?:re|er)s?|m|km|kg|g|times|patients|cases|people|beds|degrees|"
    r"breaths|beats|bpm|cm|mm|over|to|or|and|of|more|less|odd)"
)
_TENS: Final = r"(?:one|two|three|four|five|six|seven|eight|nine)"
AGE_WORDS: Final = re.compile(
    rf"\b(?P<age>ninety(?:[- ]{_TENS})?|(?:a |one )?hundred(?: and (?:{_TENS}|ten))?)\b"
    rf"(?![- ]?{_UNIT_WORDS}\b)"
)
# A hundred is an age only where a word says so ("is a hundred", "aged one hundred").
_AGE_VERB_BEFORE: Final = re.compile(r"\b(?:is|was|aged|turned|turns|age|just)\s$")
_AGE_AFTER: Final = re.compile(r"(?:[,;)]|\s[-\u2013]\s|\s(?:y|yo|yrs?|years?)\b)")

DAY_LOWER_MONTH: Final = re.compile(
    r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?"
)
DAY_OF_MONTH: Final = re.compile(
    r"\b(?P<day>\d{1,2}(?:st|nd|rd|th))\sof\s(?:this|last|next|the\s(?:same|previous|last))"
    r"\smonth\b"
)
SHORT_MONTH_AFTER_CUE: Final = re.compile(
    r"\b(?i:in|since|from|until|till|by|referred|seen|last|this|next|early|mid|late|her|his|"
    r"of)\s(?P<m>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|May(?=\s[a-z]))"
    r"(?=[\s.,;:)]|$)(?!\s\d)"
)

_PLACE: Final = rf"(?:the\s)?{CAP_WORD}(?:\s{CAP_WORD}){{0,2}}"
_ACRONYM: Final = r"[A-Z]{3,5}(?![\w-])"
SPEAKER_PLACE: Final = re.compile(
    r"\b(?:[Ww]e(?:'re|\u2019re| are)|I(?:'m|\u2019m| am)|[Ww]e work|I work)\s"
    rf"(?:based\s)?(?:at|in)\s(?P<place>{_PLACE}|{_ACRONYM})"
)
CARE_AT: Final = re.compile(
    r"\b(?i:seen|admitted|transferred|arrived|delivered|treated|reviewed|intubated|scanned|"
    r"came|brought|flown|retrieved)\s(?:\w+\s)?(?:at|to|into)\s"
    rf"(?P<place>{CAP_WORD}|{_ACRONYM})(?=[\s.,;:)]|$)"
)
OUR_TEAM: Final = re.compile(
    rf"\b[Oo]ur\s(?P<place>{CAP_WORD}|{_ACRONYM})\s(?:registrar|resident|residents|fellow|"
    r"consultant|team|protocol|lab|nurses|midwives|ward|wards|unit|pharmacy|ED|NICU|PICU|ICU)\b"
)
HERE_PLACE: Final = re.compile(rf"\bhere,\s(?P<place>{CAP_WORD}(?:\s{CAP_WORD})?)(?=[.;:]|$)")
LIVES_ON: Final = re.compile(rf"\blives?\s(?:alone\s|still\s|now\s){{0,2}}on\s(?P<place>{_PLACE})")
# "lives on RR 2, Bourke": a rural route before a town; "RR 18, BP 120/80" is a breath rate.
RURAL_ROUTE: Final = re.compile(r"(?:RR|R\.R\.|Rural Route)\s?#?\d{1,2}(?=,\s[A-Z][a-z])")
_ROUTE_BEFORE: Final = re.compile(r"\b(?i:on|at|address(?:\sis)?|lives|via|of)[:,]?\s$")
NUMBERED_PLOT: Final = re.compile(
    r"\b(?:Farm|Plot|Erf|Stand|Portion|Lot)\s(?:No\.?\s?|Number\s|#\s?)\d{1,5}\b"
)
UNIT_NUMBER: Final = re.compile(r"#\d{2}-\d{2,5}\b")
HOUSE_NAME: Final = re.compile(
    r"\b(?:lives|living|lived|live|home|address)\s(?:is\s)?(?:at|called)\s"
    rf"['\u2018\"\u201c](?P<place>{CAP_WORD}(?:\s{CAP_WORD}){{0,3}})['\u2019\"\u201d]"
    rf"(?:,\s(?P<town>{CAP_WORD}(?:\s{CAP_WORD})?)(?=[,;.]))?"
)
_LOWER_TOWN_CUES: Final = (" from ", " near ", " in ", " up from ")
_LOWER_WORD: Final = re.compile(r"[a-z][a-z'-]{2,20}\b")
# Where a baby or a patient lies, which the town list also holds.
_COTS: Final = frozenset("cot cots pod crib incubator isolette bassinet cubicle".split())

_SERVICE_NAMES: Final = (
    r"Army|Navy|Royal Navy|Royal Marines|Marines|"
    r"Air Force|RAF|RAAF|RNZAF|RCAF|USMC|USAF|US Army|US Navy|Coast Guard|National Guard|"
    r"Territorial Army|IDF|SANDF|Bundeswehr"
)
_SERVICES_FULL: Final = re.compile(
    rf"(?:,\s|\b(?:the|in|joined|with|for)\s)(?P<org>{_SERVICE_NAMES})\b"
)
# The service's name first (capitals the engine skips to), the word before tried just before.
SERVICES: Final = ByKeyword(_SERVICES_FULL, rf"(?:{_SERVICE_NAMES})\b", 8, "[,tijwf]")
# "AF" is in RAF, RAAF, RNZAF, RCAF and USAF.
_SERVICE_HINTS: Final = ("Army", "Navy", "Marines", "Air Force", "AF", "USMC", "Guard", "IDF",
                  "Bundeswehr")  # fmt: skip
_SERVING_BEFORE: Final = re.compile(
    r"(?:\b(?:Cpl|LCpl|Sgt|SSgt|Pte|PO|CPO|Lt|Capt|Maj|Col|Gnr|Spr|Tpr|AB|LS|Airman|Private|"
    r"Corporal|Sergeant|Sailor|Marine|Rifleman|Sapper|Gunner)\s[^.;]{0,30}"
    r"|\d{1,3},\s(?:the\s)?)$"
)
LOWER_EMPLOYER: Final = re.compile(
    r"\b(?i:works?|worked|working|job|shifts?|nights|days)\s(?:at|for)\s"
    r"(?P<org>[a-z][a-z'&]{2,14})\b(?!\s(?:of|and)\b)"
)
PLACED_BY: Final = re.compile(
    r"\b(?:placed|employed|hired|contracted|supplied)\s(?:by|through|with|via)\s"
    rf"(?P<org>{CAP_WORD}(?:\s{CAP_WORD})?|{_ACRONYM})"
)
TEACHES_AT: Final = re.compile(
    r"\b(?:teaches|taught|lectures|studies|studied)\s(?:at|in)\s(?P<org>[A-Z]{2,5})\b"
)
_TITLES: Final = frozenset("dr mr mrs ms miss prof doctor sister nurse the a an".split())

REFERENCE: Final = re.compile(
    r"\b(?i:e?pcr|incident|booking|ref|reference|claim|report|police|occurrence|cad|docket)"
    r"(?:\s(?i:no\.?|number|ref|#))?[:\s]\s?"
    r"(?P<no>(?:[A-Z]{2,5}[\s-])?[A-Z]{0,4}\d[\dA-Z/-]{3,20}\d)"
)
LAST_FOUR: Final = re.compile(
    r"\b(?i:ending(?:\sin)?|last\s(?:four|4)(?:\sdigits)?(?:\sof)?|last-four)[:\s]\s?"
    r"(?:[x*]{2,4}[\s-]?){0,3}(?P<no>\d{4})\b(?![\d/])"
)
_ID_WORDS: Final = re.compile(
    r"(?i:ssn|social security|aadhaa?r|card|account|a/c|licen[cs]e|passport|nhs|medicare|"
    r"insurance|national id|id number|\bnin\b|sin\b)"
)

QUICK_FOLLOW: Final = re.compile(
    r"(?P<bed>\(?(?:bed|bay|rm|room|cubicle)\s?\d|b\d{1,2}\b)|in\s(?:bay|bed|resus|room|cubicle|"
    r"side\sroom)\b|from\s(?:bed|bay|room)\b|here\s\(|is\s(?:ninety|hundred|9\d|1[01]\d)\b"
)

ROLE_OPENING: Final = re.compile(r",\s\d{1,3}\b")
_DISEASE_WORDS: Final = (
    r"score|scores|scale|risk|calculator|classification|criteria|rule|rules|index|staging|"
    r"grading|virus|fever|chorea|disease|encephalitis"
)
NAMED_AFTER: Final = re.compile(
    rf"(?:\s(?:[A-Z][\w-]{{1,12}}|[A-Z]{{2,5}})){{0,2}}\s(?:(?i:outcome|prognostic)\s)?"
    rf"(?i:{_DISEASE_WORDS})\b"
)
_PERSON_NOUNS: Final = frozenset(
    "child baby infant toddler boy girl man woman teen teenager adolescent neonate newborn "
    "patient student mother father grandmother grandfather widow widower veteran".split()
)
_ROLE_ENDINGS: Final = ("er", "or", "ist", "ian", "man", "woman", "wright", "smith", "herd")
YEAR_OLD_BEFORE: Final = re.compile(r"\b[Aa]n?\s\d{1,3}[- ]year[- ]old\s$")


def _loose_place(words: str) -> bool:
    """After "we are at" or "our": a capitalised word mid-sentence is a name even when it is
    also a dictionary word ("We are at Starship"), unless it is a month, a people, a
    specialty or a medical word."""
    first = words.split()[0]
    low = first.lower()
    return not (
        low in CALENDAR
        or low in DEMONYMS
        or low in PEOPLES
        or low in lexicon().large_places
        or section_word(first)
        or medical_word(first)
    )


def _add_place(
    found: list[Finding], text: str, m: re.Match, group: str = "place", loose: bool = False
) -> None:
    place = m.group(group)
    bare = place.removeprefix("the ")
    if re.match(r"\s\d", text[m.end(group) : m.end(group) + 2]):
        return  # "we are at Day 5", "seen at Week 6": a count, not a place
    if place.isupper():
        if place in CLINICAL_ACRONYMS or medical_word(place):
            return
    elif not (_loose_place(bare) if loose else _place_words(bare)) or section_word(bare.split()[0]):
        return
    _add(found, m.start(group), m.end(group), "GEO", text)


def _positions(hay: str, needles: tuple[str, ...]):
    """Every index of each literal in ``hay``: str.find runs in C, far faster than a regex
    scan that must try its pattern at each character."""
    for needle in needles:
        at = hay.find(needle)
        while at != -1:
            yield at
            at = hay.find(needle, at + 1)


def _word_start(low: str, at: int) -> bool:
    return at == 0 or not low[at - 1].isalnum()


BED_AGE: Final = re.compile(
    r"(?i:bed|bay|room|rm|cubicle)\s?[A-Z]?\d{1,3}[A-Z]?\)?\s?(?:,|-|\u2013)\s"
    r"(?P<age>9\d|1[01]\d)(?![\d./:%])"
)
AGE_AFTER_END: Final = re.compile(
    r"(?:\s\(?(?:b|bed|bay|rm|room)\s?\d{1,3}\)?)?(?:,\s|\s[-\u2013]\s)"
    r"(?P<age>9\d|1[01]\d)(?![\d./:%])"
)
SLASH_DATE: Final = re.compile(
    r"(?<![\d/.])(?:(?:0?[1-9]|1[0-2])/(?:19[5-9]\d|20[0-4]\d)|(?:0[1-9]|[12]\d|3[01])/0[1-9])"
    r"(?![\d/])"
)
_LOWER_MONTHS: Final = (" jan", " feb", " mar", " apr", " jun", " jul", " aug", " sep", " oct",
                 " nov", " dec")  # fmt: skip
_SHORT_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                 "May")  # fmt: skip
_CUE_BEFORE_MONTH: Final = re.compile(
    r"\b(?i:in|since|from|until|till|by|referred|seen|last|this|next|early|mid|late|her|his|"
    r"of)\s$"
)
SHORT_MONTH: Final = re.compile(
    r"(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|May(?=\s[a-z]))"
    r"(?=[\s.,;:)]|$)(?!\s\d)"
)
SPEAKER_BEFORE: Final = re.compile(
    r"\b(?:we're|we\u2019re|we are|i'm|i\u2019m|i am|we work|i work)(?:\sbased)?$"
)
CARE_BEFORE: Final = re.compile(
    r"\b(?:seen|admitted|transferred|arrived|delivered|treated|reviewed|intubated|scanned|"
    r"came|brought|flown|retrieved)(?:\s\w+)?$"
)
_REFERENCE_LABELS: Final = ("pcr", "incident", "booking", "ref", "claim", "report", "police",
                     "occurrence", "cad ", "docket")  # fmt: skip
_BED_CUES: Final = (" bed", " bay", " room", " cubicle", " (bed", " in resus", " here (",
             " is ninety", " is hundred", " is 9", " is 1")  # fmt: skip
_B_CODE: Final = re.compile(r" b\d{1,2}\b")
_PREV_WORD: Final = re.compile(r"(?P<name>[a-z][a-z'-]{1,12})\s?$")
_OPENS_NOTE: Final = re.compile(r"(?:^|[.:;!?\n,]\s?|\n)$")


def find_sparse(text: str, low: str, found: list[Finding]) -> None:
    m: re.Match[str] | None
    lex = lexicon()
    # --- lower-case names in quick notes ---------------------------------------------------
    cues = list(_positions(low, _BED_CUES))
    cues += [m.start() for m in _B_CODE.finditer(low)] if " b" in low else []
    for at in cues:
        follow = QUICK_FOLLOW.match(text, at + 1)
        if not follow:
            continue
        m = _PREV_WORD.search(text, max(at - 16, 0), at)
        if m and m.group("name") in ("in", "from"):
            m = _PREV_WORD.search(text, max(m.start() - 16, 0), m.start())
        if not m or not _OPENS_NOTE.search(text, max(m.start() - 3, 0), m.start()):
            continue
        name = m.group("name")
        bed = follow.group("bed")
        if name in lex.first_names and (bed or name not in lex.common_words):
            _add(found, m.start("name"), m.end("name"), "NAME", text)
    # --- ages over 89 ----------------------------------------------------------------------
    for at in _positions(low, ("ninety", "hundred")):
        m = AGE_WORDS.search(low, max(at - 4, 0), at + 40)
        if not m or m.start("age") > at or m.end("age") <= at:
            continue
        if "hundred" in m.group("age") and not _AGE_VERB_BEFORE.search(
            low, max(m.start() - 8, 0), m.start()
        ):
            continue
        _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    for at in _positions(low, ("bed", "bay", "room", "cubicle")):
        m = BED_AGE.match(text, at) if _word_start(low, at) else None
        if m and _AGE_AFTER.match(text, m.end()):
            _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    for f in [f for f in found if f.kind in ("NAME", "DATE")]:
        m = AGE_AFTER_END.match(text, f.end)
        if m and _AGE_AFTER.match(text, m.end()):
            _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    # --- partial dates ---------------------------------------------------------------------
    for at in _positions(text, ("/",)):
        m = SLASH_DATE.search(text, max(at - 2, 0), at + 6)
        if (
            m
            and m.start() < at < m.end()
            and not low.startswith((" dilution", " mg", " ml"), m.end())
        ):
            _add(found, m.start(), m.end(), "DATE", text)
    for at in _positions(text, _LOWER_MONTHS):
        if text[at - 1 : at].isdigit() or text[at - 3 : at - 1] in ("st", "nd", "rd", "th"):
            m = DAY_LOWER_MONTH.search(text, max(at - 5, 0), at + 6)
            if m and m.end() > at and (m.start() == 0 or text[m.start() - 1] not in "0123456789."):
                _add(found, m.start(), m.end(), "DATE", text)
    for at in _positions(low, (" month",)):
        m = DAY_OF_MONTH.search(low, max(at - 25, 0), at + 6)
        if m:
            _add(found, m.start("day"), m.end(), "DATE", text)
    for at in _positions(text, _SHORT_MONTHS):
        if _word_start(low, at) and _CUE_BEFORE_MONTH.search(text, max(at - 10, 0), at):
            m = SHORT_MONTH.match(text, at)
            if m:
                _add(found, m.start(), m.end(), "DATE", text)
    # --- places ----------------------------------------------------------------------------
    for at in _positions(low, (" at ", " in ", " to ", " into ")):
        m = SPEAKER_BEFORE.search(low, max(at - 24, 0), at)
        if m:
            m = SPEAKER_PLACE.match(text, m.start())
            if m:
                _add_place(found, text, m, loose=True)
            continue
        m = CARE_BEFORE.search(low, max(at - 28, 0), at)
        if m:
            m = CARE_AT.match(text, m.start())
            if m:
                _add_place(found, text, m)
    for at in _positions(low, ("our ",)):
        if _word_start(low, at):
            m = OUR_TEAM.match(text, at)
            if m:
                _add_place(found, text, m, loose=True)
    for at in _positions(text, ("here,",)):
        m = HERE_PLACE.match(text, at)
        if m:
            _add_place(found, text, m)
    lives = list(_positions(low, ("live", "home ", "address")))
    for at in lives:
        m = LIVES_ON.match(text, at)
        if m:
            _add_place(found, text, m)
        m = HOUSE_NAME.match(text, at)
        if m:
            _add(found, m.start("place"), m.end("place"), "GEO", text)
            if m.group("town") and _place_words(m.group("town")):
                _add(found, m.start("town"), m.end("town"), "GEO", text)
    for at in _positions(text, ("RR", "R.R.", "Rural Route")):
        m = RURAL_ROUTE.match(text, at)
        if m and _ROUTE_BEFORE.search(text, max(at - 14, 0), at):
            _add(found, m.start(), m.end(), "GEO", text)
    for at in _positions(text, ("Farm ", "Plot ", "Erf ", "Stand ", "Portion ", "Lot ")):
        m = NUMBERED_PLOT.match(text, at)
        if m:
            _add(found, m.start(), m.end(), "GEO", text)
    for at in _positions(text, ("#",)):
        m = UNIT_NUMBER.match(text, at)
        if m:
            _add(found, m.start(), m.end(), "GEO", text)
    for cue in _LOWER_TOWN_CUES:
        at = low.find(cue)
        while at != -1:
            start = at + len(cue)
            w = _LOWER_WORD.match(text, start)
            # "Jarrah in cot 3": a bed, not a town
            if (
                w
                and w.group(0) in lex.towns
                and w.group(0) not in _COTS
                and not _ordinary(w.group(0))
            ):
                _add(found, w.start(), w.end(), "GEO", text)
            at = low.find(cue, start)
    # --- employers -------------------------------------------------------------------------
    if any(h in text for h in _SERVICE_HINTS):
        for m in SERVICES.finditer(text):
            # Only beside a serving person: a rank, or a name and age ("Reid, 31, Royal Navy").
            if _SERVING_BEFORE.search(text, max(m.start() - 40, 0), m.start("org")):
                _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
    for at in _positions(low, ("work", "job", "shift", "nights", "days")):
        m = LOWER_EMPLOYER.match(text, at) if _word_start(low, at) else None
        if m:
            org = m.group("org")
            if not _ordinary(org) and org not in lex.first_names and org not in lex.towns:
                _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
    for at in _positions(low, ("placed ", "employed ", "hired ", "contracted ", "supplied ")):
        m = PLACED_BY.match(text, at)
        if not m:
            continue
        org = m.group("org")
        first = org.split()[0]
        if (
            first.lower() in _TITLES
            or org in CLINICAL_ACRONYMS
            or section_word(first)
            or medical_word(first)
        ):
            continue
        _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
    for at in _positions(low, ("teach", "lectures", "studie")):
        m = TEACHES_AT.match(text, at)
        if m and m.group("org") not in CLINICAL_ACRONYMS:
            _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
    # --- reference numbers -----------------------------------------------------------------
    for at in _positions(low, _REFERENCE_LABELS):
        start = at - (at > 0 and low[at - 1] == "e")  # "ePCR"
        m = REFERENCE.match(text, start) if _word_start(low, start) else None
        if m:
            no = m.group("no")
            digits = sum(ch.isdigit() for ch in no)
            if digits >= 5 or (digits >= 4 and not no.isdigit()):
                _add(found, m.start("no"), m.end("no"), "OTHER_ID", text)
    for at in _positions(low, ("ending", "last")):
        m = LAST_FOUR.match(text, at)
        if m and _ID_WORDS.search(text, max(m.start() - 40, 0), m.start("no")):
            _add(found, m.start("no"), m.end("no"), "OTHER_ID", text)


def _sentence_start(text: str, at: int) -> bool:
    head = text[max(at - 30, 0) : at].rstrip(" \"'(")
    return not head or head.endswith((".", ":", ";", "!", "?", "\n")) or head[-1] == "\n"


def quiet_sparse(text: str, found: list[Finding]) -> list[Finding]:
    lex = lexicon()
    keep = []
    for f in found:
        if f.kind == "NAME" and " " not in f.text:
            word = f.text.lower()
            # "Miner, 48, silica exposure": a role word opens the note, then the age.
            if (
                word in lex.common_words
                and (word in _PERSON_NOUNS or word.endswith(_ROLE_ENDINGS))
                and word not in lex.first_names
                and word not in lex.word_names
                and ROLE_OPENING.match(text, f.end)
                and _sentence_start(text, f.start)
            ):
                continue
            # "a 55-year-old Dane": a people or a kind of person, not a name.
            if YEAR_OLD_BEFORE.search(text, max(f.start - 20, 0), f.start) and text.startswith(
                (".", ",", ";", " with", " who"), f.end
            ):
                continue
        if (f.kind == "GEO" or (f.kind == "NAME" and " " not in f.text)) and NAMED_AFTER.match(
            text, f.end
        ):
            continue  # "Framingham risk", "Ross River virus", "Sydenham chorea"
        keep.append(f)
    return keep
