"""Fixes for the identifiers the scanner finds, computed for the whole case at once.

The scanner (``cases.deidentify.find_identifiers``) says *what* may identify a patient; this
module says what to write instead, the same way in every field:

- a date becomes a relative day counted from the case's one Day 0 ("Day +3", "Day -2"; the
  ASCII hyphen, as authors type it in the timeline). While the case has no Day 0, the date the
  author converts first becomes Day 0. A date without a year ("12 March", "3/4") takes the year
  that puts it nearest to Day 0 (or to today, before there is one), and the note says so;
- a date of birth becomes the patient's age band (the bands of the form's patient summary),
  counted at Day 0 or, before there is one, today;
- a name becomes a role the author picks ("the patient", "her daughter", "[name]");
- a record number, phone, e-mail, address or other number, with its label ("MRN: "), becomes
  "[removed]"; an institution ("St Mary's Hospital") becomes its kind ("a hospital"); an age
  over 89 becomes "over 89"; another kind keeps the scanner's own fix or is removed.
Pure functions over text: nothing here reads or writes the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cases.deidentify import Finding, apply_fixes
from cases.models import AgeBand

REMOVED = "[removed]"


class Action(StrEnum):
    REPLACE = "replace"  # a fixed replacement: a relative day, an age band, "over 89"
    ROLE = "role"  # a name: the author picks the role that replaces it
    REMOVE = "remove"  # a number, contact detail or address: becomes "[removed]"


# The roles a name can become, in the order the select offers them.
ROLES: tuple[tuple[str, str], ...] = (
    ("patient", gettext_lazy("the patient")),
    ("her-daughter", gettext_lazy("her daughter")),
    ("his-daughter", gettext_lazy("his daughter")),
    ("her-son", gettext_lazy("her son")),
    ("his-son", gettext_lazy("his son")),
    ("his-wife", gettext_lazy("his wife")),
    ("her-husband", gettext_lazy("her husband")),
    ("partner", gettext_lazy("their partner")),
    ("mother", gettext_lazy("the patient's mother")),
    ("father", gettext_lazy("the patient's father")),
    ("relative", gettext_lazy("a relative")),
    ("friend", gettext_lazy("a friend")),
    ("gp", gettext_lazy("the GP")),
    ("colleague", gettext_lazy("a colleague")),
    ("name", gettext_lazy("[name]")),
)
ROLE_TEXT = dict(ROLES)


@dataclass(frozen=True)
class Suggestion:
    """What to write instead of one finding. ``start``/``end`` are the span to replace, which
    may reach past the finding to take its label along ("MRN: 1234567", "DOB 3/4/1950")."""

    field: str
    finding: Finding
    action: Action
    start: int
    end: int
    replacement: str  # for ROLE, the default role's text
    note: str = ""
    role: str = ""  # ROLE only: the key of the default role
    sets_day_zero: date | None = None  # a date that becomes Day 0 if converted first
    age_band: str = ""  # a date of birth: the AgeBand value it gives

    @property
    def key(self) -> str:
        """Names the finding in forms: ``<field>:<start>:<end>`` of the finding itself."""
        return f"{self.field}:{self.finding.start}:{self.finding.end}"

    def text_for(self, role: str | None = None) -> str:
        """The replacement, with the author's role for a name (the default when unknown)."""
        if self.action != Action.ROLE:
            return self.replacement
        text = str(ROLE_TEXT.get(role or "", ROLE_TEXT[self.role]))
        return _capitalised(text) if self.replacement[:1].isupper() else text


@dataclass
class Applied:
    """The outcome of applying fixes: the new texts, and the case-level values they imply."""

    values: dict[str, str]
    day_zero: date | None
    age_band: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # field, before, after
    fixed: list[tuple[Suggestion, str]] = field(default_factory=list)  # each fix, its text


# --- dates ----------------------------------------------------------------------------------

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS.split("|")[:12], start=1)} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_I = re.IGNORECASE
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?(?![\d])"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m>{_MONTHS})\b\.?(?:,?\s(?P<y>\d{{4}}))?",
    _I,
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTHS})\b\.?\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<y>\d{{4}}))?", _I
)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTHS})\b\.?,?\s(?:of\s)?(?P<y>\d{{4}})\b", _I)
_HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "valentine's day": (2, 14),
    "valentines day": (2, 14),
    "halloween": (10, 31),
    "hallowe'en": (10, 31),
}
_HOLIDAY = re.compile(
    r"\b(?P<h>" + "|".join(re.escape(h) for h in _HOLIDAYS) + r")\b(?:,?\s(?P<y>\d{4}))?", _I
)
_DOB_LABEL = re.compile(
    r"(?:\bD\.?\s?O\.?\s?B\b\.?|\bdate of birth|\bbirth\s?date|\bborn(?:\son)?)"
    r"\s{0,2}[:=-]?\s{0,2}$",
    _I,
)


