"""Identifiers that tie an event to a time or a person to a role, in shapes the date and name
patterns do not cover:

- a season with its year ("summer 2024", "the winter of 2019"): more precise than a year;
- a weekday tied to an event: with a time of day ("2am Friday", "Sunday night", "Friday at
  0300") or after a word that places the event on it ("on Saturday", "last Tuesday"). Safe
  Harbor lists dates, not weekdays, but a post carries its own date, and "intubated Sunday
  night" in a post written on a Tuesday is a calendar date of the patient's care. A weekday
  that recurs ("on Sundays", "every Monday", "Monday to Friday") names no day and stays quiet;
- a nickname given in quotes ("name given as "Smudge"", "calls himself 'Tiny'");
- number plates written after a word for a vehicle and a word for its number ("keke number
  ...", "his bike's rego ..."), and the Indian and Nigerian plate shapes anywhere;
- a count of weekdays back from the post ("two Sundays ago");
- a role only one person holds: the leader of a named national or local body ("the head coach
  of the county hurling team", "the conductor of the town's brass band").

Each pattern opens on a character class, and each finding is judged on a bounded window.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import anchored
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

# The year is found first (a character class the engine jumps to), the season before it
# read in a bounded window: "summer 2024", "the winter of 2019".
YEAR: Final = re.compile(r"[12](?<![\w.,/-][12])(?<=(?=19|20).)\d{3}\b(?![.,/-]\d)")
SEASON_BEFORE: Final = re.compile(r"\b(?i:spring|summer|autumn|fall|winter)\s(?:of\s)?$")
# The weekday is found first; what makes it one day is read around it.
WEEKDAY: Final = re.compile(
    r"[MTWFS](?<![\w-][MTWFS])(?:(?:on|ues|ednes|hurs|ri|atur|un)day|on|ues?|eds?|hur?s?|ri|at|un)"
    r"\b(?![s'\u2019-])(?!\.\w)"
)
_PART_OF_DAY: Final = r"(?:night|morning|afternoon|evening|lunchtime|teatime|overnight)"
_TIME: Final = (
    r"(?:[01]?\d|2[0-3])(?::[0-5]\d|\.[0-5]\d)?\s?(?i:am|pm)"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?:\s?h(?:rs)?)?"
)
# "on Saturday", "last Tuesday", "2am Friday", "0300 on Sunday"
WEEKDAY_PLACED: Final = re.compile(
    rf"(?:\b(?P<placed>(?i:on|last|this|next|by|until|till|since|before|after|booked for|"
    rf"planned for|scheduled for|arranged for|set for|due))"
    rf"|(?<![\d:.])(?P<time>{_TIME})(?:\s(?:on|this|last))?)\s$"
)
# "Sunday night", "Friday at 2am", "Monday 0300"
WEEKDAY_TIMED: Final = re.compile(rf"\s(?:{_PART_OF_DAY}\b|(?:at\s|@\s?)?(?:{_TIME})\b(?![:.]?\d))")
# A weekday that recurs or bounds opening hours names no day.
_RECURRING_BEFORE: Final = re.compile(r"(?i:every|each|most|some|alternate|weekly|usually)\s$")
_RANGE_AFTER: Final = re.compile(
    r"\s?(?:to|-|\u2013|through|thru|and|or)\s?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
)

# "two Sundays ago": a count of weekdays back from the post is one day.
_COUNT: Final = r"(?:a|one|two|three|four|five|six|seven|a few|several|\d{1,2})"
WEEKDAYS_BEFORE: Final = re.compile(
    rf"\b(?i:{_COUNT}|the\s(?:last|past))\s(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days\sago$"
)

# A nickname in quotes: the opening quote is found first, the words before it read after.
QUOTE_OPEN: Final = re.compile(
    r"[\"\u201c'\u2018](?<=\s.)(?P<name>[^\"\u201d'\u2019\n]{2,30})[\"\u201d'\u2019]"
)
NICKNAME_BEFORE: Final = re.compile(
    r"\b(?i:name given as|gave (?:his|her|their) name as|gives (?:his|her|their) name as|"
    r"calls (?:himself|herself|themselves)|called himself|called herself|known as|"
    r"nicknamed|goes by|answers to)\s$"
)

# "keke number LSR 442 KJ", "the ute's rego 1ABC 234", "his tuk-tuk, plate KA 01 AB 1234":
# the word for the number is found first, the vehicle before it read after.
NUMBER_WORD: Final = re.compile(
    r"\s(?:number|no\.?|plate|plates|reg|rego|registration|tag|tags)(?:\s(?:number|no\.?|plate))?"
    r":?\s(?P<plate>[A-Z0-9]{1,5}(?:[\s-][A-Z0-9]{1,5}){0,3})\b"
)
VEHICLE_BEFORE: Final = re.compile(
    r"\b(?i:keke|okada|danfo|matatu|boda(?:-boda)?|tuk-?tuk|rickshaw|auto-rickshaw|bike|"
    r"motorbike|motorcycle|scooter|moped|rig|ute|lorry|truck|van|car|taxi|cab|minibus|bakkie|"
    r"trailer|tractor|vehicle)(?:['\u2019]s)?,?$"
)
# Plate shapes too distinctive to need a vehicle word: Indian "MH 12 AB 1234", Nigerian
# "LSR 442 KJ".
PLATE_ABROAD: Final = re.compile(
    r"[A-Z](?<![\w-][A-Z])[A-Z](?:\s?\d{1,2}\s?[A-Z]{1,3}\s?\d{4}|[A-Z]\s\d{3}\s[A-Z]{2})(?![\w-])"
)

_LEAD_ROLE: Final = (
    r"(?:lead|head|chief|principal|captain|leader|coach|manager|conductor|director|president|"
    r"chair|chairman|chairwoman|founder|owner|star|goalkeeper|skipper|mayor|headteacher|"
    r"headmaster|headmistress|commander|solo \w+|lead \w+|head \w+|chief \w+|principal \w+)"
)
_SCOPES: Final = (
    "national", "state", "county", "regional", "village", "town", "city", "island", "parish",
    "local", "country", "nation",
)  # fmt: skip
UNIQUE_ROLE: Final = anchored(
    rf"(?=[tT])\bthe\s{_LEAD_ROLE}\s(?:of|for|at|in)\s(?:the\s)?"
    r"(?:national|state|county|regional|village|town|city|island|parish|local|country['\u2019]s|"
    r"nation['\u2019]s|village['\u2019]s|town['\u2019]s|city['\u2019]s|county['\u2019]s|"
    r"island['\u2019]s)\s[^.;\n]{1,50}?(?=[.;,\n]|$)"
)


def find_occasions(text: str, found: list[Finding]) -> None:
    for m in YEAR.finditer(text):
        if season := SEASON_BEFORE.search(text, max(m.start() - 12, 0), m.start()):
            _add(found, season.start(), m.end(), "DATE", text)
    for m in WEEKDAY.finditer(text):
        start, end = m.start(), m.end()
        placed = WEEKDAY_PLACED.search(text, max(start - 16, 0), start)
        timed = WEEKDAY_TIMED.match(text, end, end + 16)
        if not (placed or timed):
            continue  # "Saturday" alone: which Saturday is not said
        if _RECURRING_BEFORE.search(text, max(start - 12, 0), start):
            continue  # "every Monday morning"
        if _RANGE_AFTER.match(text, end, end + 16):
            continue  # "on Monday or Tuesday", "Monday to Friday": no one day
        if placed and placed.group("time"):
            start = placed.start()  # "2am Friday"
        _add(found, start, timed.end() if timed else end, "DATE", text)
    i = text.find("days ago")
    while i > 0:
        if weekdays := WEEKDAYS_BEFORE.search(text, max(i - 40, 0), i + 8):
            _add(found, weekdays.start(), i + 8, "DATE", text)
        i = text.find("days ago", i + 1)
    for m in QUOTE_OPEN.finditer(text):
        if NICKNAME_BEFORE.search(text, max(m.start() - 40, 0), m.start()):
            _add(found, m.start("name"), m.end("name"), "NAME", text)
    for m in NUMBER_WORD.finditer(text):
        plate = m.group("plate")
        if not (re.search(r"\d", plate) and re.search(r"[A-Z]", plate)):
            continue
        if VEHICLE_BEFORE.search(text, max(m.start() - 20, 0), m.start()):
            _add(found, m.start("plate"), m.end("plate"), "VEHICLE", text)
    for m in PLATE_ABROAD.finditer(text):
        _add(found, m.start(), m.end(), "VEHICLE", text)
    low = text.lower()
    if "the " in low and any(scope in low for scope in _SCOPES):
        for m in UNIQUE_ROLE.finditer(text):
            _add(found, m.start(), m.end(), "UNIQUE", text)
