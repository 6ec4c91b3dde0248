"""The scanner's regular expressions and the short word lists they are built from.

Linear time: every pattern is anchored on a word boundary or a look-ahead on its first
character and uses only bounded quantifiers (``{0,40}`` rather than ``*``) with no nested
unbounded repetition, so each start position costs at most a constant amount of work and
Python's backtracking engine cannot go quadratic.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored, by_first_letter
from cases.deidentify.cues import LOWER, TITLES_ABROAD, UPPER

MONTHS: Final = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
MONTH_NUMBER: Final = {
    month: i
    for i, month in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}

TITLES: Final = (
    r"(?:[Mm]r|[Mm]rs|[Mm]s|Miss|[Mm]x|[Dd]r|[Pp]rof|Professor|Sr|Sister|Nurse|Rev|Father|Mister"
    rf"|{TITLES_ABROAD})"
)
RELATIONS: Final = (
    r"(?:wife|husband|partner|son|daughter|mother|father|mum|mom|dad|brother|sister|"
    r"grandson|granddaughter|grandmother|grandfather|niece|nephew|aunt|uncle|carer|caregiver|"
    r"friend|neighbour|neighbor|fianc[ée]e?|boyfriend|girlfriend|GP|physician|consultant|"
    # Words for kin in the languages of many posts: Māori, Hawaiian, Filipino, Swahili,
    # Spanish, Italian, German, Polish, Greek, Yiddish.
    r"mokopuna|moko|tamaiti|whāngai|kuia|koro|tūtū|tutu|kupuna|keiki|lola|lolo|kuya|ninang|"
    r"ninong|tita|tito|bibi|babu|shangazi|abuela|abuelo|nonna|nonno|oma|opa|babcia|dziadek|"
    r"yiayia|bubbe|zayde)"
)
# A capitalised word in any Latin script ("Ødegård", "Łukasz", "Ó Mainnín" is two words).
CAP_WORD: Final = rf"[{UPPER}][{LOWER}'\u2019-]{{1,20}}"
INSTITUTION_WORDS: Final = (
    r"(?:Hospital|Hospitals|Infirmary|Medical Cent(?:er|re)|Health Cent(?:er|re)|Clinic|"
    r"(?:Neuro)?[Rr]ehabilitation (?:Cent(?:er|re)|Unit|Hospital)|Rehab(?:ilitation)?|"
    r"Care Cent(?:er|re)|Residential Home|Memorial|Medical Practice|Family Practice|"
    r"Surgery|Practice|Hospice|Nursing Home|Care Home|Rest Home|School|Academy|College|"
    r"University|Prison|Penitentiary|Church|Mosque|Temple|Synagogue|Factory|Mill|Farm|Mine|"
    # "Lakeview General", "Sunflower House", "Highgate Lodge": hospitals and homes by their
    # second word alone
    r"General(?!\s(?:Medical|Practi|Surg|Anaes|Medicine|Council|Election|Assembly))|"
    r"House|Lodge|Manor|Grange|Polyclinic|Dispensary|Health Clinic|Primary Care|Dairy|"
    r"Orchards?|Ranch|Stud|Boerdery|Plantation|Estate|"
    # shops, nurseries and imaging firms where a patient was seen or something happened:
    # "Lloyds Pharmacy", "Little Acorns Nursery", "Alliance Medical", "Spire Imaging"
    r"Pharmacy|Chemists?|Opticians|Nursery|Day Nursery|Pre-?[Ss]chool|Playgroup|Kindergarten|"
    r"Imaging|Diagnostics|Medical(?!\s(?:Association|Council|Society|School|"
    r"Journal|Officer|Director|Examiner|Records?|Defence|Protection|Union|Research)\b))"
)
# A place named in brackets after the kind of place: "at nursery (Little Acorns, Erdington)",
# "her care home (Fernlea)".
BRACKETED_KIND: Final = (
    r"\b(?i:nursery|school|care home|nursing home|home|pub|church|mosque|temple|gym|club|work|"
    r"college|practice|surgery|pharmacy|hostel|shelter|camp|farm|unit|hospital|GP)"
)
# The kind of place, found backwards from a bracket (places.py): the longest word is 12
# letters, and the leftmost start is the one a left-to-right scan would find first.
BRACKETED_KIND_BEFORE: Final = re.compile(BRACKETED_KIND + r"\Z")
BRACKETED_PLACE: Final = re.compile(
    BRACKETED_KIND + r"\s\("
    rf"(?P<name>{CAP_WORD}(?:\s{CAP_WORD}){{0,3}}(?:,\s{CAP_WORD}(?:\s{CAP_WORD}){{0,2}})?)\)"
)
# Grouped by first letter (anchored.by_first_letter): tried at every capital of a field.
STREET_WORDS: Final = by_first_letter(
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Close|"
    r"Place|Pl|Crescent|Terrace|Gardens|Grove|Square|Sq|Highway|Hwy|Parkway|Row|Mews|"
    r"Walk|Oval|Quay|Quays|Meadows?|Village|Views?|Ville|Crossing|Trail|Ridge|Hills?|Heights|"
    r"Spurs?|Forges?|Mills?|Squares|Streams?|Wharf|Point|Ports?|Parks?|Plains?|Pines|Rest|"
    r"Roads|Routes?|Shores?|Springs?|Summit|Track|Trace|Turnpike|Union|Valleys?|Vista|Wells|"
    r"Alley|Bypass|Camp|Canyon|Cape|Causeway|Centers?|Circles?|Cliffs?|Club|Common|Corners?|"
    r"Courts|Coves?|Creek|Crest|Curve|Dale|Dam|Divide|Drives|Estates?|Expressway|Extensions?|"
    r"Falls|Ferry|Fields?|Flats?|Fords?|Forest|Forks?|Fort|Freeway|Gateway|Glens?|Greens?|"
    r"Groves|Harbors?|Haven|Hollow|Inlet|Islands?|Isle|Junctions?|Keys?|Knolls?|Lakes?|"
    r"Landing|Light|Loaf|Locks?|Lodge|Loop|Mall|Manors?|Mission|Motorway|Mount|Mountains?|"
    r"Neck|Orchard|Overpass|Pass|Path|Pike|Plaza|Prairie|Radial|Ramp|Ranch|Rapids?|Ridges|"
    r"River|Run|Shoal|Skyway|Station|Stravenue|Throughway|Tunnel|Underpass|Via|Viaduct|"
    r"Vill|Ways|Rue|Chase|Hill|Wynd|Parade|Esplanade|Embankment|Broadway"
)
# Streets written the continental way: a name ending in a street word, then the number
# ("Kyrkgatan 24", "Wesackstraße 26", "Laukaantie 80"), or a street word first
# ("ulica Sawickiej 329", "avenue de Provence", "Viale Sermonti, 13").
STREET_SUFFIXES: Final = tuple(
    "strasse straße str. weg straat laan singel plein gracht kade dreef gatan gata vägen väg "
    "gränd torget vej gade alle allé veien vegen tie katu kuja polku utca út ulica gasse platz "
    "ring damm ufer allee steig pfad markt".split()
)
STREET_FIRST_WORDS: Final = (
    "ulica ul. aleja al. plac rue avenue av. boulevard bd chemin place impasse allée via viale "
    "piazza corso vicolo calle avenida paseo plaza camino carrera rua travessa praça largo "
    "estrada náměstí nám. ulice třída trg cesta utca bulevardul strada str. calea piața sokak "
    "caddesi jalan jl. gang ngõ phố đường ffordd heol stryd lôn bóthar sráid"
).split()
# A look-ahead on the first letters, then case-sensitive alternatives ("[Uu]lica"): the regex
# engine skips most positions on the character class, where an IGNORECASE alternation tries
# every word at every position (this pattern runs over every word of every field). Alone, it
# is for a number written first.
STREET_FIRST_WORD: Final = (
    "(?=["
    + "".join(sorted({c for w in STREET_FIRST_WORDS for c in w[0] + w[0].upper()}))
    + "])(?:"
    + "|".join(
        f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}"
        for w in sorted(STREET_FIRST_WORDS, key=len)[::-1]
    )
    + ")"
)
PARTICLE = r"(?:van|von|der|den|de|da|di|du|del|della|la|le|ten|ter|bin|al|el|dos|das|do|Ó|Ní|Mac)"
US_STATE_CODES: Final = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)

# Labels that say what the number after them is. The number is the finding.
LABELLED_IDS: Final = [
    ("FAX", r"fax(?:\s?(?:no\.?|number))?"),
    (
        "PHONE",
        r"(?:tel(?:ephone)?|phone|mobile|mob|cell(?:phone)?|pager|bleep|contact number)"
        r"(?:\s?(?:no\.?|number))?",
    ),
    ("SSN", r"(?:SSN|social security(?:\s(?:no\.?|number))?|SIN|national insurance(?: number)?)"),
    (
        "MRN",
        r"(?:MRN|MR\s?no\.?|medical record(?:\s(?:no\.?|number))?|hospital (?:no\.?|number)|"
        r"unit (?:no\.?|number)|chart (?:no\.?|number)|patient (?:ID|number|no\.?)|case number|"
        r"record (?:no\.?|number)|CHI(?: number)?|URN|UR number)",
    ),
    (
        "HEALTH_PLAN",
        r"(?:NHS(?:\s(?:no\.?|number))?|Medicare(?:\s(?:no\.?|number|ID))?|"
        r"Medicaid(?:\s(?:no\.?|number|ID))?|insurance(?:\s(?:no\.?|number|ID|policy))?|"
        r"policy(?:\s(?:no\.?|number))?|member ID|beneficiary(?:\s(?:no\.?|number|ID))?|"
        r"health plan(?:\s(?:no\.?|number|ID))?|group number|subscriber ID)",
    ),
    ("ACCOUNT", r"(?:account|acct|a/c|billing|invoice)(?:\s(?:no\.?|number|#))?"),
    (
        "LICENSE",
        r"(?:licen[cs]e(?:\s(?:no\.?|number))?|driver'?s licen[cs]e|driving licen[cs]e|DEA"
        r"(?:\s(?:no\.?|number))?|NPI|GMC(?:\s(?:no\.?|number))?|certificate(?:\s(?:no\.?|number))?"
        r"|passport(?:\s(?:no\.?|number))?)",
    ),
    (
        "VEHICLE",
        r"(?:licen[cs]e plate|number plate|registration(?:\s(?:no\.?|number|plate))?|reg\.?"
        r"(?:\s(?:no\.?|number|plate))?|VIN|plate)",
    ),
    (
        "DEVICE",
        r"(?:serial(?:\s(?:no\.?|number))?|S/N|SN|lot(?:\s(?:no\.?|number))?|device ID|"
        r"model and serial|IMEI|UDI)",
    ),
    (
        "OTHER_ID",
        r"(?:ID|identifier|study (?:ID|number)|"
        r"(?:prisoner|inmate|file|claim|badge|staff|collar|warrant|service) (?:ID|number|no\.?)|"
        r"accession(?:\s(?:no\.?|number))?|specimen "
        r"(?:no\.?|number|ID)|lab (?:no\.?|number)|employee (?:ID|number)|student (?:ID|number)|"
        r"reference(?:\s(?:no\.?|number))?|ref\.?(?:\s(?:no\.?|number))?|barcode|"
        # National identity and health numbers abroad: "NHI ZAC5361", "PESEL 44051401458".
        r"personnummer|pesel|bsn|nhi|curp|rfc|nss|dni|nie|nif|tfn|aadhaar|nric|hkid|mykad|ihi|"
        r"ohip|codice fiscale|kennitala|health card(?:\s(?:no\.?|number))?|carte vitale|"
        r"tarjeta sanitaria|"
        # Irish PPSN, Pakistani CNIC, Nigerian NIN and BVN, Jamaican TRN, Manitoba PHIN, Qatari
        # QID, Gulf iqama and civil IDs, Philippine UMID, PhilHealth and SSS, Indian UHID and
        # ABHA, NZ IRD, Quebec RAMQ, Romanian CNP, Greek AMKA, Balkan JMBG and OIB; hetu ...
        r"ppsn|pps(?:\s(?:no\.?|number))?|cnic|nin|bvn|trn|phin|qid|iqama(?:\s(?:no\.?|number))?|"
        r"emirates id|umid|"
        r"philhealth(?:\s(?:no\.?|number|id))?|sss(?:\s(?:no\.?|number))?|uhid|abha|ird|ramq|"
        r"cnp|amka|jmbg|oib|civil (?:id|number|no\.?)|national (?:id|identity)(?: number)?|"
        r"resident (?:id|permit)(?: number)?|hetu|henkilötunnus|rodné číslo|rrn|teudat zehut)",
    ),
]

# --- patterns -------------------------------------------------------------------------------

_I: Final = re.IGNORECASE

# Most patterns below start with a look-ahead on the characters a match can begin with, so an
# alternation is not tried at every word boundary (they run over every field, on every save).
# Faster still is a pattern whose first item is a character class ("\d(?<![\d-]\d)..."):
# Python's engine then jumps straight to the next such character, so the checks on what comes
# before are written as look-behinds after that first character.
# Run on the lower-cased text (``lower_same_length``): a case-sensitive alternation is tried
# several times faster than an IGNORECASE one at each of the many word starts of a field.
# What follows a label: separators, then the value. labelled.py scans for the same matches.
LABEL_VALUE: Final = (
    r"(?:\s?[:#=.]|\s(?:is|was|of))?\s{0,3}[:#]?\s{0,2}"
    # A short letter prefix before the digits: "ref CAD 4417 04dec", "NHS no. AB 123456".
    r"(?P<value>(?:(?<![a-z])[a-z]{2,4}\s(?=\d))?(?=[a-z0-9(+/-]{0,30}\d)[a-z0-9(+][a-z0-9()/.\-]{1,25}"
    r"(?:\s\d{2,6}[a-z]{0,3}){0,3})"
)
LABEL_START: Final = r"\b(?=[abcdefghijklmnopqrstuv])"
LABELLED: Final = re.compile(
    LABEL_START
    + "(?:"
    + "|".join(f"(?P<{kind}>{label.lower()})" for kind, label in LABELLED_IDS)
    + ")"
    + LABEL_VALUE
)


def lower_same_length(text: str) -> str:
    """``text`` in lower case with every character at its place. "İ" (U+0130), the only
    character that lower-cases to two ("i̇"), stays as it is; the text between is lowered as
    a text without it is."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "\u0130".join(part.lower() for part in text.split("\u0130"))