@dataclass(frozen=True)
class ReadDate:
    """A date read from a finding's text: a whole day, or a month of a year."""

    day: date | None
    month: tuple[int, int] | None  # (year, month) when only the month is known
    notes: tuple[str, ...] = ()


def _nearest_year(month: int, day: int, reference: date, *, past_only: bool) -> date | None:
    """The day/month in the year (the reference's, or either side) nearest the reference;
    with ``past_only``, the latest one not after it (a case tells what already happened)."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if past_only:
        candidates = [d for d in candidates if d <= reference]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - reference).days), d))


def _full_year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 50 else 1900) if year < 100 else year


def read_date(text: str, *, reference: date, reference_is_day_zero: bool) -> ReadDate | None:
    """Read a date finding's text ("12/03/2024", "3 March", "March 2024", "Christmas Day").

    Numbers are read day first (the site is international), month first only where day first
    is impossible. A missing year is the one nearest ``reference``; the notes say so.
    """

    def yearless(month: int, day: int) -> ReadDate | None:
        resolved = _nearest_year(month, day, reference, past_only=not reference_is_day_zero)
        if resolved is None:
            return None
        if reference_is_day_zero:
            note = _("No year given: read as %(date)s, the nearest to Day 0.")
        else:
            note = _("No year given: read as %(date)s, the latest before today.")
        return ReadDate(resolved, None, (note % {"date": _long(resolved)},))

    try:
        if m := _ISO.search(text):
            return ReadDate(date(int(m["y"]), int(m["m"]), int(m["d"])), None)
        if m := _HOLIDAY.search(text):
            month, day = _HOLIDAYS[m["h"].lower().replace("\u2019", "'")]
            if m["y"]:
                return ReadDate(date(int(m["y"]), month, day), None)
            return yearless(month, day)
        for pattern in (_DAY_MONTH, _MONTH_DAY):
            if m := pattern.search(text):
                month, day = _MONTH_NUMBER[m["m"].lower()], int(m["d"])
                if m["y"]:
                    return ReadDate(date(int(m["y"]), month, day), None)
                return yearless(month, day)
        if m := _MONTH_YEAR.search(text):
            return ReadDate(None, (int(m["y"]), _MONTH_NUMBER[m["m"].lower()]))
        if m := _NUMERIC.search(text):
            a, b = int(m["a"]), int(m["b"])
            day, month = (a, b) if b <= 12 else (b, a)
            ambiguous = a <= 12 and b <= 12 and a != b
            if m["y"]:
                day_read = date(_full_year(m["y"]), month, day)
                notes = (_("Read day first: %(date)s.") % {"date": _long(day_read)},)
                return ReadDate(day_read, None, notes if ambiguous else ())
            found = yearless(month, day)
            first = (_("Read day first."),) if ambiguous else ()
            return found and ReadDate(found.day, None, first + found.notes)
    except (ValueError, KeyError):
        return None
    return None


def _long(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def relative_day(day: date, day_zero: date) -> str:
    delta = (day - day_zero).days
    return _("Day 0") if delta == 0 else _("Day %(n)s") % {"n": f"{delta:+d}"}


def _relative_month(year: int, month: int, day_zero: date) -> str:
    delta = (year * 12 + month) - (day_zero.year * 12 + day_zero.month)
    return _("Month 0") if delta == 0 else _("Month %(n)s") % {"n": f"{delta:+d}"}


def age_band_at(born: date, on: date) -> AgeBand | None:
    """The form's age band for someone born on ``born``, on the day ``on`` (None if not born)."""
    if born > on:
        return None
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    if months < 1:
        return AgeBand.NEONATE
    if months < 12:
        return AgeBand.INFANT
    years = months // 12
    for band in AgeBand:
        low, _sep, high = band.value.partition("-")
        if low.isdigit() and high.isdigit() and int(low) <= years <= int(high):
            return band
    return AgeBand.OVER_89 if years >= 90 else None


