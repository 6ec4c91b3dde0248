"""Hospitals by their initials' shape, by a word of hospital in another language, or by a
numbered facility (round 20).

- initials shaped like a hospital's (ending in H for Hospital, RI for Royal Infirmary,
  opening on CH for Centre Hospitalier or CHU) after "to", "at", "from", "into", "sa",
  "arr", "the", "ex-" or heading a note ("en route to KGH", "for CT sa VSMMC", "the QEH
  one", "ER CMCH:"), outside the lists of clinical initials (hormones, bleeds, conditions);
- a capitalised word (or two) before a word for hospital in another language ("Umeå
  universitetssjukhus", "Haukeland sykehus", "Odense sygehus", "Tartu Ülikooli Kliinikum",
  "Kuopio yliopistollinen sairaala"), and after it where the language puts it first;
- a numbered facility: "Regional Dispensary No. 3", "Polyclinic No. 12", "HGZ 8", "UMF 21";
- a capitalised word after "arr" (arrived) before a time or "ED" ("arr Groote Schuur 02:10").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.care_places import MEDICAL_INITIALS
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.thing_shapes import YEAR_AFTER
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS
from cases.deidentify.word_set import places_of, words_of

_SHAPED: Final = re.compile(
    r"(?<![\w&/-])(?:[A-Z]{1,4}H|[A-Z]{1,3}RI|CHU?[A-Z]{1,3})(?![\w&/'\u2019-])"
)
# Initials of that shape that are no hospital: hormones, bleeds, conditions, services.
_NOT_HOSPITALS: Final = frozenset(
    """ACTH SIADH ADH GH GNRH GHRH CRH TRH LH FSH TSH PTH ICH SAH SDH EDH IVH PPH APH BPH
    DDH LVH RVH IIH PNH NPH CAH AIH HH MCH CHF CHD CHB CHC CHW CHV CHA CHAD CHT CHI CHIP
    CHOP CHS CHR CHL CHE CHM CHO CHX CHG CHR CHX ARI URI LRI MRI FRI SRI TRI NRI CRI BRI
    ALH DCH MOH DOH NIH NOH OOH SOH PPH LOH GOH PDH DNH RH TH NH SH MH CH BH AH EH KH OH
    UH WH YH ZH IH ASH NASH HASH DASH SMASH ESH OSH PSH HSH CMH IPH WASH""".split()
)
_BEFORE: Final = re.compile(
    r"(?:\b(?i:to|at|from|into|sa|arr|arrived|reached|towards|via|the)\s|\bex-|"
    r"(?:^|[.\n]\s?)(?:ER|ED|A&E|OPD)\s)$"
)
_AFTER: Final = re.compile(r"(?:[\s.,;:)]|$)(?!\s?(?:scan|score|criteria|level|levels|test)\b)")
_HOSPITAL_WORDS: Final = (
    r"sjukhus|sjukhuset|universitetssjukhus|universitetssjukhuset|länssjukhus|sykehus|"
    r"sykehuset|universitetssykehus|sygehus|universitetshospital|sjúkrahús|ziekenhuis|"
    r"krankenhaus|klinikum|uniklinik|sairaala|keskussairaala|yliopistollinen\ssairaala|"
    r"haigla|kliinikum|slimnīca|ligoninė|kórház|nemocnice|nemocnica|bolnica|bolnišnica|"
    r"spital|spitalul|hastanesi|shifoxonasi|kasalxonasi|nosocomio|ospedale|szpital|"
    r"betegház|ziekenhuizen"
)
_BEFORE_WORD: Final = re.compile(
    rf"(?P<name>(?:[A-ZÀ-Ý][\w'\u2019-]{{1,20}}\s){{1,3}})(?i:{_HOSPITAL_WORDS})\b"
)
_HOSPITAL_STEMS: Final = frozenset(
    """sjukhus sjukhuset universitetssjukhus universitetssjukhuset länssjukhus sykehus
    sykehuset universitetssykehus sygehus universitetshospital sjúkrahús ziekenhuis
    krankenhaus klinikum uniklinik sairaala keskussairaala haigla kliinikum slimnīca
    ligoninė kórház nemocnice nemocnica bolnica bolnišnica spital spitalul hastanesi
    shifoxonasi kasalxonasi nosocomio ospedale szpital""".split()
)
# "Regional TB Dispensary No. 2": the facility's words before its number.
_NUMBER: Final = re.compile(r"(?:No\.?|N[°º]\.?|#)\s?\d{1,3}\b")
_FACILITY_BEFORE: Final = re.compile(
    r"(?:(?:[A-Z][a-z]{2,20}|TB|TBC|HIV)\s){0,3}(?:Dispensary|Polyclinic|Policlinic|"
    r"Policlínico|Poliklinika|Sanatorium|Maternity|Clinic|Hospital|Health\s(?:Post|Centre|"
    r"Center))\s$"
)
_FACILITY_WORDS: Final = frozenset(
    """dispensary polyclinic policlinic policlínico poliklinika sanatorium maternity clinic
    hospital""".split()
)
# Mexico's and West Africa's facilities by their initials and number: "HGZ 8", "UMF 21".
_CODED: Final = re.compile(
    r"\b(?:HGZ|HGR|HGP|HGO|UMF|UMAE|HGSZ|CMF|CSB|CSPS)\s(?:No\.?\s)?\d{1,3}\b"
)
_CODED_WORDS: Final = frozenset("hgz hgr hgp hgo umf umae hgsz cmf csb csps".split())
_ARRIVED: Final = re.compile(
    r"\barr\.?\s(?P<name>[A-Z][a-z]{3,20}(?:\s[A-Z][a-z]{3,20})?)"
    r"(?=\s\d{1,2}[:.h]?\d{2}\b|\s(?:ED|A&E|ER|hospital|at\s\d)\b)"
)


def find_hospital_initials(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for word in words_of(text) - words:  # words with a capital (initials keep theirs)
        if not (3 <= len(word) <= 6 and word.isupper() and word.isalpha()):
            continue
        if not word.endswith(("H", "RI")) and not word.startswith("CH"):
            continue
        if word in _NOT_HOSPITALS or word in MEDICAL_INITIALS or word in CLINICAL_INITIALISMS:
            continue
        for at in places_of(text, word):
            m = _SHAPED.match(text, at)
            if not m or m.end() != at + len(word) or not _AFTER.match(text, m.end()):
                continue
            if _BEFORE.search(text, max(at - 12, 0), at) and not YEAR_AFTER.match(text, m.end()):
                _add(found, at, m.end(), "GEO", text)
    if _HOSPITAL_STEMS & words:
        lex = lexicon()
        for m in _BEFORE_WORD.finditer(text):
            first = m.group("name").split()[0].lower()
            if first not in lex.common_words or len(m.group("name").split()) > 1:
                _add(found, m.start(), m.end(), "GEO", text)
    if _FACILITY_WORDS & words and ("no" in words or "#" in text or "°" in text):
        for m in _NUMBER.finditer(text):
            before = _FACILITY_BEFORE.search(text, max(m.start() - 70, 0), m.start())
            if before:
                _add(found, before.start(), m.end(), "GEO", text)
    if _CODED_WORDS & words:
        for m in _CODED.finditer(text):
            _add(found, m.start(), m.end(), "GEO", text)
    if "arr" in words:
        for m in _ARRIVED.finditer(text):
            _add(found, m.start("name"), m.end("name"), "GEO", text)
