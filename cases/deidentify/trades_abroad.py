"""The writer's trade and region heading a post in other languages, and the regions and
countries the name and place passes take for identifiers (round 22, lead_tune28).

- the trade heading a post, in any language: "Huisarts, Overijssel.", "Pediatra, provincia
  de Buenos Aires.", "Fastlege i Finnmark.", "Врач общей практики, X region." (a word of
  ``TRADE_WORDS`` or a title's ending: "-arts", "-läkare", "-olog", "-iatra", "-ista");
- the place in that heading when it is a country or a region: a country in the lexicon or as
  its people write it ("Perú", "Sverige"), a region of ``REGIONS``, a run after a compass
  word ("norra Sverige", "lower North Island") or around a word of region ("Karaganda
  region"). A town or a hospital there is the writer's and stays ("Huisarts, Urk.",
  "Cirujano, Hospital México.");
- a role or a stage of life opening a sentence before an age ("Shepherd, 35M,", "Neonate, 3
  days");
- anywhere in the text: a region of ``REGIONS``, a name before a word of region ("Lviv
  oblast") or after one ("Region Midtjylland", "provincia de Buenos Aires"), a country, and
  a part of a country's name ("Solomon" of "Solomon Islands", "Barbuda" of "Antigua and
  Barbuda").

A word after a title or a relation, or before an age, stays a person ("Mrs Limburg, 71").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from cases.deidentify.anchored import WordEndsWindow
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.trades_abroad_lists import (
    COMPASS,
    COUNTRIES_LOCAL,
    REGION_AFTER,
    REGION_BEFORE,
    REGIONS,
    ROLE_WORDS,
    TRADE_ENDINGS,
    TRADE_WORDS,
)

# A heading: up to five words of trade, then ", " or a word of place, then the place, then
# "." or ":" ("Huisarts, Overijssel.", "Fastlege i Finnmark.", "Locum, Western Province, PNG.").
_HEADING: Final = re.compile(
    r"[ \t]*(?P<trade>[^\W\d][\w'\u2019&/-]{0,30}(?:[ ][\w'\u2019&/-]{1,30}){0,4}?)"
    r"(?:,[ ]|[ ](?:i|in|på|en|em|w|v|u|at)[ ])"
    r"(?P<place>[^\W\d][^.:\n!?]{0,70}?)[.:](?=\s|$)"
)
_INSTITUTION: Final = re.compile(
    r"(?i:hospital|sykehus|sjukhus|ziekenhuis|klinik|clinic|clínica|centre|center|centro|"
    r"prison|medical|marae|hoogstraat|zorgcentrum|woonzorg|university|universit)"
)
_PERSON_BEFORE: Final = WordEndsWindow(
    "mr|mrs|ms|miss|dr|sr|sra|señor|señora|dona|doña|don|dhr|mevr|mevrouw|husband|wife|"
    "son|daughter|mother|father|mum|mom|dad|brother|sister|named|called|patient|pt"
)
_AGE_AFTER: Final = re.compile(r",?\s(?:\(?\d{1,3}\)?[,\s]|\d{1,3}\s?[MF]\b|aged\b)")
_OPENS_SENTENCE: Final = re.compile(r"(?:^|[.!?:]\s+|\n)$")
_WORD: Final = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _is_trade(words: list[str]) -> bool:
    for word in words:
        w = word.lower().strip(".,")
        if w in TRADE_WORDS or (len(w) >= 6 and w.endswith(TRADE_ENDINGS)):
            return True
    return False


def _headings(text: str) -> list[tuple[int, int, int, int]]:
    """(trade start, trade end, place start, place end) for each line a trade heads."""
    spans = []
    at = 0
    while at < len(text):
        m = _HEADING.match(text, at)
        if m and _is_trade(m.group("trade").split()):
            spans.append((m.start("trade"), m.end("trade"), m.start("place"), m.end("place")))
        nl = text.find("\n", at)
        if nl < 0:
            break
        at = nl + 1
    return spans


def _country(lex, low: str) -> bool:
    return low in COUNTRIES_LOCAL or low in lex.large_places


@lru_cache(maxsize=1)
def _country_ends() -> tuple[frozenset[str], frozenset[str]]:
    """The word-prefixes and word-suffixes of every country name of more than one word
    ("solomon", "antigua and" ...; "barbuda", "and barbuda" ...): a finding that is neither
    cannot be part of a country's name, and most are neither."""
    heads, tails = set(), set()
    for name in COUNTRIES_LOCAL | lexicon().large_places:
        parts = name.split(" ")
        for i in range(1, len(parts)):
            heads.add(" ".join(parts[:i]))
            tails.add(" ".join(parts[i:]))
    return frozenset(heads), frozenset(tails)


