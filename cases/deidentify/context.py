"""Identifiers that only their surroundings give away, in the shapes of ward and forum writing.

- names in handover and nursing lines, whatever their case: "bed 4 - john smith, 82",
  "pt mrs okafor c/o sob", "mugambi kimanzi in bed 4", a name just before a bare record
  number ("Kowalczyk 4471920");
- ages over 89 and dates written in words ("ninety-two-year-old", "the fourteenth of March"),
  a day and month with a time ("8/4 at 09:30"), a day of the month standing alone ("home the
  19th");
- streets named without a number ("lives on Church Street").

Every pattern opens on a character class or a rare word, and each candidate is judged on a
bounded window, so the pass stays linear; the word-number patterns only run when the text
holds "ninety", "hundred" or an ordinal word.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored, any_hint
from cases.deidentify.cues import LOWER, UPPER
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import ID_LABEL_WORDS, LAB_WORDS, medical_word
from cases.deidentify.thing_shapes import thing_after

# --- names in handover lines ---------------------------------------------------------------

_NAME_WORD: Final = r"[^\W\d_][^\W\d_'\u2019-]{1,24}(?:['\u2019-][^\W\d_]{1,20})?"
# "bed 4 - john smith, 82", "Bay 3: Ana Lima (71)", "side room 2 = kaimana makaiwi 82M".
BED_NAME: Final = anchored(
    r"(?=[bBrRsScCtTmM])(?i:\b(?:bed|bay|room|rm|side\s?room|sr|cubicle|cube|chair|trolley|cot|resus|majors)"
    r"\s?\d{1,3}[a-z]?)(?:\s?(?:[-:=\u2013\u2014]|is)\s{1,2}"
    # "bed 12 ana lima 67F": no separator, but an age and sex after the name
    r"|\s(?=(?:[^\W\d_][\w'\u2019-]{1,24}\s){1,3}\d{1,3}\s?[MFmf]\b))"
    rf"(?P<name>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})"
    r"(?=\s?[,(;]|\s\d|\s(?i:in|on|with|for|age|aged|is|was|has|who|c/o|-)\b|\s*$)"
)
# Every BED_NAME match holds one of these in the lower-cased text, which keeps the characters
# IGNORECASE reads as "s" and "i" (\u017f, \u0131, \u0130) as they are; each opens on a literal.
_BED_HINTS: Final = tuple(
    re.compile(hint + r"\s?\d")
    for hint in ("b(?:ed|ay)", "r(?:oom|m|e[s\u017f]u[s\u017f])", "sr", "\u017fr", "trolley",
                 "c(?:ub[i\u0131\u0130]cle|ube|ha[i\u0131\u0130]r|ot)", "major[s\u017f]")
)  # fmt: skip
# "mugambi kimanzi in bed 4": the name is judged in the words before.
IN_BED: Final = re.compile(r"\s(?i:in|on)\s(?i:bed|bay|side\s?room|room|cubicle)\s?\d")
# Every IN_BED match holds one of these in the lower-cased text, which keeps the characters
# IGNORECASE reads as "i" (\u0131, \u0130) as they are; each opens on a literal.
_IN_BED_HINTS: Final = tuple(
    re.compile(hint)
    for hint in (r"bed\s?\d", r"bay\s?\d", r"room\s?\d", "cub[i\u0131\u0130]cle\\s?\\d")
)
# A title typed in lower case: "pt mrs okafor c/o sob", "d/w dr nwosu".
LOWER_TITLE: Final = re.compile(
    r"[mdsn](?<![\w.][mdsn])(?:r|rs|s|iss|x|ister|urse)\.?\s"
    rf"(?P<name>[{LOWER}][\w'\u2019-]{{1,25}}(?:\s[{LOWER}][\w'\u2019-]{{1,25}})?)"
)
_LOWER_TITLES: Final = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sister", "nurse"})
# "Kowalczyk 4471920", "Ana Lima - 48213377": a name just before a bare record number. The
# numbers are rare, so they are found first and the words before them judged.
BARE_NUMBER: Final = re.compile(r"\d(?<![\w.,/+-]\d)\d{5,9}(?![\w.,/]|\.\d)")
NAME_BEFORE: Final = re.compile(
    rf"(?:[{UPPER}][\w'\u2019-]{{1,25}}\s)?[{UPPER}{LOWER}][\w'\u2019-]{{1,25}}(?:\s(?:-\s|\(|#\s?)?)$"
)
_LABEL_WORDS: Final = frozenset(
    "tel phone mob mobile fax mrn nhs ref id no number pager bleep ext urn chi hosp hospital "
    "unit record account acct card policy reg registration serial lot batch vin licence "
    "license passport dob on since from to and or by at code pin".split()
)


def _name_like(words: list[str]) -> bool:
    """Every word is a known name or no ordinary word, and one at least is no ordinary word."""
    lex = lexicon()
    plain = [w.lower().removesuffix("'s").removesuffix("\u2019s") for w in words]
    if not plain or plain[0] in _LABEL_WORDS or plain[-1] in ID_LABEL_WORDS:
        return False  # "MRN 4471920", "Personnummer 19480412"
    known = [w in lex.first_names or w in lex.last_names for w in plain]
    common = [w in lex.common_words for w in plain]
    return all(k or not c for k, c in zip(known, common, strict=True)) and not all(common)


# Frequent words that are also in some list of names ("said", "will", "may"): never a name
# after a title typed in lower case ("dr said", "nurse will call").
_NOT_AFTER_TITLE: Final = frozenset(
    "said says say will would may might can could should must and or but the to on in at of "
    "for with is was are were be been has had have not no also who whom which what when where "
    "here there then than so as if it its his her their our my your this that led ward "
    "round rounds saw sees seen called rang phoned aware happy from home came comes went goes "
    "told asked gave gives did does left just only now today again about".split()
)


def _known_name(word: str) -> bool:
    lex = lexicon()
    low = word.lower()
    return (low in lex.first_names or low in lex.last_names) and low not in _NOT_AFTER_TITLE


# A scale's grade after an eponym: "Schatzker VI", "Garden III".
ROMAN_WORD_ANY: Final = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|X)[a-d]?")


def find_handover_names(text: str, low: str, found: list[Finding]) -> None:
    for m in BED_NAME.finditer(text) if any_hint(_BED_HINTS, low) else ():
        words = m.group("name").split()
        while words and not _name_like(words):
            words = words[:-1]  # "bed 4 - john smith day 2": stop at the ordinary words
        if words and not ROMAN_WORD_ANY.fullmatch(words[-1]):  # "bed 23: Schatzker VI"
            start = m.start("name")
            end = start + len(" ".join(words))
            if not thing_after(text, start, end):  # "bed 17 — Wernicke prophylaxis"
                _add(found, start, end, "NAME", text)
    for m in IN_BED.finditer(text) if any_hint(_IN_BED_HINTS, low) else ():
        head = text[max(m.start() - 60, 0) : m.start()].split()[-3:]
        while head and not re.fullmatch(_NAME_WORD, head[0]):
            head = head[1:]  # "nights: mugambi kimanzi": only the plain words at the end
        while head and not _name_like(head):
            head = head[1:]
        while head and not all(re.fullmatch(_NAME_WORD, w) for w in head):
            head = head[1:]  # "hiya — lady in bay 3", "text from SHO: pt in cubicle 6"
        if len(head) >= 2 or (head and not head[0].islower()):
            value = " ".join(head)
            if text.endswith(value, 0, m.start()):
                _add(found, m.start() - len(value), m.start(), "NAME", text)
    for m in LOWER_TITLE.finditer(text):
        title = text[m.start() : m.start("name")].strip(" .").lower()
        if title not in _LOWER_TITLES:
            continue
        words = m.group("name").split()
        if not (_name_like(words[:1]) or _known_name(words[0])):
            continue
        if len(words) == 2 and (len(words[1]) < 3 or not _name_like(words[1:])):
            words = words[:1]
        _add(found, m.start(), m.start("name") + len(" ".join(words)), "NAME", text)
    for m in BARE_NUMBER.finditer(text):
        head_text = text[max(m.start() - 56, 0) : m.start()]
        if (name := NAME_BEFORE.search(head_text)) and _name_like(name.group(0).split()[-2:]):
            value = name.group(0).rstrip(" -(#")
            words = value.split()
            if words[-1].lower() in _LABEL_WORDS:
                continue
            if len(words) == 2 and not _name_like(words[:1]):
                value = words[1]  # "Patient Kowalczyk 4471920"
            end = m.start() - len(head_text) + name.start() + len(name.group(0).rstrip(" -(#"))
            _add(found, end - len(value), end, "NAME", text)


# --- ages and dates in words ---------------------------------------------------------------

_UNITS: Final = "one|two|three|four|five|six|seven|eight|nine"
_OVER_89: Final = (
    rf"(?:ninety(?:[- ](?:{_UNITS}))?|(?:one|a)[- ]hundred(?:(?:[- ]and)?[- ](?:{_UNITS}|ten|"
    r"eleven|twelve))?)"
)
_WORD_AGE_FULL: Final = re.compile(
    rf"\b(?:(?i:aged|age)\s{_OVER_89}\b|{_OVER_89}[- ](?:years?[- ]old|year[- ]old|yo|y/o)\b"
    # "our lady was ninety-three", "she's a hundred and two"
    r"|\b(?:she|he|pt|patient|lady|gentleman|gent|man|woman|resident|grandma|grandmother|"
    r"granny|gran|nan|nanna|grandpa|grandfather|grandad|mum|mom|mother|dad|father|aunt|"
    rf"aunty|uncle)(?:['\u2019]s|\sis|\swas|\sturned)\s(?:now\s|just\s)?{_OVER_89}\b"
    rf"(?![- ](?:percent|per|%|minutes|seconds|mg|ml|degrees|bpm|beats|units|kg|mmhg|on\b))"
    rf"|(?<=\bat\s){_OVER_89}\b(?![- ](?:percent|per|%|minutes|seconds|mg|ml|degrees|bpm|beats|"
    r"units|days|times|metres|meters|kg|mmhg)))",
    re.IGNORECASE,
)
# Every match holds "ninety" or "hundred" at most 30 characters after its first letter: the
# words are found first, the pattern tried only at the word starts before them (the pattern
# opens on a word boundary, which stopped the engine at every word of the field).
WORD_AGE: Final = ByKeyword(_WORD_AGE_FULL, r"ninety|hundred", 40, r"\b[A-Za-z]")
_ORDINAL_WORDS: Final = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "twenty-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|"
    "thirty-first"
)
_MONTHS_FULL: Final = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_WORD_DATE_ANCHORED: Final = anchored(
    rf"(?=[tTfFsSeEnNJMAOD])\b(?:(?:the\s)?(?i:{_ORDINAL_WORDS})\s(?:of\s)?(?:{_MONTHS_FULL})\b(?:,?\s(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS_FULL})\s(?:the\s)?(?i:{_ORDINAL_WORDS})\b)"
)
# The month's name first, the pattern tried only at the words up to 30 characters before it.
WORD_DATE: Final = ByKeyword(_WORD_DATE_ANCHORED.full, _MONTHS_FULL, 30, r"\b[tTfFsSeEnNJMAOD]")
_ORDINAL_HINT: Final = re.compile(
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|ieth"
)
_MONTH_HINT: Final = re.compile(_MONTHS_FULL)
_DAY_HINT: Final = re.compile(r"the \d\d?(?:st|nd|rd|th)\b")
# "8/4 at 09:30", "21/3 0300", "18.6 @ 14:00": a day and month with a time of day.
_DATE_WITH_TIME_FULL: Final = re.compile(
    r"\d(?<![\w/.,:-]\d)\d?/\d{1,2}(?=\s(?:at\s|@\s?)?(?:[01]?\d|2[0-3])[:.h]?[0-5]\d\b(?![./]\d))"
)
# The slash first: the engine skips to it.
DATE_WITH_TIME: Final = ByKeyword(_DATE_WITH_TIME_FULL, "/", 2, r"\d")
# "home the 19th.", "due the 3rd, then": a day of the month after "the" that counts nothing.
THE_DAY: Final = re.compile(
    r"\d(?<=\bthe\s\d)\d?(?:st|nd|rd|th)\b"
    r"(?=\s?[.;:!?)]|,(?!\s?\d)|\s(?:at|for|when|and(?!\s\d)|or(?!\s\d)|but|if|with|to|"
    r"in\s(?:clinic|the\s(?:morning|afternoon|evening))|then)\b|\s*$)"
)
# "lives on Church Street", "rents a room on MG Road": a street named without a number.
_STREET_NAME_FULL: Final = re.compile(
    rf"[{UPPER}](?<![\w'\u2019-].)(?:[{LOWER}'\u2019-]{{1,20}}|[A-Z]{{1,3}})"
    rf"(?:\s(?:[{UPPER}][{LOWER}'\u2019-]{{1,20}}|[A-Z]{{2,3}})){{0,2}}"
    r"\s(?:Street|Road|Avenue|Lane|Drive|Crescent|Terrace|Boulevard|Parade|Close|Grove|Mews|"
    r"Way|Rd|Ave|Straat|Weg|Strasse|Straße)\b"
)
# The street's word is found first (a scan that skips to its capitals), the pattern tried only
# at the capitals up to 70 characters before it: not at every capital of the field.
STREET_NAME: Final = ByKeyword(
    _STREET_NAME_FULL,
    r"(?:Street|Road|Avenue|Lane|Drive|Crescent|Terrace|Boulevard|Parade|Close|Grove|Mews|"
    r"Way|Rd|Ave|Straat|Weg|Strasse|Straße)\b",
    75,
    rf"[{UPPER}]",
)
_NOT_STREET_START: Final = frozenset(
    "dear hi hello thanks thank the a an on in at this that his her their our my wrong "
    "right left long high main".split()
)


# "Gympie 4570", "Okene, 571659": a town with its postcode beside it (a bare number is a count).
TOWN_POSTCODE: Final = re.compile(
    rf"[{UPPER}](?<![\w'\u2019-].)[{LOWER}'\u2019-]{{2,20}}(?:[\s-][{UPPER}][{LOWER}'\u2019-]{{2,20}}){{0,2}}"
    r",?\s(?P<code>\d{4,6})(?=[,;:)]|\.(?!\d)|\s*$|\s(?:[A-Z(]|with|and|where|in|on|near|for|"
    r"since|who|which|is|was|has|had|but|at|to|from|about|when)\b)"
)


def find_towns_by_postcode(text: str, found: list[Finding]) -> None:
    lex = lexicon()
    for m in TOWN_POSTCODE.finditer(text):
        words = m.group(0)[: m.start("code") - m.start()].rstrip(", ").split()
        if any(
            w.lower() in lex.common_words
            or w.lower() in lex.large_places
            or w.lower() in LAB_WORDS
            or medical_word(w)
            for w in words
        ):
            continue  # "Troponin 1840", "Vancomycin 1250": a value, not a town's postcode
        if re.fullmatch(r"(?:19|20)\d\d", m.group("code")):
            continue  # "Okafor 2019": a year
        if text.startswith(":", m.end()):
            continue  # "Board round 1400:", "Nights 2200:": a heading with its time
        _add(found, m.start(), m.start() + len(" ".join(words)), "GEO", text)
        _add(found, m.start("code"), m.end("code"), "ZIP", text)


def find_written_dates(text: str, low: str, found: list[Finding]) -> None:
    if "ninety" in low or "hundred" in low:
        for m in WORD_AGE.finditer(text):
            _add(found, m.start(), m.end(), "AGE_OVER_89", text)
    if _ORDINAL_HINT.search(low) and _MONTH_HINT.search(text):
        for m in WORD_DATE.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
    if _DAY_HINT.search(low):
        for m in THE_DAY.finditer(text):
            if 1 <= int(m.group(0)[:-2]) <= 31:
                _add(found, m.start() - 4, m.end(), "DATE", text)
    for m in DATE_WITH_TIME.finditer(text):
        day, month = m.group(0).split("/")
        if 1 <= int(day) <= 31 and 1 <= int(month) <= 12:
            _add(found, m.start(), m.end(), "DATE", text)
    for m in STREET_NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in _NOT_STREET_START:
            words = words[1:]
        if len(words) >= 2:
            _add(found, m.end() - len(" ".join(words)), m.end(), "GEO", text)
