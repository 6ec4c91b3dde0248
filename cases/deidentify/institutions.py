"""Institutions that hold or employ a patient and are named by a prefix or a unit's noun:
prisons and detention centres ("HMP Altcourse", "Brandvlei Correctional Centre"), military
bases ("RAF Lossiemouth", "CFB Petawawa", "Fort Hood") and military units ("2nd Battalion,
Royal Anglian Regiment", "45 Commando", "the Irish Guards"). A prison or a base is where the
patient lives or works (a place smaller than a state); a unit is the patient's employer.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import anchored
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.patterns import CAP_WORD

# A prefix that names the kind of place: UK prisons and young offenders' institutions, US
# federal prisons, military air and naval stations, Canadian forces bases, forts and camps.
_PREFIX: Final = (
    r"(?:HMP|HMYOI|HMP/YOI|HMP\s&\sYOI|HMIPS|FCI|USP|MCC|MDC|RAF|RNAS|RAAF|RNZAF|HMNZS|HMAS|"
    r"CFB|NAS|MCAS|Fort|Camp|Joint Base|Naval Station|Naval Air Station)"
)
PREFIXED_PLACE: Final = anchored(
    rf"(?=[HFUMRNCJ])\b{_PREFIX}\s(?P<name>{CAP_WORD}(?:\s{CAP_WORD}){{0,2}})(?![\w'\u2019-])"
)
# A place named with its kind after it: "Pollsmoor Prison" is in INSTITUTION_WORDS; these are
# the kinds of detention and bases it does not name. The kind is found first, the capitalised
# words before it read after ("Brandvlei Correctional Centre", "Catterick Garrison").
SUFFIX_KIND: Final = anchored(
    r"(?=[CDIRYSJGBANM])\b(?:Correctional (?:Centre|Center|Facility|Institution|Complex)|"
    r"Detention (?:Centre|Center|Facility)|Immigration Removal Centre|Remand Centre|"
    r"Young Offenders['\u2019]? Institution|"
    r"State Prison|County Jail|Jail|Gaol|Barracks|Air Base|Naval Base|Army Base|Garrison|"
    r"Military Hospital)\b"
)
# A unit by its number: "2nd Battalion, Royal Anglian Regiment", "3 Commando Brigade",
# "617 Squadron", "the 101st Airborne Division", "45 Commando".
_UNIT_NOUN: Final = (
    rf"(?:Battalion|Regiment|Brigade|Squadron|Platoon|Commando|Battery|Field Hospital|"
    rf"Field Ambulance|Fleet|(?:{CAP_WORD}\s){{1,2}}Division)"
)
_CORPS: Final = (
    r"(?:Regiment|Rifles|Guards|Fusiliers|Dragoons|Dragoon Guards|Hussars|Lancers|Highlanders|"
    r"Regiment of Scotland|Gurkha Rifles|Light Infantry)"
)
NUMBERED_UNIT: Final = anchored(
    rf"(?=[N\d])\b(?:No\.?\s)?\d{{1,3}}(?:st|nd|rd|th)?\s(?:{CAP_WORD}\s){{0,2}}{_UNIT_NOUN}\b"
    rf"(?:,?\s(?:the\s|The\s)?(?:{CAP_WORD}\s){{0,3}}{_CORPS}\b)?"
)
# A regiment or corps by name: "the Royal Anglian Regiment", "Coldstream Guards": the noun
# first, the words before it after.
CORPS_NOUN: Final = anchored(rf"(?=[RFGDHL])\b{_CORPS}\b")
# One to three capitalised words right before a noun found above.
WORDS_BEFORE: Final = re.compile(rf"(?<![\w'\u2019-])(?:{CAP_WORD}\s){{1,3}}$")

_NOT_UNIT_START: Final = frozenset("the a an his her their our my in at of and".split())
_PREFIX_HINTS: Final = (
    "HM", "FCI", "USP", "MCC", "MDC", "RAF", "RNAS", "RAAF", "RNZAF", "CFB", "NAS", "Fort ",
    "Camp ", "Joint Base", "Naval ",
)  # fmt: skip
_SUFFIX_HINTS: Final = (
    "Correctional", "Detention", "Removal", "Remand", "Offenders", "Prison", "Jail", "Gaol",
    "Barracks", "Base", "Garrison", "Military",
)  # fmt: skip
_UNIT_HINTS: Final = (
    "Battalion", "Regiment", "Brigade", "Squadron", "Platoon", "Division", "Commando", "Battery",
    "Field", "Fleet", "Rifles", "Guards", "Fusiliers", "Dragoons", "Hussars", "Lancers",
    "Highlanders", "Infantry",
)  # fmt: skip


# One pass over the field for every hint (most fields hold none); each kind's own hints after.
_ALL_HINTS: Final = (*_PREFIX_HINTS, *_SUFFIX_HINTS, *_UNIT_HINTS)
_ANY_HINT: Final = re.compile("|".join(re.escape(hint) for hint in _ALL_HINTS))


def find_institutions(text: str, found: list[Finding]) -> None:
    if not _ANY_HINT.search(text):
        return
    if any(hint in text for hint in _PREFIX_HINTS):
        for m in PREFIXED_PLACE.finditer(text):
            _add(found, m.start(), m.end(), "GEO", text)
    if any(hint in text for hint in _SUFFIX_HINTS):
        for m in SUFFIX_KIND.finditer(text):
            _add_named(text, m, "GEO", found)
    if any(hint in text for hint in _UNIT_HINTS):
        for m in NUMBERED_UNIT.finditer(text):
            _add(found, m.start(), m.end(), "EMPLOYER", text)
        for m in CORPS_NOUN.finditer(text):
            _add_named(text, m, "EMPLOYER", found)


def _add_named(text: str, m: re.Match, kind: str, found: list[Finding]) -> None:
    """The noun ``m`` with the capitalised words before it, leading articles dropped."""
    before = WORDS_BEFORE.search(text, max(m.start() - 70, 0), m.start())
    if not before:
        return
    words = before.group(0).split()
    while words and words[0].lower() in _NOT_UNIT_START:
        words = words[1:]
    if words:
        _add(found, m.start() - len(" ".join(words)) - 1, m.end(), kind, text)