def _date_suggestion(
    field: str, finding: Finding, text: str, *, day_zero: date | None, today: date
) -> Suggestion:
    reference = day_zero or today
    read = read_date(finding.text, reference=reference, reference_is_day_zero=bool(day_zero))
    label = _DOB_LABEL.search(text[max(finding.start - 20, 0) : finding.start])
    if label and read and read.day:
        band = age_band_at(read.day, reference)
        if band is not None:
            start = finding.start - len(label.group(0))
            band_text = str(band.label)
            phrase = _("aged %(band)s") % {"band": band_text[:1].lower() + band_text[1:]}
            note = (
                _("A date of birth: replaced by the age band at Day 0.")
                if day_zero
                else _("A date of birth: replaced by the age band today.")
            )
            return Suggestion(
                field,
                finding,
                Action.REPLACE,
                start,
                finding.end,
                _capitalised(phrase) if _sentence_start(text, start) else phrase,
                note=note,
                age_band=band.value,
            )
    if read is None:
        return _removal(field, finding, text)
    notes = list(read.notes)
    if read.day is not None:
        if day_zero is None:
            notes.append(
                _("The first date you convert becomes the case's Day 0; later dates count from it.")
            )
            return Suggestion(
                field,
                finding,
                Action.REPLACE,
                finding.start,
                finding.end,
                _("Day 0"),
                note=" ".join(notes),
                sets_day_zero=read.day,
            )
        replacement = relative_day(read.day, day_zero)
    elif day_zero is not None:
        year, month = read.month  # type: ignore[misc]  # set whenever day is None
        replacement = _relative_month(year, month, day_zero)
        notes.append(_("Only the month is known: counted in months from Day 0's month."))
    else:
        replacement = str(read.month[0])  # type: ignore[index]
        notes.append(_("Only the month is known: the year alone is kept, which is allowed."))
    return Suggestion(
        field,
        finding,
        Action.REPLACE,
        finding.start,
        finding.end,
        replacement,
        note=" ".join(notes),
    )


# --- names ----------------------------------------------------------------------------------

_CLINICIAN_TITLE = re.compile(r"(?:Dr|Doctor|Prof|Professor|Nurse|Sister|Matron)\b\.?\s", _I)
_RELATION_BEFORE = re.compile(
    r"\b(?:wife|husband|partner|son|daughter|mother|father|mum|mom|dad|brother|sister|"
    r"grandson|granddaughter|grandmother|grandfather|niece|nephew|aunt|uncle|carer|caregiver|"
    r"friend|neighbou?r|GP|physician|consultant|surgeon|colleague|named|called)\b[,:]?\s{1,2}$",
    _I,
)


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(start - 4, 0) : start].rstrip(" \t*_(\"'")
    return not before or before[-1] in ".!?:\n#>-"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name_suggestion(field: str, finding: Finding, text: str) -> Suggestion:
    # "Dr Okafor" or "his wife, Mary": someone other than the patient, whose role the text
    # around it already gives, so the name itself goes. Anyone else is most often the patient.
    other = _CLINICIAN_TITLE.match(finding.text) or _RELATION_BEFORE.search(
        text[max(finding.start - 30, 0) : finding.start]
    )
    role = "name" if other else "patient"
    replacement = str(ROLE_TEXT[role])
    if _sentence_start(text, finding.start):
        replacement = _capitalised(replacement)
    return Suggestion(
        field, finding, Action.ROLE, finding.start, finding.end, replacement, role=role
    )


# --- removals -------------------------------------------------------------------------------

# A label in front of a removed value goes with it: "MRN: 1234567" -> "[removed]".
_ID_LABEL = re.compile(
    r"(?:\b(?:MRN|MR|NHS|CHI|URN|UR|SSN|SIN|NPI|DEA|GMC|VIN|IMEI|UDI|IP|URL|ID|tel|telephone|"
    r"phone|mobile|mob|cell|pager|bleep|fax|e-?mail|email address|web\s?site|website|record|"
    r"medical record|hospital|unit|chart|patient|case|account|acct|a/c|invoice|billing|policy|"
    r"insurance|member|beneficiary|subscriber|licen[cs]e|passport|certificate|serial|S/N|SN|"
    r"lot|device|registration|reg|plate|address|postcode|post code|zip(?:\s?code)?|"
    r"social security|national insurance|contact(?: number)?|reference|ref)\.?"
    r"(?:\s(?:no\.?|number|#|ID|address))?\s?(?:is|was|of)?\s?[:#=.]?\s{0,3})$",
    _I,
)
_INSTITUTION_END = re.compile(
    r"\b(?P<kind>Hospital|Infirmary|Medical Cent(?:er|re)|Health Cent(?:er|re)|Clinic|Surgery|"
    r"Practice|Hospice|Nursing Home|Care Home|Rest Home|School|Academy|College|University|"
    r"Prison|Church|Mosque|Temple|Synagogue|Factory|Farm|Mine)s?\.?$",
    _I,
)


