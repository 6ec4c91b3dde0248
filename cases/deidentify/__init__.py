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

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

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

# Common given names. Words that are also ordinary English or clinical words (Will, May, Mark,
# Grace, Hope, Faith, Bill, Rose, Joy, April, June) are left out on purpose: they would flood
# the author with false alarms, and the title and relation patterns still catch them in use.
GIVEN_NAMES = _words(
    """
    aaron abdul abigail adam adrian ahmed aisha alan albert alberto alejandro alex alexander
    alexandra alice alison amanda amber amelia amir amy ana andre andrea andrew angela anita ann
    anna anne anthony antonio arjun arthur ashley barbara benjamin betty beverly bianca bob brenda
    brian bruce bryan carl carla carlos carmen carol caroline catherine charles charlotte chen
    cheryl chloe christina christine christopher cindy claire claude daniel danielle david
    deborah debra dennis denise diana diane donald donna dorothy douglas dylan edward eileen elena
    elizabeth ellen emily emma eric erin ethan eugene evelyn fatima fernando fiona florence frances
    francesca francis frank fred gary george gerald giovanni gloria gordon graham gregory hannah
    harold harry hassan heather helen henry howard ian irene isabel isabella jack jacob james jamal
    jane janet janice jason javier jean jeffrey jennifer jeremy jessica joan joanna joe john
    jonathan jose joseph joshua joyce juan judith judy julia julie justin karen katherine kathleen
    kathryn keith kelly kenneth kevin kimberly laura lauren lawrence leonard li linda lisa liam
    lucas lucy luis margaret maria marie marilyn martha martin mary matthew megan melissa michael
    michelle mohammed mohammad muhammad nancy natalie nicholas nicole noah olivia oliver pamela
    patricia patrick paul peter philip priya rachel rahul ralph raymond rebecca richard robert
    roger ronald ruth ryan samantha samuel sandra sarah scott sean sharon shirley sophia sophie
    stephanie stephen steven susan teresa theresa thomas timothy tyler victoria vincent virginia
    walter wayne wei william yusuf zoe zainab
    """
)

# Common surnames, matched alone only when capitalised and not used as an eponym.
SURNAMES = _words(
    """
    smith johnson williams jones brown davis miller wilson moore taylor anderson thomas jackson
    white harris martin thompson garcia martinez robinson clark rodriguez lewis lee walker hall
    allen young hernandez king wright lopez hill green adams baker gonzalez nelson carter mitchell
    perez roberts turner phillips campbell parker evans edwards collins stewart sanchez morris
    rogers reed cook morgan bell murphy bailey rivera cooper richardson cox howard ward torres
    peterson gray ramirez watson brooks kelly sanders price bennett wood barnes ross henderson
    coleman jenkins perry powell long patterson hughes flores washington butler simmons foster
    gonzales bryant alexander russell griffin diaz hayes patel khan singh kaur ali ahmed hussain
    nguyen chen wang zhang liu okafor okonkwo mensah kowalski novak muller schmidt fischer
    o'brien o'connor murray macdonald campbell fraser
    """
)

# Words that make the capitalised word before them an eponym, not a person: "Wilson disease",
# "Parkinson's disease", "Murphy's sign", "Glasgow Coma Scale".
EPONYM_FOLLOWERS = _words(
    """
    disease diseases syndrome syndromes sign signs palsy test tests criteria reflex reflexes triad
    manoeuvre maneuver score scores classification sarcoma lymphoma phenomenon fracture fractures
    node nodes ulcer ulcers procedure operation law rule rules tumour tumor tumours tumors cell
    cells body bodies canal duct ducts stain staining scale disorder anomaly anomalies
    malformation sign's tube catheter point points position needle solution formula equation
    method technique incision repair block nerve membrane ligament gland glands space spaces
    ring rings lines line protocol regimen hernia cyst cysts bundle loop's loop grading grade
    stage staging coma level
    """
)

