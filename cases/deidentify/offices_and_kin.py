"""Identifiers said through an office, a relative's card or a trade (round 19).

- An office only one person holds in a place: "the current mayor of X", "is the paramount
  chief in X", "the town crier of X", "our town's only vet", "the settlement's only
  catechist", "imam of the old mosque", "Mrs X, the chapter president". A community's office
  needs a mark that there is one of it (current, paramount, only, a community's possessive,
  "of the ... mosque/church/village", or an appositive right after a person); "the
  registrar", "the local pharmacist" and "ask the mayor's office" stay quiet.
- An age over 89 said bare: after a name in a handover line ("Mrs X Y 94 #NOF", "Hajji X 93
  from"), or as the age a decision turns on ("not appropriate at 91", "the risk is real at
  92"); "HR at 96", "sats 94" and "Mr X 95 kg" are no ages.
- A number on a relative's card or a card of its own: "ID of guardian 28461937", "BI of
  mother 110204587321B", "Ration card NPK-844-14-0271", "NRC 482917/61/1", "licence OIC-EW
  0048217", "licence in the wallet reads D6101-48832-70412".
- An employer in lower case or by a trade word after a verb of work: "drives for tri-county
  propane", "works nights at walmart distribution", "got hurt at hollis mine", "plucks tea
  for X Estates", "a reindeer herder for ChukotAgro".

Every pass looks its cue words up in the set of the text's words first (``word_set``).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.word_set import places_of, words_of

_OFFICES: Final = (
    r"(?:paramount\s)?chief|chieftain|headman|headwoman|mayor|mayoress|town\scrier|crier|"
    r"imam|mufti|catechist|pastor|priest|vicar|rector|rabbi|lama|abbot|shaman|sangoma|"
    r"healer|chapter\spresident|council\s(?:chair|chairman|president)|councillor|alderman|"
    r"postmaster|postmistress|postman|headteacher|headmaster|headmistress|schoolteacher|"
    r"teacher|vet|veterinarian|pharmacist|doctor|midwife|nurse|sheriff|constable|judge|"
    r"magistrate|coroner|senator|governor|mp|mla|assemblyman|chairman|president|sultan|"
    r"emir|oba|ooni|raja|rajah|datu|tuhunga|elder"
)
_OFFICE_WORDS: Final = frozenset(
    """chief chieftain headman headwoman mayor mayoress crier imam mufti catechist pastor
    priest vicar rector rabbi lama abbot shaman sangoma healer president councillor alderman
    postmaster postmistress postman headteacher headmaster headmistress schoolteacher
    teacher vet veterinarian pharmacist doctor midwife nurse sheriff constable judge
    magistrate coroner senator governor mp mla assemblyman chairman sultan emir oba ooni raja
    rajah datu elder chapter council""".split()
)
# Offices that many hold in one place: unique only with "only" or a community's possessive.
_MANY: Final = frozenset(
    "teacher doctor nurse midwife pharmacist vet veterinarian healer elder priest pastor "
    "constable judge magistrate president chairman postman".split()
)
_COMMUNITY: Final = (
    r"(?:town|village|settlement|island|community|parish|valley|hamlet|township|county|"
    r"district|reserve|tribe|clan|kampung|barangay|pueblo|outport|station|mission)"
)
_OFFICE: Final = re.compile(
    rf"\b(?:(?P<the>the|our|their|his|her)\s)?(?:(?P<poss>{_COMMUNITY}['\u2019]s)\s)?"
    rf"(?P<mark>(?:only|current|sitting|paramount|sole|longtime|long-serving|village|town|"
    rf"tribal|parish|settlement|island)\s)?(?P<office>{_OFFICES})\b"
    rf"(?P<tail>\s(?:of|in|for|at)\s(?:the\s)?(?:[\w'-]{{1,20}}\s){{0,2}}?"
    rf"(?:[A-Z][\w'-]{{1,20}}|{_COMMUNITY}|mosque|church|chapel|temple|congregation|"
    rf"chapter|shrine|ward\s\d))?"
)
# "Mrs X, the chapter president,": an office right after a name and a comma.
_AFTER_NAME: Final = re.compile(r",\s$")
_QUIET_AFTER: Final = re.compile(r"['\u2019]s\s(?:office|clinic|surgery)|\s(?:says|said|advises)")

# A bare age over 89 after a name in a handover line, or where a decision turns on it.
_BARE_AGE: Final = re.compile(
    r"\s(?P<age>9\d|1[01]\d)(?=\s(?:#|from|with|[MF]\b|yo\b|y\b|on\b)|[,;])"
)
_AT_AGE: Final = re.compile(
    r"\bat\s(?P<age>9\d|1[01]\d)\b(?!\s?(?:%|mm|mg|kg|cm|bpm|per|/|\.\d|:))"
)
_DECISION: Final = re.compile(
    r"\b(?:appropriate|risk|risky|frail|old|operate|surgery|transplant\w*|candidate|"
    r"aggressive|reasonable|ceiling|escalat\w+|resuscitat\w+|dialysis|age)\b"
)
_VITALS: Final = re.compile(r"\b(?:HR|sats|SpO2|pulse|BP|RR|rate|glucose|weight|temp|saturation)\b")

# A number on a relative's card: "ID of guardian 28461937", "BI of mother 110204587321B".
_KIN_ID: Final = re.compile(
    r"\b(?:ID|BI|NIC|NRC|CNI|card|number|no\.?|passport|licence|license)\s(?:no\.?\s)?"
    r"of\s(?:the\s)?(?:mother|father|guardian|husband|wife|parent|carer|caregiver|son|"
    r"daughter|spouse|patient)\s(?P<id>[A-Z0-9][A-Z0-9/-]{5,24})"
)
# A card's own label before a code with five digits or more.
_CARD_ID: Final = re.compile(
    r"(?i:ration\scard|card(?:\sreads)?|NRC|licen[cs]e(?:\sin\sthe\s\w+\sreads)?|permit)"
    r"\s(?:no\.?\s|number\s)?"
    r"(?P<id>(?=[A-Z0-9 /-]{0,20}\d)[A-Z0-9]{1,6}(?:[-/ ][A-Z0-9]{1,12}){0,4})"
)
_ID_CUES: Final = frozenset("id bi nic nrc cni card licence license permit passport".split())
# The words of an age over 89, looked up before the names are read.
_AGE_WORDS: Final = frozenset(str(n) for n in range(90, 120))

# An employer after a verb of work: "drives for X", "works nights at X", "hurt at X".
_WORK_WORDS: Final = frozenset(
    """drive drives drove driving work works worked working pick picks picked pluck plucks
    plucked herder herds hurt injured employed labourer laborer shift shifts clean cleans
    cook cooks guard""".split()
)
_WORK_AFTER: Final = re.compile(
    r"[a-z]{3,9}(?:\s(?:nights|days|shifts|weekends|tea|cotton|part-time|full-time))?"
    r"\s(?:for|at)\s(?:the\s)?"
)
_TRADE: Final = (
    r"propane|mine|mines|mill|mills|estate|estates|distribution|plant|farm|farms|quarry|"
    r"factory|depot|warehouse|cannery|sawmill|dairy|fisheries|logistics|transport|haulage|"
    r"construction|contracting|foods|agro|timber|lumber|packing|poultry|abattoir|ranch|"
    r"station|plantation|gardens|motors|freight|feedlot|smelter|refinery|shipyard"
)
_EMPLOYER: Final = re.compile(
    rf"(?P<emp>(?:[\w&'-]{{2,20}}\s){{0,2}}?(?i:{_TRADE})\b"
    r"|[A-Z][a-z]{2,12}[A-Z][a-z]{2,12}\b)"
)
# Trade words only a business ends on: a lower-case word before one names the firm
# ("walmart distribution"), unless it is a plain word ("the local distribution").
_STRONG_TRADE: Final = frozenset(
    "propane distribution logistics haulage contracting foods agro freight motors estates "
    "fisheries construction transport".split()
)
_PLAIN: Final = frozenset(
    "local the a an our his her their same big small new old family county city regional "
    "national state public private".split()
)


def find_offices_and_kin(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    offices = _OFFICE_WORDS & words
    if not ("only" in words or "'s" in low or "\u2019s" in low):
        offices -= _MANY  # an office many hold is unique only as "only" or "town's"
    if offices:
        _find_offices(text, low, offices, found)
    if _AGE_WORDS & words:
        _find_bare_ages(text, found, "at" in words)
    seen = set()
    for cue in _ID_CUES & words:
        for at in places_of(low, cue):
            for pattern in (_KIN_ID, _CARD_ID):
                m = pattern.match(text, at)
                if m and m.span("id") not in seen and sum(c.isdigit() for c in m["id"]) >= 5:
                    seen.add(m.span("id"))
                    _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
    if _WORK_WORDS & words:
        _find_trade_employers(text, low, words, found)


def _find_offices(text: str, low: str, offices: frozenset[str], found: list[Finding]) -> None:
    seen = set()
    for word in offices:
        for at in places_of(low, word):
            for m in _OFFICE.finditer(text, max(at - 45, 0), at + len(word) + 70):
                if m.start("office") <= at < m.end("office") and m.span() not in seen:
                    seen.add(m.span())
                    _judge_office(text, m, found)


def _judge_office(text: str, m: re.Match, found: list[Finding]) -> None:
    office = " ".join(m.group("office").lower().split())
    mark = (m.group("mark") or "").strip()
    tail, the = m.group("tail"), m.group("the")
    after_person = bool(_AFTER_NAME.search(text, max(m.start() - 2, 0), m.start()))
    if office in _MANY:
        # "our town's only vet", "the only vet in the valley"
        unique = bool(m.group("poss")) or (mark in ("only", "sole") and bool(tail))
    else:
        unique = bool(
            m.group("poss")
            or (the and mark)  # "the current mayor", "the paramount chief"
            or (the and tail)  # "the town crier of X", "the chief in X"
            or (after_person and (tail or the))  # "X, 71, imam of the old mosque"
        )
    if unique and not _QUIET_AFTER.match(text, m.end("office")):
        _add(found, m.start(), m.end(), "UNIQUE", text)


def _find_bare_ages(text: str, found: list[Finding], has_at: bool) -> None:
    for f in list(found):
        if f.kind != "NAME" or " " not in f.text:
            continue
        m = _BARE_AGE.match(text, f.end)
        if m and not _VITALS.search(text, max(f.start - 12, 0), f.start):
            _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
    if not has_at:
        return
    for cue in ("at 9", "at 10", "at 11"):
        for at in places_of(text, cue):
            m = _AT_AGE.match(text, at)
            if not m:
                continue
            window = text[max(at - 60, 0) : m.end() + 30]
            if _DECISION.search(window) and not _VITALS.search(window):
                _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)


def _find_trade_employers(text: str, low: str, words: frozenset[str], found: list) -> None:
    lex = lexicon()
    for verb in _WORK_WORDS & words:
        for at in places_of(low, verb):
            cue = _WORK_AFTER.match(low, at)
            if not cue:
                continue
            m = _EMPLOYER.match(text, cue.end())
            if not m:
                continue
            *head, trade = m.group("emp").split()
            strong = trade.lower() in _STRONG_TRADE
            named = [
                w
                for w in head
                if w[:1].isupper() or w.lower() not in (_PLAIN if strong else lex.common_words)
            ]
            camel = re.fullmatch(r"[A-Z][a-z]+[A-Z][a-z]+", m.group("emp"))
            if named or camel:
                _add(found, m.start(), m.end(), "EMPLOYER", text)
