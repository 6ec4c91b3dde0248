"""Named areas and hospitals by their short names, after a word of place.

- Moors, heaths, dales, parks and commons, written as one word or with their noun: "walkers
  on Dartmoor", "a fall on Ilkley Moor", "found in Epping Forest". Towns are in names.py; these
  are the places no town list holds.
- A district named by two words joined by "and" after "near", "off", "opposite"... ("near
  Kentish and Camden"), or after "in", "at", "from" when no eponym noun follows ("Crohn and
  Colitis" stays quiet: a sign, a disease or a score after it makes the pair an eponym).
- Hospitals by their short names after a word of place or work: "Royal X" ("a registrar at
  Royal Preston") and "X General" ("transferred to Leeds General").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored
from cases.deidentify.cues import place_cue, section_word, words_before
from cases.deidentify.eponyms import eponym_after
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import DEMONYMS, PEOPLES
from cases.deidentify.patterns import CAP_WORD

_LOCATIVE: Final = r"(?:on|across|over|near|around|in|at|from|off|onto|crossing|walking|hiking)"
# One word that ends in its landform ("Dartmoor", "Wensleydale", "Blackheath"), or any name
# followed by its noun ("Ilkley Moor", "Wimbledon Common", "Cannock Chase").
AREA: Final = anchored(
    rf"(?=[oanifcwh])\b{_LOCATIVE}\s(?:the\s)?(?P<name>"
    r"[A-Z][a-z]{1,16}(?:moor|heath|dale|fell|wold|wolds|downs|marsh|moss|forest)\b"
    rf"|{CAP_WORD}(?:\s{CAP_WORD})?\s(?:Moor|Heath|Common|Park|Forest|Fell|Fells|Hills|Downs|"
    r"Marshes|Marsh|Moss|Dale|Vale|Valley|Chase|Beacon|Pike|Estate|Rye|Green|Fields)\b)"
)
# A named water or hill: "Lake Tuscaloosa", "Loch Lomond", "Mount Kenya", "River Wear".
WATER_OR_HILL: Final = anchored(
    rf"(?=[LMR])\b(?P<name>(?:Lake|Loch|Lough|Mount|Mt\.?|River)\s{CAP_WORD}(?:\s{CAP_WORD})?)"
    r"(?!\s(?:Sinai|Hospital|Medical|Clinic|Health|virus|fever|disease)\b)"
)
# Chains whose branch is where something happened: "in the doorway of Boots", "a fall in
# Morrisons", "outside Greggs". The town is in names.py; the shop narrows it to a street.
CHAINS: Final = (
    r"Boots|Superdrug|Tesco(?: Extra| Express)?|Sainsbury['\u2019]?s|Asda|Morrisons|Aldi|Lidl|"
    r"Waitrose|Co-op|Greggs|Costa|Starbucks|McDonald['\u2019]?s|KFC|Primark|Poundland|Wilko|"
    r"Halfords|B&Q|Wickes|Argos|Currys|Specsavers|Vision Express|mydentist|Wetherspoons|Spoons|"
    r"Walmart|Walgreens|CVS|Kroger|Costco|Safeway|Woolworths|Coles|Bunnings|Kmart|"
    r"Chemist Warehouse|Dunnes|Penneys|SuperValu|Centra|Spar|Londis|Travelodge|Holiday Inn|"
    r"Pret|Nando['\u2019]?s|IKEA|Ikea|JD Sports|Sports Direct|Matalan|Homebase|Screwfix|"
    r"Butlins|Center Parcs|Pontins|Haven"
)
_CHAIN_BRANCH_FULL: Final = re.compile(
    # "\b(?:at|in|inside|...|by)", opening on the first letter so the engine skips to it.
    r"[aiobnft](?<!\w[aiobnft])(?:(?<=a)t|(?<=i)(?:n|nside)|(?<=o)utside|(?<=n)ear|(?<=o)f"
    r"|(?<=f)rom|(?<=b)ehind|(?<=o)pposite|(?<=i)nto|(?<=t)o|(?<=b)y)\s(?:the\s|a\s)?"
    rf"(?P<name>(?:{CHAINS}))(?![\w'\u2019&-])"
    rf"(?:\son\s(?:the\s)?(?P<street>{CAP_WORD}(?:\s{CAP_WORD})?))?"  # "Boots on Briggate"
)
# The chain's name first, the word of place tried only in the 16 characters before it.
CHAIN_BRANCH: Final = ByKeyword(_CHAIN_BRANCH_FULL, f"(?:{CHAINS})", 16, "[aiobnft]")
# Words after which "X and Y" is a district, not a list: "near", "off", "opposite".
# ("by" is not one: "described by Dandy and Walker" cites two authors.)
PAIR_CUE: Final = re.compile(
    r"\b(?:(?:near|off|opposite|outside|behind|around)|(?P<weak>in|at|from|to))\s$"
)
# The pair opens on its capital (rarer than the first letters of its cues), and the cue is
# read before it afterwards. No possessive: "in Kaplan's and Tintinalli's" are books.
_PAIR_AREA_ANCHORED: Final = anchored(
    r"(?=[A-Z])(?<![\w'\u2019-])(?P<name>[A-Z][a-z]{1,20}\sand\s[A-Z][a-z]{1,20})"
    r"(?=[\s,.;:)]|$)"
)
PAIR_AREA: Final = ByKeyword(_PAIR_AREA_ANCHORED.full, r"\sand\s[A-Z]", 30, "[A-Z]")  # "and" first
_SHORT_HOSPITAL_ANCHORED: Final = anchored(
    rf"(?=[RA-Z])(?P<name>Royal\s(?P<town>{CAP_WORD})(?:\s{CAP_WORD})?"
    rf"|(?P<place>{CAP_WORD})\sGeneral)\b(?!\s(?:Medicine|Surgery|Practice|Practitioner|"
    r"Medical|Hospital|Infirmary|Assembly|Council|Secretary|Manager|Election|Anaesthesia|"
    r"Paediatrics|Pediatrics|College|Society|Academy|Navy|Air|Mail|Marines|Family|Commission))"
)
SHORT_HOSPITAL: Final = ByKeyword(_SHORT_HOSPITAL_ANCHORED.full, "(?:Royal|General)", 30, "[A-Z]")
# The second word of "Royal X" that makes it no hospital: learned bodies and services.
_NOT_HOSPITAL: Final = frozenset(
    "college colleges society academy navy air mail marines family commission institution "
    "court courts highness household mint opera ballet albert".split()
)
_WORK_WORDS: Final = frozenset(
    "junior registrar consultant nurse doctor fy1 fy2 sho reg sister physio works worked "
    "working trainee student rotation job post based placement locum".split()
)


# A text holds one of these before the area pattern is run over it (most fields hold none).
_WATER_OR_HILL_WORDS: Final = (
    "Lake",
    "Loch",
    "Lough",
    "Mount",
    "Mt",
    "River",
)  # one in every match
_AREA_HINTS: Final = (
    "moor heath dale fell wold downs marsh moss forest common park hills vale valley chase "
    "beacon pike estate rye green fields"
).split()


def _people(word: str) -> bool:
    """A people or its members: "Armenians", "Sephardic", "Yoruba"."""
    low = word.lower()
    return any(w in DEMONYMS or w in PEOPLES for w in (low, low.removesuffix("s")))


def find_landmarks(text: str, found: list[Finding]) -> None:
    lex = lexicon()
    low = text.lower()
    for m in AREA.finditer(text) if any(hint in low for hint in _AREA_HINTS) else ():
        name = m.group("name")
        if name.lower() in lex.large_places or eponym_after(text, m.end("name")):
            continue
        _add(found, m.start("name"), m.end("name"), "GEO", text)
    for m in CHAIN_BRANCH.finditer(text):
        _add(found, m.start("name"), m.end("name"), "GEO", text)
        if m.group("street"):
            _add(found, m.start("street"), m.end("street"), "GEO", text)
    for m in WATER_OR_HILL.finditer(text) if any(w in text for w in _WATER_OR_HILL_WORDS) else ():
        if m.group("name").lower() not in lex.large_places and not eponym_after(text, m.end()):
            _add(found, m.start("name"), m.end("name"), "GEO", text)
    if " and " in text:
        for m in PAIR_AREA.finditer(text):
            cue = PAIR_CUE.search(text, max(m.start() - 10, 0), m.start())
            if not cue:
                continue
            end = m.end("name")
            words = m.group("name").split()
            weak = cue.group("weak")
            if weak and (eponym_after(text, end) or words[0].lower() in lex.last_names):
                continue  # "in Crohn and Colitis", "from Smith and Jones (2019)"
            pair = (words[0], words[2])
            if any(w.lower() in lex.large_places or section_word(w) or _people(w) for w in pair):
                continue  # "in England and Wales", "in Trauma and Orthopaedics", "in Armenians"
            if weak and all(w.lower() in lex.common_words for w in pair):
                continue  # "seen in Accident and Emergency", "in Arts and Crafts"
            if eponym_after(text, end):
                continue
            _add(found, m.start("name"), end, "GEO", text)
    if "Royal" in text or "General" in text:
        for m in SHORT_HOSPITAL.finditer(text):
            if m.group("town") and m.group("town").lower() in _NOT_HOSPITAL:
                continue
            place = m.group("place")
            if place and (place.lower() in lex.common_words or place.isupper()):
                continue  # "Attorney General", "Surgeon General", "GMC General"
            cue_words = words_before(text, m.start())
            town = m.group("town")
            known = bool(town) and town.lower() in lex.towns
            heading = text.startswith(":", m.end("name"))  # "ED note, Royal Derby: ..."
            if not (place_cue(cue_words) or (set(cue_words) & _WORK_WORDS) or (known and heading)):
                continue
            _add(found, m.start("name"), m.end("name"), "GEO", text)
