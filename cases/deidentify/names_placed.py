"""Names and places known by the slot of a note they fill, in any script (round 21).

- The patient named at the head of a note, right before a labelled number found already:
  "Li Na, hospital no. SZ-H-2204981", "Earl Washington, Medicare 1EG4-TE5-MK73" (a pair of
  capitalised words at the opening of the text, a line or a clause, then a comma, a label of
  at most two words and the number; names that are also words or places count here);
- a patient in a handover list: the capitalised word no list knows that opens a clause
  after ";" where at least two other clauses open on a name ("...; Efosa home once TTOs are
  ready; Mrs Li in side room 2");
- a patient after the word for patient in Cyrillic or Greek ("Пациент Сергей Волков",
  "Ασθενής Γεώργιος Παπαδάκης"), a hospital in Greek ("Γενικό Νοσοκομείο Χανίων"), the
  writer's town after a trade heading in Cyrillic or Greek ("Врач скорой помощи, Тверь.");
- the writer's island after a trade heading and "on" ("Paramedic on Kauai here.",
  "Hospice RN on Lanai.", with or without the okina).

Kept quiet: a heading's label before a number ("Hospital Number, MRN 123"), ordinary and
medical words, ID labels and diseases named after places opening a handover clause ("Bloods
pending", "Aadhaar ending 4471", "Lassa fever excluded"), a weekday, a month or a word
after "on" ("Nurse on Tuesday", "GP on Ward 5"). Scripts are tested for by a character
range before any pattern runs.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import (
    EPONYMS,
    ID_LABEL_WORDS,
    PLACE_DISEASES,
    medical_word,
)
from cases.deidentify.medicine_names import _drug_word as drug_word

_ID_KINDS: Final = frozenset(("MRN", "HEALTH_PLAN", "SSN", "OTHER_ID", "ACCOUNT", "LICENSE", "ID"))
_PAIR_BEFORE_ID: Final = re.compile(
    r"(?:^|(?<=[\n:;.]\s)|(?<=^\s)|(?<=\n))(?P<name>[A-Z][a-z'\u2019-]{1,14}"
    r"(?:\s[A-Z][a-z'\u2019-]{1,14}){1,2}),\s(?:[\w.\u00c0-\u017f]{1,12}\s?){1,3}$"
)
# Words of a heading's label, never a person's name.
_LABEL_WORDS: Final = frozenset(
    """patient name hospital number record registry case date birth file unit national
    health insurance medical card id no mrn nhs dob re subject details client""".split()
)
# A patient's clause goes on with where they are going or how they are ("; Efosa home once
# TTOs are ready", "; Adaeze for CT", "; Tomasz awaiting bed"), not "due", "restarted", "fever".
_CLAUSE_OPEN: Final = re.compile(
    r";\s(?P<name>[A-Z][a-z\u00e0-\u00ff'-]{2,15})\s(?:home|for|to|in|awaiting|waiting|still|"
    r"needs|going|back|off|nbm|post|stable|settled|unwell|ready|seen|reviewed|declined|refused|"
    r"wants|being|now|likely|possible|okay|ok|fine|better|worse|improving|mobilising|eating)\b"
)
# Medicines opening a clause ("; Paracetamol for pain"): the endings of their names.
_DRUG_ENDS: Final = (
    "ol",
    "ine",
    "ide",
    "ate",
    "cin",
    "mab",
    "pam",
    "pril",
    "one",
    "ium",
    "mide",
    "zole",
)
# What stands before a name that opens a clause of a list: "; ", ": " or a line's start, and
# a title.
_CLAUSE_HEAD: Final = re.compile(r"(?:^|[;:]\s|\n)(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s)?$")

_GREEK_OR_CYRILLIC: Final = re.compile("[\u0370-\u04ff]")
_CYR_CAP: Final = r"[\u0410-\u042f\u0401][\u0430-\u044f\u0451]{1,20}"
_GREEK_CAP: Final = r"[\u0391-\u03a9\u0386-\u038f][\u03ac-\u03ce\u03b1-\u03c9]{1,20}"
# The word for a patient, a child or a citizen, and titles, before a name.
_CYR_CUES: Final = "|".join(
    """пациент пациентка пациента пациенту пациентом Пациент Пациентка Пациента больной
    больная больного больному Больной Больная гражданин гражданка Гражданин Гражданка
    ребёнок ребенок Ребёнок Ребенок""".split()
)
_GREEK_CUES: Final = "|".join(
    "Ασθενής ασθενής Ασθενούς ασθενούς Ασθενή ασθενή Κύριος κύριος Κυρία κυρία".split()
)
_CYR_PATIENT: Final = re.compile(rf"(?:{_CYR_CUES})\s(?P<name>{_CYR_CAP}(?:\s{_CYR_CAP}){{0,2}})")
_GREEK_PATIENT: Final = re.compile(
    rf"(?:{_GREEK_CUES}|κ\.)\s(?P<name>{_GREEK_CAP}(?:\s{_GREEK_CAP}){{0,2}})"
)
_GREEK_HOSPITALS: Final = "|".join(("Νοσοκομείο", "Νοσοκομείου", "Κέντρο Υγείας"))
_GREEK_HOSPITAL: Final = re.compile(
    rf"(?:{_GREEK_CAP}\s){{0,2}}(?:{_GREEK_HOSPITALS})(?:\s{_GREEK_CAP}){{1,2}}"
)
# The writer's trade opening the post, then the town: "Врач скорой помощи, Тверь."
_HEADING_PLACE: Final = re.compile(
    rf"[\w\s-]{{3,40}},\s(?P<place>{_CYR_CAP}|{_GREEK_CAP})(?:[.:]|\s\d)"
)
_TRADES_ABROAD: Final = re.compile(
    r"(?i:врач|медсестра|медбрат|фельдшер|ординатор|терапевт|хирург|педиатр|акушер|"
    r"νοσηλε|ιατρ|γιατρ|παθολόγ|χειρουργ|παιδίατρ|ειδικευόμεν)"
)
# "Paramedic on Kauai here.", "Hospice RN on Lanai."
_TRADE_ON: Final = re.compile(
    r"(?:[A-Z][\w ]{0,30}?\s)?(?i:paramedic|nurse|rn|gp|doctor|medic|midwife|physician|registrar|"
    r"resident|pharmacist|physio|emt|np|practitioner|locum|intern|surgeon|ot|hca)s?\son\s"
    r"(?P<place>[A-Z][\w\u02bb\u2018'-]{2,20}(?:\s[A-Z][\w\u02bb\u2018'-]{2,20})?)"
    r"(?=\shere\b|[.,:;!]|\s(?:and|we|I)\b)"
)
_NOT_ON: Final = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday call duty nights days
    ward shift leave""".split()
)


