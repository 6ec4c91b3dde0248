"""Addresses, institutions, counties and postcodes (towns in running text are in names.py)."""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored, any_hint
from cases.deidentify.cues import (
    EPONYM_FOLLOWERS,
    NOT_PLACES,
    SERVICE_WORDS,
    UPPER,
    place_cue,
    words_before,
)
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import heading_specialty
from cases.deidentify.named_things_lists import MAKERS_MORE
from cases.deidentify.patterns import (
    ADDRESS,
    ADDRESS_LABEL,
    ADDRESS_MORE,
    ADDRESS_TAIL,
    BRACKETED_KIND_BEFORE,
    BRACKETED_PLACE,
    CAP_WORD,
    COUNTY,
    FOREIGN_INSTITUTION,
    INSTITUTION,
    MONTH_NUMBER,
    NEAR_POSTCODE,
    NOT_ADDRESS,
    POSTCODE_FIRST,
    SAINT,
    STREET_FIRST_WORD,
    STREET_FIRST_WORDS,
    STREET_SUFFIXES,
    SUFFIX_STREET,
    UK_POSTCODE,
    US_ZIP,
    ZIP_IN_STATE,
    ZIP_LABEL,
)
from cases.deidentify.patterns import (
    STREET_FIRST as STREET_FIRST_PATTERN,
)
from cases.deidentify.thing_shapes_lists import THING_HEADS

# A named venue where something happened: capitalised words, then a venue noun ("the Red
# Lion pub", "St Mary's church hall", "Greenfield Primary School", "Hill Farm").
VENUE_NOUNS: Final = (
    r"(?:pub|inn|Inn|Arms|Tavern|bar|caf[eé]|Caf[eé]|restaurant|Restaurant|school|academy|"
    r"college|church hall|church|chapel|mosque|temple|farm|mill|factory|works|Works|quarry|"
    r"Quarry|mine|camp|Camp|prison|hotel|Hotel|leisure centre|Leisure Cent(?:re|er)|gym|Gym|"
    r"stadium|Stadium|social club|Social Club|sports centre|Sports Cent(?:re|er))"
)
_VENUE_ANCHORED: Final = anchored(
    rf"(?=[{UPPER}])(?<![\w'\u2019-])(?P<name>(?:St\.?\s)?{CAP_WORD}(?:['\u2019]s?)?"
    rf"(?:\s(?:and\s|&\s)?{CAP_WORD}(?:['\u2019]s?)?){{0,2}})\s{VENUE_NOUNS}\b"
)
# Every venue ends on its noun after a space: the nouns are found first (a scan that stops at
# spaces), the pattern tried only at the capitals before them.
VENUE: Final = ByKeyword(_VENUE_ANCHORED.full, rf"\s{VENUE_NOUNS}", reach=130, starts=rf"[{UPPER}]")
# "outside the Golden Fleece", "at the Coach and Horses": two or three capitalised words after
# "the", after a word of place; names.py skips hospital departments and named things.
_NAMED_PLACE_ANCHORED: Final = anchored(
    rf"(?=[aonbfimrlw])\b(?:at|outside|near|opposite|behind|from|in front of|manages|managed|"
    rf"runs|ran|owns|owned|landlord of|landlady of|works behind the bar at)\sthe\s"
    rf"(?P<name>{CAP_WORD}(?:['\u2019]s)?(?:\s(?:and\s)?{CAP_WORD}){{1,2}})(?=[\s,.;:)]|$)"
)
# "the" and a capital first (a literal the engine skips to), the word of place before it after.
NAMED_PLACE: Final = ByKeyword(
    _NAMED_PLACE_ANCHORED.full, rf"the\s[{UPPER}]", 40, r"\b[aonbfimrlw]"
)


class _StreetFirst:
    """STREET_FIRST found from the space after its street word ("rue", "ulica", "jl.").

    The words open on so many letters that a scan for their first letters stopped in most
    words of a field (the dearest pass of the scanner). Every match has a space right after
    its street word, so this scans spaces (one character in five) and looks back over the
    word lengths at once; the whole pattern is then matched only where a street word ends.
    """

    def __init__(self, anchored_pattern) -> None:
        self.full = anchored_pattern.full
        by_length: dict[int, list[str]] = {}
        for w in STREET_FIRST_WORDS:
            by_length.setdefault(len(w), []).append(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}")
        self.lengths = sorted(by_length)
        self.scan = re.compile(
            r"\s(?:"
            + "|".join(
                rf"(?<=(?<![\w.])(?P<w{n}>{'|'.join(by_length[n])})\s)" for n in self.lengths
            )
            + ")"
        )

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        for hit in self.scan.finditer(text, pos, end):
            group = hit.lastgroup  # "w4": the street word's length, each length a group
            assert group is not None
            start = hit.start() - int(group[1:])
            if start < pos:
                continue
            if m := self.full.match(text, start, end):
                pos = m.end()
                yield m


