"""Findings that name a kind of thing by their shape, not by a list of one writer's names
(session 25, the second precision round, on lead_tune24).

The first precision round dropped named things by lists of brands, eponyms and figures; a
second writer's file showed that such lists carry poorly. This pass reads shapes:

- the word of an instrument, a classification, a work or a body after a capitalised run,
  within three words and no clause break ("the Westmead PTA scale", "Robson group 1", "the
  Best Practice Tariff", "the recent Eurosurveillance reports"); after a possessive only a
  work ("Davidson's MCQ"); a grade or a code right after a single word ("Herbert B2",
  "Prague C2M5", "Mobitz I");
- a list of capitalised items before a plural head ("Capgras, Fregoli, Cotard and Othello
  syndromes"); two surnames joined by "and" before what is said of a work ("Rowe and Williams
  say", "Talley and O'Connor for", "Muir and Barclay or Parkland", "Lund and Browder 4%");
- regions above a state, peoples, demonyms, languages, words of faith and of Maori community
  (``named_kinds_lists``); a run before or ending in "State", "Province", "Region"; the first
  word of a people ("Ngati Porou", "Aboriginal Medical Service");
- a maker by its legal form (Pharma, Serums, Labs) with no employer's cue before it, a
  product in camel case ("DreamStation", "EpiPen Jr"); a body's topic ("the Commission on
  Global Surgery", "the Saudi Ministry"); a form's label before "No" ("Hosp No"); the plural of
  initials ("LMICs");
- an ordinal in a range of parts ("the 2nd to 4th metacarpals"); a unique description of a
  thing ("the only algorithm licensed").

A word after a title or a relation, or before an age, is kept: a person. A word after a word
of place ("in", "at", "from", "to") is kept before a head word: a place's unit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from cases.deidentify.cues import employer_cue, words_before
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import EPONYMS, TEXTBOOKS
from cases.deidentify.named_kinds_lists import (
    BODY_HEADS,
    CAP_HEADS,
    DEMONYMS,
    FAITH,
    HEADS,
    LABELS,
    LANGUAGES,
    MAORI_WORDS,
    PEOPLE_FIRST,
    PLURAL_HEADS,
    REGION_RUNS,
    STATE_WORDS,
    THING_NOUNS,
    WORK_HEADS,
)
from cases.deidentify.named_things_lists import EPONYMS_MORE, MAKER_FORMS
from cases.deidentify.word_set import places_of, words_of

_TITLE_FIRST: Final = re.compile(r"(?i:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lady|lord)\.?\s")
_UNIQUE_BEFORE: Final = re.compile(r"\bthe (?:only|oldest|youngest|last|first|sole)\b[^.;,]{0,40}$")
_PERSON_BEFORE: Final = re.compile(
    r"(?i:\b(?:mr|mrs|ms|miss|mx|dr|drs|prof|sr|sir|dame|lady|lord|husband|wife|son|daughter|"
    r"mother|father|mum|mom|dad|brother|sister|uncle|aunt|niece|nephew|cousin|grandson|"
    r"granddaughter|grandmother|grandfather|neighbour|neighbor|friend|partner|patient|pt|"
    r"called|named|surname|is|was)\.?,?\s)$"
)
_AGE_AFTER: Final = re.compile(r",?\s\(?\d{1,3}\s?(?:[MFmf]\b|y\b|yo\b|yrs?\b|years?\b|,|\))")
_PLACE_BEFORE: Final = re.compile(r"\b(?i:from|in|at|near|outside|around|lives|living|to|of)\s$")
_PEOPLE_WORDS: Final = DEMONYMS | REGION_RUNS
_KNOWN: Final = EPONYMS | EPONYMS_MORE | TEXTBOOKS
_WORD: Final = re.compile(r"[\w'\u2019./+%-]{1,30}")
_STOP: Final = frozenset(
    """
    a an the and or but with without for to in on at of from by is was are were has had have
    be been he she they we i you it his her their our who which that this these those said
    says not no after before since during until when while as if so than then
    """.split()
)
_FOR_BEFORE: Final = re.compile(r"\b(?i:for|with|by|joined|joins)\s$")
_GRADE_AFTER: Final = re.compile(
    r"\s(?!G[0-9]P)(?:I(?=[,;.)])|(?:II|III|IV|VI{0,3})[a-cA-C]?|[A-E][1-4](?:[A-Z][0-9]{1,2})?|[1-4][a-c]|[A-Z][0-9][A-Z][0-9]{1,2})"
    r"(?![\w/-])"
)
_GRADE_INSIDE: Final = re.compile(r"[A-Z][a-z]{2,20} (?:I{1,3}|IV)[a-c]?")
_STATE_AFTER: Final = re.compile(r"\s(?:" + "|".join(sorted(STATE_WORDS)) + r")\b")
_AT_MAKER: Final = re.compile(r"\b(?i:at|for|joined|joins)\s$")
_AT_BODY: Final = re.compile(r"\b(?i:at|for|with|from|in|joined|joins)\s(?:the\s)?$")
_LABEL_AFTER: Final = re.compile(r"\.?\s(?:No\b\.?|Number\b|#)\s?[:.]?\s?[A-Z0-9]")
_INITIALS_PLURAL: Final = re.compile(r"[A-Z]{2,6}s")
_CAMEL: Final = re.compile(r"\b([A-Z][a-z]{2,12})[A-Z][a-z]{2,14}\b")
# Whether the text holds a _CAMEL word at all: the word boundary asked after the capital, so
# the engine skips along to the capitals instead of trying the pattern at every place.
_CAMEL_ANY: Final = re.compile(r"[A-Z](?<![\w][A-Z])[a-z]{2,12}[A-Z][a-z]{2,14}\b")
_NAME_PREFIXES: Final = frozenset("mac van von del dos das der den ben bin abu".split())
_BODY_BEFORE: Final = re.compile(
    r"\b(?:Commission|Ministry|Department|Society|College|Council|Institute|Academy|"
    r"Federation|Association|Foundation|Board|Agency|Authority) (?:of|on|for) (?:the )?$"
)
_PAIR: Final = re.compile(
    r"([A-Z][\w'\u2019-]{1,20}) (?:and|&) ([A-Z][\w'\u2019-]{1,20})(?=(['\u2019]s\b|\s(?:say|"
    r"says|said|for|or|vs\.?|versus|edition|textbook|book|chart|formula|table|method|rule|"
    r"classification|criteria|[0-9]{1,2}(?:\.[0-9])?\s?%)))"
)
_PAIR_NOT_BEFORE: Final = re.compile(
    r"\b(?i:to|with|from|at|drs|by|dr|mr|mrs|ms|see|saw|thanks|thank|cc|dear|hi|hello)\s$"
)
_LIST_ITEM: Final = (
    r"[A-Z][\w'\u2019\u00c0-\u017f-]{1,24}(?: [A-Z][\w'\u2019\u00c0-\u017f-]{1,24})?"
)
_LIST_BEFORE_HEAD: Final = re.compile(
    r"(?:" + _LIST_ITEM + r"(?:, (?:and |or )?| and | or | & )){2,12}" + _LIST_ITEM + r" $"
)
_DESCRIBE: Final = re.compile(r"\s(?:first |originally )?describ(?:e|ed)\b")
_DID_BEFORE: Final = re.compile(r"\b(?i:did|was it|who)\s$")
_ORDINAL: Final = re.compile(r"(?:the )?[0-9]{1,2}(?:st|nd|rd|th)")
_ORDINAL_RANGE: Final = re.compile(
    r"\s?(?:to|and|-|\u2013)\s?[0-9]{1,2}(?:st|nd|rd|th)\s(?!of\b)[a-z]{3,20}"
)
_ROLE_IN_COUNTRY: Final = re.compile(r"the [a-z]{3,20} in [A-Z][a-z]{2,20}")
_OPEN_UNIQUE: Final = re.compile(r"the (?:only|sole|first|last) ([a-z]{2,20})(?: ([a-z]{2,20}))?")
_ARTICLE_BEFORE: Final = re.compile(r"\b(?i:the|recent|latest|a|an)\s$")
_ART_HEAD_AFTER: Final = re.compile(
    r"\s(?:reports?|review|paper|article|editorial|data|series|study|trial|trials|cohort|"
    r"network|group|registry|model|criteria|score|rule|method)\b"
)
_GATE: Final = (
    HEADS
    | WORK_HEADS
    | {h.lower() for h in CAP_HEADS}
    | frozenset("group reports report review paper article data series study trial".split())
)
_VERSION_BEFORE: Final = re.compile(
    r"\b(?:the|an?) (?:Abbreviated|Modified|Revised|Simplified|Extended|Shortened|Adapted|"
    r"Short|Updated) $"
)
_PREV_WORD: Final = re.compile(r"([A-Z][\w\u00c0-\u017f'-]{1,20}) $")
_DEVICE_CAPS: Final = re.compile(r"[A-Z]{4,10}")
_BEFORE_DEVICE: Final = re.compile(r"\b(?i:the|a|an)\s$")
_OR_CAMEL: Final = re.compile(
    r"(?:(?!Ma?c|Van|Von|De|La|Le|Di)[A-Z][a-z]{2,12}[A-Z][a-z]{1,14} (?:or|and|vs|versus) $)|"
    r"(?:^ (?:or|and|vs|versus) (?!Ma?c|Van|Von|De|La|Le|Di)[A-Z][a-z]{2,12}[A-Z][a-z]{1,14}\b)"
)
_SERVICE_AFTER: Final = re.compile(r"\s(?:crew|ambulance|paramedics?|volunteers?)\b")
_SUFFIX_TOPIC: Final = (
    "ance",
    "ence",
    "ology",
    "ics",
    "tion",
    "ment",
    "ism",
    "ity",
    "ness",
    "ogy",
    "ery",
    "ing",
)


def _beside_kind(text: str, f: Finding, parts: list[str], cues: frozenset[str]) -> bool:
    """A word after the first word of a people or before a maker's form; a device in capitals
    before its model; a product beside a product; "St John crew"; a topic heading."""
    beside = len(parts) == 1 and (
        parts[0] in MAKER_FORMS or parts[0] in MAORI_WORDS or "people" in cues or "st" in cues
    )
    prev = beside and _PREV_WORD.search(text, max(f.start - 22, 0), f.start)
    if prev:
        before = prev.group(1).lower()
        if before in PEOPLE_FIRST or (
            before in MAORI_WORDS and parts[0] in MAORI_WORDS and not before.isascii()
        ):
            return True  # "Ngati Porou", "Whanau Ora"
        if parts[0] in MAKER_FORMS and not employer_cue(words_before(text, prev.start())):
            return True  # "Bharat Serums"
        if before == "st" and _SERVICE_AFTER.match(text, f.end):
            return True  # "the St John crew"
    if "version" in cues and _VERSION_BEFORE.search(text, max(f.start - 16, 0), f.start):
        return True  # "the Abbreviated Westmead", "the Modified Brighton"
    if (
        _DEVICE_CAPS.fullmatch(f.text)
        and re.match(r"\s[0-9]", text[f.end : f.end + 2])
        and _BEFORE_DEVICE.search(text, max(f.start - 5, 0), f.start)
    ):
        return True  # "the LUCAS 3"
    near = text[max(f.start - 40, 0) : f.end + 40]
    if (
        "camel" in cues
        and (" or " in near or " and " in near or " vs" in near)
        and (
            _OR_CAMEL.search(text, max(f.start - 40, 0), f.start)
            or _OR_CAMEL.match(text[f.end : f.end + 40])
        )
    ):
        return True  # "CroFab or Anavip"
    if len(parts) == 1 and parts[0].endswith(_SUFFIX_TOPIC) and text.startswith(":", f.end):
        lex = lexicon()
        if (f.start == 0 or text[f.start - 1] == "\n") and not (
            parts[0] in lex.first_names or parts[0] in lex.last_names or parts[0] in lex.towns
        ):
            return True  # "Pharmacovigilance: three reports"
    return False


# Cue words of the text's word set that let a rule read further (each rule reads only near
# a finding, and only when its cue word is in the text).
_CUES: Final = (
    ("unique", frozenset("only oldest youngest last first sole".split())),
    ("body", BODY_HEADS),
    ("version", frozenset("abbreviated modified revised simplified extended".split())),
    ("version", frozenset("shortened adapted short updated".split())),
    ("pair", frozenset(("and", "&"))),
    ("describe", frozenset(("describe", "described"))),
    ("people", PEOPLE_FIRST),
    ("st", frozenset(("st",))),
)


def quiet_named_kinds(text: str, low: str, found: list[Finding]) -> list[Finding]:
    """Drop findings that name an instrument, a work, a region, a people, a faith or a maker."""
    if not found:
        return found
    words = words_of(low)
    # where a head word stands: a finding with none in the 75 characters after it is not read
    # for one
    heads = sorted(at for w in _GATE & words for at in places_of(low, w))
    spans = _list_spans(text, low, words) if PLURAL_HEADS & words else []
    cues = frozenset(name for name, cue in _CUES if cue & words)
    if _CAMEL_ANY.search(text):
        cues |= {"camel"}
    out = [f for f in found if not _named_kind(text, f, heads, spans, cues)]
    if len(out) == len(found):
        return out
    # A word found a named thing in one place is one in the others, unless a person's cue
    # stands beside it ("the Westmead PTA scale or the Abbreviated Westmead").
    dropped = {f.text for f in found if f.kind in ("NAME", "GEO")} - {f.text for f in out}
    return [
        f
        for f in out
        if not (f.kind in ("NAME", "GEO") and f.text in dropped and not _person(text, f))
    ]


def _near(places: list[int], start: int, end: int) -> bool:
    i = bisect_left(places, start)
    return i < len(places) and places[i] <= end


def _person(text: str, f: Finding) -> bool:
    return bool(
        _PERSON_BEFORE.search(text, max(f.start - 16, 0), f.start) or _AGE_AFTER.match(text, f.end)
    )


def _named_kind(
    text: str, f: Finding, heads: list[int], spans: list[tuple[int, int]], cues: frozenset[str]
) -> bool:
    if f.kind == "DATE":
        return bool(_ORDINAL.fullmatch(f.text) and _ORDINAL_RANGE.match(text, f.end, f.end + 30))
    if f.kind == "UNIQUE":
        return _unique_thing(f.text)
    if f.kind not in PROPER_KINDS:
        return False
    low = f.text.lower().removeprefix("the ")
    parts = low.split()
    if not parts:
        return False
    faith = f.kind != "EMPLOYER" and all(p in FAITH for p in parts)
    if f.kind == "EMPLOYER":
        hit = low in DEMONYMS or _pair_or_work(text, f, cues)
    else:
        hit = (
            faith
            or low in DEMONYMS
            or _kind_by_list(low, parts)
            or _kind_by_form(text, f, parts, cues)
            or _beside_kind(text, f, parts, cues)
            or any(a <= f.start and f.end <= b for a, b in spans)
            or _pair_or_work(text, f, cues)
            or (_near(heads, f.end, f.end + 75) and _head_after(text, f, parts))
        )
    # The guards are read only for a finding a rule took: a person's cue, a name in quotes,
    # a unique description, an age after ("a Jehovah's Witness, 34F": the age is the patient's).
    return hit and not (
        _PERSON_BEFORE.search(text, max(f.start - 16, 0), f.start)
        or _TITLE_FIRST.match(f.text)
        or (f.start and text[f.start - 1] in "\"\u201c'\u2018")
        or ("unique" in cues and _UNIQUE_BEFORE.search(text, max(f.start - 50, 0), f.start))
        or (not faith and _AGE_AFTER.match(text, f.end))
    )


def _kind_by_list(low: str, parts: list[str]) -> bool:
    return (
        low in REGION_RUNS
        or low in LANGUAGES
        or parts[0] in PEOPLE_FIRST
        or all(p in FAITH for p in parts)
        or (all(p in MAORI_WORDS for p in parts) and (len(parts) > 1 or not low.isascii()))
        or (parts[0] in _PEOPLE_WORDS and parts[-1] in BODY_HEADS)
    )


def _kind_by_form(text: str, f: Finding, parts: list[str], cues: frozenset[str]) -> bool:
    """State words, bodies, labels, initials, makers, products and grades."""
    if (
        parts[-1] in ("ministry", "commission")
        and not _AT_BODY.search(text, max(f.start - 14, 0), f.start)
    ) or (len(parts) > 1 and parts[-1].title() in STATE_WORDS and "," not in f.text):
        return True  # "the Saudi Ministry", "Gyeonggi Province"
    if _STATE_AFTER.match(text, f.end) or (
        "body" in cues and _BODY_BEFORE.search(text, max(f.start - 30, 0), f.start)
    ):
        return True  # "Lagos State", "the Commission on Global Surgery"
    if (
        len(parts) == 1
        and (parts[0] in LABELS or len(parts[0]) <= 4)
        and _LABEL_AFTER.match(text, f.end)
    ):
        return True  # "Hosp No KBTH-..."
    if _INITIALS_PLURAL.fullmatch(f.text):
        return True  # "LMICs"
    if (
        len(parts) > 1
        and any(p in MAKER_FORMS for p in parts)
        and not employer_cue(words_before(text, f.start))
        and not _AT_MAKER.search(text, max(f.start - 8, 0), f.start)
    ):
        return True  # "from Sun Pharma", "Bharat Serums polyvalent ASV"
    lex = lexicon()
    if "camel" in cues and any(
        m.group(1).lower() not in _NAME_PREFIXES and m.group(1).lower() not in lex.first_names
        for m in _CAMEL.finditer(f.text)
    ):
        # "Philips DreamStation", "EpiPen Jr"; not "trains at PureGym"
        return not (
            _place_before(text, f) or _FOR_BEFORE.search(text, max(f.start - 8, 0), f.start)
        )
    grade = (
        len(parts) == 1 and _GRADE_AFTER.match(text, f.end) and not _place_before(text, f)
    ) or _GRADE_INSIDE.fullmatch(f.text)
    # "Prague C2M5", "Garden IV", "Mobitz I"; not a first name ("Herbert B2") nor a longer
    # name's last word ("Baraka Ya Mungu II", "Chikondi Banda G3P2")
    return bool(grade and parts[0] not in lex.first_names and not _name_run_before(text, f))


def _name_run_before(text: str, f: Finding) -> bool:
    m = _PREV_WORD.search(text, max(f.start - 22, 0), f.start)
    if not m:
        return False
    # a capitalised word mid-sentence is part of the name; at a sentence's start only a word
    # that is no common word ("Intermittent Wenckebach I" is no name)
    opening = text[max(m.start() - 3, 0) : m.start()].rstrip()
    if m.start() and opening and opening[-1] not in ".!?:;":
        return True
    return m.group(1).lower() not in lexicon().common_words


def _place_before(text: str, f: Finding) -> bool:
    return bool(_PLACE_BEFORE.search(text, max(f.start - 12, 0), f.start))


def _head_after(text: str, f: Finding, parts: list[str]) -> bool:
    """A head word within three words after the finding, with no clause break between; right
    after a first name only ("Maria Down syndrome" is a patient's)."""
    if _place_before(text, f) or f.text.isupper():
        return False  # "at Leeds rehab"; initials of a hospital: "our PGH protocol"
    first = f.kind == "NAME" and len(parts) == 1 and parts[0] in lexicon().first_names
    possessive = text.startswith(("'s ", "\u2019s ", "' ", "\u2019 "), f.end)
    at = f.end + (2 if possessive else 0)
    possessive = possessive or f.text.endswith(("'s", "\u2019s"))
    if _ARTICLE_BEFORE.search(text, max(f.start - 8, 0), f.start):
        m = _ART_HEAD_AFTER.match(text, at)
        if m and not first:
            return True  # "the recent Eurosurveillance reports", "the Okafor trial"
    lowers = 0
    for i, m in enumerate(_WORD.finditer(text, at, min(len(text), at + 70))):
        gap = text[at : m.start()]
        if i > 3 or gap.strip() or not gap:
            return False  # a comma, a bracket or a stop between
        raw = m.group().rstrip(".'\u2019")
        word = raw.lower()
        if word in (WORK_HEADS if possessive else HEADS) or raw in CAP_HEADS:
            return True
        if word == "group" and re.match(r"\s[0-9]", text[m.end() : m.end() + 2]):
            return True  # "Robson group 1"
        if possessive or first or word in _STOP:
            return False
        if m.group()[0].islower():
            lowers += 1
            if lowers > 1:
                return False
        at = m.end()
    return False


def _pair_or_work(text: str, f: Finding, cues: frozenset[str]) -> bool:
    """Two surnames of a work or a rule, a textbook by its possessive, "did X describe"."""
    pairs = _PAIR.finditer(text, max(f.start - 25, 0), min(len(text), f.end + 60))
    near = text[max(f.start - 25, 0) : f.end + 25]
    for m in pairs if "pair" in cues and (" and " in near or " & " in near) else ():
        if m.start() <= f.start and f.end <= m.end(2):
            if _PAIR_NOT_BEFORE.search(text, max(m.start() - 10, 0), m.start()):
                return False
            first, second = m.group(1).lower(), m.group(2).lower()
            return not (first in _NOT_SURNAMES or second in _NOT_SURNAMES)
    word = f.text.lower()
    if word.endswith(("'s", "\u2019s")):
        word, at = word[:-2], f.end  # the finding holds the possessive
    else:
        at = f.end + 2 if text.startswith(("'s", "\u2019s"), f.end) else -1
    if (
        at >= 0
        and (word in TEXTBOOKS or word in _KNOWN)
        and text.startswith((" for ", " or ", " vs ", " versus "), at)
    ):
        return True  # "swears by Macleod's for examination"
    # "which one did Ransohoff describe?"
    return bool(
        f.kind != "EMPLOYER"
        and "describe" in cues
        and _DESCRIBE.match(text, f.end)
        and _DID_BEFORE.search(text, max(f.start - 8, 0), f.start)
    )


_NOT_SURNAMES: Final = frozenset("mum dad mom mother father son daughter the our".split())


def _list_spans(text: str, low: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of capitalised lists before a plural head ("Cotard, Ekbom and Othello syndromes")."""
    spans = []
    for head in PLURAL_HEADS & words:
        at = low.find(" " + head)
        while at >= 0:
            m = _LIST_BEFORE_HEAD.search(text, max(at - 200, 0), at + 1)
            if m:
                spans.append((m.start(), m.end()))
            at = low.find(" " + head, at + 1)
    return spans


def _unique_thing(text: str) -> bool:
    m = _OPEN_UNIQUE.match(text)
    if m and (m.group(1) in THING_NOUNS or m.group(2) in THING_NOUNS):
        return True  # "the only algorithm licensed in pregnancy here"
    return bool(_ROLE_IN_COUNTRY.fullmatch(text))  # "the coroner in England"