# Countries, US states, UK nations and continents: geographic units at state level or larger,
# which Safe Harbor allows.
LARGE_PLACES = _words(
    """
    africa america americas asia europe oceania antarctica australia canada mexico brazil
    argentina chile peru colombia india china japan korea thailand vietnam indonesia malaysia
    philippines singapore pakistan bangladesh nepal nigeria ghana kenya ethiopia egypt morocco
    algeria tunisia uganda tanzania zambia zimbabwe somalia sudan france germany spain portugal
    italy greece turkey poland ukraine russia romania hungary austria switzerland belgium
    netherlands holland denmark sweden norway finland iceland ireland scotland england wales uk
    usa britain israel iran iraq syria lebanon jordan saudi arabia qatar yemen afghanistan cuba
    haiti jamaica alabama alaska arizona arkansas california colorado connecticut delaware
    florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma
    oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    ontario quebec bavaria
    """
)

# Towns and cities smaller than a state. A short list of the places most often written; the
# context patterns ("lives in", "from", "near") catch the rest.
CITIES = _words(
    """
    london manchester birmingham leeds liverpool glasgow edinburgh cardiff belfast bristol
    sheffield newcastle nottingham leicester oxford cambridge brighton york aberdeen dundee
    swansea plymouth southampton portsmouth coventry bradford hull norwich exeter bath
    dublin cork paris lyon marseille berlin munich hamburg madrid barcelona rome milan naples
    amsterdam rotterdam brussels vienna zurich geneva lisbon athens istanbul stockholm oslo
    copenhagen helsinki warsaw prague budapest boston chicago houston phoenix philadelphia
    seattle denver atlanta miami dallas austin detroit baltimore cleveland pittsburgh portland
    toronto vancouver montreal sydney melbourne brisbane perth auckland wellington mumbai delhi
    bangalore chennai kolkata karachi lahore dhaka lagos nairobi accra johannesburg durban
    cairo tokyo osaka beijing shanghai seoul manila jakarta bangkok singapore
    """
)

TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sr|Sister|Nurse|Rev|Father|Mister)"
RELATIONS = (
    r"(?:wife|husband|partner|son|daughter|mother|father|mum|mom|dad|brother|sister|"
    r"grandson|granddaughter|grandmother|grandfather|niece|nephew|aunt|uncle|carer|caregiver|"
    r"friend|neighbour|neighbor|fianc[ée]e?|boyfriend|girlfriend|GP|physician|consultant)"
)
CAP_WORD = r"[A-Z][a-z'\u2019-]{1,20}"
INSTITUTION_WORDS = (
    r"(?:Hospital|Hospitals|Infirmary|Medical Cent(?:er|re)|Health Cent(?:er|re)|Clinic|"
    r"Surgery|Practice|Hospice|Nursing Home|Care Home|Rest Home|School|Academy|College|"
    r"University|Prison|Penitentiary|Church|Mosque|Temple|Synagogue|Factory|Mill|Farm|Mine)"
)
STREET_WORDS = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Court|Ct|Way|Close|"
    r"Place|Pl|Crescent|Terrace|Gardens|Grove|Square|Sq|Highway|Hwy|Parkway|Row|Mews)"
)
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