STREET_FIRST: Final = _StreetFirst(STREET_FIRST_PATTERN)

# A street word in lower case ("bd", "via", "rue") starts an address only before a capital or
# a digit, and never runs over the end of a sentence.
_LOWER_STREET_WORD: Final = re.compile(
    r"[a-z][a-zé.]{0,9}\s(?:(?:the|for|and|of|to|in|at|on|with|or|a|an|is|was|then|daily)\s"
    r"|[^\n]*?[.;!?]\s)"
)
# A street word then only digits, no name: "resend via 1177" (a phone line), "rue 5".
_NO_STREET_NAME: Final = re.compile(r"\S+\s[\d\s,]+$")
_NEXT_NOUN: Final = re.compile(r"\s(?:[A-Z][a-z]{2,15}\s)?([a-z]{3,20})\b")
# A greeting before "Dr" (a title there, not a drive): "Dear Dr, I refer".
_NOT_AN_ADDRESS: Final = re.compile(r"(?:Dear|Hi|Hello|Morning|Thanks|Thank|Cheers|Regards)\b")


# After an institution's words, a grade or a class: "University of Texas 2A" (a wound's).
_GRADE_AFTER: Final = re.compile(r"\s?\d[A-Da-d]?\b(?![./:-]\d)")
_OWNERS: Final = frozenset("our their your my his her this that".split())
_WORK_WORDS: Final = frozenset(
    "code act declaration charter convention agreement guidelines".split()
)
# Every COUNTY match holds one of these words.
_COUNTY_WORDS: Final = ("County", "Parish", "Borough", "District", "Township")
# Every ZIP_LABEL match holds one in the lower-cased text, which keeps the characters
# IGNORECASE reads as "i" and "s" (\u0131, \u0130, \u017f) as they are; each opens on a literal.
_ZIP_LABEL_HINTS: Final = (
    re.compile("z[i\u0131\u0130]p"),
    re.compile("po[s\u017f]t(?:code| code|al code)"),
)


def _not_an_institution(text: str, start: int, end: int, span: str) -> bool:
    """A maker ("Hemospray (Cook Medical)"), a team of one's own ("Our Medical Devices
    team"), a department ("To: Hepatology Clinic"), a work ("the Code of Practice") or a
    classification ("University of Texas 2A") in an institution's words."""
    words = span.split()
    low = span.strip().lower()
    if low in MAKERS_MORE or words[0].lower() in _OWNERS or words[0].lower() in THING_HEADS:
        return True
    if any(w.lower() in _WORK_WORDS for w in words[:-1]):
        return True  # "Read the Code of Medical Practice"
    if len(words) == 2 and words[1] == "Clinic" and heading_specialty(words[0]):
        return True
    return text[end - 1 : end] == " " and bool(_GRADE_AFTER.match(text, end))