_NUMERIC_DATE_FULL: Final = re.compile(
    r"(?=\d)(?<![\w/.-])(?:(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))(?![\w/-]|\.\d)"
)
# From its two separators first ("3/12/2", "4-03-1"): the match starts at most three digits
# before; ByKeyword is exact when every match holds such a hit that near its start.
NUMERIC_DATE: Final = ByKeyword(_NUMERIC_DATE_FULL, r"\d[/.-]\d{1,2}[/.-]\d", 3, r"\d")
_DAY_MONTH_ANCHORED: Final = anchored(
    rf"(?=\d)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m>{MONTHS})\.?(?:,?\s(?P<y>\d{{4}}))?\b"
)
DAY_MONTH: Final = ByKeyword(
    _DAY_MONTH_ANCHORED.full, f"(?:{MONTHS})", 10, r"\d"
)  # the month's name first
MONTH_DAY: Final = anchored(
    rf"(?=[JFMASOND])\b(?P<m>{MONTHS})\.?\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s(?P<y>\d{{4}}))?\b(?![:.]\d)"
)
# "03-Jan-1941", "3-JAN-41", "14/Mar/2026", "7-Nov": a day and a month's name joined by a
# hyphen or a slash, as forms and lab systems print them.
DAY_MON_DASH: Final = re.compile(
    rf"\d(?<![\w/.-]\d)\d?(?P<sep>[-/])(?P<m>{MONTHS}|{MONTHS.upper()})(?:(?P=sep)(?P<y>\d{{4}}|\d{{2}}))?"
    r"(?![\w-]|/\d)"
)
MONTH_YEAR = anchored(rf"(?=[JFMASOND])\b(?P<m>{MONTHS})\.?,?\s(?:of\s)?(?P<y>(?:19|20)\d{{2}})\b")
AGE_OVER_89: Final = anchored(
    r"(?=[91Aainctrchs])\b(?P<age>9\d|1[01]\d)(?:\s?|-)(?:years?|yrs?|y(?:/|\.)?o\.?|y\b|yo\b)"
    r"(?:(?:\s|-)(?:of\s)?(?:age|old))?"
    r"|\b(?:[Aa]ged|[Aa]ge|[Aa]ge:)\s(?P<age2>9\d|1[01]\d)\b(?!\s?(?:%|mg|mcg|ml|mmol|kg|cm|mm|bpm))"
    r"|\b(?P<age3>9\d|1[01]\d)\s?(?:M|F|yo[MF])\b"
    r"|\bin (?:his|her|their) (?:late |early |mid-)?(?:nineties|90s|hundreds)\b"
    r"|\b(?:nonagenarian|centenarian)\b"
    # "turned 100 on the ward", "her 95th birthday"
    r"|\b(?:turned|turns|turning|reached|reaches|celebrated)\s(?:her\s|his\s)?(?:9\d|1[01]\d)\b"
    r"(?!\s?(?:%|mg|mcg|ml|mmol|kg|cm|mm|bpm|minutes|mins|seconds|degrees|times|units))"
    r"|\b(?:9\d|1[01]\d)(?:st|nd|rd|th)\sbirthday\b"
    # "she's 102 and sharp", "he is 96 now"
    r"|\b(?:she|he)(?:['\u2019]s|\sis|\swas)\s(?:now\s)?(?:9\d|1[01]\d)\b"
    r"(?!\s?(?:kg|kilos?|lbs?|mmHg|bpm|minutes|mins|hours|days|weeks|percent|cm|mm|degrees)\b"
    r"|\s?%|[.:/]\d|\s(?:on|in)\s(?:air|RA|room|O2|oxygen|\d))",
)
TITLED_NAME: Final = anchored(
    rf"(?=[MmDdPpSNRFHIB])\b{TITLES}\.?\s(?:(?:[A-Z]\.\s?){{1,3}}{CAP_WORD}|(?:{PARTICLE}\s){{0,2}}{CAP_WORD}"
    rf"(?:[\s-](?:{PARTICLE}\s){{0,2}}{CAP_WORD}){{0,2}}"
    rf"|(?:[A-Z]\.\s?){{1,3}})"
)
RELATION_NAME: Final = anchored(
    rf"(?=[hHtTpPaA])\b(?:[Hh]is|[Hh]er|[Tt]heir|the patient's|patient's|a|the)\s{RELATIONS},?\s"
    rf"(?P<name>{CAP_WORD}(?:\s{CAP_WORD})?)"
)
NAMED: Final = anchored(
    rf"(?=[nckgsi])\b(?:named|called|name is|name was|known as|goes by|signed by|initials)\s"
    rf"(?P<name>(?:[A-Z]\.?\s?){{2,3}}\b|{CAP_WORD}(?:\s{CAP_WORD}){{0,2}})"
)
PATIENT_INITIALS: Final = anchored(
    r"(?=[pPM])\b(?:patient|pt|Pt|Patient|Mr|Mrs|Ms)\.?\s(?P<name>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?|"
    r"[A-Z]{2,3}(?=[,:;]?\s(?:is|was|a|an|presented|attended|aged|age|who|,)))"
)
FAMILY: Final = anchored(
    rf"(?=[Tt])\b[Tt]he\s(?P<name>(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]u|[Dd]i|[Ll]a|[Ll]e)\s){{0,2}}"
    rf"{CAP_WORD}(?:-{CAP_WORD})?)\s(?:family|household|twins|children)\b"
)
# "Address: Stretto Sole, 5, Øysteindal": whatever follows the label, to the end of its part.
ADDRESS_LABEL: Final = anchored(
    r"(?=[aAhH])\b(?i:address|home address|addr\.?)\s?:\s?"
    r"(?P<value>[^\n|;]{3,80}?)(?=\s*(?:[\n|;]|$))"
)
NOT_ADDRESS: Final = frozenset({"day", "ward", "bed", "room"})
ADDRESS: Final = re.compile(
    rf"(?=[{UPPER}\dafspAFSP])(?:\b(?:PSC|Unit|CMR)\s\d{{3,5}},?\s(?i:box)\s\d{{3,5}}\b"
    r"|\b(?:USNS|USNV|USS|USCGC)\s[A-Z][a-z]{2,20}\b|"
    rf"\b\d{{1,5}}[A-Za-z]?,?\s(?:{CAP_WORD}\s){{1,3}}{STREET_WORDS}\b\.?"
    rf"|\b(?:{CAP_WORD}\s){{1,3}}{STREET_WORDS}\b(?=,?\s(?:in|near|off|at|by|,)|\.|,)"
    r"|\b(?i:apartment|apt|flat|suite|P\.?O\.? Box)\.?\s#?\d{1,5}[A-Z]?\b"
    rf"|\b(?:{CAP_WORD}\s){{1,3}}(?:Park|Common|Estate|Beach|Heath|Green|Square|Market)\b)",
)
INSTITUTION: Final = anchored(
    rf"(?=[{UPPER}])(?:\b(?:St\.?\s|Saint\s)?(?:{CAP_WORD}['\u2019]s\s)?{CAP_WORD}\s"
    rf"(?:(?:{CAP_WORD}|&|and|of|the)\s){{0,4}}{INSTITUTION_WORDS}\b"
    rf"|\b{INSTITUTION_WORDS}\sof\s(?:{CAP_WORD}\s?){{1,3}})"
)
SAINT: Final = anchored(rf"(?=S)\bSt\.?\s{CAP_WORD}['\u2019]s\b(?!\s(?:wort|disease|dance|fire))")
FOREIGN_INSTITUTION: Final = anchored(
    rf"(?=[HOCKSNZP])\b(?:Hospital|Hôpital|Ospedale|Clínica|Clinica|Klinik|Klinikum|Szpital|Nemocnice|"
    rf"Ziekenhuis|Sjukhus|Sygehus|Sykehus|Centre Hospitalier|Centro de Salud|Policlinico)"
    rf"\s(?:(?:{CAP_WORD}|de|del|di|du|la|der|im|am|San|Santa|Sant)\s?){{1,4}}"
)
_COUNTY_ANCHORED: Final = anchored(
    rf"(?=[{UPPER}])\b(?:{CAP_WORD}\s){{1,2}}(?:County|Parish|Borough|District|Township)\b"
)
_US_ZIP_FULL: Final = re.compile(
    rf"[A-Z\d](?:(?<=\b[A-Z])[A-Z](?<={US_STATE_CODES})\s\d{{5}}(?:-\d{{4}})?\b"
    r"|(?<=\d)(?<![\d-]\d)\d{4}-\d{4}(?![\d-]))"
)
# Both shapes hold five digits in a row: found first, the state's code read before them.
US_ZIP: Final = ByKeyword(_US_ZIP_FULL, r"\d{5}", 5, r"[A-Z\d]")
ZIP_LABEL: Final = anchored(
    r"(?=[zZpP])\b(?i:zip(?:\s?code)?|postcode|post code|postal code)\W{1,3}"
    r"(?P<code>[A-Za-z0-9][A-Za-z0-9 -]{2,8}[A-Za-z0-9])"
)
_ZIP_IN_STATE_ANCHORED: Final = anchored(
    rf"(?=[A-Z])(?P<state>\b(?:{US_STATE_CODES}))\s(?P<zip>\d{{5}}(?:-\d{{4}})?)\b"
)
# Found from their rarer part first (ByKeyword, anchored.py): the noun after a county's name,
# the five digits after a state's code.
COUNTY: Final = ByKeyword(
    _COUNTY_ANCHORED.full, r"\s(?:County|Parish|Borough|District|Township)\b", 60, rf"[{UPPER}]"
)
ZIP_IN_STATE: Final = ByKeyword(_ZIP_IN_STATE_ANCHORED.full, r"\s\d{5}", 8, "[A-Z]")
UK_POSTCODE: Final = anchored(
    r"(?=[A-PR-UWYZ])\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}\b"
)
# A flight a patient took: "flight EK 029", "on BA0117".
FLIGHT: Final = anchored(
    r"(?=[fF])\b(?i:flight|flt)\s(?:no\.?\s|number\s)?(?P<no>[A-Z][A-Z0-9]\s?\d{1,4}[A-Z]?)\b"
)
# Every FLIGHT match holds this in the lower-cased text (which keeps \u0131 and \u0130 as they are).
FLIGHT_GATE: Final = re.compile("fl(?:[i\u0131\u0130]ght|t)")
# A role only one person holds in a named group: "the lead singer of Coldplay". It opens on
# the letter ("t(?<!\wt)he" is "\bthe"), so the regex engine skips along to each "t".
FAMOUS_ROLE: Final = re.compile(
    r"t(?<!\wt)he\s(?:lead\ssinger|frontman|frontwoman|drummer|lead\sguitarist|bassist|captain|"
    r"manager|head\scoach|owner|founder|chief\sexecutive|CEO|chairman|chairwoman|president|"
    rf"headteacher|principal)\sof\s(?:the\s)?{CAP_WORD}(?:\s{CAP_WORD}){{0,3}}"
)
# A Mexican CURP: four letters, the birth date, sex, state and consonants, two check characters.
CURP: Final = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]{3}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d(?!\w)")
VIN: Final = anchored(
    r"(?=[A-HJ-NPR-Z0-9])(?=[A-HJ-NPR-Z0-9]{17}\b)\b(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]{0,16}\d)[A-HJ-NPR-Z0-9]{17}\b"
)
HASH_ID: Final = re.compile(r"#(?<![\w&]#)\s?(?P<value>\d{4,15})\b")
LONG_NUMBER = re.compile(r"\d(?<![\w.,/]\d)\d{6,14}(?![\w.,/]|\s?(?:copies|cells|IU|/|x\s?10))")
MIXED_ID: Final = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{0,3}-?\d{5,14}[A-Z]?(?![\w-])")
SUFFIX_STREET: Final = anchored(
    rf"(?=[{UPPER}])(?P<street>[{UPPER}][{LOWER}.-]{{2,30}}),?\s\d{{1,5}}(?:[a-z]|[-/]\d{{1,4}}[a-z]?)?\b"
)
STREET_FIRST: Final = anchored(
    STREET_FIRST_WORD.replace("])(?:", "])(?<![\\w.])(?:", 1)
    + rf"\s(?:(?:de|du|des|la|le|di|del|della|da|do|dos|das)\s)?"
    rf"(?:[{UPPER}\w][\w'\u2019.-]{{0,25}}\s){{0,3}}(?:[{UPPER}\w][\w'\u2019-]{{0,25}})"
    rf",?\s?\d{{1,5}}[a-z]?\b"
)