def _part_of_country(text: str, f: Finding, lex) -> bool:
    """ "Solomon" of "Solomon Islands", "Barbuda" of "Antigua and Barbuda"."""
    heads, tails = _country_ends()
    low = f.text.lower()
    if low in heads:
        after = _WORD.findall(text[f.end : f.end + 30])[:3]
        for n in range(1, len(after) + 1):
            if _country(lex, " ".join([low, *after[:n]]).lower()):
                return True
    if low in tails:
        before = _WORD.findall(text[max(f.start - 30, 0) : f.start])[-3:]
        for n in range(1, len(before) + 1):
            if _country(lex, " ".join([*before[-n:], low]).lower()):
                return True
    return False


def _region_word_beside(text: str, f: Finding) -> bool:
    after = _WORD.match(text, f.end + 1) if text[f.end : f.end + 1] == " " else None
    if after and after.group().islower() and after.group() in REGION_AFTER:
        return f.text.lower() in lexicon().towns  # a region named after its town
    window = text[max(f.start - 24, 0) : f.start]
    low_window = window.lower()
    if not any(word in low_window for word in REGION_BEFORE):
        return False  # no word of region before it (most findings): no need to split
    before = [w.lower() for w in _WORD.findall(window)]
    if before and before[-1] in REGION_BEFORE:
        return True
    particle = len(before) > 1 and before[-1] in ("de", "del", "do", "da")
    return particle and before[-2] in REGION_BEFORE


def _quiet(text: str, f: Finding, heads, lex) -> bool:
    low = f.text.lower().strip(".,;:")
    for trade_start, trade_end, place_start, place_end in heads:
        if trade_start <= f.start and f.end <= trade_end:
            return True
        if place_start <= f.start and f.end <= place_end:
            place = text[place_start:place_end]
            if _INSTITUTION.search(place):
                return False
            run = place.lower().strip()
            if run in REGIONS or _country(lex, run) or run.split()[0] in REGION_BEFORE:
                return True  # "Norte de Santander", "provincia de Buenos Aires"
            words = [w.lower() for w in _WORD.findall(text[place_start : f.start])]
            first = low.split()[0].split("-")[0]
            if (
                _country(lex, low)
                or low in REGIONS
                or (words and words[-1] in COMPASS)
                or first in COMPASS
                or _region_word_beside(text, f)
                or _part_of_country(text, f, lex)
            ):
                return True
    before = text[max(f.start - 14, 0) : f.start]
    if low in ROLE_WORDS and _OPENS_SENTENCE.search(before) and _AGE_AFTER.match(text, f.end):
        return True  # "Shepherd, 35M, brought down", "Neonate, 3 days"
    if _PERSON_BEFORE.search(before) or _AGE_AFTER.match(text, f.end):
        return False
    if low in REGIONS or _region_word_beside(text, f):
        return True
    if low in COUNTRIES_LOCAL or (
        low in lex.large_places and low not in lex.towns and f.kind != "EMPLOYER"
    ):
        return " " in low or f.kind == "GEO" or low in COUNTRIES_LOCAL
    return f.kind != "EMPLOYER" and f.text[:1].isupper() and _part_of_country(text, f, lex)


def quiet_trades_abroad(text: str, low: str, found: list[Finding]) -> list[Finding]:
    if not any(f.kind in PROPER_KINDS for f in found):
        return found
    lex = lexicon()
    heads = _headings(text)
    return [f for f in found if f.kind not in PROPER_KINDS or not _quiet(text, f, heads, lex)]
