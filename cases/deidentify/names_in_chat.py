"""Names in chatty and other-language notes: after a kin word of another language, after the
Tagalog person marker, in lower-case texts and ward lists (round 20).

Found:
- a name after a word of kinship or respect of another language, with its possessive
  particles between ("lolo Arturo", "apo ko si Bong-bong", "walaashay Faadumo", "bibi
  zawadi", "abuela Chela"), in either case, if no ordinary word;
- a name after the Tagalog and Cebuano person markers "si", "ni", "kay" ("kasama si Dodong");
- in lower-case texting: a first name before "frm"/"from" and a place ("kev frm wickham",
  "sione frm Ha'apai"), a name after "pt" before an age ("pt shanice (16)"), after a bed
  and before an age ("bed 6 joaquín, 52,"), after a relation before a verb of theirs
  ("hubby pete works nights", "son dom rang").

Kept quiet: a kin word or a possessive particle taken for a name ("our 91-year-old lolo",
"apo niya", "Mère: 06 ..."). Each cue is looked up in the text's word set first.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.word_set import places_of, words_of

# Words of kinship or respect before a name: Tagalog, Cebuano, Somali, Swahili, Spanish,
# French, German, Italian, Polish, Greek, Hindi and Urdu, Tamil, Yiddish.
_KIN: Final = frozenset(
    """lola lolo tita tito nanay tatay kuya manang manong inay itay apo lolay walaal
    walaalkay walaashay walaalo hooyo aabo abti habaryar baba bibi babu nyanya shangazi
    mjomba abuela abuelo nieto nieta tía tío mère père grand-mère grand-père belle-mère
    oma opa nonna nonno babcia dziadek yiayia yaya papou pappous nani dadi chacha chachi
    mausi bua amma appa paati thatha bubbe zayde""".split()
)
# Possessive and linking particles between the kin word and the name.
_PARTICLES: Final = frozenset("nya niya ko mo namin natin si ni kay ng ya wa yangu".split())
_MARKERS: Final = frozenset(("si", "ni", "kay"))
_KIN_NAME: Final = re.compile(
    r"(?i:[a-zà-ÿ-]{2,12})(?:\s(?:nya|niya|ko|mo|namin|natin|ng|yangu|ya|wa))?"
    r"(?:\s(?:si|ni|kay))?\s(?P<name>[A-Za-zÀ-ÿ][a-zà-ÿ'\u2019]{1,15}(?:-[A-Za-zà-ÿ]{2,12})?)"
    r"(?:\s(?P<last>[A-Z][a-zà-ÿ'\u2019-]{1,20}))?"
)
_MARKER_NAME: Final = re.compile(
    r"(?:si|ni|kay)\s(?P<name>[A-Z][a-zà-ÿ'\u2019]{1,15}(?:-[A-Za-zà-ÿ]{2,12})?"
    r"(?:\s[A-Z][a-zà-ÿ'\u2019-]{1,20})?)"
)
_FROM: Final = re.compile(
    r"(?<![\w'-])(?P<name>[a-z][a-z'-]{2,14})\s(?:frm|from)\s"
    r"(?P<place>[A-Za-z][a-z'\u2019-]{2,20}(?:\s[A-Z][a-z'\u2019-]{2,20})?)"
)
_FRM_PLACE: Final = re.compile(
    r"frm\s(?P<place>[A-Z][a-z'\u2019-]{2,20}(?:[\s-][A-Z][a-z'-]{2,20})?)"
)
_NOT_PLACES: Final = frozenset(
    """home work school the a an his her their there here hospital ward clinic town village
    church bed icu ed er theatre surgery nursing care rehab jail prison now then today last
    next this that""".split()
)
_PT_AGE: Final = re.compile(
    r"(?:pt|patient)\s(?P<name>[a-z][a-z'-]{2,14})\s\(?\d{1,3}\)?(?![\d.%])"
)
_BED_AGE: Final = re.compile(
    r"(?:bed|bay|cubicle|room|cot)\s\d{1,2}\s(?P<name>[a-zà-ÿ][\w'-]{2,14}),?\s\d{1,3},"
)
_RELATIVE: Final = re.compile(
    r"(?:hubby|husband|wife|son|daughter|mum|mom|dad|brother|sister|partner|bf|gf|boyfriend|"
    r"girlfriend|grandson|granddaughter|nephew|niece)\s(?P<name>[a-z]{3,12})\s(?:works|is|was|"
    r"says|said|rang|called|came|brought|lives|drove|wants|wanted|phoned|texted|visits|"
    r"visited)\b"
)
_RELATIVES: Final = frozenset(
    """hubby husband wife son daughter mum mom dad brother sister partner bf gf boyfriend
    girlfriend grandson granddaughter nephew niece""".split()
)
_NOT_NAMES: Final = frozenset("also just then now who still never always only too has had".split())


def find_names_in_chat(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()

    def name_like(word: str) -> bool:
        w = word.lower()
        return w not in lex.common_words and w not in _KIN and w not in _PARTICLES

    for kin in _KIN & words:
        for at in places_of(low, kin):
            m = _KIN_NAME.match(text, at)
            if not m or m.group(0).split()[0].lower() != kin:
                continue
            name = m.group("name")
            if name_like(name) and (name[0].isupper() or name.lower() not in lex.large_places):
                end = m.end("last") if m.group("last") and name_like(m.group("last")) else None
                _add(found, m.start("name"), end or m.end("name"), "NAME", text)
    for marker in _MARKERS & words:
        for at in places_of(text, marker):
            m = _MARKER_NAME.match(text, at)
            if m and name_like(m.group("name").split()[0]):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
    if "frm" in words or "from" in words:
        _find_from(text, low, found, lex, name_like)
    if "pt" in words or "patient" in words:
        for word in ("pt", "patient"):
            for at in places_of(low, word):
                m = _PT_AGE.match(text, at)
                if m and name_like(m.group("name")):
                    _add(found, m.start("name"), m.end("name"), "NAME", text)
    for spot in ("bed", "bay", "cubicle", "room", "cot") if "," in text else ():
        for at in places_of(low, spot) if spot in words else ():
            m = _BED_AGE.match(text, at)
            if m and name_like(m.group("name")):
                _add(found, m.start("name"), m.end("name"), "NAME", text)
    for relative in _RELATIVES & words:
        for at in places_of(text, relative):
            m = _RELATIVE.match(text, at)
            name = m.group("name") if m else ""
            if m and name in lex.first_names and name not in _NOT_NAMES:
                _add(found, m.start("name"), m.end("name"), "NAME", text)


def _find_from(text: str, low: str, found: list[Finding], lex, name_like) -> None:
    for word in ("frm", "from"):
        for at in places_of(low, word):
            head = max(at - 16, 0)
            m = _FROM.search(text, head, at + 40)
            if m and m.start(0) < at:
                name, place = m.group("name"), m.group("place").lower()
                a_name = name in lex.first_names or (word == "frm" and name_like(name))
                a_place = place not in _NOT_PLACES and (
                    word == "frm" or place not in lex.common_words
                )
                if a_name and name not in lex.common_words and a_place:
                    _add(found, m.start("name"), m.end("name"), "NAME", text)
                    _add(found, m.start("place"), m.end("place"), "GEO", text)
                    continue
            if word == "frm" and (m := _FRM_PLACE.match(text, at)):
                _add(found, m.start("place"), m.end("place"), "GEO", text)


def quiet_kin_words(text: str, low: str, found: list[Finding]) -> list[Finding]:
    """A kin word or a particle (and an age before it) is no name."""
    if not (_KIN | _PARTICLES) & words_of(low):
        return found

    def kin_only(f: Finding) -> bool:
        parts = [w.strip(",.:;").lower() for w in f.text.split()]
        if not parts or not all(
            w in _KIN or w in _PARTICLES or w.endswith("-year-old") for w in parts
        ):
            return False
        # "Tito" alone may be a man's name: a lone capitalised kin word only before a colon
        return len(parts) > 1 or f.text[0].islower() or text[f.end : f.end + 1] == ":"

    return [f for f in found if f.kind != "NAME" or not kin_only(f)]