ADDRESS_TAIL: Final = re.compile(
    r"\s?(?:,\s?)?(?i:apt\.?|apartment|suite|unit|flat|box)\s#?\d{1,5}[A-Z]?\b"
)
# Postcodes of many countries, accepted only right beside a place (a bare "12345" is a count).
NEAR_POSTCODE: Final = re.compile(
    r"[\s,(]{1,3}(?P<code>\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{3}\s\d{2}|\d{4,6}(?:-\d{3,4})?"
    r"|[A-Z]\d[\dW]\s?[A-Z\d]{4}|[A-Z]{1,2}-\d{4,5}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
)
# The lines or comma-separated parts that follow a street in an address: "Suite 501",
# "Riisa", "Estonia 62488", "KNIVSTA, nan 18237". Each is short, and made of capitalised
# words, capitals and numbers, so ", with his wife" or "\nShe was seen" ends the address.
ADDRESS_TOKEN: Final = (
    rf"(?:[{UPPER}0-9][\w'\u2019.-]{{0,30}}|nan|de|da|di|du|la|le|van|von|der|nad|pod|am|an|on|sur)"
)
ADDRESS_MORE: Final = re.compile(
    rf"(?:[ \t]*,?[ \t]*\n[ \t]*,?[ \t]*|,[ \t]+)"
    rf"(?P<line>{ADDRESS_TOKEN}(?:,?[ \t]+{ADDRESS_TOKEN}){{0,4}})(?=[\s,.?!;)]|$)"
)
POSTCODE_FIRST: Final = anchored(
    rf"(?=\d)(?<![\w-])(?P<code>\d{{4}}\s?[A-Z]{{2}}|\d{{2}}-\d{{3}}|\d{{3}}\s\d{{2}}|\d{{4,5}})\s"
    rf"(?P<place>{CAP_WORD}(?:[\s-]{CAP_WORD}){{0,2}})"
)
# International and national telephone numbers in the shapes people write them.
PHONE_LOOSE: Final = anchored(  # scanned by its first character (anchored.py)
    # Seven digits at least, with at most a few separators between them: rejects the many
    # short numbers of a case (doses, counts, lab values) before the slower parts run.
    r"(?=[+(\d])(?<![\w+.,/-])(?=(?:[\s.()+-]{0,3}\d){7})"
    r"(?:\+\s?\d{1,3}|00\d{2,3})?[\s.-]?(?:\(\d{1,5}\)[\s.-]{0,2})?"
    r"\d{1,12}(?:[\s.-]{1,2}\d{1,8}){0,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/]|[.,]\d)"
)
YEARS: Final = re.compile(r"(?:19|20)\d{2}(?:\s(?:19|20)\d{2})+")
IBAN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
CARD: Final = re.compile(
    r"\d(?:(?<![\d-]\d)\d{3}(?:[\s-]?\d{4}){2}[\s-]?\d{1,7}(?![\d-])|(?<=\b\d)\d{12,18}\b)"
)
# Trial registries and study numbers are public and identify no patient; nor does the batch of
# a vaccine (an implant's lot number, which traces one device, stays a finding).
# Every registry prefix, and the lot or batch of a medicine, in the lower-cased text: most
# fields have none, and then the slower TRIAL_ID pass is skipped.
TRIAL_HINT: Final = re.compile(
    r"nct|isrctn|actrn|chictr|drks|ctri/|euctr|eudract|umin|jprn|irct|pactr|kct|nl\d|lot|batch"
)
TRIAL_DIGITS: Final = re.compile(r"\d{4}-\d{6}-\d{2}")
TRIAL_ID: Final = re.compile(
    r"\b(?=[NIACDEUJKPVLBnviacdeujkplb0-9])(?:NCT\d{8}|ISRCTN\s?\d{8}|ACTRN\d{14}|ChiCTR[-\w]{6,20}|DRKS\d{8}|CTRI/[\d/]{10,20}|"
    r"EUCTR[-\d\w]{8,30}|(?:EudraCT(?:\s(?:no\.?|number))?:?\s)?\d{4}-\d{6}-\d{2}|"
    r"UMIN\d{9}|JPRN-\w{6,20}|IRCT\w{8,25}|PACTR\d{15}|KCT\d{7}|NL\d{4,5}|"
    r"(?:vaccine|vaccination|immuni[sz]ation)\s(?:lot|batch)(?:\s(?:no\.?|number))?:?\s"
    r"[A-Z0-9-]{3,15}|"
    # "lot XX1234 of the MMR vaccine", "batch AB123 of Humira": a batch of a medicine.
    r"(?:lot|batch)(?:\s(?:no\.?|number))?:?\s[A-Z0-9-]{3,15}\s(?:of|from)\s(?:the\s|a\s)?"
    r"(?:(?:[\w-]{1,20}\s){0,3}(?:vaccine|vaccination|jab|immuni[sz]ation|injection|infusion|"
    r"tablets|capsules)|(?-i:(?!the\b)[\w-]{3,20}(?=[\s.,;]|$)))(?!\s(?:implant|prosthes[ie]s|pump|valve|"
    r"stent|device|lens|pacemaker)))\b",
    _I,
)
# A day and month without a year, in numbers: "3/4", "14.6.". Only after a word that
# introduces a date, or at the start of a timeline entry, since "3/4" is also a fraction.
SHORT_DATE: Final = re.compile(
    # The first digit before the look-behind: the engine skips along to the next digit.
    r"(?P<d>\d(?<![\w/.,-]\d)\d?)(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)?(?![\d/]|\.\d|\s?(?:mm|cm|ml|mg))"
)
# The words that introduce a day and month ("on 3/4", "from 12.5."), or a timeline entry.
HANDLE = re.compile(r"@(?<![\w@.]@)[A-Za-z][\w.]{2,30}\b")  # "@" first: the engine skips to it
SHORT_DATE_BEFORE: Final = re.compile(
    r"(?:\b(?i:on|from|since|until|till|by|dated|DOB|date|to|before|after|the|and|again|CT|MRI|echo|"
    r"ECG|CXR|angio|OGD|bloods|scan|seen|reviewed|clinic|admitted|discharged|op|surgery|"
    r"review|presented|onset|due|booked|next|last|collected|started|stopped|given|done|"
    r"arrived|died|born|phoned|called|rang|visit|appt|appointment|procedure|letter|referral|"
    r"sample|swab|culture|cultures|results?|adm|d/c|dc|fell|fall|transfused|transferred|"
    r"repeat|planned|arranged|wef|w/e|week of|dose|jab|vaccinated|tested|positive|negative|"
    r"tmrw|tomorrow|dia|día|le|am|internad[ao]|ingres[oó]|aufgenommen|opgenomen)"
    r"|\bDay\s?0,?\s(?:was|is|=)"
    # a scan with its region before the date: "CT KUB 03/12", "MRI head 4/5", "USS abdo 2/3"
    r"|\b(?:CT|MRI|MR|USS|US|XR|CXR|PET|DEXA|echo)\s[A-Za-z][\w-]{1,11}"
    r"|[:;,(*-]|^)"
    r"\s{0,2}$"
)
# A place of care or a discharge just before a day and month: "d/c'd to rehab 12/2",
# "ED 4/11", "dc'd 3/10".
SHORT_DATE_PLACE_BEFORE: Final = re.compile(
    r"(?:\b(?:d/c['\u2019]?d|dc['\u2019]?d|d/c['\u2019]?ed|adm['\u2019]?d|f/u|(?i:rehab|home|ward|"
    r"theatre|theater)|ED|ER|ICU|HDU|CCU|OR|OPD))\s{1,2}$"
)
UNIQUE: Final = anchored(
    r"(?=[tTaAfFwWlLrR])\b(?:the (?:only|sole) |"
    r"the (?:first|last|oldest|youngest) (?:man|woman|person|"
    r"resident|patient|surgeon|doctor|nurse|teacher|priest|vet|farmer|child|boy|girl)|"
    r"(?:the|a) (?:village|town|island|valley|parish|hamlet|county|city|tribe|clan|community|"
    r"country|province|district)['\u2019]s (?:only|sole|first|last|oldest|youngest)"
    r"(?! (?:aid|line|choice|step|priority|time|language|port|stop|resort|call)\b)|"
    r"an? (?:former )?(?:Olympic|Paralympic|"
    r"world|national|professional|famous|celebrity|well-known)|a former (?:MP|mayor|minister|"
    r"senator|international|(?-i:[A-Z][a-z]{2,15}) international)|"
    # a face on screen: "a BBC weather presenter", "an ITV newsreader", "a local radio DJ"
    r"an? (?:(?-i:BBC|ITV|Sky|CNN|NBC|ABC|CBS|RTÉ|RTE|S4C|Channel 4)|radio|TV|television)"
    r"(?: [a-z]{3,12})? (?:presenter|newsreader|anchor|host|DJ|reporter|correspondent)|"
    r"(?:famous|well known|well-known) (?:across|throughout|in)|"
    r"world record|local (?:MP|mayor|celebrity|councillor)|the mayor of|"
    r"record[- ]holder)\b[^.;\n]{0,80}",
    _I,
)
PHOTO_FACE: Final = anchored(
    r"(?=[fFeEtTbBnNwW])\b(?:face|faces|facial features|eyes and nose|tattoos?|birthmark|"
    r"name ?band|wrist ?band|name badge|name tag|name board|bedside board|number plate)\b",
    _I,
)
CLAUSE_END: Final = re.compile(r"[.;\n]")
PHOTO_SHOWN: Final = re.compile(
    r"\b(?:visible|seen|shown|shows|showing|identifiable|recogni[sz]able|uncovered|unmasked|"
    r"unblurred|not blurred|not masked|not cropped|in (?:the|this|each) (?:photo|image|picture)|"
    r"photo(?:graph)?s?|pictures?|images?|pics?|pix|snaps?|selfies?|screenshots?|videos?|uploads?|"
    r"uploaded|attached|attachments?|shots?)\b",
    _I,
)