_LABELLED = re.compile(
    r"\b(?:"
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
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)\s?|\d{2,5}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w])"
    r"|(?<![\w+])\+\d{1,3}[\s.-]?\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\w])"
    r"|(?<![\w/.])0\d{9,10}(?![\w/]|\.\d)"
    r"|(?<![\w/.+])0\d{2,4}[\s-]\d{3,6}(?:[\s-]\d{3,4})?(?![\w/]|\.\d)"
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
    rf"\b{TITLES}\.?\s(?:(?:[A-Z]\.\s?){{1,3}}{CAP_WORD}|{CAP_WORD}(?:[\s-]{CAP_WORD}){{0,2}}"
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
_CAP_SEQUENCE = re.compile(
    rf"(?<![\w'])(?P<w1>{CAP_WORD})(?:\s(?P<w2>{CAP_WORD}))?(?:\s(?P<w3>{CAP_WORD}))?"
)
_FAMILY = re.compile(rf"\bthe\s(?P<name>{CAP_WORD})\s(?:family|household|twins|children)\b")
_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s(?:{CAP_WORD}\s){{1,3}}{STREET_WORDS}\b\.?"
    rf"|\b(?:{CAP_WORD}\s){{1,3}}{STREET_WORDS}\b(?=,?\s(?:in|near|off|at|by|,)|\.|,)"
    r"|\b(?i:apartment|apt|flat|suite|P\.?O\.? Box)\.?\s#?\d{1,5}[A-Z]?\b"
    rf"|\b(?:{CAP_WORD}\s){{1,3}}(?:Park|Common|Estate|Beach|Heath|Green|Square|Market)\b",
)
_INSTITUTION = re.compile(
    rf"\b(?:St\.?\s|Saint\s)?(?:{CAP_WORD}['\u2019]s\s)?(?:(?:{CAP_WORD}|&|and|of|the)\s){{1,5}}"
    rf"{INSTITUTION_WORDS}\b"
    rf"|\b{INSTITUTION_WORDS}\sof\s(?:{CAP_WORD}\s?){{1,3}}"
)
_PLACE_CONTEXT = re.compile(
    rf"\b(?:lives in|living in|live in|resident of|resides in|residing in|from|moved to|"
    rf"born in|grew up in|works in|worked in|working in|near|outside|in the village of|"
    rf"in the town of|village of|town of|city of|county of|County of|holidayed in|visiting|"
    rf"visited|travelled to|traveled to|returned from|trip to|based in|in)\s"
    rf"(?P<place>{CAP_WORD}(?:[\s-](?:upon-|on-)?{CAP_WORD}){{0,2}})"
)
_COUNTY = re.compile(rf"\b(?:{CAP_WORD}\s){{1,2}}(?:County|Parish|Borough|District|Township)\b")
_US_ZIP = re.compile(
    rf"\b(?:{US_STATE_CODES})\s\d{{5}}(?:-\d{{4}})?\b|(?<![\d-])\d{{5}}-\d{{4}}(?![\d-])"
    r"|\b(?:zip(?:\s?code)?|postcode|post code|postal code)\W{1,3}"
    r"(?P<code>[A-Z0-9][A-Z0-9 ]{2,8}[A-Z0-9])",
    _I,
)
_ZIP_IN_STATE = re.compile(rf"(?P<state>\b(?:{US_STATE_CODES}))\s(?P<zip>\d{{5}}(?:-\d{{4}})?)\b")
_UK_POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}\b")
_VIN = re.compile(
    r"\b(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]{0,16}\d)[A-HJ-NPR-Z0-9]{17}\b"
)
_HASH_ID = re.compile(r"(?<![\w&])#\s?(?P<value>\d{4,15})\b")
_LONG_NUMBER = re.compile(r"(?<![\w.,/])\d{7,15}(?![\w.,/]|\s?(?:copies|cells|IU|/|x\s?10))")
_MIXED_ID = re.compile(r"(?<![\w-])[A-Z]{1,4}-?\d{5,12}[A-Z]?(?![\w-])")

# Clinical capitalised words that begin sentences or name things, never people or places.
_NOT_NAMES = _words(
    """
    the a an he she they his her their this that these those patient pt on in at of for with
    and but or no not none day days week weeks month months year years history examination
    investigations management outcome diagnosis differential plan impression assessment
    presenting complaint follow up follow-up learning points question ct mri ecg echo cxr
    blood bloods urine ed icu hdu ward emergency department theatre clinic gp a&e
    """
)


# --- helpers --------------------------------------------------------------------------------


def _is_eponym(text: str, end: int) -> bool:
    """True when the word that ends at ``end`` is followed by an eponym noun or a possessive."""
    rest = text[end : end + 40]
    m = re.match(r"(?:['\u2019]s?)?[\s-]{0,2}([A-Za-z]{1,20})", rest)
    if not m:
        return False
    if m.group(1).lower() in EPONYM_FOLLOWERS:
        return True
    # "Parkinson's disease", "Crohn's colitis": a possessive followed by a lower-case noun.
    return bool(re.match(r"['\u2019]s\s[a-z]", rest))


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

    for m in _VIN.finditer(text):
        _add(found, m.start(), m.end(), "VEHICLE", text)
    for m in _HASH_ID.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)
    for m in _LONG_NUMBER.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)
    for m in _MIXED_ID.finditer(text):
        _add(found, m.start(), m.end(), "OTHER_ID", text)

    return _merge(found, text)


