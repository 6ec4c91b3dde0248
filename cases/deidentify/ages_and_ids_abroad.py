"""Ages over 89 in ward lists and other languages, and identifiers by a shape or a label of
other countries (round 20).

Ages:
- a bare 90 to 119 after a full name in a ward list, before what is wrong or planned ("bed
  3 Mr Aled Price 92 chest sepsis", "bed 6 Mrs Ida Moss 95 for home"), where the text names
  beds or bays; never before a unit ("Mr X 95 kg", "sats 94%");
- an age before the word for years of another language ("91 lat", "96 años", "93 ans",
  "92 Jahre", "94세", "90 tuổi", "97 yasinda").

Identifiers:
- a reference of letters, a year and a number after a word of a record ("Incident review
  SI-23-1147", "complaint CX-2024-077");
- a number of ten to sixteen digits a few words after "ID", "number", "card" ("National ID
  on the claim form 29811041500317");
- an identity card's label before a letter and digits ("CIN BK 448210", "CNI A 7781236",
  "NIC 19870412");
- a number of one to three Cyrillic capitals and six to ten digits (a register number);
- a driving licence by "DL" ("DL B12-04-559201").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_AGE_IN_LIST: Final = re.compile(r"\s(?P<age>9\d|1[01]\d)\s(?=[a-z#?]|[A-Z]{2,5}\b)")
_UNIT: Final = re.compile(
    r"\s(?i:kg|kgs|%|bpm|mmhg|mg|mcg|ml|mmol|cm|mm|x|beats|breaths|sats|hr|units|min|mins|"
    r"percent|over|/)\b"
)
_LIST_WORDS: Final = frozenset(("bed", "bay", "beds", "cubicle", "handover", "hando", "side"))
_YEARS_WORDS: Final = (
    r"lata|lat|años|anos|ans|jahre|jaar|år|ár|vuotta|éves|godina|godine|ya\u015f\u0131nda|yasinda|"
    r"tuổi|tuoi|urte|anni|ετών|лет|года|rokov|roků|metų|gadi|aastat"
)
_AGE_YEARS: Final = re.compile(rf"\b(?P<age>9\d|1[01]\d)(?:\s(?i:{_YEARS_WORDS})\b|세|歳|岁)")

_RECORD_REF: Final = re.compile(
    r"\b(?i:review|incident|report|complaint|case|file|claim|ticket|datix|ref|reference|"
    r"investigation|sui|serious\sincident)\s(?:no\.?\s|number\s|#)?"
    r"(?P<id>[A-Z]{2,5}-(?:19|20)?\d{2}-\d{3,6})\b"
)
_LONG_DIGITS: Final = re.compile(
    r"\b(?:ID|Id|id|number|No|no|card|Card|register|registration|NIN|PIN|IIN)\b"
    r"(?:\s[\w-]{1,12}){0,5}\s(?P<id>\d{10,16})\b(?![.,]\d)"
)
_TEN_DIGITS: Final = re.compile(r"\d{10,16}(?!\d)")
_CARD_LABEL: Final = re.compile(
    r"\b(?:CIN|CNI|NIC|CNIC|NRIC|NIN|KTP|NIK|CI|RG|CPF|DNI|IC|NID)\s(?:no\.?\s|#\s?)?"
    r"(?P<id>[A-Z]{1,2}\s?\d{5,9}|\d{8,13})\b"
)
_CARD_WORDS: Final = frozenset("cin cni nic cnic nric nin ktp nik ci rg cpf dni ic nid".split())
_CYRILLIC: Final = re.compile(r"(?<![\w-])[\u0400-\u042f\u04e8\u04ae]{1,3}\d{6,10}\b")
_CYRILLIC_HINT: Final = re.compile("[\u0400-\u042f]")
_LICENCE: Final = re.compile(r"\bDL\s?(?:no\.?\s|#\s?)?(?P<id>[A-Z0-9]{1,4}(?:-?\d{2,8}){1,3})\b")


_YEAR_WORDS: Final = frozenset(
    w for w in _YEARS_WORDS.replace("\\u015f\\u0131", "\u015f\u0131").split("|") if "/" not in w
)
_RECORD_WORDS: Final = frozenset(
    "review incident report complaint case file claim ticket datix ref reference "
    "investigation sui serious".split()
)
_LABEL_BEFORE: Final = re.compile(
    r"\b(?:ID|Id|id|number|No|no|card|Card|register|registration|NIN|PIN|IIN)\b"
    r"(?:\s[\w-]{1,12}){0,5}\s$"
)


def find_ages_and_ids_abroad(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    if _LIST_WORDS & words:
        for f in list(found):
            if f.kind != "NAME" or " " not in f.text:
                continue
            m = _AGE_IN_LIST.match(text, f.end)
            if m and not _UNIT.match(text, m.end("age")):
                _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    if _YEAR_WORDS & words or "\uc138" in text or "\u6b73" in text or "\u5c81" in text:
        for m in _AGE_YEARS.finditer(text):
            _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    if "-" in text:
        for word in _RECORD_WORDS & words:
            for at in places_of(low, word):
                if m := _RECORD_REF.match(text, at):
                    _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
        for at in places_of(text, "DL") if "dl" in words else ():
            m = _LICENCE.match(text, at)
            if m and sum(ch.isdigit() for ch in m.group("id")) >= 6:
                _add(found, m.start("id"), m.end("id"), "LICENSE", text)
    for m in _TEN_DIGITS.finditer(text):  # a run of ten to sixteen digits, on its own
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 2]
        if before and (before.isdigit() or before in ".,/-"):
            continue
        if after[:1] in (".", ",", "/") and after[1:2].isdigit():
            continue
        if _LABEL_BEFORE.search(text, max(m.start() - 80, 0), m.start()):
            _add(found, m.start(), m.end(), "OTHER_ID", text)
    for label in _CARD_WORDS & words:
        for at in places_of(text, label.upper()):
            if m := _CARD_LABEL.match(text, at):
                _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
    for m in _CYRILLIC.finditer(text) if _CYRILLIC_HINT.search(text) else ():
        _add(found, m.start(), m.end(), "OTHER_ID", text)
