"""Places named by one or two ordinary words, known by the cue around them (round 18).

"Old Crow, Yukon", "Clinic note, Tsilitwa, Eastern Cape", "lives Drumcondra, D09 K2X3",
"lives camara de lobos, madeira", "fishes out of Rossaveal", "the abattoir in Beenleigh",
"works at The Granites", "outside The Red Lion", "sells pepper at Mile 12", "the camp at
Estación 5", "Rankin Inlet health centre": a village, a suburb, a market, a pub or a camp
whose name is made of ordinary words ("Crow", "Mile", "Inlet") or that no list knows. The
cues:

- one to three capitalised words before a comma and a state or province ("Old Crow, Yukon");
- "lives" with no preposition ("lives Drumcondra"), and in lower case only a name with a
  particle ("lives camara de lobos");
- "out of" a place; a workplace noun and "in", "at", "near" ("the abattoir in Beenleigh");
- a capitalised "The" inside a sentence after at, outside, near, from, to ("at The Granites");
- a place word and a number after "at", "near", "from" ("at Mile 12", "at Camp 4"); any
  other word with a number is as often a thing ("Grade 3", "Covid 19");
- a name no list knows before "health centre", "health post" or "dispensary" (a nursing
  station is named after its community as often as not: left out);
- a congregation by its denomination ("at Greater New Hope Missionary Baptist");
- an Irish Eircode ("D09 K2X3").

Look-alikes kept quiet: "at Grade 3", "in The Lancet", "out of Hours", "out of ICU", "ran out
of Madopar", "the Diabetes clinic".

Every cue is found by ``str.find`` or a pattern that opens on a rare character, and a window
is read after it.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import (
    DEMONYMS,
    PEOPLES,
    TEXTBOOKS,
    heading_specialty,
    medical_word,
)
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS
from cases.deidentify.word_set import places_of, words_of

_CAP: Final = r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'\u2019-]{1,20}"
_PLACE: Final = rf"(?P<place>{_CAP}(?:\s{_CAP}){{0,2}})"
# "Old Crow, Yukon": the state after a comma is read first, the words before it after.
STATE_AFTER: Final = re.compile(rf"{_CAP}(?:\s{_CAP})?")
PLACE_BEFORE: Final = re.compile(rf"(?:^|(?<=[,:;(]\s)|(?<=\n)){_PLACE}$")
LIVES: Final = re.compile(
    rf"[Ll]ives\s(?:{_PLACE}(?=[,.;]|\s(?:and|with|but)\b)"
    r"|(?P<low>[a-z\u00e0-\u00ff]{3,15}\s(?:de|da|do|del|dos|das|la|los|las)\s"
    r"[a-z\u00e0-\u00ff]{3,15})(?=,))"
)
OUT_OF: Final = re.compile(rf"out\sof\s{_PLACE}(?![\w-])")
# "ran out of Madopar": a medicine, not a place.
_RAN_OUT: Final = ("ran ", "run ", "runs ", "running ", "came ", "walked ")
_WORKPLACES: Final = (
    r"abattoir|mine|farm|plant|factory|camp|mill|quarry|depot|warehouse|port|harbour|"
    r"harbor|station|market|cannery|sawmill|refinery|smelter|dairy|orchard|vineyard|estate"
)
_WORKPLACE_WORDS: Final = frozenset(_WORKPLACES.split("|"))
WORKPLACE_IN: Final = re.compile(rf"\w+\s(?:in|at|near|outside)\s{_PLACE}(?![\w-])")
THE_PLACE: Final = re.compile(
    rf"\b(?:at|outside|near|from|to|behind|opposite)\s(?P<place>The\s{_CAP}(?:\s{_CAP}){{0,2}})"
    r"(?![\w-])"
)
# "at Mile 12": the word and the number first (a capital the engine skips to), the word
# before them after.
WORD_NUMBER: Final = re.compile(rf"{_CAP}\s\d{{1,3}}\b(?![.,/:]\d|\s?(?:%|mg|kg|km|m)\b)")
_NUMBER_CUES: Final = (" at ", " near ", " from ", " in ", " to ")
_DENOMINATIONS: Final = frozenset(
    "baptist methodist pentecostal presbyterian lutheran episcopal adventist apostolic "
    "evangelical tabernacle".split()
)
# Words of a place's name after a first one: "Rankin Inlet", "Cape Dorset Bay".
_GEO_WORDS: Final = frozenset(
    "Inlet Bay River Creek Falls Hill Hills Point Island Lake Springs Valley Downs Crossing "
    "Harbour Harbor Flats Station Mission Village Town".split()
)
# Ordinary words that head a place with a number: "Mile 12", "Estación 5", "Camp 4".
_PLACE_HEADS: Final = frozenset(
    "mile km kilometre kilometer kilómetro kilometro estación estacion camp pier dock berth "
    "junction".split()
)
CARE_SITE: Final = re.compile(rf"{_PLACE}\s(?:health\s(?:centre|center|post|clinic)|dispensary)\b")
# A congregation by its denomination: "at Greater New Hope Missionary Baptist".
CHURCH: Final = re.compile(
    rf"(?:at|to|from|attends|attended|of)\s(?P<place>(?:{_CAP}\s){{1,4}}"
    r"(?:Baptist|Methodist|Pentecostal|Presbyterian|Lutheran|Episcopal|Adventist|AME|"
    r"Apostolic|Evangelical|Tabernacle|Assemblies of God))\b"
)
EIRCODE: Final = re.compile(
    r"[AC-FHKNPRTV-Y](?<![\w-][AC-FHKNPRTV-Y])(?:\d{2}|(?<=D)6W)\s?[0-9AC-FHKNPRTV-Y]{4}\b"
)
_NOT_PLACES: Final = frozenset(
    """the a an hours hour work home hospital icu hdu er ed theatre resus recovery lancet times
    guardian economist telegraph nejm bmj jama antenatal postnatal prenatal perinatal maternal
    paediatric pediatric dental mental sexual reproductive community primary rural urban
    district tribal school occupational public family womens women's men's youth student""".split()
)


def _place_words(words: list[str]) -> bool:
    """Capitalised words a place may be made of: not a medicine, a specialty or initials."""
    return not any(
        w.lower() in _NOT_PLACES
        or w.upper() in CLINICAL_INITIALISMS
        or medical_word(w)
        or heading_specialty(w)
        or w.lower() in TEXTBOOKS
        for w in words
    )


def _finds(low: str, cue: str):
    """Each place of ``cue``; a cue that opens on a letter must not continue a word ("lives",
    not "olives")."""
    word = cue[0].isalpha()
    at = low.find(cue)
    while at >= 0:
        if not (word and at and low[at - 1].isalpha()):
            yield at
        at = low.find(cue, at + 1)


def find_cued_places(text: str, low: str, found: list[Finding]) -> None:
    lex = lexicon()

    def add(m: re.Match, group: str = "place") -> None:
        _add(found, m.start(group), m.end(group), "GEO", text)

    for comma in _finds(text, ", "):
        if not text[comma + 2 : comma + 3].isupper():
            continue  # most commas: a lower-case word or a number follows
        state = STATE_AFTER.match(text, comma + 2)
        names = state.group(0).split() if state else ()
        if not names or not (
            " ".join(names).lower() in lex.large_places or names[0].lower() in lex.large_places
        ):
            continue
        m = PLACE_BEFORE.search(text, max(comma - 64, 0), comma)
        if (
            m
            and m.group("place").lower() not in lex.large_places
            and _place_words(m.group("place").split())
        ):
            add(m)
    for at in _finds(low, "lives "):
        if m := LIVES.match(text, at):
            group = "place" if m.group("place") else "low"
            if group == "low" or _place_words(m.group("place").split()):
                add(m, group)
    for at in _finds(low, "out of "):
        m = OUT_OF.match(text, at)
        if m and _place_words(m.group("place").split()) and not low.endswith(_RAN_OUT, 0, at):
            add(m)
    for word in _WORKPLACE_WORDS & words_of(low):
        for at in places_of(low, word):
            m = WORKPLACE_IN.match(text, at)
            if m and _place_words(m.group("place").split()):
                add(m)
    for at in _finds(text, " The "):
        m = THE_PLACE.search(text, max(at - 9, 0), at + 64)
        if m and m.start("place") == at + 1 and _place_words(m.group("place").split()[1:]):
            add(m)
    for m in WORD_NUMBER.finditer(text) if _PLACE_HEADS & words_of(low) else ():
        if m.group(0).split()[0].lower() in _PLACE_HEADS and text.endswith(
            _NUMBER_CUES, 0, m.start()
        ):
            _add(found, m.start(), m.end(), "GEO", text)
    for cue in ("health ", "dispensary"):
        for at in _finds(low, cue):
            m = CARE_SITE.search(text, max(at - 64, 0), at + 24)
            words = m.group("place").split() if m else ()
            if (
                words
                and _place_words(words)
                and all(w.lower() not in lex.common_words or w in _GEO_WORDS for w in words[1:])
                and words[0].lower() not in lex.common_words
                and not any(w.lower() in PEOPLES or w.lower() in DEMONYMS for w in words)
            ):
                assert m is not None  # the words are read only from a match
                add(m)
    for word in _DENOMINATIONS & words_of(low):
        for at in places_of(low, word):
            m = CHURCH.search(text, max(at - 90, 0), at + len(word) + 12)
            if m and m.end("place") >= at + len(word):
                add(m)
    for m in EIRCODE.finditer(text):
        code = m.group(0)
        if any(ch.isdigit() for ch in code[-4:]) and any(ch.isalpha() for ch in code[-4:]):
            _add(found, m.start(), m.end(), "ZIP", text)
