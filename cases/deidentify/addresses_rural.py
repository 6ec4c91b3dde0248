"""Rural and unusual addresses, and the towns and postcodes beside them, that the street
patterns of places.py do not read:

- rural delivery routes: "HC 64 Box 120" (a US highway contract route), "RD 3, Te Awamutu"
  (New Zealand), "Concession 6", "Range Road 24" (Canadian survey roads), "BIA Route 2";
- kilometre markers on a numbered road: "km 212 of Highway 16", "Km 17 Carretera Federal 200";
- the town before a state and its ZIP or a province and its postcode ("Crow Agency MT 59022");
- the lines before a postcode, each a few capitalised words ("The Old Rectory, Little
  Snoring, NR21 0HX");
- a postcode right after a town the lexicon knows, in the shapes of the Netherlands ("3131
  AB"), Japan ("998-0044") and Singapore ("600221"), and that town.

A bare number after a word is usually a score or a dose ("Braden 14"), so each rule needs
the route's word, a road's word, a state's code or a known town beside the number.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword
from cases.deidentify.beside import _ordinary
from cases.deidentify.cues import UPPER, section_word
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.patterns import CAP_WORD, US_STATE_CODES

ROUTE: Final = re.compile(
    r"(?:HC|HCR|Star Route)\s?\d{1,3},?\s(?:Box|box)\s\d{1,5}\b"
    r"|RD\s?\d{1,2}(?=,\s[A-Z][a-z])"
    r"|(?:County\s|State\s)?Route\s\d{1,4}\b"
    r"|(?:Concession|Conc\.|Sideroad|Side Road|Range Road|Rge Rd|Township Road|Twp Rd)\s\d{1,3}"
    r"(?:\s(?:Road|Rd|Line))?\b"
)
_ROAD: Final = (
    r"(?:(?:(?:State\s)?Highway|Hwy|Route|Rte|Carretera|Autopista|Autoroute|Rodovia|Ruta|"
    r"Federal|Nacional|National|SH)\s){1,3}[A-Z]{0,3}-?\d{1,4}\b"
    r"|[A-Z]{1,3}-?\d{1,4}\b"
)
KM_MARKER: Final = re.compile(
    rf"[Kk]m\.?\s?\d{{1,4}}(?:[.,]\d{{1,3}})?(?:\s(?:of|on|along)(?:\sthe)?)?\s(?:{_ROAD})"
)
_REGION_CODES: Final = rf"(?:{US_STATE_CODES}|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)"
_TOWN_BEFORE_CODE_FULL: Final = re.compile(
    rf"(?P<town>{CAP_WORD}(?:\s{CAP_WORD}){{0,2}}),?\s{_REGION_CODES}\s"
    r"(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
)
# The region's code and the code's first part first (a scan that skips to capitals and
# tries two letters there), the town tried only at the capitals up to 70 characters before.
TOWN_BEFORE_CODE: Final = ByKeyword(
    _TOWN_BEFORE_CODE_FULL, rf"{_REGION_CODES}\s(?:\d{{5}}|[A-Z]\d[A-Z])", 70, f"[{UPPER}]"
)
# Capitalised address lines, each ended by a comma, right before a postcode.
_LINE: Final = (
    rf"(?:(?:The|the)\s)?{CAP_WORD}(?:\s(?:{CAP_WORD}|on|upon|in|under|by|the|de|le)){{0,3}}"
)
LINES_BEFORE: Final = re.compile(rf"(?<![\w'\u2019-])(?:{_LINE},\s){{1,3}}$")
CODE_AFTER_TOWN: Final = re.compile(
    rf"(?P<town>{CAP_WORD})(?:,\s|\s)(?P<code>\d{{4}}\s?[A-Z]{{2}}|\d{{3}}-\d{{4}}|"
    r"(?<=Singapore\s)\d{6})(?![\w-])"
)
# Most fields hold neither shape: the passes that read a town before it are skipped.
_REGION_HINT: Final = re.compile(r"[A-Z]{2}\s(?:\d{5}|[A-Z]\d[A-Z])")
_CODE_HINT: Final = re.compile(r"\d(?:\d{3}\s?[A-Z]{2}|\d{2}-\d{4}|\d{5})(?![\w-])")
_NOT_DUTCH_LETTERS: Final = frozenset("BP HR RR CT MR GP ED OR IV IM PO SC NG AM PM UK US".split())


def find_rural_addresses(text: str, found: list[Finding]) -> None:
    """Add rural routes, kilometre markers, towns before a region's code, address lines
    before a postcode and postcodes after a known town (see above)."""
    lex = lexicon()
    for needle in (
        "HC",
        "Route",
        "RD",
        "Conc",
        "Side",
        "Range Road",
        "Rge Rd",
        "Township",
        "Twp",
    ):
        at = text.find(needle)
        while at != -1:
            m = ROUTE.match(text, at) if at == 0 or not text[at - 1].isalnum() else None
            if m:
                _add(found, m.start(), m.end(), "GEO", text)
            at = text.find(needle, at + 1)
    for at in _finds(text, ("km", "Km", "KM")):
        if at and text[at - 1].isalnum():
            continue
        if m := KM_MARKER.match(text, at):
            _add(found, m.start(), m.end(), "GEO", text)
    for m in TOWN_BEFORE_CODE.finditer(text) if _REGION_HINT.search(text) else ():
        town = m.group("town")
        if not any(section_word(w) for w in town.split()) and town.lower() not in lex.large_places:
            _add(found, m.start("town"), m.end("town"), "GEO", text)
    for f in [f for f in found if f.kind == "ZIP" and not f.text.isdigit()]:
        m = LINES_BEFORE.search(text, max(f.start - 120, 0), f.start)
        if m and not all(section_word(w) for w in m.group(0).replace(",", " ").split()):
            _add(found, m.start(), m.end() - 2, "GEO", text)  # "The Old Rectory, Little Snoring"
    for m in CODE_AFTER_TOWN.finditer(text) if _CODE_HINT.search(text) else ():
        town, code = m.group("town"), m.group("code")
        known = town == "Singapore" or (town.lower() in lex.towns and not _ordinary(town))
        if not known or code[-2:] in _NOT_DUTCH_LETTERS:
            continue
        if town != "Singapore":
            _add(found, m.start("town"), m.end("town"), "GEO", text)
        _add(found, m.start("code"), m.end("code"), "ZIP", text)


def _finds(hay: str, needles: tuple[str, ...]):
    for needle in needles:
        at = hay.find(needle)
        while at != -1:
            yield at
            at = hay.find(needle, at + 1)
