"""Identifiers that tie an event to a time or a person to a role, in shapes the date and name
patterns do not cover:

- a season with its year ("summer 2024", "the winter of 2019"): more precise than a year;
- a weekday tied to an event: with a time of day ("2am Friday", "Sunday night", "Friday at
  0300") or after a word that places the event on it ("on Saturday", "last Tuesday"). Safe
  Harbor lists dates, not weekdays, but a post carries its own date, and "intubated Sunday
  night" in a post written on a Tuesday is a calendar date of the patient's care. A weekday
  that recurs ("on Sundays", "every Monday", "Monday to Friday") names no day and stays quiet;
- a nickname given in quotes ("name given as "Dutch"", "calls himself 'Tiny'");
- number plates written after a word for a vehicle and a word for its number ("keke number
  ...", "his bike's rego ..."), and the Indian and Nigerian plate shapes anywhere;
- a role only one person holds: the leader of a named national or local body ("the lead pilot
  for the national aerobatic team", "captain of the county hurling team").

Each pattern opens on a character class, and each finding is judged on a bounded window.
"""

from __future__ import annotations

import re

from cases.deidentify.anchored import anchored
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

SEASON_YEAR = anchored(
    r"(?=[sSwWaAfF])\b(?i:spring|summer|autumn|fall|winter)\s(?:of\s)?(?:19|20)\d\d\b"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_PART_OF_DAY = r"(?:night|morning|afternoon|evening|lunchtime|teatime|overnight)"
_TIME = (
    r"(?:[01]?\d|2[0-3])(?::[0-5]\d|\.[0-5]\d)?\s?(?i:am|pm)"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?:\s?h(?:rs)?)?"
)
WEEKDAY_EVENT = anchored(
    # "2am Friday", "0300 on Sunday"
    rf"(?=[\dMTWFSolnbuistOLNBUIST])\b(?:(?:{_TIME})\s(?:on\s|this\s|last\s)?{_WEEKDAY}\b(?!s)"
    # "Sunday night", "Friday at 2am", "Monday 0300", "on Saturday", "last Tuesday"
    rf"|(?P<placed>(?i:on|last|this|next|by|until|till|since|"
    rf"before|after)\s)?{_WEEKDAY}\b(?![s'\u2019-])"
    rf"(?P<timed>\s(?:{_PART_OF_DAY}\b|(?:at\s|@\s?)?(?:{_TIME})\b))?)"
)
# A weekday that recurs or bounds opening hours names no day.
_RECURRING_BEFORE = re.compile(r"(?i:every|each|most|some|alternate|weekly|usually)\s$")
_RANGE_AFTER = re.compile(
    r"\s?(?:to|-|\u2013|through|thru|and|or)\s?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
)

NICKNAME = anchored(
    r"(?=[nNgGcCkKaA])\b(?i:name given as|gave (?:his|her|their) name as|gives (?:his|her|their) "
    r"name as|calls (?:himself|herself|themselves)|called himself|called herself|known as|"
    r"nicknamed|goes by|answers to)\s[\"\u201c'\u2018](?P<name>[^\"\u201d'\u2019\n]{2,30})"
    r"[\"\u201d'\u2019]"
)

# "keke number LSR 442 KJ", "the ute's rego 1ABC 234", "his tuk-tuk, plate KA 01 AB 1234".
VEHICLE_NUMBER = anchored(
    r"(?=[a-zA-Z])\b(?i:keke|okada|danfo|matatu|boda(?:-boda)?|tuk-?tuk|rickshaw|auto-rickshaw|"
    r"bike|motorbike|motorcycle|scooter|moped|rig|ute|lorry|truck|van|car|taxi|cab|minibus|"
    r"bakkie|trailer|tractor|vehicle|vehicle's|car's|van's|bike's|truck's|ute's)"
    r"(?:['\u2019]s)?,?\s(?i:number|no\.?|plate|plates|reg|rego|registration|tag|tags)"
    r"(?:\s(?i:number|no\.?|plate))?:?\s"
    r"(?P<plate>[A-Z0-9]{1,5}(?:[\s-][A-Z0-9]{1,5}){0,3})\b"
)
# Plate shapes too distinctive to need a vehicle word: Indian "MH 12 AB 1234", Nigerian
# "LSR 442 KJ".
PLATE_ABROAD = re.compile(
    r"[A-Z](?<![\w-][A-Z])[A-Z](?:\s?\d{1,2}\s?[A-Z]{1,3}\s?\d{4}|[A-Z]\s\d{3}\s[A-Z]{2})(?![\w-])"
)

_LEAD_ROLE = (
    r"(?:lead|head|chief|principal|captain|leader|coach|manager|conductor|director|president|"
    r"chair|chairman|chairwoman|founder|owner|star|goalkeeper|skipper|mayor|headteacher|"
    r"headmaster|headmistress|commander|solo \w+|lead \w+|head \w+|chief \w+|principal \w+)"
)
UNIQUE_ROLE = anchored(
    rf"(?=[tT])\bthe\s{_LEAD_ROLE}\s(?:of|for|at|in)\s(?:the\s)?"
    r"(?:national|state|county|regional|village|town|city|island|parish|local|country['\u2019]s|"
    r"nation['\u2019]s|village['\u2019]s|town['\u2019]s|city['\u2019]s|county['\u2019]s|"
    r"island['\u2019]s)\s[^.;\n]{1,50}?(?=[.;,\n]|$)"
)


def find_occasions(text: str, found: list[Finding]) -> None:
    for m in SEASON_YEAR.finditer(text):
        _add(found, m.start(), m.end(), "DATE", text)
    for m in WEEKDAY_EVENT.finditer(text):
        if not (m.group("placed") or m.group("timed") or m.group(0)[0].isdigit()):
            continue  # "Saturday" alone: which Saturday is not said
        if _RECURRING_BEFORE.search(text, max(m.start() - 12, 0), m.start()):
            continue  # "every Monday morning"
        if _RANGE_AFTER.match(text, m.end()):
            continue  # "on Monday or Tuesday", "Monday to Friday": no one day
        start = m.end("placed") if m.group("placed") else m.start()
        _add(found, start, m.end(), "DATE", text)
    for m in NICKNAME.finditer(text):
        _add(found, m.start("name"), m.end("name"), "NAME", text)
    for m in VEHICLE_NUMBER.finditer(text):
        plate = m.group("plate")
        if re.search(r"\d", plate) and re.search(r"[A-Z]", plate):
            _add(found, m.start("plate"), m.end("plate"), "VEHICLE", text)
    for m in PLATE_ABROAD.finditer(text):
        _add(found, m.start(), m.end(), "VEHICLE", text)
    for m in UNIQUE_ROLE.finditer(text):
        _add(found, m.start(), m.end(), "UNIQUE", text)
