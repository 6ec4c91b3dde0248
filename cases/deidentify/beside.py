"""Identifiers known by what sits beside a finding or by the slot a post's line gives them.

Ward lists and handovers put a bare record number straight after a name ("Sione Tupou
0831927, 55"), an age over 89 after that number ("M0938114, 90, bay C") and a suburb after
the age ("Lemuel Oyelaran, 45, Woolwich;"). Notes open on their kind and their place
("Triage note, Tygerberg:"), a hospital goes by one word before its department ("came
through Middlemore ED"), a study by its participant's code ("participant TGA-0117"), a
surname by its word ("surname Tamihana"), an employer by initials or an inner capital after
a word of working ("works for PDO", "motoboy for iFood"), a church or club by its word
and a comma ("His church, Tokaikolo Fellowship,").

``find_beside`` runs after the other passes, so it reads the names and numbers they found.
Linear: each pattern opens on a character class or is matched at a finding's end, and reads a
bounded window.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored
from cases.deidentify.cues import CALENDAR, UPPER, employer_cue, section_word, words_before
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import DEMONYMS, PEOPLES, medical_word
from cases.deidentify.patterns import CAP_WORD
from cases.deidentify.places import CLINICAL_ACRONYMS
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS

_ID_KINDS: Final = frozenset({"MRN", "OTHER_ID", "HEALTH_PLAN", "ACCOUNT"})
_UNITS: Final = (
    r"(?![.,]\d|\s?(?:mg|mcg|g|kg|ml|mL|L|l|units|IU|copies|cells|mmol|micromol|%|/|x\b|"
    r"times|patients|cases|people|steps|words))"
)
# After a name: a bare record number ("Sione Tupou 0831927", "Oyelaran 00729184,", "(surname
# Tamihana), 4412091,"): six to ten digits, up to three letters before them, no unit after.
NUMBER_AFTER_NAME: Final = re.compile(rf"\)?,?\s(?P<no>[A-Z]{{0,3}}\d{{6,10}})\b{_UNITS}")
# After a name or its number: an age over 89 between commas ("M0938114, 90, bay C").
AGE_AFTER_FINDING: Final = re.compile(
    r"\)?,\s(?P<age>9\d|1[01]\d)(?=[,;]|\s?\)|\s(?:y|yo|yrs?|years?)\b)"
)
# After a word for the patient: "Patient 91, post-TAVI", "male 97, fall at home".
# Found by the number (digits are rarer than letters), then the word before it is read.
PERSON_AGE: Final = re.compile(
    r"[19](?<=\s[19])(?P<age>(?<=1)[01]\d|(?<=9)\d)(?=[,;]|\s(?:y|yo|yrs?|years? old)\b)"
)
PERSON_BEFORE: Final = re.compile(
    r"\b(?:[Pp]atient|[Pp]t|[Mm]ale|[Ff]emale|[Mm]an|[Ww]oman|[Gg]entleman|[Gg]ent|[Ll]ady)\s$"
)
# After a name, its age and a comma: the place the patient comes from, alone in its clause
# ("Leiataua, 95, Ōtāhuhu;", "Oyelaran 00729184, 45, Woolwich;").
PLACE_AFTER_AGE: Final = re.compile(
    rf"(?:\)?\s[A-Z]{{0,3}}\d{{6,10}})?,\s\d{{1,3}}(?:\s?[MF])?,\s"
    rf"(?:(?P<from>from|of)\s)?(?P<place>{CAP_WORD}(?:[\s-]{CAP_WORD}){{0,2}})"
    rf"(?(from)(?=[\s,;.:)]|$)|(?=[;.]|,\s[a-z]))"
)
# A patient by age, sex and a noun, then where from: "a 40M woodcutter from Sagar".
# Found from its " from " (a literal, which the engine skips to quickly), then read back.
FROM_CAPITAL: Final = re.compile(rf" from (?P<place>{CAP_WORD})\b")
AGE_SEX_BEFORE: Final = re.compile(
    r"(?<![\w.])\d{1,2}\s?[MF]\s(?:[a-z-]{3,15}\s){0,1}[a-z-]{3,15}$"
)
# Where a job is based: "works for PDO out of Fahud", "flies out of Kununurra".
_WORKS_OUT_OF_FULL: Final = re.compile(
    r"\b(?i:works?|worked|working|based|operates|operating|flies|flying|drives|driving)\s"
    rf"(?:[^.;\n]{{0,30}}\s)?out of\s(?P<place>{CAP_WORD}(?:\s{CAP_WORD})?)"
)
# "out of" first, the verb of working tried in the 42 characters before it.
WORKS_OUT_OF: Final = ByKeyword(_WORKS_OUT_OF_FULL, "out of", 42, r"\b[wWbBoOfFdD]")
# After a name or a place, the tool named for it: "Marshall CT classification", "Mayo Clinic
# score", "Liverpool Care Pathway", "Epworth 17" is read by the eponym list.
NAMED_TOOL_AFTER: Final = re.compile(
    r"(?:\s(?:[A-Z][\w-]{1,12}|[A-Z]{2,5}))?\s(?i:score|scores|scale|"
    r"classification|criteria|pathway|protocol|rule|rules|index|staging|grading|nomogram|"
    r"algorithm|questionnaire|tool|formula|equation)\b"
)
# A note's specialty opening a line before its kind: "Geri consult:", "Antenatal:".
HEADING_WORD: Final = re.compile(
    r"(?P<word>[A-Z][a-z]{2,15})(?:\s(?:consult|note|notes|review|referral|letter|"
    r"handover|clinic|team|round|query|question|case))?:"
)
# A study's code for its participant: "participant TGA-0117", "subject 0093", "study ID
# KIL-22-0183". Plural "participants" and counts ("participant 12 of 40") are not codes.
PARTICIPANT: Final = anchored(
    r"(?=[PpSsEe])\b(?:[Pp]articipant|[Ss]ubject|[Ee]nrol+ee|[Ss]tudy\s(?:ID|no\.?|number)|"
    r"[Ss]creening\s(?:ID|no\.?|number))\s(?:ID\s|no\.?\s|number\s|#\s?)?"
    r"(?P<id>[A-Z]{1,5}-?\d{2,6}(?:-\d{2,6})?|\d{3,6})\b(?!\s(?:of|out)\b)"
)
# "surname Tamihana", "maiden name Quigley", "née Ó Briain".
SURNAME_WORD: Final = anchored(
    rf"(?=[snmfSNMF])\b(?:surname|[Ss]urname|family name|maiden name|last name|n[ée]e)\s"
    rf"(?P<name>{CAP_WORD}(?:[\s-]{CAP_WORD})?)"
)
# A note's kind, a comma, then its place, opening a line: "Triage note, Tygerberg:", "Case
# write-up, Addenbrooke's:", "GP letter, Ōtara Health:".
HEADER_PLACE: Final = re.compile(
    r"[A-Z][\w/&-]{1,20}(?:[\s-][\w/&-]{1,20}){0,2}\s?"
    r"(?i:note|notes|write-up|writeup|letter|referral|consult|handover|summary|report|case|"
    r"question|clinic|triage)"
    rf",\s(?P<place>{CAP_WORD}(?:\s(?:{CAP_WORD}|[A-Z]{{2,5}})){{0,2}}):"
)
# A hospital by one word before its department, after a word of place: "came through
# Middlemore ED", "seen at Waikato A&E".
DEPARTMENT: Final = anchored(
    r"(?=[EAINPMm])(?<=\s)(?:ED|A&E|Emergency|ICU|NICU|PICU|Maternity|maternity)\b(?!-)"
)
WORD_BEFORE_DEPARTMENT: Final = re.compile(
    rf"\b(?i:through|at|to|from|via|in)\s(?P<place>{CAP_WORD}(?:['\u2019]s)?)\s$"
)
# A church, a club or a school after its word and a comma: "His church, Tokaikolo
# Fellowship, is fundraising".
VENUE_HINTS: Final = ("church,", "parish,", "mosque,", "temple,", "congregation,", "chapel,",
               "club,", "school,", "marae,", "team,")  # fmt: skip
_VENUE_APPOSITION_FULL: Final = re.compile(
    r"\b(?i:church|parish|mosque|temple|congregation|chapel|club|school|marae|team)"
    rf",\s(?P<place>{CAP_WORD}(?:\s{CAP_WORD}){{0,3}}),"
)
# The comma before a capital first, the venue's word tried in the 13 characters before it.
VENUE_APPOSITION: Final = ByKeyword(_VENUE_APPOSITION_FULL, rf",\s[{UPPER}]", 13, r"\b\w")
# Initials or an inner capital after a word of working: "works for PDO", "cutter for FSC",
# "motoboy for iFood".
# One scan for both: initials ("PDO"), or a capital after one small letter ("iFood", whose
# match opens on the capital).
CODED_EMPLOYER: Final = re.compile(
    r"[A-Z](?:(?<![\w-][A-Z])[A-Z]{1,5}|(?<=[\s(][a-z][A-Z])[a-z]{2,15})\b(?![-/'\u2019])"
)
# Initials before a workplace: "at the CTA bus garage", "the KPLC depot".
WORKPLACE_AFTER_CODE: Final = re.compile(
    r"\s(?:[a-z]{3,8}\s)?(?:garage|depot|yard|shipyard|warehouse|factory|plant|mill|cannery|"
    r"refinery|smelter|mine|co-op|cooperative|call centre|call center|office|branch)\b"
)
# A company before a job, opening its clause: "33, Cemex truck driver from Monterrey", "a
# Fonterra tanker driver". Peoples, places and departments before a job are not employers.
_JOB_HINTS: Final = (
    "driver", "engineer", "worker", "employee", "cashier", "supervisor", "labourer", "cleaner",
    "technician", "clerk", "guard", "pilot", "miner", "porter", "operator", "chef", "packer",
    "picker", "courier", "mechanic", "welder",
)  # fmt: skip
ORG_BEFORE_JOB: Final = re.compile(
    r"(?:,\s|\b(?:a|an)\s)(?P<org>[A-Z][\w&'\u2019-]{1,20})\s(?:[a-z]{3,10}\s)?$"
)
_CUE_ENDS: Final = ("for ", "at ", "by ", "with ", "from ", "the ")
_EMPLOYER_WORDS_EXTRA: Final = frozenset(
    "cutter cutters shipyard motoboy rider delivery dock docker stevedore contractor".split()
)


def _ordinary(word: str) -> bool:
    """A word that is no place: a dictionary word, a people, a section, a drug or a month."""
    low = word.lower().rstrip("'\u2019s") if word.endswith(("'s", "\u2019s")) else word.lower()
    lex = lexicon()
    return (
        low in lex.common_words
        or low in lex.large_places
        or low in CALENDAR
        or low in DEMONYMS
        or low.split("-")[0] in DEMONYMS  # "Dutch-born", "Tongan-Australian"
        or low in PEOPLES
        or section_word(word)
        or medical_word(word)
    )


def _place_words(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and not all(_ordinary(w) for w in words) and not _ordinary(words[0])


def _orgs_before_jobs(text: str, low: str) -> list[re.Match]:
    """Each job word found by a plain search (no regex entered where none occurs), then the
    company before it read back."""
    hits: list[re.Match] = []
    for word in _JOB_HINTS:
        at = low.find(word)
        while at != -1:
            tail = low[at + len(word) : at + len(word) + 2]
            if at > 0 and low[at - 1] == " " and not (tail[:1].isalpha() and tail != "s"):
                m = ORG_BEFORE_JOB.search(text, max(at - 45, 0), at)
                if m:
                    hits.append(m)
            at = low.find(word, at + 1)
    return hits


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def quiet_headings(text: str, found: list[Finding]) -> list[Finding]:
    """Drop a name that is a specialty opening a note ("Geri consult:", "Antenatal:"), and a
    name or a place that a scale or a rule is named after ("the Marshall CT classification",
    "the Mayo Clinic score", "the Liverpool Care Pathway")."""
    spans = set()
    for start in _line_starts(text):
        m = HEADING_WORD.match(text, start)
        if m and section_word(m.group("word")):
            spans.add((m.start("word"), m.end("word")))
    return [
        f
        for f in found
        if not (
            (f.kind == "NAME" and (f.start, f.end) in spans)
            or (f.kind in ("NAME", "GEO") and NAMED_TOOL_AFTER.match(text, f.end))
        )
    ]


def find_beside(text: str, found: list[Finding]) -> None:
    m: re.Match[str] | None
    names = [f for f in found if f.kind == "NAME"]
    numbers = [f for f in found if f.kind in _ID_KINDS]
    named = "urname" in text or " name " in text or "n\u00e9e " in text or "nee " in text
    for m in SURNAME_WORD.finditer(text) if named else ():
        if _place_words(m.group("name")):
            _add(found, m.start("name"), m.end("name"), "NAME", text)
            names.append(found[-1])
    for f in names:
        m = NUMBER_AFTER_NAME.match(text, f.end)
        if m:
            _add(found, m.start("no"), m.end("no"), "MRN", text)
            numbers.append(found[-1])
    for f in names + numbers:
        # Both patterns open on ")," or "," (the age's comma); the place's may first read a
        # record number. A quick test of the next character spares most names the regexes.
        if text.startswith((",", "),"), f.end):
            m = AGE_AFTER_FINDING.match(text, f.end)
            if m:
                _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text)
        elif not text.startswith((" ", ") "), f.end):
            continue
        if f.kind == "NAME":
            m = PLACE_AFTER_AGE.match(text, f.end)
            if m and _place_words(m.group("place")):
                _add(found, m.start("place"), m.end("place"), "GEO", text)
    for m in FROM_CAPITAL.finditer(text):
        if AGE_SEX_BEFORE.search(text, max(m.start() - 40, 0), m.start()) and not _ordinary(
            m.group("place")
        ):
            _add(found, m.start("place"), m.end("place"), "GEO", text)
    for m in WORKS_OUT_OF.finditer(text) if "out of" in text else ():
        if _place_words(m.group("place")):
            _add(found, m.start("place"), m.end("place"), "GEO", text)
    for m in PERSON_AGE.finditer(text):
        if PERSON_BEFORE.search(text, max(m.start() - 12, 0), m.start()):
            _add(found, m.start(), m.end(), "AGE_OVER_89", text)
    low = text.lower()
    study = any(w in low for w in ("participant", "subject ", "enrol", "study ", "screening "))
    for m in PARTICIPANT.finditer(text) if study else ():
        if re.search(r"\d{3}", m.group("id")) or "-" in m.group("id"):
            _add(found, m.start("id"), m.end("id"), "OTHER_ID", text)
    for start in _line_starts(text):
        # HEADER_PLACE opens on a capital A-Z and reaches its comma within 73 characters (a
        # word, two more and a note's word of up to eight letters): most lines have neither.
        if not ("A" <= text[start : start + 1] <= "Z" and "," in text[start : start + 73]):
            continue
        m = HEADER_PLACE.match(text, start)
        if m and _place_words(m.group("place")):
            _add(found, m.start("place"), m.end("place"), "GEO", text)
    departments = any(w in text for w in (" ED", "A&E", "ICU", "mergency", "aternity"))
    for d in DEPARTMENT.finditer(text) if departments else ():
        m = WORD_BEFORE_DEPARTMENT.search(text, max(d.start() - 40, 0), d.start())
        if m and not _ordinary(m.group("place")):
            _add(found, m.start("place"), m.end("place"), "GEO", text)
    for m in VENUE_APPOSITION.finditer(text) if any(h in low for h in VENUE_HINTS) else ():
        if _place_words(m.group("place")):
            _add(found, m.start("place"), m.end("place"), "GEO", text)
    for m in _orgs_before_jobs(text, low):
        org = m.group("org")
        if (
            org in CLINICAL_ACRONYMS
            or org in CLINICAL_INITIALISMS
            or _ordinary(org)
            or org.lower() in lexicon().towns
        ):
            continue  # "an ICU nurse", "a Tongan driver", "a Hamilton bus driver"
        _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)
    for m in CODED_EMPLOYER.finditer(text):
        if m.group(0) in CLINICAL_ACRONYMS:
            continue
        start = m.start() - m.group(0)[1:2].islower()  # "iFood" opens on its small letter
        if not text.endswith(_CUE_ENDS, max(start - 6, 0), start) and not (
            WORKPLACE_AFTER_CODE.match(text, m.end())
        ):
            continue  # the cue words below all end on one of these: a quick first test
        cue = words_before(text, start)
        if text[start : m.end()] in CLINICAL_INITIALISMS:
            continue  # "pivot shift for ACL": a ligament, a test or a vehicle's class
        if (
            employer_cue(cue)
            or (
                len(cue) >= 2
                and cue[-1] in ("for", "at")
                and cue[-2].removeprefix("ex-") in _EMPLOYER_WORDS_EXTRA
            )
            or WORKPLACE_AFTER_CODE.match(text, m.end())
        ):
            _add(found, start, m.end(), "EMPLOYER", text)