def _find_names(text: str, found: list[Finding]) -> None:
    for m in _TITLED_NAME.finditer(text):
        if not _is_eponym(text, m.end()):
            _add(found, m.start(), m.end(), "NAME", text)
    for pattern in (_RELATION_NAME, _NAMED, _PATIENT_INITIALS, _FAMILY):
        for m in pattern.finditer(text):
            name = m.group("name")
            if name.lower() in _NOT_NAMES or name.lower() in LARGE_PLACES:
                continue
            _add(found, m.start("name"), m.end("name"), "NAME", text)
    for m in _CAP_SEQUENCE.finditer(text):
        words = [(m.group(g), m.start(g), m.end(g)) for g in ("w1", "w2", "w3") if m.group(g)]
        # A dictionary name starts the span; capitalised words after it are its surname(s).
        for i, (word, start, _end) in enumerate(words):
            lower = (
                word.lower().rstrip("'\u2019s")
                if word.endswith(("'s", "\u2019s"))
                else word.lower()
            )
            if lower in GIVEN_NAMES or (lower in SURNAMES and not _sentence_start(text, start)):
                tail = words[i:]
                last_end = tail[-1][2]
                # Stop before a word that is an eponym noun or a clinical word.
                trimmed = [w for w in tail if w[0].lower() not in _NOT_NAMES]
                if not trimmed:
                    break
                last_end = trimmed[-1][2]
                if _is_eponym(text, last_end) and len(trimmed) == 1:
                    break
                lone_surname = lower in SURNAMES and lower not in GIVEN_NAMES and len(trimmed) == 1
                # A lone surname is a name only if not an eponym and not a place.
                if lone_surname and (lower in CITIES or lower in LARGE_PLACES):
                    break
                _add(found, start, last_end, "NAME", text)
                break


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(start - 3, 0) : start].rstrip(" \t*_(\"'")
    return not before or before[-1] in ".!?:\n#>-"


def _find_places(text: str, found: list[Finding]) -> None:
    for m in _ADDRESS.finditer(text):
        _add(found, m.start(), m.end(), "GEO", text)
    for m in _INSTITUTION.finditer(text):
        span = m.group(0)
        first = span.split()[0].lower()
        if first in {"the", "a", "an", "of", "and"}:
            offset = len(span.split()[0]) + 1
            _add(found, m.start() + offset, m.end(), "GEO", text)
        else:
            _add(found, m.start(), m.end(), "GEO", text)
    for m in _PLACE_CONTEXT.finditer(text):
        place = m.group("place")
        first = place.split()[0].split("-")[0].lower()
        if first in LARGE_PLACES or first in _NOT_NAMES or first in _MONTH_NUMBER:
            continue
        if first in {w.lower() for w in MONTHS.split("|")} or first in _COMMON_CAPS:
            continue
        if _is_eponym(text, m.end("place")):
            continue
        context = m.group(0)[: m.start("place") - m.start()].strip().lower()
        if context in {"in", "from", "visiting", "visited"} and (first not in CITIES):
            continue  # too ambiguous without a known town: "in Addison disease", "from Day 2"
        _add(found, m.start("place"), m.end("place"), "GEO", text)
    for m in re.finditer(r"(?<![\w'])[A-Z][a-z]{2,20}(?![\w'])", text):
        if m.group(0).lower() in CITIES and not _is_eponym(text, m.end()):
            _add(found, m.start(), m.end(), "GEO", text)
    for m in _COUNTY.finditer(text):
        _add(found, m.start(), m.end(), "GEO", text)
    for m in _ZIP_IN_STATE.finditer(text):
        _add(found, m.start("zip"), m.end("zip"), "ZIP", text)
    for m in _US_ZIP.finditer(text):
        if m.group("code"):
            _add(found, m.start("code"), m.end("code"), "ZIP", text)
        elif "-" in m.group(0) and not m.group(0)[:2].isalpha():
            _add(found, m.start(), m.end(), "ZIP", text)
    for m in _UK_POSTCODE.finditer(text):
        _add(found, m.start(), m.end(), "ZIP", text)


# Capitalised words that follow "in"/"from" in clinical writing and are not places.
_COMMON_CAPS = _words(
    """
    day week hospital accident emergency intensive primary secondary type stage grade class
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday english spanish french arabic
    """
)


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
            "OTHER_ID",
        ]
    )
}


def _merge(found: list[Finding], text: str) -> list[Finding]:
    """Sort by position and merge overlaps into one finding of the most specific kind."""
    found.sort(key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    for f in found:
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