def find_names_placed(text: str, low: str, found: list[Finding]) -> None:
    lex = lexicon()
    if "," in text:
        _pairs_before_ids(text, found, lex)
    if text.count(";") >= 2:
        _handover_clauses(text, found, lex)
    if " on " in text[:60]:
        m = _TRADE_ON.match(text)
        place = m.group("place") if m else ""
        if m and place.lower() not in _NOT_ON and place.lower() not in lex.common_words:
            _add(found, m.start("place"), m.end("place"), "GEO", text)
    if _GREEK_OR_CYRILLIC.search(text):
        _other_scripts(text, found)


def _pairs_before_ids(text: str, found: list[Finding], lex) -> None:
    for f in found:
        if f.kind not in _ID_KINDS:
            continue
        comma = text.rfind(", ", max(f.start - 40, 0), f.start)  # the label's comma first
        m = _PAIR_BEFORE_ID.search(text, max(comma - 46, 0), f.start) if comma > 0 else None
        if not m:
            continue
        names = m.group("name").split()
        if any(
            w.lower() in _LABEL_WORDS
            or (
                w.lower() in lex.common_words
                and w.lower() not in lex.first_names
                and w.lower() not in lex.last_names
            )
            for w in names
        ):
            continue
        _add(found, m.start("name"), m.end("name"), "NAME", text)


def _handover_clauses(text: str, found: list[Finding], lex) -> None:
    named = {f.start for f in found if f.kind == "NAME"}
    heads = sum(1 for at in named if _CLAUSE_HEAD.search(text, max(at - 8, 0), at))
    if heads < 2:
        return
    for m in _CLAUSE_OPEN.finditer(text):
        word = m.group("name")
        low = word.lower()
        if (
            m.start("name") in named
            or low in lex.common_words
            or low in lex.towns
            or low in ID_LABEL_WORDS
            or low in PLACE_DISEASES
            or low in EPONYMS
            or medical_word(word)
            or drug_word(word)
            or (low.endswith(_DRUG_ENDS) and low not in lex.first_names)
        ):
            continue
        _add(found, m.start("name"), m.end("name"), "NAME", text)


def _other_scripts(text: str, found: list[Finding]) -> None:
    for pattern in (_CYR_PATIENT, _GREEK_PATIENT):
        for m in pattern.finditer(text):
            _add(found, m.start("name"), m.end("name"), "NAME", text)
    if "Νοσοκομ" in text or "Κέντρο" in text:
        for m in _GREEK_HOSPITAL.finditer(text):
            _add(found, m.start(), m.end(), "GEO", text)
    heading = _HEADING_PLACE.match(text)
    if heading and _TRADES_ABROAD.search(text, 0, heading.start("place")):
        _add(found, heading.start("place"), heading.end("place"), "GEO", text)
