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

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import words_of

_AGE_IN_LIST = re.compile(r"\s(?P<age>9\d|1[01]\d)\s(?=[a-z#?]|[A-Z]{2,5}\b)")
_UNIT = re.compile(
    r"\s(?i:kg|kgs|%|bpm|mmhg|mg|mcg|ml|mmol|cm|mm|x|beats|breaths|sats|hr|units|min|mins|"
    r"percent|over|/)\b"
)
_LIST_WORDS = frozenset(("bed", "bay", "beds", "cubicle", "handover", "hando", "side"))
_YEARS_WORDS = (
    r"lata|lat|años|anos|ans|jahre|jaar|år|ár|vuotta|éves|godina|godine|ya\u015f\u0131nda|yasinda|"
    r"tuổi|tuoi|urte|anni|ετών|лет|года|rokov|roků|let|metų|gadi|aastat|yo|y/o"
)
_AGE_YEARS = re.compile(rf"\b(?P<age>9\d|1[01]\d)(?:\s(?i:{_YEARS_WORDS})\b|세|歳|岁)")
_AGE_HINT = re.compile(r"\b(?:9\d|1[01]\d)(?:\s[^\W\d]|세|歳|岁)")

_RECORD_REF = re.compile(
    r"\b(?i:review|incident|report|complaint|case|file|claim|ticket|datix|ref|reference|"
    r"investigation|sui|serious\sincident)\s(?:no\.?\s|number\s|#)?"
    r"(?P<id>[A-Z]{2,5}-(?:19|20)?\d{2}-\d{3,6})\b"
)
_LONG_DIGITS = re.compile(
    r"\b(?:ID|Id|id|number|No|no|card|Card|register|registration|NIN|PIN|IIN)\b"
    r"(?:\s[\w-]{1,12}){0,5}\s(?P<id>\d{10,16})\b(?![.,]\d)"
)
_TEN_DIGITS = re.compile(r"\d{10}")
_CARD_LABEL = re.compile(
    r"\b(?:CIN|CNI|NIC|CNIC|NRIC|NIN|KTP|NIK|CI|RG|CPF|DNI|IC|NID)\s(?:no\.?\s|#\s?)?"
    r"(?P<id>[A-Z]{1,2}\s?\d{5,9}|\d{8,13})\b"
)
_CARD_WORDS = frozenset("cin cni nic cnic nric nin ktp nik ci rg cpf dni ic nid".split())
_CYRILLIC = re.compile(r"(?<![\w-])[\u0400-\u042f\u04e8\u04ae]{1,3}\d{6,10}\b")
_CYRILLIC_HINT = re.compile("[\u0400-\u042f]")
_LICENCE = re.compile(r"\bDL\s?(?:no\.?\s|#\s?)?(?P<id>[A-Z0-9]{1,4}(?:-?\d{2,8}){1,3})\b")


def find_ages_and_ids_abroad(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    if _LIST_WORDS & words:
        for f in list(found):
            if f.kind != "NAME" or " " not in f.text:
                continue
            m = _AGE_IN_LIST.match(text, f.end)
            if m and not _UNIT.match(text, m.end("age")):
                _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    if _AGE_HINT.search(text):
        for m in _AGE_YEARS.finditer(text):
            _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    if "-" in text:
        for m in _RECORD_REF.finditer(text):
            _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
        for m in _LICENCE.finditer(text) if "dl" in words else ():
            if sum(ch.isdigit() for ch in m.group("id")) >= 6:
                _add(found, m.start("id"), m.end("id"), "LICENSE", text)
    for m in _LONG_DIGITS.finditer(text) if _TEN_DIGITS.search(text) else ():
        _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
    if _CARD_WORDS & words:
        for m in _CARD_LABEL.finditer(text):
            _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
    for m in _CYRILLIC.finditer(text) if _CYRILLIC_HINT.search(text) else ():
        _add(found, m.start(), m.end(), "OTHER_ID", text)
