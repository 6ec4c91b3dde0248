"""Identifiers in the shapes of notes from abroad and of settings the other passes rarely see
(round 10 of issue 18):

- dates with a Roman-numeral month ("12-VIII-1962", "5.XI.2025", "admitted 3 XI"), dotted
  dates with spaces ("3. 11. 2025"), a day before a month in capitals ("0400Z 12 NOV"), a
  weekday before a day and month ("Thu 6/11", "lunes 3/11"), a week of a month ("the first
  week of March") and a day of the Hebrew, Islamic, Persian or Ethiopian calendar
  ("15 Tishrei");
- plates and aircraft marks straight after the vehicle ("ambulance NMA-112", "helicopter
  LN-OLA", "bike UEX 532K");
- accession numbers of pathology ("Histopathology S26-04417");
- an age over 89 said of a person ("he is 94 and");
- addresses in local shapes: Nordic and Central European streets with their number
  ("Storgata 12B"), Polish "ul." streets, Korean roads ("Teheran-ro 152"), Japanese blocks,
  wards and postcodes ("2-14-3 Nishi-Shinjuku", "Shinjuku-ku", "〒160-0023"), numbered urban
  districts ("Quận 3", "Kebele 03"), a block of a camp ("camp, block C-7"), a village named
  after its noun ("village Natabua"), a health centre named before its Nordic noun
  ("Gottsunda vårdcentral") and a place after a clinic in a note's heading ("Falls clinic,
  Eidsvoll:");
- a call sign ("call sign Viper 2-1");
- a name after "nickname" or "aka", and a first name of two known first names joined by a
  hyphen ("Ole-Gunnar").

Every pattern opens on a character class or runs only when a cheap substring test finds its
word, and reads a bounded window.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored
from cases.deidentify.cues import CALENDAR, TITLES
from cases.deidentify.eponyms import eponym_after
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import named_in_medicine

# --- dates ------------------------------------------------------------------------------

_ROMAN: Final = r"(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)"
# "12-VIII-1962", "5.XI.2025", "3/XI/2025", "3 XI": a day, a month in Roman numerals, a year.
# A bare "3 XI" is a date only after a word of an event ("admitted 3 XI").
_ROMAN_EVENT_BEFORE: Final = re.compile(
    r"\b(?i:admitted|discharged|operated|born|died|seen|dated|on|from|until|since|dob|"
    r"reviewed|referred|transferred|delivered|injured|surgery)\.?:?\s$"
)
# "3. 11. 2025": a day, a month and a year, each dotted and spaced as Czech and Slovak write it.
# "12 NOV", "0400Z 12 NOV 25": a day and a month in capitals, as military and lab logs print.
# "Thu 6/11", "lunes 3/11", "Friday 14.3": a day and month after its weekday.
_WEEKDAY_BEFORE: Final = re.compile(
    r"(?<![\w-])(?i:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|"
    r"sabado|domingo|segunda|terça|quarta|quinta|sexta|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?\s$"
)
_MONTH_NAMES: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
# "the first week of March", "the last weekend in June".
WEEK_OF_MONTH: Final = re.compile(
    r"\b(?:the\s)?(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s"
    r"(?:week|weekend|fortnight)\s(?:of|in)\s" + _MONTH_NAMES.lower() + r"\b"
)
_WEEK_HINTS: Final = (
    "week of",
    "week in",
    "weekend of",
    "weekend in",
    "fortnight of",
    "fortnight in",
)
# A day of another calendar's month: "15 Tishrei", "3 Muharram", "12 Farvardin", "Meskerem 5".
_OTHER_MONTHS: Final = (
    r"(?:Tishrei|Tishri|Cheshvan|Heshvan|Marcheshvan|Kislev|Tevet|Shevat|Adar|Nisan|Iyar|Sivan|"
    r"Tammuz|Elul|Muharram|Safar|Rabi[\u2019']?\s?(?:al|ul)[- ](?:Awwal|Thani|Akhir)|"
    r"Jumada\s(?:al|ul)[- ](?:Awwal|Ula|Thani|Akhirah)|Rajab|Sha[\u2019']?ban|Shawwal|"
    r"Dhu\s?al[- ]Qi?[\u2019']?dah|Dhu\s?al[- ]Hijj?ah|Farvardin|Ordibehesht|Khordad|Mordad|"
    r"Shahrivar|Mehr|Aban|Azar|Bahman|Esfand|Meskerem|Tikimt|Tikemet|Hidar|Hedar|Tahsas|"
    r"Yekatit|Megabit|Miyazya|Ginbot|Genbot|Sene|Hamle|Nehase|Pagume)"
)

# One pass over the digits for every shape above that opens on a day, and for Japanese blocks
# and ages: at each digit the alternatives fail on the next character or two.
DIGIT_SHAPES: Final = re.compile(
    r"\d(?<![\w/.,:-]\d)(?:"
    rf"(?P<roman>\d?(?P<sep>\.\s?|/|-|\s){_ROMAN}(?![\w])"
    r"(?P<year>(?:\.\s?|/|-|\s)(?:19|20)?\d\d(?![\w/-]|\.\d))?)"
    r"|(?P<spaced>\d?\.\s(?:1[0-2]|0?[1-9])\.\s(?:19|20)\d\d\b)"
    r"|(?P<upper>\d?\s(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)(?![\w-])"
    r"(?:\s(?:19|20)?\d\d\b)?)"
    r"|(?P<slash>\d?[/.](?:1[0-2]|0?[1-9])(?![\w/]|[.,]\d))"
    rf"|(?P<cal>\d?(?:st|nd|rd|th)?\s{_OTHER_MONTHS}\b)"
    r"|(?P<block>\d?-\d{1,2}-\d{1,3}\s[A-Z][a-z\u014d]{1,20}(?:-[A-Z][a-z\u014d]{1,20})?\b)"
    r"|(?P<age>(?<=9)\d\b(?![.,]\d)|(?<=1)[01]\d\b(?![.,]\d)))"
)

# --- vehicles ---------------------------------------------------------------------------

# "ambulance NMA-112", "bike UEX 532K", "snowmobile BN 4471", "rego KPL442": a plate right
# after the vehicle. Aircraft marks ("LN-OLA", "VH-FVL") after an aircraft need no digit.
# The plate is found first (it opens on a capital or a digit and fails on the next few
# characters), the vehicle read in the window before it.
PLATE: Final = re.compile(
    r"[A-Z](?<![\w-][A-Z])[A-Z]{0,2}(?:[\s-]?\d{3,5}[A-Z]{0,2}|-\d{2,4}|\s\d{3}\s?[A-Z]"
    r"|(?P<mark>-[A-Z]{3,4}))(?![\w-])"
)
VEHICLE_BEFORE: Final = re.compile(
    r"\b(?P<vehicle>ambulance|helicopter|chopper|aircraft|plane|jet|snowmobile|skidoo|quad|"
    r"motorbike|bike|motorcycle|scooter|moped|boda|okada|van|lorry|truck|ute|taxi|cab|car|bus|"
    r"minibus|tractor|boat|trailer|rego|reg)\s$"
)
_AIRCRAFT: Final = ("helicopter", "chopper", "aircraft", "plane", "jet", "ambulance")

# --- numbers ----------------------------------------------------------------------------

# "Histopathology S26-04417", "specimen H25-1883": a laboratory accession number.
ACCESSION: Final = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{0,2}\d{2}[-/]\d{3,7}(?![\w-])")
_ACCESSION_BEFORE: Final = re.compile(
    r"(?i:histopathology|histology|pathology|cytology|specimen|biopsy|accession|acc\.?\s?no|"
    r"lab\sno|frozen\ssection|report)\.?\s?[:#]?\s?$"
)

# --- ages -------------------------------------------------------------------------------

# "He is 94 and still drives", "she was 96 when": an age said of a person.
_AGE_SUBJECT_BEFORE: Final = re.compile(
    r"(?<![\w-])(?i:he|she|who|they|mum|mom|dad|father|mother|grandma|grandpa|grandmother|"
    r"grandfather)(?:\s(?:is|was|turned|turns|will\sbe)|['\u2019]s)\s(?:now\s|only\s|just\s)?$"
)
_AGE_SAID_AFTER: Final = re.compile(
    r"[,.;:)!]|\s*$|\s(?:and|but|now|today|this|next|last|years?|yrs|yo|in|when|so|with|yet)\b"
)

# --- places -----------------------------------------------------------------------------

_U: Final = "A-ZÆØÅÄÖÜÉÞÐŁŚŻŹĆČŠŽ"
_L: Final = "a-zæøåäöüéèáíóúýðþłśżźćčšžěřůőűñç"
# "Storgata 12B", "Kirkevej 4", "Hauptstraße 12", "Mannerheimintie 5": a street named with its
# own noun of street, then its number.
NORDIC_STREET: Final = re.compile(
    rf"[{_U}](?<![\w-].)[{_L}]{{1,24}}(?:gata|gatan|gade|vej|vejen|vegen|veien|"
    r"vägen|väg|stræde|straede|stien|allé|plass|plads|torget|torv|katu|kuja|"
    r"straße|strasse|gasse|weg|laan|straat|gracht|steeg|utca|ulica|iela|gatvė|tänav)"
    rf"\s\d{{1,4}}\s?[A-Za-z]?(?:,?\s\d\.?\s?(?:tv|th|mf|sal)\.?)?(?![\w])"
)
_STREET_HINTS: Final = (
    "gata", "gade", "vej", "veien", "vegen", "väg", "stræde", "straede", "stien", "allé",
    "plass", "plads", "torget", "torv", "katu", "kuja", "straße", "strasse", "gasse", "weg ",
    "laan ", "straat", "gracht", "steeg", "utca", "ulica", "iela", "gatvė", "tänav",
)  # fmt: skip
# "ul. Grochowska", "al. Jerozolimskie 44", "pl. Wolności 3": Polish streets after their
# abbreviation.
_POLISH_STREET_FULL: Final = re.compile(
    rf"(?<![\w.])(?:ul|al|pl|os)\.\s?[{_U}][{_L}-]{{2,25}}(?:\s[{_U}][{_L}-]{{2,25}})?"
    r"(?:\s\d{1,4}[a-zA-Z]?(?:/\d{1,4})?)?"
)
# Found from the dot after "ul", "al", "pl" or "os" before a capital (the hints let "et al."
# through): the engine skips to each dot, not to each position of the field.
POLISH_STREET: Final = ByKeyword(_POLISH_STREET_FULL, rf"\.(?<=[ls]\.)\s?[{_U}]", 3, "[uapo]")
# "Teheran-ro 152", "Sejong-daero 110", "Insadong-gil 12": Korean road names and numbers.
KOREAN_ROAD: Final = re.compile(
    r"[A-Z](?<![\w-][A-Z])[a-z]{1,20}(?:-[a-z]{1,10})?-(?:ro|gil|daero)(?:\s\d{1,3}(?:beon)?-?gil)?"
    r"\s\d{1,4}(?:-\d{1,4})?\b"
)
# "2-14-3 Nishi-Shinjuku", "Shinjuku-ku", "Chiba-shi", "〒160-0023": Japanese blocks, wards,
# cities and postcodes.
JAPANESE_WARD: Final = re.compile(
    r"[A-Z](?<![\w-][A-Z])[a-zō]{2,20}(?:-[A-Z][a-zō]{2,20})?-(?:ku|shi|machi|ch\u014d|cho|gun|"
    r"mura)\b(?!-)"
)
JAPANESE_POSTCODE: Final = re.compile(r"\u3012\s?\d{3}-\d{4}")
# "Quận 3", "Phường 12", "Kebele 03", "Woreda 5", "Purok 4": a numbered district of a city.
NUMBERED_DISTRICT: Final = re.compile(
    r"[QPKW](?<![\w-].)(?:(?<=Q)uận|(?<=P)hường|(?<=K)ebele|(?<=W)oreda|(?<=P)urok)\s\d{1,3}\b"
)
# "Kutupalong camp, block C-7": a block of a camp.
CAMP_BLOCK: Final = re.compile(r"\b(?i:block)\s(?P<block>[A-Z]?-?\d{1,3}[A-Z]?)(?![\w-])")
_CAMP_BEFORE: Final = re.compile(r"(?i:camp|settlement)\b[^.;\n]{0,12}$")
# "village Natabua", "the hamlet of Skarð": a settlement after its noun.
VILLAGE: Final = anchored(
    rf"(?=[vVhHtTsS])\b(?:[vV]illage|[hH]amlet|[tT]ownship|[sS]ettlement)\s(?:of\s)?(?P<place>[{_U}][{_L}'\u2019-]{{2,25}})"
)
_VILLAGE_HINTS: Final = ("village", "hamlet", "township", "settlement")
# "Gottsunda vårdcentral", "Sagene legekontor": a health centre named before its Nordic noun.
NORDIC_CENTRE: Final = re.compile(
    rf"(?P<place>[{_U}][{_L}-]{{2,25}})\s(?:vårdcentral|vårdcentralen|vårdcentrum|legekontor|"
    r"legesenter|legevakt|lægehus|sundhedshus|terveysasema|terveyskeskus|helsestasjon|"
    r"heilsugæsla|heilsugæslan|heilsugæslustöð)\b"
)
_NORDIC_HINTS: Final = ("vård", "lege", "læge", "sundhed", "terveys", "helsestasjon", "heilsug")
# "Falls clinic, Eidsvoll:", "Dental clinic, Gangnam:": a place after the clinic a note's
# heading names.
HEADING_PLACE: Final = re.compile(
    rf",(?=\s[{_U}])\s(?P<place>[{_U}][{_L}'\u2019-]{{2,25}}(?:\s[{_U}][{_L}'\u2019-]{{2,25}})?):"
)
CLINIC_BEFORE: Final = re.compile(
    r"\b(?:clinic|centre|center|practice|surgery|ward|unit|polyclinic|dispensary|health\spost)$"
)

# --- roles and names --------------------------------------------------------------------

CALL_SIGN: Final = re.compile(
    r"\b(?i:call\s?sign)(?:\s(?:was|is|of))?:?\s(?P<sign>[A-Z][a-z]{2,15}(?:\s[A-Z][a-z]{2,15})?\s?\d{1,2}(?:-\d{1,2})?)"
)
# Every CALL_SIGN match holds this in the lower-cased text (``lower_same_length``), which
# keeps the characters IGNORECASE reads as "s" and "i" (\u017f, \u0131, \u0130) as they are.
CALL_SIGN_GATE: Final = re.compile("call\\s?[s\u017f][i\u0131\u0130]gn")
# "nickname Bronco", "aka Shorty", "a.k.a. Big Mike": a name after the word for a nickname.
NICKNAME: Final = anchored(
    r"(?=[nNaA])\b(?:[nN]ickname|[nN]icknamed|aka|AKA|a\.k\.a\.)\s(?P<name>[A-Z][a-z'\u2019-]{1,20}"
    r"(?:\s[A-Z][a-z'\u2019-]{1,20})?)"
)
# "Ole-Gunnar", "Anne-Marie", "Jean-Pierre": two first names joined by a hyphen.
HYPHEN_FIRST: Final = re.compile(rf"[{_U}](?<![\w-].)[{_L}]{{1,14}}-[{_U}][{_L}]{{1,14}}(?![\w-])")


# "switched three people to Trulicity", "changed her to Mounjaro": a medicine after a switch,
# not a place after "to".
SWITCHED_TO: Final = re.compile(
    r"\b(?:switch|switched|switching|change|changed|changing|convert|converted|swap|swapped|"
    r"titrated|stepped\s(?:up|down)|escalated)\b(?P<between>[^.;:\n]{0,40})\s(?:to|onto)\s$"
)
# "changed GP and moved to Tromsø": a move between the switch and the place keeps it.
_MOVED: Final = re.compile(
    r"\b(?:move|moved|moving|relocated|transferred|went|flew|drove|travelled|traveled|returned|"
    r"emigrated|back)\b"
)


def quiet_switched(text: str, low: str, found: list[Finding]) -> list[Finding]:
    """Found places of one word that follow a switch of treatment, left out."""
    if "switch" not in low and "chang" not in low and "conver" not in low and "swap" not in low:
        return found
    kept = []
    for f in found:
        if f.kind == "GEO" and " " not in f.text:
            switch = SWITCHED_TO.search(low, max(f.start - 60, 0), f.start)
            if switch and not _MOVED.search(switch.group("between")):
                continue
        kept.append(f)
    return kept


# "Lekishon ole Sankale of Olkiramatian", "Kila from Gerehu", "rice farmers from Nueva Ecija":
# a place of unknown words where a person comes from, read after a found name or a word for
# people.
PLACE_OF_PERSON: Final = re.compile(
    rf"(?:,\s\d{{1,3}}[MF]?)?,?\s(?:of|from)\s(?P<place>[{_U}][{_L}'\u2019-]{{2,25}}"
    rf"(?:\s[{_U}][{_L}'\u2019-]{{2,25}})?)(?=[,.;:)]|\s(?:with|who|and|in|has|was|is|"
    r"stage|district|village|province|county|region|came|presented|died)\b|\s*$)"
)
_PEOPLE_FROM_ANCHORED: Final = anchored(  # scanned by the first letters of its words (anchored.py)
    r"(?=[bcfghmprstvw])\b(?:farmers?|herders?|herdsmen|herdsman|shepherds?|fishermen|fisherman|miners?|"
    r"workers?|villagers|residents?|families|family|children|child|boy|girl|man|woman|men|women|"
    r"patients?|migrants?|refugees?|traders?|pilgrims?)\s(?=from\s)"
)
# "from" first (a literal the engine skips to), the word for people tried just before it.
PEOPLE_FROM: Final = ByKeyword(_PEOPLE_FROM_ANCHORED.full, r"from\s", 14, r"\b[bcfghmprstvw]")


def find_places_of_people(text: str, low: str, found: list[Finding]) -> None:
    """A place of words no list knows, after a found name or a word for people."""
    if " from " not in low and " of " not in low:
        return
    lex = lexicon()
    starts = [f.end for f in found if f.kind == "NAME"]
    if " from " in low:  # tested once, not after each match: most fields have none
        starts += [m.end() - 1 for m in PEOPLE_FROM.finditer(low)]
    for end in starts:
        m = PLACE_OF_PERSON.match(text, end)
        if not m:
            continue
        words = m.group("place").split()
        if (
            _plain(words[0], lex)
            or any(named_in_medicine([w]) for w in words)
            or (len(words) == 1 and words[0].lower() in lex.first_names)
            or m.group("place").lower() in lex.large_places
        ):
            continue  # "of Medicine", "from Anna", "from Kerala" (a state: Safe Harbor allows)
        if any(f.start < m.end("place") and m.start("place") < f.end for f in found):
            continue
        _add(found, m.start("place"), m.end("place"), "GEO", text)


def _plain(word: str, lex) -> bool:
    """A capitalised word that is an ordinary word, a word of medicine or of the calendar."""
    low = word.lower()
    return low in lex.common_words or low in CALENDAR or low in TITLES or named_in_medicine([word])


def find_abroad(text: str, low: str, found: list[Finding]) -> None:
    def add(start: int, end: int, kind: str) -> None:
        _add(found, start, end, kind, text)

    for m in DIGIT_SHAPES.finditer(text):
        shape, start, end = m.lastgroup, m.start(), m.end()
        if shape == "sep":
            shape = "roman"
        if shape in ("age", "block"):
            if shape == "block":
                add(start, end, "GEO")
            elif _AGE_SUBJECT_BEFORE.search(
                text, max(start - 24, 0), start
            ) and _AGE_SAID_AFTER.match(text, end, end + 8):
                add(start, end, "AGE_OVER_89")
            continue
        day = re.match(r"\d+", m.group(0))
        assert day is not None  # every shape left opens on its digits
        if not 1 <= int(day.group(0)) <= 31:
            continue
        if shape == "year" or (shape == "roman" and m.group("year")):
            add(start, end, "DATE")
        elif shape == "roman":
            if m.group("sep") != " " or _ROMAN_EVENT_BEFORE.search(text, max(start - 16, 0), start):
                add(start, end, "DATE")  # a bare "3 XI" only after a word of an event
        elif shape == "slash":
            if _WEEKDAY_BEFORE.search(text, max(start - 12, 0), start):
                add(start, end, "DATE")
        else:
            add(start, end, "DATE")
    if any(h in low for h in _WEEK_HINTS):
        for m in WEEK_OF_MONTH.finditer(low):
            add(m.start(), m.end(), "DATE")

    for m in PLATE.finditer(text):
        if not (vehicle := VEHICLE_BEFORE.search(low, max(m.start() - 12, 0), m.start())):
            continue
        if m.group("mark") and vehicle.group("vehicle") not in _AIRCRAFT:
            continue  # "LN-OLA" is an aircraft's mark, not a car's
        add(m.start(), m.end(), "VEHICLE")

    for m in ACCESSION.finditer(text):
        if _ACCESSION_BEFORE.search(text, max(m.start() - 24, 0), m.start()):
            add(m.start(), m.end(), "OTHER_ID")

    for pattern, hints in (
        (NORDIC_STREET, _STREET_HINTS),
        (KOREAN_ROAD, ("-ro ", "-gil", "-daero")),
        (JAPANESE_WARD, ("-ku", "-shi", "-machi", "-cho", "-ch\u014d", "-gun", "-mura")),
        (POLISH_STREET, ("ul.", "al. ", "pl. ", "os. ")),
        (NUMBERED_DISTRICT, ("Qu\u1eadn", "Ph\u01b0\u1eddng", "Kebele", "Woreda", "Purok")),
    ):
        for m in pattern.finditer(text) if any(h in text for h in hints) else ():
            add(m.start(), m.end(), "GEO")
    for m in JAPANESE_POSTCODE.finditer(text) if "\u3012" in text else ():
        add(m.start(), m.end(), "ZIP")
    lex = lexicon()
    if "block" in low and ("camp" in low or "settlement" in low):
        for m in CAMP_BLOCK.finditer(text):
            if _CAMP_BEFORE.search(text, max(m.start() - 24, 0), m.start()):
                add(m.start("block"), m.end("block"), "GEO")
    for m in VILLAGE.finditer(text) if any(h in low for h in _VILLAGE_HINTS) else ():
        if not _plain(m.group("place"), lex):
            add(m.start("place"), m.end("place"), "GEO")
    for m in NORDIC_CENTRE.finditer(text) if any(h in low for h in _NORDIC_HINTS) else ():
        add(m.start("place"), m.end("place"), "GEO")
    for m in HEADING_PLACE.finditer(text) if ":" in text else ():
        # "Nurse-led clinic, Mitchells Plain:": one ordinary word of two is still a place
        if CLINIC_BEFORE.search(low, max(m.start() - 16, 0), m.start()) and not all(
            _plain(w, lex) for w in m.group("place").split()
        ):
            add(m.start("place"), m.end("place"), "GEO")

    if CALL_SIGN_GATE.search(low):
        for m in CALL_SIGN.finditer(text):
            add(m.start("sign"), m.end("sign"), "UNIQUE")
    if "nick" in low or " aka " in low or "a.k.a" in low:
        for m in NICKNAME.finditer(text):
            word = m.group("name").split()[0]
            if word.lower() not in CALENDAR and not named_in_medicine([word]):
                add(m.start("name"), m.end("name"), "NAME")
    if "-" in text:
        for m in HYPHEN_FIRST.finditer(text):
            first, second = m.group(0).lower().split("-")
            if (
                first in lex.first_names
                and second in lex.first_names
                and first not in lex.common_words
                and second not in lex.common_words
                and not named_in_medicine([m.group(0)])
                and not eponym_after(text, m.end())  # "Machado-Joseph disease"
            ):
                add(m.start(), m.end(), "NAME")
