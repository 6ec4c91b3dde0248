"""The patient-identifier scanner: finds what HIPAA Safe Harbor calls identifiers in case text.

``find_identifiers`` runs regular expressions and small dictionaries over the text. It is a
safety net shown to the author (who fixes each finding or keeps it with a reason), not a
guarantee, so it leans towards recall: a false alarm costs the author a click, a miss can
identify a patient.

Linear time: every pattern is anchored on a word boundary and uses only bounded quantifiers
(``{0,40}`` rather than ``*``) with no nested repetition, so each start position costs at most
a constant amount of work and Python's backtracking engine cannot go quadratic or worse.
``tests/cases/test_deidentify.py`` checks the time ratio between a 50 KB and a 100 KB input.

Recall and precision are measured on ``tests/cases/deid_corpus.txt`` by
``python manage.py scanner_report``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from cases.deidentify.lexicon import lexicon
from cases.deidentify.names import LOWER, UPPER, find_people_and_places
from cases.deidentify.names import eponym_after as _is_eponym

KINDS = (
    "NAME",
    "DATE",
    "AGE_OVER_89",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN",
    "ACCOUNT",
    "LICENSE",
    "VEHICLE",
    "DEVICE",
    "URL",
    "IP",
    "GEO",
    "ZIP",
    "OTHER_ID",
    "EMPLOYER",
    "UNIQUE",
    "PHOTO",
)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str
    # A replacement the author may accept with one click ("Day +3", "over 89"), or "".
    fix: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        """Stable across page loads while the text is unchanged: names a finding in forms."""
        return f"{self.start}-{self.end}-{self.kind}"

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


KIND_LABELS = {
    "NAME": _("a name"),
    "DATE": _("a date more precise than a year"),
    "AGE_OVER_89": _("an age over 89"),
    "PHONE": _("a telephone number"),
    "FAX": _("a fax number"),
    "EMAIL": _("an email address"),
    "SSN": _("a social security number"),
    "MRN": _("a medical record number"),
    "HEALTH_PLAN": _("a health plan or insurance number"),
    "ACCOUNT": _("an account number"),
    "LICENSE": _("a licence or certificate number"),
    "VEHICLE": _("a vehicle identifier"),
    "DEVICE": _("a device serial number"),
    "URL": _("a web address"),
    "IP": _("an IP address"),
    "GEO": _("a place or institution smaller than a state"),
    "ZIP": _("a postal code"),
    "OTHER_ID": _("an identifying number"),
    "EMPLOYER": _("an employer"),
    "UNIQUE": _("a description only one person fits"),
    "PHOTO": _("a photograph that shows a face"),
}

# --- dictionaries -------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_MONTH_NUMBER = {
    month: i
    for i, month in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}

TITLES = (
    r"(?:[Mm]r|[Mm]rs|[Mm]s|Miss|[Mm]x|[Dd]r|[Pp]rof|Professor|Sr|Sister|Nurse|Rev|Father|Mister)"
)
RELATIONS = (
    r"(?:wife|husband|partner|son|daughter|mother|father|mum|mom|dad|brother|sister|"
    r"grandson|granddaughter|grandmother|grandfather|niece|nephew|aunt|uncle|carer|caregiver|"
    r"friend|neighbour|neighbor|fianc[ée]e?|boyfriend|girlfriend|GP|physician|consultant)"
)
# A capitalised word in any Latin script ("Ødegård", "Łukasz", "Ó Mainnín" is two words).
CAP_WORD = rf"[{UPPER}][{LOWER}'\u2019-]{{1,20}}"
INSTITUTION_WORDS = (
    r"(?:Hospital|Hospitals|Infirmary|Medical Cent(?:er|re)|Health Cent(?:er|re)|Clinic|"
    r"(?:Neuro)?[Rr]ehabilitation (?:Cent(?:er|re)|Unit|Hospital)|Rehab(?:ilitation)?|"
    r"Care Cent(?:er|re)|Residential Home|Memorial|Medical Practice|Family Practice|"
    r"Surgery|Practice|Hospice|Nursing Home|Care Home|Rest Home|School|Academy|College|"
    r"University|Prison|Penitentiary|Church|Mosque|Temple|Synagogue|Factory|Mill|Farm|Mine)"
)
STREET_WORDS = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Close|"
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
    r"Vill|Ways|Rue|Chase|Hill|Wynd|Parade|Esplanade|Embankment|Broadway)"
)
# Streets written the continental way: a name ending in a street word, then the number
# ("Kyrkgatan 24", "Wesackstraße 26", "Laukaantie 80"), or a street word first
# ("ulica Sawickiej 329", "avenue de Provence", "Viale Sermonti, 13").
STREET_SUFFIXES = tuple(
    "strasse straße str. weg straat laan singel plein gracht kade dreef gatan gata vägen väg "
    "gränd torget vej gade alle allé veien vegen tie katu kuja polku utca út ulica gasse platz "
    "ring damm ufer allee steig pfad markt".split()
)
_STREET_FIRST_WORDS = (
    "ulica ul. aleja al. plac rue avenue av. boulevard bd chemin place impasse allée via viale "
    "piazza corso vicolo calle avenida paseo plaza camino carrera rua travessa praça largo "
    "estrada náměstí nám. ulice třída trg cesta utca bulevardul strada str. calea piața sokak "
    "caddesi jalan jl. gang ngõ phố đường"
).split()
# A look-ahead on the first letters, then case-sensitive alternatives ("[Uu]lica"): the regex
# engine skips most positions on the character class, where an IGNORECASE alternation tries
# every word at every position (this pattern runs over every word of every field).
STREET_FIRST = (
    "(?=["
    + "".join(sorted({c for w in _STREET_FIRST_WORDS for c in w[0] + w[0].upper()}))
    + "])(?:"
    + "|".join(
        f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}"
        for w in sorted(_STREET_FIRST_WORDS, key=len)[::-1]
    )
    + ")"
)
PARTICLE = r"(?:van|von|der|den|de|da|di|du|del|della|la|le|ten|ter|bin|al|el|dos|das|do|Ó|Ní|Mac)"
US_STATE_CODES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)

# Labels that say what the number after them is. The number is the finding.
LABELLED_IDS = [
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
        r"(?:prisoner|inmate|file|claim|badge|staff) (?:ID|number|no\.?)|"
        r"accession(?:\s(?:no\.?|number))?|specimen "
        r"(?:no\.?|number|ID)|lab (?:no\.?|number)|employee (?:ID|number)|student (?:ID|number)|"
        r"reference(?:\s(?:no\.?|number))?|ref\.?(?:\s(?:no\.?|number))?|barcode)",
    ),
]

# --- patterns -------------------------------------------------------------------------------

_I = re.IGNORECASE

# Most patterns below start with a look-ahead on the characters a match can begin with: the
# regex engine skips other positions on that character class alone, where it would otherwise
# try a whole alternation at every word boundary (they run over every field, on every save).
_LABELLED = re.compile(
    r"\b(?=[abcdefghilmnprstuvABCDEFGHILMNPRSTUV])(?:"
    + "|".join(f"(?P<{kind}>{label})" for kind, label in LABELLED_IDS)
    + r")(?:\s?[:#=.]|\s(?:is|was|of))?\s{0,3}[:#]?\s{0,2}"
    r"(?P<value>(?=[A-Z0-9(+/-]{0,30}\d)[A-Z0-9(+][A-Z0-9()/.\-]{1,25}(?:\s\d{2,6}){0,3})",
    _I,
)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}", re.ASCII)
_URL = re.compile(
    r"\b(?:(?:https?|ftp)://[^\s<>\"')\]]{1,2000}|www\.[^\s<>\"')\]]{1,2000}|"
    r"[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.(?:com|org|net|edu|gov|io|co\.uk|org\.uk|"
    r"nhs\.uk|ac\.uk|info|biz|me)(?:/[^\s<>\"')\]]{0,2000})?)(?<![.,;:!?])",
    _I,
)
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{1,4}(?![\w:])", _I)
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
_PHONE = re.compile(
    r"(?=[+(\d])(?:(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w])"
    r"|(?<![\w+])\+\d{1,3}[\s.-]?\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\w])"
    r"|(?<![\w/.])0\d{9,10}(?![\w/]|\.\d)"
    r"|(?<![\w/.+])0\d{2,4}[\s-]\d{3,6}(?:[\s-]\d{3,4})?(?![\w/]|\.\d))"
)
_FAX_CONTEXT = re.compile(r"fax(?:ed)?(?:\s(?:to|on))?\W{0,3}$", _I)
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?:(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))(?![\w/-]|\.\d)"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<m>{MONTHS})\.?(?:,?\s(?P<y>\d{{4}}))?\b"
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{MONTHS})\.?\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s(?P<y>\d{{4}}))?\b(?![:.]\d)"
)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{MONTHS})\.?,?\s(?:of\s)?(?P<y>(?:19|20)\d{{2}})\b")
_HOLIDAY = re.compile(
    r"\b(?:Christmas|Boxing|New Year'?s|Easter|Thanksgiving|Hallowe'?en|Valentine'?s)"
    r"(?:\s(?:Day|Eve))\b(?:,?\s(?:19|20)\d{2})?"
)
_AGE_OVER_89 = re.compile(
    r"\b(?P<age>9\d|1[01]\d)(?:\s?|-)(?:years?|yrs?|y(?:/|\.)?o\.?|y\b|yo\b)"
    r"(?:(?:\s|-)(?:of\s)?(?:age|old))?"
    r"|\b(?:[Aa]ged|[Aa]ge|[Aa]ge:)\s(?P<age2>9\d|1[01]\d)\b(?!\s?(?:%|mg|mcg|ml|mmol|kg|cm|mm|bpm))"
    r"|\b(?P<age3>9\d|1[01]\d)\s?(?:M|F|yo[MF])\b"
    r"|\bin (?:his|her|their) (?:late |early |mid-)?(?:nineties|90s|hundreds)\b"
    r"|\b(?:nonagenarian|centenarian)\b",
)
_TITLED_NAME = re.compile(
    rf"\b{TITLES}\.?\s(?:(?:[A-Z]\.\s?){{1,3}}{CAP_WORD}|(?:{PARTICLE}\s){{0,2}}{CAP_WORD}"
    rf"(?:[\s-](?:{PARTICLE}\s){{0,2}}{CAP_WORD}){{0,2}}"
    rf"|(?:[A-Z]\.\s?){{1,3}})"
)
_RELATION_NAME = re.compile(
    rf"\b(?:his|her|their|the patient's|patient's|a|the)\s{RELATIONS},?\s"
    rf"(?P<name>{CAP_WORD}(?:\s{CAP_WORD})?)"
)
_NAMED = re.compile(
    rf"\b(?:named|called|name is|name was|known as|goes by|signed by|initials)\s"
    rf"(?P<name>(?:[A-Z]\.?\s?){{2,3}}\b|{CAP_WORD}(?:\s{CAP_WORD}){{0,2}})"
)
_PATIENT_INITIALS = re.compile(
    r"\b(?:patient|pt|Pt|Patient|Mr|Mrs|Ms)\.?\s(?P<name>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?|"
    r"[A-Z]{2,3}(?=[,:;]?\s(?:is|was|a|an|presented|attended|aged|age|who|,)))"
)
_FAMILY = re.compile(rf"\bthe\s(?P<name>{CAP_WORD})\s(?:family|household|twins|children)\b")
_NOT_ADDRESS = frozenset({"day", "ward", "bed", "room"})
_ADDRESS = re.compile(
    rf"(?=[{UPPER}\dafspAFSP])(?:\b(?:PSC|Unit|CMR)\s\d{{3,5}},?\s(?i:box)\s\d{{3,5}}\b"
    r"|\b(?:USNS|USNV|USS|USCGC)\s[A-Z][a-z]{2,20}\b|"
    rf"\b\d{{1,5}}[A-Za-z]?,?\s(?:{CAP_WORD}\s){{1,3}}{STREET_WORDS}\b\.?"
    rf"|\b(?:{CAP_WORD}\s){{1,3}}{STREET_WORDS}\b(?=,?\s(?:in|near|off|at|by|,)|\.|,)"
    r"|\b(?i:apartment|apt|flat|suite|P\.?O\.? Box)\.?\s#?\d{1,5}[A-Z]?\b"
    rf"|\b(?:{CAP_WORD}\s){{1,3}}(?:Park|Common|Estate|Beach|Heath|Green|Square|Market)\b)",
)
_INSTITUTION = re.compile(
    rf"(?=[{UPPER}])(?:\b(?:St\.?\s|Saint\s)?(?:{CAP_WORD}['\u2019]s\s)?{CAP_WORD}\s"
    rf"(?:(?:{CAP_WORD}|&|and|of|the)\s){{0,4}}{INSTITUTION_WORDS}\b"
    rf"|\b{INSTITUTION_WORDS}\sof\s(?:{CAP_WORD}\s?){{1,3}})"
)
_SAINT = re.compile(rf"\bSt\.?\s{CAP_WORD}['\u2019]s\b(?!\s(?:wort|disease|dance|fire))")
_FOREIGN_INSTITUTION = re.compile(
    rf"\b(?:Hospital|Hôpital|Ospedale|Clínica|Clinica|Klinik|Klinikum|Szpital|Nemocnice|"
    rf"Ziekenhuis|Sjukhus|Sygehus|Sykehus|Centre Hospitalier|Centro de Salud|Policlinico)"
    rf"\s(?:(?:{CAP_WORD}|de|del|di|du|la|der|im|am|San|Santa|Sant)\s?){{1,4}}"
)
_COUNTY = re.compile(rf"\b(?:{CAP_WORD}\s){{1,2}}(?:County|Parish|Borough|District|Township)\b")
_US_ZIP = re.compile(
    rf"(?=[A-Z\d])\b(?:{US_STATE_CODES})\s\d{{5}}(?:-\d{{4}})?\b|(?<![\d-])\d{{5}}-\d{{4}}(?![\d-])"
)
_ZIP_LABEL = re.compile(
    r"\b(?i:zip(?:\s?code)?|postcode|post code|postal code)\W{1,3}"
    r"(?P<code>[A-Za-z0-9][A-Za-z0-9 -]{2,8}[A-Za-z0-9])"
)
_ZIP_IN_STATE = re.compile(rf"(?P<state>\b(?:{US_STATE_CODES}))\s(?P<zip>\d{{5}}(?:-\d{{4}})?)\b")
_UK_POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}\b")
_VIN = re.compile(
    r"\b(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]{0,16}\d)[A-HJ-NPR-Z0-9]{17}\b"
)
# Number plates: the UK, French/Italian and Dutch shapes anywhere; any letters-and-digits
# group right after a word for a vehicle ("his car (KAF-778-H)", "the van, NTY 74YA").
_PLATE = re.compile(
    r"(?=[A-Z\dcvbltmsrCVBLTMSR])\b(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]{2}-\d{3}-[A-Z]{2}|[A-Z]{1,3}-\d{1,3}-[A-Z]{1,3}"
    r"|\d{1,3}-[A-Z]{1,3}-\d{1,3})\b"
    r"|\b(?i:car|van|bus|cab|lorry|truck|motorbike|motorcycle|scooter|taxi|vehicle|plate|reg"
    r"|registration|number plate)"
    r"['\u2019]?s?,?\s\(?(?P<plate>[A-Z0-9]{1,5}(?:[\s-][A-Z0-9]{1,5}){0,3})\b"
)
_HASH_ID = re.compile(r"(?<![\w&])#\s?(?P<value>\d{4,15})\b")
_LONG_NUMBER = re.compile(r"(?<![\w.,/])\d{7,15}(?![\w.,/]|\s?(?:copies|cells|IU|/|x\s?10))")
_MIXED_ID = re.compile(r"(?<![\w-])[A-Z]{1,4}-?\d{5,14}[A-Z]?(?![\w-])")
_SUFFIX_STREET = re.compile(
    rf"(?P<street>[{UPPER}][{LOWER}.-]{{2,30}}),?\s\d{{1,5}}(?:[a-z]|[-/]\d{{1,4}}[a-z]?)?\b"
)
_STREET_FIRST = re.compile(
    rf"(?<![\w.]){STREET_FIRST}\s(?:(?:de|du|des|la|le|di|del|della|da|do|dos|das)\s)?"
    rf"(?:[{UPPER}\w][\w'\u2019.-]{{0,25}}\s){{0,3}}(?:[{UPPER}\w][\w'\u2019-]{{0,25}})"
    rf",?\s?\d{{1,5}}[a-z]?\b"
)
_ADDRESS_TAIL = re.compile(
    r"\s?(?:,\s?)?(?i:apt\.?|apartment|suite|unit|flat|box)\s#?\d{1,5}[A-Z]?\b"
)
# Postcodes of many countries, accepted only right beside a place (a bare "12345" is a count).
_NEAR_POSTCODE = re.compile(
    r"[\s,(]{1,3}(?P<code>\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{3}\s\d{2}|\d{4,6}(?:-\d{3,4})?"
    r"|[A-Z]\d[\dW]\s?[A-Z\d]{4}|[A-Z]{1,2}-\d{4,5}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
)
# The lines or comma-separated parts that follow a street in an address: "Suite 501",
# "Riisa", "Estonia 62488", "KNIVSTA, nan 18237". Each is short, and made of capitalised
# words, capitals and numbers, so ", with his wife" or "\nShe was seen" ends the address.
_ADDRESS_TOKEN = (
    rf"(?:[{UPPER}0-9][\w'\u2019.-]{{0,30}}|nan|de|da|di|du|la|le|van|von|der|nad|pod|am|an|on|sur)"
)
_ADDRESS_MORE = re.compile(
    rf"(?:[ \t]*,?[ \t]*\n[ \t]*,?[ \t]*|,[ \t]+)"
    rf"(?P<line>{_ADDRESS_TOKEN}(?:,?[ \t]+{_ADDRESS_TOKEN}){{0,4}})(?=[\s,.?!;)]|$)"
)
_POSTCODE_FIRST = re.compile(
    rf"(?<![\w-])(?P<code>\d{{4}}\s?[A-Z]{{2}}|\d{{2}}-\d{{3}}|\d{{3}}\s\d{{2}}|\d{{4,5}})\s"
    rf"(?P<place>{CAP_WORD}(?:[\s-]{CAP_WORD}){{0,2}})"
)
# International and national telephone numbers in the shapes people write them.
_PHONE_LOOSE = re.compile(
    # Seven digits at least, with at most a few separators between them: rejects the many
    # short numbers of a case (doses, counts, lab values) before the slower parts run.
    r"(?<![\w+.,/-])(?=[+(\d])(?=(?:[\s.()+-]{0,3}\d){7})"
    r"(?:\+\s?\d{1,3}|00\d{2,3})?[\s.-]?(?:\(\d{1,5}\)[\s.-]{0,2})?"
    r"\d{1,12}(?:[\s.-]{1,2}\d{1,8}){0,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/]|[.,]\d)"
)
_YEARS = re.compile(r"(?:19|20)\d{2}(?:\s(?:19|20)\d{2})+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
_CARD = re.compile(r"(?=\d)(?<![\d-])\d{4}(?:[\s-]?\d{4}){2}[\s-]?\d{1,7}(?![\d-])|\b\d{13,19}\b")
# Trial registries and study numbers are public and identify no patient; nor does the batch of
# a vaccine (an implant's lot number, which traces one device, stays a finding).
_TRIAL_ID = re.compile(
    r"\b(?=[NIACDEUJKPVnviacdeujkp0-9])(?:NCT\d{8}|ISRCTN\s?\d{8}|ACTRN\d{14}|ChiCTR[-\w]{6,20}|DRKS\d{8}|CTRI/[\d/]{10,20}|"
    r"EUCTR[-\d\w]{8,30}|(?:EudraCT(?:\s(?:no\.?|number))?:?\s)?\d{4}-\d{6}-\d{2}|"
    r"UMIN\d{9}|JPRN-\w{6,20}|IRCT\w{8,25}|PACTR\d{15}|KCT\d{7}|NL\d{4,5}|"
    r"(?:vaccine|vaccination|immuni[sz]ation)\s(?:lot|batch)(?:\s(?:no\.?|number))?:?\s"
    r"[A-Z0-9-]{3,15})\b",
    _I,
)
# A day and month without a year, in numbers: "3/4", "14.6.". Only after a word that
# introduces a date, or at the start of a timeline entry, since "3/4" is also a fraction.
_SHORT_DATE = re.compile(
    r"(?<![\w/.,-])(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)?(?![\d/]|\.\d|\s?(?:mm|cm|ml|mg))"
)
# The words that introduce a day and month ("on 3/4", "from 12.5."), or a timeline entry.
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z][\w.]{2,30}\b")
_SHORT_DATE_BEFORE = re.compile(
    r"(?:\b(?i:on|from|since|until|till|by|dated|DOB|date|to|before|after|the|and|CT|MRI|echo|"
    r"ECG|CXR|angio|OGD|bloods|scan|seen|reviewed|clinic|admitted|discharged|op|surgery)"
    r"|[:;,(*-]|^)"
    r"\s{0,2}$"
)
_UNIQUE = re.compile(
    r"\b(?=[tTaAfFwWlLrR])(?:the (?:only|sole) |the (?:first|last|oldest|youngest) (?:man|woman|person|"
    r"resident|patient|surgeon|doctor|nurse|teacher|priest|vet|farmer|child|boy|girl)|"
    r"(?:the|a) (?:village|town|island|valley|parish|hamlet|county)['\u2019]s (?:only|sole)|"
    r"an? (?:former )?(?:Olympic|Paralympic|"
    r"world|national|professional|famous|celebrity|well-known)|a former (?:MP|mayor|minister|"
    r"senator|international)|(?:famous|well known|well-known) (?:across|throughout|in)|"
    r"world record|local (?:MP|mayor|celebrity|councillor)|the mayor of|"
    r"record[- ]holder)\b[^.;\n]{0,80}",
    _I,
)
_PHOTO_FACE = re.compile(r"\b(?:face|faces|facial features|eyes and nose)\b", _I)
_CLAUSE_END = re.compile(r"[.;\n]")
_PHOTO_SHOWN = re.compile(
    r"\b(?:visible|seen|shown|shows|showing|identifiable|recogni[sz]able|uncovered|unmasked|"
    r"unblurred|not blurred|not masked|not cropped|in (?:the|this|each) (?:photo|image|picture)|"
    r"photo(?:graph)?|picture|image)\b",
    _I,
)

# --- helpers --------------------------------------------------------------------------------


def _valid_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _parse_numeric_date(m: re.Match) -> date | None:
    try:
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        y = y + (2000 if y < 50 else 1900) if y < 100 else y
        # Day first unless that is impossible (site is international; US dates also occur).
        if b <= 12:
            return date(y, b, a)
        return date(y, a, b)
    except ValueError:
        return None


def _add(found: list[Finding], start: int, end: int, kind: str, text: str, fix: str = "") -> None:
    found.append(Finding(start, end, kind, text[start:end], fix))


# --- the scanner ----------------------------------------------------------------------------


def find_identifiers(text: str) -> list[Finding]:
    """Every likely identifier in ``text``, sorted by position, overlaps merged.

    Each Finding has character offsets into ``text``, a kind from ``KINDS``, the matched text
    and, where one exists, a suggested fix. Dates get relative-day fixes ("Day +3") counted
    from the earliest full date in the same text.
    """
    found: list[Finding] = []
    dates: list[tuple[int, int, date | None]] = []

    for m in _EMAIL.finditer(text):
        _add(found, m.start(), m.end(), "EMAIL", text)
    for m in _URL.finditer(text):
        if "@" in text[max(m.start() - 1, 0) : m.start()]:
            continue  # the domain of an email address
        _add(found, m.start(), m.end(), "URL", text)
    for m in _IPV4.finditer(text):
        if all(int(part) <= 255 for part in m.group(0).split(".")):
            _add(found, m.start(), m.end(), "IP", text)
    for m in _IPV6.finditer(text):
        if re.search(r"[a-f]", m.group(0), _I) or m.group(0).count(":") >= 4:
            _add(found, m.start(), m.end(), "IP", text)
    for m in _SSN.finditer(text):
        _add(found, m.start(), m.end(), "SSN", text)

    for m in _LABELLED.finditer(text):
        kind = next(k for k, _label in LABELLED_IDS if m.group(k))
        value = m.group("value").rstrip(" .-/")
        if kind == "OTHER_ID" and not re.search(r"\d{3}", value):
            continue  # "ID 2 diabetes" and the like
        _add(found, m.start("value"), m.start("value") + len(value), kind, text)

    for m in _PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if digits < 9:
            continue
        kind = "FAX" if _FAX_CONTEXT.search(text[max(m.start() - 16, 0) : m.start()]) else "PHONE"
        _add(found, m.start(), m.end(), kind, text)

    for m in _NUMERIC_DATE.finditer(text):
        if m.group("iy"):
            ok = _valid_date(int(m.group("id")), int(m.group("im")))
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            ok = _valid_date(a, b) or _valid_date(b, a)
            # "1.2.10" version numbers and "2.5.3" scores use dots with short years.
            if m.group("sep") == "." and len(m.group("y")) == 2:
                ok = False
        if ok:
            dates.append((m.start(), m.end(), _parse_numeric_date(m)))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            day = int(m.group("d"))
            if not 1 <= day <= 31:
                continue
            parsed = None
            if m.group("y"):
                try:
                    parsed = date(int(m.group("y")), _MONTH_NUMBER[m.group("m")[:3].lower()], day)
                except ValueError:
                    parsed = None
            dates.append((m.start(), m.end(), parsed))
    for m in _SHORT_DATE.finditer(text):
        day, month = int(m.group("d")), int(m.group("m"))
        if _valid_date(day, month) and _SHORT_DATE_BEFORE.search(
            text[max(m.start() - 14, 0) : m.start()]
        ):
            dates.append((m.start(), m.end(), None))
    for m in _MONTH_YEAR.finditer(text):
        dates.append((m.start(), m.end(), None))
    for m in _HOLIDAY.finditer(text):
        dates.append((m.start(), m.end(), None))
    known = [d for _s, _e, d in dates if d]
    origin = min(known) if known else None
    for start, end, parsed in dates:
        fix = ""
        if parsed and origin:
            delta = (parsed - origin).days
            fix = _("Day 0") if delta == 0 else _("Day %(n)s") % {"n": f"{delta:+d}"}
        _add(found, start, end, "DATE", text, fix)

    for m in _AGE_OVER_89.finditer(text):
        _add(found, m.start(), m.end(), "AGE_OVER_89", text, _("over 89"))

    _find_names(text, found)
    _find_places(text, found)
    _find_numbers(text, found)
    _find_handles(text, found)
    _find_descriptions(text, found)

    for m in _VIN.finditer(text):
        _add(found, m.start(), m.end(), "VEHICLE", text)
    for m in _PLATE.finditer(text):
        group = "plate" if m.group("plate") else 0
        if re.search(r"[A-Z]", m.group(group)) and re.search(r"\d", m.group(group)):
            _add(found, m.start(group), m.end(group), "VEHICLE", text)
    for m in _HASH_ID.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)
    for m in _LONG_NUMBER.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)
    for m in _MIXED_ID.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)

    return _merge(found, text, quiet=[(m.start(), m.end()) for m in _TRIAL_ID.finditer(text)])


def _find_names(text: str, found: list[Finding]) -> None:
    def add(start: int, end: int, kind: str) -> None:
        _add(found, start, end, kind, text)

    for m in _TITLED_NAME.finditer(text):
        if not _is_eponym(text, m.end()):
            add(m.start(), m.end(), "NAME")
    lex = lexicon()
    for pattern in (_RELATION_NAME, _NAMED, _PATIENT_INITIALS, _FAMILY):
        for m in pattern.finditer(text):
            name = m.group("name").lower()
            if name in lex.common_words or name in lex.large_places:
                continue
            add(m.start("name"), m.end("name"), "NAME")
    find_people_and_places(text, add)


def _find_handles(text: str, found: list[Finding]) -> None:
    """A social media handle ("@KofiMensah") names its owner."""
    for m in _HANDLE.finditer(text):
        _add(found, m.start(), m.end(), "NAME", text)


def _find_numbers(text: str, found: list[Finding]) -> None:
    """Phone numbers in international shapes, IBANs and payment card numbers.

    The loose phone shape also fits a labelled record number or an IP address: where one of
    those was found already, it keeps its more precise kind."""
    taken = sorted((f.start, f.end) for f in found if f.kind not in ("NAME", "GEO", "DATE"))
    starts = [start for start, _end in taken]

    def is_taken(start: int, end: int) -> bool:
        # The two spans that start last before ``end`` (findings here rarely nest deeper).
        i = bisect.bisect_left(starts, end) - 1
        return any(taken[j][1] > start for j in (i, i - 1) if j >= 0)

    for m in _PHONE_LOOSE.finditer(text):
        if is_taken(m.start(), m.end()):
            continue
        value = m.group(0).strip(" .-")
        digits = sum(ch.isdigit() for ch in value)
        groups = len(re.findall(r"\d+", value))
        phone_like = digits >= 9 or (digits >= 7 and value.startswith("+")) or groups >= 3
        # A list of years ("2019 2020 2021") is no number.
        if phone_like and digits >= 8 and not _YEARS.fullmatch(value):
            start = m.start() + m.group(0).index(value[0])
            _add(found, start, start + len(value), "PHONE", text)
    for m in _IBAN.finditer(text):
        if _iban_ok(m.group(0)):
            _add(found, m.start(), m.end(), "ACCOUNT", text)
    for m in _CARD.finditer(text):
        if _luhn_ok(m.group(0)):
            _add(found, m.start(), m.end(), "ACCOUNT", text)


def _iban_ok(value: str) -> bool:
    value = value.replace(" ", "")
    if not 15 <= len(value) <= 34:
        return False
    digits = "".join(str(int(ch, 36)) for ch in value[4:] + value[:4])
    return int(digits) % 97 == 1


def _luhn_ok(value: str) -> bool:
    digits = [int(ch) for ch in value if ch.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _find_descriptions(text: str, found: list[Finding]) -> None:
    """A description only one person fits, and a sentence saying a photograph shows a face."""
    for m in _UNIQUE.finditer(text):
        _add(found, m.start(), m.end(), "UNIQUE", text)
    for m in _PHOTO_FACE.finditer(text):
        # The clause around the word, at most 80 characters either side.
        head = text[max(m.start() - 80, 0) : m.start()]
        start = m.start() - len(head) + max(head.rfind(ch) for ch in ".;\n") + 1
        tail = _CLAUSE_END.search(text, m.end(), m.end() + 80)
        end = tail.start() if tail else min(m.end() + 80, len(text))
        if _PHOTO_SHOWN.search(text, start, end):
            start += len(text[start:end]) - len(text[start:end].lstrip(" ,"))
            _add(found, start, end, "PHOTO", text)


def _find_places(text: str, found: list[Finding]) -> None:
    for pattern in (_ADDRESS, _STREET_FIRST, _SUFFIX_STREET):
        for m in pattern.finditer(text):
            if pattern is _SUFFIX_STREET and not m.group("street").lower().endswith(
                STREET_SUFFIXES
            ):
                continue
            tail = _ADDRESS_TAIL.match(text, m.end())
            _add(found, m.start(), tail.end() if tail else m.end(), "GEO", text)
    for m in _INSTITUTION.finditer(text):
        span = m.group(0)
        first = span.split()[0].lower()
        if first in {"the", "a", "an", "of", "and"}:
            offset = len(span.split()[0]) + 1
            _add(found, m.start() + offset, m.end(), "GEO", text)
        else:
            _add(found, m.start(), m.end(), "GEO", text)
    for pattern in (_SAINT, _FOREIGN_INSTITUTION):
        for m in pattern.finditer(text):
            _add(found, m.start(), m.end() - (m.group(0)[-1] == " "), "GEO", text)
    for m in _COUNTY.finditer(text):
        _add(found, m.start(), m.end(), "GEO", text)
    for m in _ZIP_IN_STATE.finditer(text):
        _add(found, m.start("zip"), m.end("zip"), "ZIP", text)
    for m in _ZIP_LABEL.finditer(text):
        _add(found, m.start("code"), m.end("code"), "ZIP", text)
    for m in _US_ZIP.finditer(text):
        if "-" in m.group(0) and not m.group(0)[:2].isalpha():
            _add(found, m.start(), m.end(), "ZIP", text)
    for m in _UK_POSTCODE.finditer(text):
        _add(found, m.start(), m.end(), "ZIP", text)
    # The rest of an address after its street: "778 Riley Estate, Kowhaihanga", and the lines
    # of an address block (at most four more).
    for f in [f for f in found if f.kind == "GEO"]:
        end = f.end
        # A street runs on for up to four parts; an institution only to its town.
        for _line in range(4 if any(ch.isdigit() for ch in f.text) else 1):
            m = _ADDRESS_MORE.match(text, end)
            if not m or m.group("line").lower() in _NOT_ADDRESS:
                break
            end = m.end("line")
        if end > f.end:
            _add(found, f.start, end, "GEO", text)
    # A postcode beside a place found above: "Otok N66 3YW", "Zabrze (74766)", "2511 CV Den Haag".
    for f in [f for f in found if f.kind == "GEO"]:
        if m := _NEAR_POSTCODE.match(text, f.end):
            _add(found, m.start("code"), m.end("code"), "ZIP", text)
    for m in _POSTCODE_FIRST.finditer(text):
        place = m.group("place").lower()
        year = re.fullmatch(r"(?:19|20)\d{2}", m.group("code"))
        if place not in lexicon().common_words and place not in _MONTH_NUMBER and not year:
            _add(found, m.start(), m.end(), "GEO", text)


# Which kind wins when two findings overlap: the more specific label first.
_PRIORITY = {
    kind: i
    for i, kind in enumerate(
        [
            "EMAIL",
            "URL",
            "SSN",
            "FAX",
            "PHONE",
            "MRN",
            "HEALTH_PLAN",
            "ACCOUNT",
            "LICENSE",
            "VEHICLE",
            "DEVICE",
            "IP",
            "AGE_OVER_89",
            "DATE",
            "ZIP",
            "GEO",
            "NAME",
            "PHOTO",
            "UNIQUE",
            "EMPLOYER",
            "OTHER_ID",
        ]
    )
}


def _merge(found: list[Finding], text: str, quiet: list[tuple[int, int]]) -> list[Finding]:
    """Sort by position and merge overlaps into one finding of the most specific kind.

    Findings that overlap a ``quiet`` span (sorted, from ``_TRIAL_ID``) are dropped: a trial
    registration or a vaccine batch number is public and names no patient."""
    found.sort(key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    q = 0
    for f in found:
        while q < len(quiet) and quiet[q][1] <= f.start:
            q += 1
        if q < len(quiet) and quiet[q][0] < f.end:
            continue
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            winner = f if _PRIORITY[f.kind] < _PRIORITY[last.kind] else last
            end = max(last.end, f.end)
            # A fix only still fits when the winner covers the whole merged span.
            fix = winner.fix if (winner.start, winner.end) == (last.start, end) else ""
            merged[-1] = Finding(last.start, end, winner.kind, text[last.start : end], fix)
            continue
        merged.append(f)
    return merged


def check_reply(text: str) -> list[Finding]:
    """Scan a reply in a case discussion before it is posted (the composer shows the findings).

    Same scanner as case fields; kept as its own name so the forums composer can call it without
    knowing how cases scan.
    """
    return find_identifiers(text)


def apply_fixes(text: str, fixes: list[tuple[int, int, str]]) -> str:
    """Replace each (start, end) span with its replacement, working from the end backwards."""
    for start, end, replacement in sorted(fixes, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