def find_places(text: str, low: str, found: list[Finding]) -> None:
    for pattern in (ADDRESS, STREET_FIRST, SUFFIX_STREET):
        for m in pattern.finditer(text):
            if pattern is SUFFIX_STREET and not m.group("street").lower().endswith(STREET_SUFFIXES):
                continue
            if _NOT_AN_ADDRESS.match(m.group(0)) or text.endswith("et ", 0, m.start()):
                continue  # "Dear Dr, ...", "Smith et al. showed in 2019"
            if m.group(0).startswith(("Hb ", "HLA ")):
                continue  # "Hb Constant Spring": a haemoglobin variant, no street
            if pattern is STREET_FIRST and (
                _LOWER_STREET_WORD.match(m.group(0)) or _NO_STREET_NAME.match(m.group(0))
            ):
                continue  # "100 mg bd for 21 days", "via the PGI protocol", "resend via 1177"
            tail = ADDRESS_TAIL.match(text, m.end())
            _add(found, m.start(), tail.end() if tail else m.end(), "GEO", text)
    for m in _bracketed_places(text):
        _add(found, m.start("name"), m.end("name"), "GEO", text)
    for m in INSTITUTION.finditer(text):
        span = m.group(0)
        follower = _NEXT_NOUN.match(text, m.end(), m.end() + 24)
        if follower and follower.group(1).lower() in EPONYM_FOLLOWERS:
            continue  # "Mayo Clinic criteria", "Cleveland Clinic score": a named measure
        if _not_an_institution(text, m.start(), m.end(), span):
            continue
        first = span.split()[0].lower()
        if first in {"the", "a", "an", "of", "and"}:
            offset = len(span.split()[0]) + 1
            _add(found, m.start() + offset, m.end(), "GEO", text)
        else:
            _add(found, m.start(), m.end(), "GEO", text)
    _find_venues(text, found)
    _find_named_institutions(text, found)
    for m in ADDRESS_LABEL.finditer(text) if "addr" in low else ():
        _add(found, m.start("value"), m.end("value"), "GEO", text)
    for pattern in (SAINT, FOREIGN_INSTITUTION):
        for m in pattern.finditer(text):
            _add(found, m.start(), m.end() - (m.group(0)[-1] == " "), "GEO", text)
    for m in COUNTY.finditer(text) if any(w in text for w in _COUNTY_WORDS) else ():
        _add(found, m.start(), m.end(), "GEO", text)
    for m in ZIP_IN_STATE.finditer(text):
        _add(found, m.start("zip"), m.end("zip"), "ZIP", text)
    for m in ZIP_LABEL.finditer(text) if any_hint(_ZIP_LABEL_HINTS, low) else ():
        _add(found, m.start("code"), m.end("code"), "ZIP", text)
    for m in US_ZIP.finditer(text):
        if "-" in m.group(0) and not m.group(0)[:2].isalpha():
            _add(found, m.start(), m.end(), "ZIP", text)
    for m in UK_POSTCODE.finditer(text):
        _add(found, m.start(), m.end(), "ZIP", text)
    # The rest of an address after its street: "778 Riley Estate, Kowhaihanga", and the lines
    # of an address block (at most four more).
    for f in [f for f in found if f.kind == "GEO"]:
        end = f.end
        # A street runs on for up to four parts; an institution only to its town.
        for _line in range(4 if any(ch.isdigit() for ch in f.text) else 1):
            m = ADDRESS_MORE.match(text, end)
            if not m or m.group("line").lower() in NOT_ADDRESS:
                break
            end = m.end("line")
        if end > f.end:
            _add(found, f.start, end, "GEO", text)
    # A postcode beside a place found above: "Otok N66 3YW", "Zabrze (74766)", "2511 CV Den Haag".
    for f in [f for f in found if f.kind == "GEO"]:
        if m := NEAR_POSTCODE.match(text, f.end):
            _add(found, m.start("code"), m.end("code"), "ZIP", text)
    for m in POSTCODE_FIRST.finditer(text):
        place = m.group("place").lower()
        year = re.fullmatch(r"(?:19|20)\d{2}", m.group("code"))
        if place not in lexicon().common_words and place not in MONTH_NUMBER and not year:
            _add(found, m.start(), m.end(), "GEO", text)


_BRACKET: Final = re.compile(r"\s\(")


def _bracketed_places(text: str):
    """The matches of BRACKETED_PLACE, found from each bracket back to the kind of place
    before it: a bracket is rare in a field, a word boundary is everywhere, and scanning
    for the pattern's opening word tried its alternatives at every one."""
    pos = 0
    for hit in _BRACKET.finditer(text):
        start = max(hit.start() - 14, pos)
        kind = (
            BRACKETED_KIND_BEFORE.search(text, start, hit.start()) if start < hit.start() else None
        )
        if kind and (m := BRACKETED_PLACE.match(text, kind.start())):
            pos = m.end()
            yield m


# Sentence words that are capitalised but start no venue's name ("Her school", "The farm").
_NOT_VENUE_START: Final = frozenset(
    "the a an her his their our my its this that at in on to and of she he they we".split()
)