# A day of the month without its month: "discharged on the 21st", "on Saturday 3rd",
# "Tuesday the 14th". Bare "the 3rd" is often an ordinal ("the 3rd day", "the 4th floor"),
# so it needs a preposition of time before it and no counted noun after it.
_WEEKDAY: Final = (
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
)
_ORDINAL: Final = r"(?:[12]\d|3[01]|[1-9])(?:st|nd|rd|th)\b"
_DAY_ONLY_ANCHORED: Final = anchored(
    rf"(?=[{UPPER}otbfusap])(?:\b{_WEEKDAY},?\s(?:the\s)?{_ORDINAL}"
    rf"|\b(?:on|by|from|until|till|since|before|after|past)\s(?P<the>the\s{_ORDINAL})"
    r"(?!\s(?:of\b|day|week|month|year|time|centile|percentile|birthday|floor|century|dose|"
    r"cycle|line|generation|attempt|trimester|rib|toe|finger|cranial|nerve|minute|hour|"
    r"post|session|fraction|visit|course|round|admission|pregnancy|decile|quartile)))"
)
DAY_ONLY: Final = ByKeyword(
    _DAY_ONLY_ANCHORED.full, r"\d(?:st|nd|rd|th)\b", 24, f"[{UPPER}otbfusap]"
)  # "4th" first
