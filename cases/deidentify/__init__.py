"""The patient-identifier scanner: finds what HIPAA Safe Harbor calls identifiers in case text.

``find_identifiers`` is the one entry point (case fields, replies, image alt text, OCR text).
It is a safety net shown to the author (who fixes each finding or keeps it with a reason), not
a guarantee, so it leans towards recall: a false alarm costs the author a click, a miss can
identify a patient.

How it finds them:
- ``patterns.py``: regular expressions for numbers, dates, labelled identifiers, addresses,
  institutions, plates, descriptions only one person fits, and face photographs;
- ``names.py``: names, towns and employers, judged word run by word run with the lexicon
  (``lexicon.py``: first and last names of 105 countries, towns, ordinary English words,
  built from registry packages by ``manage.py build_scanner_lexicon`` and read once per
  process) and with the words around the run (``cues.py``: titles, relatives, "lives in",
  "works at", eponyms, citations);
- ``places.py`` and ``numbers.py``: addresses and postcodes; phones, IBANs and cards.
- ``landmarks.py``: moors, parks and districts after a word of place, hospitals by their
  short names ("Royal X", "X General");
- ``slots.py``: what is known by where it sits: a bare age after a name, an extension, a
  register's number, a council after a verb of working, roles famous by the job.
- ``institutions.py``: prisons and military bases by their prefix or kind ("HMP X", "RAF
  X", "X Garrison"), military units as employers ("2nd Battalion, ... Regiment");
- ``loose.py``: identifiers written loosely: months in lower case or other languages, parts
  of months, lower-case weekdays, ages in other languages, numbered roads, numbers after an
  unknown capital label, names after a "Patient:" label, possessive places, employers before
  what they run;
- ``posts.py`` and ``post_look_alikes.py``: shapes of multi-sentence forum posts (a name
  found again by one of its parts, a month or a local holiday, hospital initials, clubs,
  homes, employers by what they run) and what a post's own words show is no identifier;
- ``beside.py``: what sits beside a finding or in a post's slot (a record number or an age
  over 89 after a name, the suburb after name and age, "surname X", participant codes, a
  note headed by its place, a hospital's one word before "ED", employers by initials or
  before a job, churches and clubs by their word), and look-alikes (specialty headings,
  tools named after places);
- ``sparse.py``: identifiers with sparse cues (ages over 89 in words, partial dates, where the
  writer works, rural routes and house names, the armed services, labour-hire firms,
  reference numbers, last four digits, lower-case names in ward notes) and look-alikes (role
  words opening a note, places a risk or a virus is named after);
- ``institutions_bare.py``, ``employers_bare.py`` and ``addresses_rural.py`` (round 14):
  hospitals named by initials or one word after a verb of transfer, contact or care ("came
  down from RNSH", "phoned CHBAH", "AIIMS sent us", "ex-Baragwanath"); employers by initials,
  in lower case, after a long job phrase or in brackets ("linesman with ESB", "a packer at
  fonterra", "drives a road train for Toll"); rural routes, kilometre markers, towns before a
  region's code, address lines before a postcode and postcodes after a known town; and
  places in a list before a virus or its serology kept quiet;
- ``unknown_proper.py``: the last finder, a fallback for capitalised words and initialisms no
  list knows ("transferred from Kisoro", "ex-Kenyatta", "at LUTH"), outside sentence starts,
  medicine's words, brands, citations and every finding made before;
- ``spanish.py``: Spanish and Latin American text: dates, DNI/NIE (check letter), NSS, health
  cards, addresses, centres, titled and related names; it also quiets Spanish words and
  eponyms the rules above took for names ("signo de Murphy", "Exploración:").

- ``passes.py``: the order of the later passes: the finders keyed on cue words, then the
  quiet passes and the finders that read a settled text.

Linear time: bounded quantifiers only, each word run judged on a bounded window (checked by
``tests/cases/test_deidentify.py`` and ``tests/security/test_scanner_fuzz.py``). Later
rounds' passes are in modules named by what they find (the corpora's README lists them by
round); ``python manage.py scanner_report`` prints recall and precision per split.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from django.utils.translation import gettext as _

from cases.deidentify.abroad import find_abroad
from cases.deidentify.anchored import any_hint
from cases.deidentify.contact_patterns import (
    EMAIL,
    FAX_CONTEXT,
    IPV4,
    IPV6,
    PHONE,
    SSN,
    URL,
    url_hint,
)
from cases.deidentify.context import (
    find_handover_names,
    find_towns_by_postcode,
    find_written_dates,
)
from cases.deidentify.finding import KIND_LABELS, KINDS, Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.labelled import labelled
from cases.deidentify.lexicon import lexicon
from cases.deidentify.loose import find_loose
from cases.deidentify.named_days import HOLIDAY
from cases.deidentify.names import eponym_after as _is_eponym
from cases.deidentify.names import find_people_and_places
from cases.deidentify.numbers import find_numbers as _find_numbers
from cases.deidentify.passes import find_by_cues, settle
from cases.deidentify.patterns import (
    AGE_OVER_89,
    CLAUSE_END,
    CURP,
    DAY_MON_DASH,
    DAY_MONTH,
    DAY_ONLY,
    FAMILY,
    FAMOUS_ROLE,
    FLIGHT,
    FLIGHT_GATE,
    HANDLE,
    HASH_ID,
    LONG_NUMBER,
    MIXED_ID,
    MONTH_DAY,
    MONTH_NUMBER,
    MONTH_YEAR,
    NAMED,
    NUMERIC_DATE,
    PATIENT_INITIALS,
    PHOTO_FACE,
    PHOTO_SHOWN,
    RELATION_NAME,
    SHORT_DATE,
    SHORT_DATE_BEFORE,
    SHORT_DATE_PLACE_BEFORE,
    TITLED_NAME,
    TRIAL_HINT,
    TRIAL_ID,
    UNIQUE,
    VIN,
    lower_same_length,
)
from cases.deidentify.places import find_places as _find_places
from cases.deidentify.plates import PLATE_SHAPE, find_plates
from cases.deidentify.thing_shapes import HYPHEN_ADJECTIVE
from cases.deidentify.thing_shapes import list_before_thing as named_pair

__all__ = ["KINDS", "KIND_LABELS", "Finding", "apply_fixes", "check_reply", "find_identifiers"]


# --- dates --------------------------------------------------------------------------------


def _valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _parse_numeric_date(m: re.Match) -> date | None:
    try:
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        y = y + (2000 if y < 50 else 1900) if y < 100 else y
        # Day first unless that is impossible (site is international; US dates also occur).
        if b <= 12:
            return date(y, b, a)
        return date(y, a, b)
    except ValueError:
        return None


# A lot number traces one implant ("the valve's lot 88123"); a medicine's lot names no one.
_IMPLANT: Final = re.compile(
    r"implant|prosthes|pump|valve|stent|device|lens|pacemaker|graft|mesh|catheter|icd\b|"
    r"defibrillator|screw|plate|nail|joint|breast|cup|stem|liner|coil|clip|lead\b"
)

_IPV6_HINT: Final = re.compile(r":[0-9a-fA-F]{0,4}:")
# Every word PHOTO_FACE reads holds one of these (its "face", "facial", "name band"...).
_FACE_HINTS: Final = (
    "fac", "eyes and nose", "tattoo", "birthmark", "band", "badge", "tag", "board",
               "number plate")  # fmt: skip
_DOSE_AFTER: Final = re.compile(r"\s?(?:mg|mcg|micrograms|g|ml|mL|units|IU)\b")

# After a number, the other end of a value's range and its unit: "from 4.2 to 0.9 g/day".
_VALUE_RANGE_AFTER: Final = re.compile(
    r"\s(?:to|-)\s\d+(?:\.\d+)?\s?(?:g|mg|mmol|mcg|ml|mL|%|U|IU)\b"
)

# A photograph said not to be there: "no photo with a face attached", "without any image".
_NO_PHOTO: Final = re.compile(
    r"\b(?:[Nn]o|[Ww]ithout(?: an?| any)?) (?:photos?|images?|pictures?|pics?)\b"
)

# Every DAY_MON_DASH match holds one ("-Jan", "/SEP"); each opens on a literal, fast to find.
_MON3: Final = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_DAY_MON_DASH_HINTS: Final = (re.compile(f"-(?:{_MON3}|{_MON3.upper()})"),
                       re.compile(f"/(?:{_MON3}|{_MON3.upper()})"))  # fmt: skip
# Every NAMED match holds one of these words.
_NAMED_HINTS: Final = ("named", "called", "name ", "known as", "goes by", "signed by", "initials")
# Before a day and month, words that introduce a fraction as often as a date.
_WEAK_BEFORE: Final = re.compile(r"(?:\b(?i:the|and|to|of|in)|[:;,(*-]|^)\s{0,2}$")


# --- the scanner ----------------------------------------------------------------------------


def find_identifiers(text: str) -> list[Finding]:
    """Every likely identifier in ``text``, sorted by position, overlaps merged.

    Each Finding has character offsets into ``text``, a kind from ``KINDS``, the matched text
    and, where one exists, a suggested fix. Dates get relative-day fixes ("Day +3") counted
    from the earliest full date in the same text.
    """
    found: list[Finding] = []
    dates: list[tuple[int, int, date | None]] = []

    low = lower_same_length(text)
    has_at = "@" in text  # most fields have no e-mail address or handle: skip those passes
    for m in EMAIL.finditer(text) if has_at else ():
        _add(found, m.start(), m.end(), "EMAIL", text)
    for m in URL.finditer(text) if url_hint(text, low) else ():
        if "@" in text[max(m.start() - 1, 0) : m.start()]:
            continue  # the domain of an email address
        _add(found, m.start(), m.end(), "URL", text)
    for m in IPV4.finditer(text):
        if all(int(part) <= 255 for part in m.group(0).split(".")):
            _add(found, m.start(), m.end(), "IP", text)
    # An IPv6 address holds ":x:" (up to four hex digits between two colons); the colon is a
    # literal, so this test skips along the text far faster than the full pattern's scan.
    for m in IPV6.finditer(text) if _IPV6_HINT.search(text) else ():
        if re.search(r"[a-f]", m.group(0), re.IGNORECASE) or m.group(0).count(":") >= 4:
            _add(found, m.start(), m.end(), "IP", text)
    for m in SSN.finditer(text):
        _add(found, m.start(), m.end(), "SSN", text)

    for kind, m in labelled(low):
        value = m.group("value").rstrip(" .-/")
        if kind == "OTHER_ID" and not re.search(r"\d{3}", value):
            continue  # "ID 2 diabetes" and the like
        if (
            kind == "DEVICE"
            and m.group(0).startswith(("lot", "batch"))
            and not _IMPLANT.search(low, max(m.start() - 60, 0), m.end() + 40)
        ):
            continue  # "Shingrix lot AB123C": a batch of a medicine, made in thousands
        _add(found, m.start("value"), m.start("value") + len(value), kind, text)

    for m in PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if digits < 9:
            continue
        kind = "FAX" if FAX_CONTEXT.search(text[max(m.start() - 16, 0) : m.start()]) else "PHONE"
        _add(found, m.start(), m.end(), kind, text)

    for m in NUMERIC_DATE.finditer(text):
        if m.group("iy"):
            ok = _valid_date(int(m.group("id")), int(m.group("im")))
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            ok = _valid_date(a, b) or _valid_date(b, a)
            # "1.2.10" version numbers and "2.5.3" scores use dots with short years.
            # "12.03.26" (two digits each) is a date; "1.2.10" is a version or a score.
            if m.group("sep") == "." and len(m.group("y")) == 2:
                ok = ok and len(m.group("a")) == len(m.group("b")) == 2
        if ok and _DOSE_AFTER.match(text, m.end()):
            ok = False  # "hydrocortisone 20/10/10 mg": a dose at three times of day
        if ok:
            dates.append((m.start(), m.end(), _parse_numeric_date(m)))
    for pattern in (DAY_MONTH, MONTH_DAY):
        for m in pattern.finditer(text):
            day = int(m.group("d"))
            if not 1 <= day <= 31:
                continue
            parsed = None
            if m.group("y"):
                try:
                    parsed = date(int(m.group("y")), MONTH_NUMBER[m.group("m")[:3].lower()], day)
                except ValueError:
                    parsed = None
            dates.append((m.start(), m.end(), parsed))
    for m in DAY_MON_DASH.finditer(text) if any_hint(_DAY_MON_DASH_HINTS, text) else ():
        if 1 <= int(m.group(0).split(m.group("sep"))[0]) <= 31:
            dates.append((m.start(), m.end(), None))
    for m in SHORT_DATE.finditer(text):
        day, month = int(m.group("d")), int(m.group("m"))
        # Day first, or month first as US notes write it ("presented 11/28").
        if not (_valid_date(day, month) or (m.group("sep") == "/" and _valid_date(month, day))):
            continue
        before = text[max(m.start() - 14, 0) : m.start()]
        if not _valid_date(day, month) and _WEAK_BEFORE.search(before):
            continue  # "the 2/15 cases": a fraction; a US date needs a word of an event
        if _VALUE_RANGE_AFTER.match(text, m.end()):
            continue  # "down from 4.2 to 0.9 g/day": a value that changed
        if SHORT_DATE_BEFORE.search(before) or (
            # "d/c'd to rehab 12/2"; "home 3/7" and "ICU 2/52" are durations (days, weeks)
            month not in (7, 12, 52) and SHORT_DATE_PLACE_BEFORE.search(before)
        ):
            dates.append((m.start(), m.end(), None))
    for m in MONTH_YEAR.finditer(text):
        dates.append((m.start(), m.end(), None))
    for m in HOLIDAY.finditer(text):
        dates.append((m.start(), m.end(), None))
    for m in DAY_ONLY.finditer(text):
        group = "the" if m.group("the") else 0
        dates.append((m.start(group), m.end(group), None))
    known = [d for _s, _e, d in dates if d]
    origin = min(known) if known else None
    # Translated once a scan, not once a date (a translation lookup is a few microseconds).
    day_zero, day_n = (_("Day 0"), _("Day %(n)s")) if origin else ("", "")
    for start, end, parsed in dates:
        fix = ""
        if parsed and origin:
            delta = (parsed - origin).days
            fix = day_zero if delta == 0 else day_n % {"n": f"{delta:+d}"}
        _add(found, start, end, "DATE", text, fix)

    for m in AGE_OVER_89.finditer(text):
        _add(found, m.start(), m.end(), "AGE_OVER_89", text, _("over 89"))

    find_written_dates(text, low, found)
    find_loose(text, low, found)
    find_abroad(text, low, found)
    _find_names(text, found)
    find_handover_names(text, low, found)
    find_towns_by_postcode(text, found)
    _find_places(text, low, found)
    _find_numbers(text, found)
    _find_handles(text, found)
    _find_descriptions(text, found)
    find_by_cues(text, low, found)

    for m in VIN.finditer(text):
        _add(found, m.start(), m.end(), "VEHICLE", text)
    for m in FLIGHT.finditer(text) if FLIGHT_GATE.search(low) else ():
        _add(found, m.start("no"), m.end("no"), "OTHER_ID", text)
    for m in FAMOUS_ROLE.finditer(text):
        _add(found, m.start(), m.end(), "UNIQUE", text)
    for m in CURP.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)
    for m in find_plates(text, low):
        group = "plate" if m.re is not PLATE_SHAPE.full and m.group("plate") else 0
        if re.search(r"[A-Z]", m.group(group)) and re.search(r"\d", m.group(group)):
            _add(found, m.start(group), m.end(group), "VEHICLE", text)
    for m in HASH_ID.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)
    for m in LONG_NUMBER.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)
    for m in MIXED_ID.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)

    found = settle(text, low, found)

    quiet = []
    if _trial_hint(text, low) or _TRIAL_DIGITS_DASH.search(text):
        quiet = [(m.start(), m.end()) for m in TRIAL_ID.finditer(text)]
    return _merge(found, text, quiet=quiet)


# TRIAL_HINT's words: a registry's prefix anywhere, or "lot" and "batch", which TRIAL_ID
# reads only at the start of a word ("lot 4417 of the vaccine"), so "clot" and "allotted" do
# not set it off. IGNORECASE lets \u0131, \u0130 and \u017f stand for "i" and "s" in a
# prefix, which the lower-cased text keeps: with any of them the plain TRIAL_HINT decides.
_REGISTRY_HINTS: Final = (
    "nct", "isrctn", "actrn", "chictr", "drks", "ctri/", "euctr", "eudract", "umin",
                   "jprn", "irct", "pactr", "kct")  # fmt: skip
_NL_NUMBER: Final = re.compile(r"nl\d")
# TRIAL_DIGITS ("\d{4}-\d{6}-\d{2}") found from its first hyphen, a literal: fast to find.
_TRIAL_DIGITS_DASH: Final = re.compile(r"-(?<=\d{4}-)\d{6}-\d{2}")
_WORD_CHAR: Final = re.compile(r"\w")


def _trial_hint(text: str, low: str) -> bool:
    """Whether TRIAL_ID may match: ``TRIAL_HINT.search(low)``, less the "lot" and "batch"
    that open no word."""
    if "\u0131" in text or "\u0130" in text or "\u017f" in text:
        return bool(TRIAL_HINT.search(low))
    if any(hint in low for hint in _REGISTRY_HINTS) or ("nl" in low and _NL_NUMBER.search(low)):
        return True
    for word in ("lot", "batch"):
        at = low.find(word)
        while at >= 0:
            if not at or not _WORD_CHAR.match(low, at - 1):
                return True
            at = low.find(word, at + 1)
    return False


def _find_names(text: str, found: list[Finding]) -> None:
    def add(start: int, end: int, kind: str) -> None:
        _add(found, start, end, kind, text)

    for m in TITLED_NAME.finditer(text):
        if not _is_eponym(text, m.end()):
            add(m.start(), m.end(), "NAME")
    lex = lexicon()
    for pattern in (RELATION_NAME, NAMED, PATIENT_INITIALS, FAMILY):
        if pattern is NAMED and not any(hint in text for hint in _NAMED_HINTS):
            continue
        for m in pattern.finditer(text):
            name = m.group("name").lower()
            if name in lex.common_words or name in lex.large_places:
                continue
            if HYPHEN_ADJECTIVE.search(name) or named_pair(text, m.start("name"), m.end("name")):
                continue  # "the Mam-speaking family", "is called Bairnsdale or Daintree ulcer"
            add(m.start("name"), m.end("name"), "NAME")
    find_people_and_places(text, add)


def _find_handles(text: str, found: list[Finding]) -> None:
    """A social media handle ("@KofiMensah") names its owner."""
    for m in HANDLE.finditer(text) if "@" in text else ():
        _add(found, m.start(), m.end(), "NAME", text)


def _find_descriptions(text: str, found: list[Finding]) -> None:
    """A description only one person fits, and a sentence saying a photograph shows a face."""
    for m in UNIQUE.finditer(text):
        _add(found, m.start(), m.end(), "UNIQUE", text)
    low = text.lower()
    for m in PHOTO_FACE.finditer(text) if any(h in low for h in _FACE_HINTS) else ():
        # The clause around the word, at most 80 characters either side.
        head = text[max(m.start() - 80, 0) : m.start()]
        start = m.start() - len(head) + max(head.rfind(ch) for ch in ".;\n") + 1
        tail = CLAUSE_END.search(text, m.end(), m.end() + 80)
        end = tail.start() if tail else min(m.end() + 80, len(text))
        if PHOTO_SHOWN.search(text, start, end) and not _NO_PHOTO.search(text, start, end):
            start += len(text[start:end]) - len(text[start:end].lstrip(" ,"))
            _add(found, start, end, "PHOTO", text)


# Which kind wins when two findings overlap: the more specific label first.
_PRIORITY: Final = {
    kind: i
    for i, kind in enumerate(
        [
            "EMAIL",
            "URL",
            "SSN",
            "FAX",
            "PHONE",
            "MRN",
            "HEALTH_PLAN",
            "ACCOUNT",
            "LICENSE",
            "VEHICLE",
            "DEVICE",
            "IP",
            "AGE_OVER_89",
            "DATE",
            "ZIP",
            "GEO",
            "NAME",
            "PHOTO",
            "UNIQUE",
            "EMPLOYER",
            "OTHER_ID",
        ]
    )
}


def _merge(found: list[Finding], text: str, quiet: list[tuple[int, int]]) -> list[Finding]:
    """Sort by position and merge overlaps into one finding of the most specific kind.

    Findings that overlap a ``quiet`` span (sorted, from ``TRIAL_ID``) are dropped: a trial
    registration or a vaccine batch number is public and names no patient."""
    found.sort(key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    q = 0
    for f in found:
        while q < len(quiet) and quiet[q][1] <= f.start:
            q += 1
        if q < len(quiet) and quiet[q][0] < f.end:
            continue
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            winner = f if _PRIORITY[f.kind] < _PRIORITY[last.kind] else last
            end = max(last.end, f.end)
            # A fix only still fits when the winner covers the whole merged span.
            fix = winner.fix if (winner.start, winner.end) == (last.start, end) else ""
            merged[-1] = Finding(last.start, end, winner.kind, text[last.start : end], fix)
            continue
        merged.append(f)
    return merged


def check_reply(text: str) -> list[Finding]:
    """Scan a reply in a case discussion before it is posted (the composer shows the findings).

    Same scanner as case fields; kept as its own name so the forums composer can call it without
    knowing how cases scan.
    """
    return find_identifiers(text)


def apply_fixes(text: str, fixes: list[tuple[int, int, str]]) -> str:
    """Replace each (start, end) span with its replacement, working from the end backwards."""
    for start, end, replacement in sorted(fixes, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