def _find_venues(text: str, found: list[Finding]) -> None:
    """Named pubs, schools, churches, farms, hotels where something happened."""
    for m in VENUE.finditer(text):
        words = m.group("name").split()
        while words and words[0].lower() in _NOT_VENUE_START:
            words = words[1:]
        if not words or words[-1].lower() in EPONYM_FOLLOWERS:
            continue
        if m.group(0).endswith(" works") and _WORKS_VERB.match(text, m.end()):
            continue  # "Father works at", "Kofi works nights": the verb, not a works
        start = m.end("name") - len(" ".join(words))
        _add(found, start, m.end(), "GEO", text)
    for m in NAMED_PLACE.finditer(text):
        words = [
            w.lower().removesuffix("'s").removesuffix("\u2019s") for w in m.group("name").split()
        ]
        # "at the Emergency Department", "in front of the Glasgow Coma Scale": not a venue.
        if any(w in NOT_PLACES or w in EPONYM_FOLLOWERS or w in _DEPARTMENT_WORDS for w in words):
            continue
        if m.group("name").lower() in lexicon().large_places:
            continue
        _add(found, m.start("name"), m.end("name"), "GEO", text)


_DEPARTMENT_WORDS: Final = frozenset(
    """
    department emergency medicine surgery ward unit team service services clinic centre center
    trust board royal college society association institute national world health british
    european american guidelines christmas easter new year weekend mdt grand round rounds
    """.split()
)


_WORKS_VERB: Final = re.compile(
    r"\s(?:at|in|for|as|on|with|from|nights|days|shifts|part-time|full-time|there|here|"
    r"away|abroad|long|hard|offshore|overseas|locally|nearby|night|weekends)\b"
)