def _removal(field: str, finding: Finding, text: str) -> Suggestion:
    if finding.kind == "GEO" and (m := _INSTITUTION_END.search(finding.text)):
        # A named institution keeps what it is, so the case still reads: "a hospital".
        kind = m["kind"].lower()
        article = _("an") if kind[0] in "aeiou" else _("a")
        replacement = f"{article} {kind}"
        if _sentence_start(text, finding.start):
            replacement = _capitalised(replacement)
        return Suggestion(field, finding, Action.REPLACE, finding.start, finding.end, replacement)
    start = finding.start
    if finding.kind != "GEO" and (label := _ID_LABEL.search(text[max(start - 40, 0) : start])):
        start -= len(label.group(0))
    return Suggestion(field, finding, Action.REMOVE, start, finding.end, REMOVED)


# --- the whole case -------------------------------------------------------------------------


def suggest_fix(
    finding: Finding, *, field: str, text: str, day_zero: date | None, today: date
) -> Suggestion:
    """The fix for one finding in ``text`` (the field's whole source)."""
    if finding.kind == "DATE":
        return _date_suggestion(field, finding, text, day_zero=day_zero, today=today)
    if finding.kind == "NAME":
        return _name_suggestion(field, finding, text)
    if finding.kind == "AGE_OVER_89":
        replacement = finding.fix or _("over 89")
        return Suggestion(field, finding, Action.REPLACE, finding.start, finding.end, replacement)
    return _removal(field, finding, text)


def suggest_fixes(
    findings: Iterable[Finding], *, field: str, text: str, day_zero: date | None, today: date
) -> list[Suggestion]:
    return [
        suggest_fix(f, field=field, text=text, day_zero=day_zero, today=today) for f in findings
    ]


def suggest_case_fixes(
    findings: Mapping[str, list[Finding]],
    texts: Mapping[str, str],
    *,
    day_zero: date | None,
    today: date,
) -> dict[str, list[Suggestion]]:
    """Fixes for every field's findings, all dates counted from the one ``day_zero``."""
    return {
        name: suggest_fixes(
            items, field=name, text=texts.get(name, ""), day_zero=day_zero, today=today
        )
        for name, items in findings.items()
    }


def apply_suggestions(
    findings: Mapping[str, list[Finding]],
    texts: Mapping[str, str],
    *,
    keys: Iterable[str] | None,
    roles: Mapping[str, str],
    day_zero: date | None,
    today: date,
) -> Applied:
    """Apply the fixes of the findings named by ``keys`` (every finding when None).

    Fields are taken in the order of ``findings``. Without a Day 0, the first date applied
    becomes it, and the other dates applied with it count from it. ``roles`` maps a name's
    key to the role chosen for it. Returns every field's text (changed or not).
    """
    wanted = None if keys is None else set(keys)

    def chosen(suggestions: dict[str, list[Suggestion]]) -> list[Suggestion]:
        return [
            s for items in suggestions.values() for s in items if wanted is None or s.key in wanted
        ]

    picked = chosen(suggest_case_fixes(findings, texts, day_zero=day_zero, today=today))
    if day_zero is None and (first := next((s for s in picked if s.sets_day_zero), None)):
        day_zero = first.sets_day_zero
        picked = chosen(suggest_case_fixes(findings, texts, day_zero=day_zero, today=today))
    applied = Applied(values=dict(texts), day_zero=day_zero)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for s in picked:
        taken = spans.setdefault(s.field, [])
        if any(s.start < end and start < s.end for start, end, _r in taken):
            continue  # a label taken along by a neighbour's fix
        replacement = s.text_for(roles.get(s.key))
        taken.append((s.start, s.end, replacement))
        applied.changes.append((s.field, texts[s.field][s.start : s.end], replacement))
        applied.fixed.append((s, replacement))
        if s.age_band and not applied.age_band:
            applied.age_band = s.age_band
    for name, fixes in spans.items():
        applied.values[name] = apply_fixes(texts[name], fixes)
    return applied


def describe(changes: list[tuple[str, str, str]], labels: Mapping[str, str]) -> str:
    """One sentence for the author: what was replaced, and where."""
    parts = [
        _("“%(before)s” with “%(after)s” in %(field)s")
        % {"before": before, "after": after, "field": labels.get(name, name)}
        for name, before, after in changes[:3]
    ]
    more = len(changes) - len(parts)
    sentence = _("Replaced %(list)s.") % {"list": "; ".join(parts)}
    if more:
        sentence += " " + ngettext("And %(n)d more.", "And %(n)d more.", more) % {"n": more}
    return sentence