# A street written the continental way with its number first: "14 Rue Victor Hugo",
# "12 Avenida Paulista", "7 Via dei Mille".
NUMBER_FIRST_STREET: Final = anchored(
    rf"(?=\d)(?<![\w.,/-])\d{{1,4}}[a-z]?,?\s{STREET_FIRST_WORD}\s"
    r"(?:(?:de|du|des|la|le|l['\u2019]|di|dei|del|della|da|do|dos|das|von|am|der)\s?){0,2}"
    rf"[{UPPER}][\w'\u2019-]{{1,25}}(?:\s[{UPPER}][\w'\u2019-]{{1,25}}){{0,2}}"
)
# Hospitals named for whom they treat: "Adelaide Women's and Children's", "Sheffield Children's",
# "the Rosie Maternity". Only after a word of place ("booked at", "transferred to").
PATIENT_GROUP_HOSPITAL: Final = anchored(
    rf"(?=[{UPPER}])\b(?:[A-Z]{{2,5}}|{CAP_WORD})(?:\s{CAP_WORD})?\s"
    r"(?:Women['\u2019]s(?:\s(?:and|&)\sChildren['\u2019]s)?|Children['\u2019]s|Maternity)"
    r"(?:\s(?:Hospital|Hospitals|Health|Medical Cent(?:re|er)))?(?![\w'\u2019])"
)
_SCHOOL_KINDS: Final = (
    "Primary", "Secondary", "High", "Junior", "Infants", "Grammar", "Academy", "Comprehensive",
    "Middle", "Prep",
)  # fmt: skip
# A school by its kind: "Holy Family Primary", "Ridgeway High", "Parkside Academy", after
# "School:" or a word of place ("a pupil at", "goes to").
SCHOOL: Final = anchored(
    rf"(?=[{UPPER}])\b(?:{CAP_WORD}['\u2019]?s?\s){{1,3}}"
    rf"(?:{'|'.join(_SCHOOL_KINDS)})"
    r"(?:\s(?:School|College))?\b(?![\w'\u2019-])"
)
_SCHOOL_LABEL: Final = re.compile(
    r"(?i:school|nursery|college|pupil|student|attends|attended)\s?:?\s$"
)
# A hospital by its initials after a word of place, when the sentence speaks of hospitals:
# "teaching at RPAH", "transferred to QEUH", "booked at RVI".
ACRONYM: Final = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{2,5}\b(?![-'\u2019/]|\s\d)")
ACRONYM_CUE: Final = re.compile(r"\b(?i:at|from|to|into)\s$")
_HOSPITAL_CONTEXT: Final = re.compile(
    r"\b(?i:transferred|transfer|transferring|booked|booking|rounds|retrieved|delivered|born|"
    r"trained|training|repatriated|flown|registrar|consultant|fellow|resident|works|worked|"
    r"nurse|midwife|hospital|tertiary|quaternary|centre|center|ambulance|helicopter|"
    # Someone treated, brought or studying there, or the writer's own place ("we see it at
    # SNUH", "Dr Kulkarni at KEM", "student at UNSW", "brought him to UNTH").
    r"treated|treat|brought|student|students|studying|we|our)\b|\bDr\b"
)
# Departments, services, tests and conditions written in capitals: never a hospital. Round 12
# added scores and rules ("we stick to NEXUS") and vessels and lobes ("PCI to RCA"); not the
# initials that are also agencies' (MCA, ASA, CFS).
CLINICAL_ACRONYMS: Final = frozenset(
    """
    ICU ITU HDU CCU NICU PICU SCBU PACU AMU AAU EAU SAU CDU MAU ACU CICU CTICU NNU SDEC UTC
    AED OPD ENT MDT DGH EPAU ANC TCI NHS OOH SALT CAMHS IAPT CMHT CRHT DXA MRI PET CXR ECG EEG
    EMG OGD ERCP EUS USS IVF CPR ALS BLS ATLS HIV COPD ARDS CAP HAP DKA HHS ACS STEMI NSTEMI
    TIA CVA SAH ICH PPH APH AKI CKD LMWH DOAC TPN NGT PEG RIG PICC CVC ECMO CRRT NIV CPAP
    BIPAP HFNO RSI LSCS SVD EUA TURP TAVI PCI CABG EVAR TEVAR VATS EBUS REBOA HEMS MERIT
    GMC BMA RCP RCS RCOG RCPCH NICE SIGN WHO CDC FDA MHRA PHE UKHSA IRB REC GCP OSCE MRCP
    FRCS FRCA FRCR ARCP PGY CCT ESR CRP LFT LFTS FBC UEC UES VBG ABG INR BNP PSA HCG TSH
    NEXUS PERC HEART TIMI GRACE CURB SOFA NEWS MEWS PEWS APACHE SAPS MELD CHADS ABCD NIHSS GCS
    WELLS YEARS PESI CRB ECOG KPS MUST MMSE MOCA AMTS PHQ GAD AUDIT CAGE CIWA COWS EPDS
    HADS DASH KOOS WOMAC BASDAI PASI SCORAD SIRS BISAP PAS TRISS SCORTEN FRAX
    DEXA STOPP START BEERS PECARN CATCH SPRINT CRASH RECOVERY
    RCA LAD LCX LMS PDA SVC IVC RUL RML RLL LUL LLL CBD SFA
    HPB UGI LGI
    """.split()
)


def _find_named_institutions(text: str, found: list[Finding]) -> None:
    for m in NUMBER_FIRST_STREET.finditer(text):
        _add(found, m.start(), m.end(), "GEO", text)
    groups = "Children" in text or "Women" in text or "Maternity" in text
    for m in PATIENT_GROUP_HOSPITAL.finditer(text) if groups else ():
        if m.group(0).split()[0].lower() in _NOT_VENUE_START:
            continue
        if place_cue(words_before(text, m.start())):
            _add(found, m.start(), m.end(), "GEO", text)
    schools = any(kind in text for kind in _SCHOOL_KINDS)
    for m in SCHOOL.finditer(text) if schools else ():
        words = m.group(0).split()
        while words and words[0].lower() in _NOT_VENUE_START:
            words = words[1:]
        if len(words) < 2 or any(w.lower() in SERVICE_WORDS for w in words):
            continue
        start = m.end() - len(" ".join(words))
        cue = words_before(text, start)
        if place_cue(cue) or _SCHOOL_LABEL.search(text, max(start - 12, 0), start):
            _add(found, start, m.end(), "GEO", text)
    for m in ACRONYM.finditer(text):
        if m.group(0) in CLINICAL_ACRONYMS:
            continue
        if not ACRONYM_CUE.search(text, max(m.start() - 6, 0), m.start()):
            continue
        # The sentence around it, at most 80 characters either side.
        head = text[max(m.start() - 80, 0) : m.start()]
        head = head[max(head.rfind(". "), head.rfind("\n")) + 1 :]
        tail = text[m.end() : m.end() + 80].split(". ")[0]
        if _HOSPITAL_CONTEXT.search(head) or _HOSPITAL_CONTEXT.search(tail):
            _add(found, m.start(), m.end(), "GEO", text)
