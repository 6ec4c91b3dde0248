"""Identifiers written loosely, in the shapes that notes from many countries and keyboards use.

- dates: a month in lower case ("4 september") or in another language ("12 mars 2026",
  "janvier 2019", "3. März"), a part of a month ("mid-July", "end of March"), a season counted
  from now ("last spring"), a weekday in lower case or after a 24-hour time ("thurs pm",
  "04:10 Sat");
- ages over 89 with the word for years of another language ("90 anni", "92 ans", "95 Jahre");
- numbered roads where something happened ("on the A82", "on I-95", "FM 1960");
- a number after a short label in capitals that no list knows ("NIK 3174015708890003",
  "NHIF 4412987"): national and insurance numbers have many names;
- an employer named before what it runs ("a Maersk container ship", "a Tesco lorry");
- a hospital or shop named by its possessive alone after a word of place ("implanted at
  Guy's", "seen at Addenbrooke's");
- a name inked or printed on the patient ("tattoo 'KAYLA'").

Every pattern opens on a character class or a short literal, reads a bounded window and has
only bounded quantifiers, so the pass stays linear in the length of the text.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import any_hint
from cases.deidentify.cues import PERSON_CUES
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import (
    DEMONYMS,
    MAKERS,
    PEOPLES,
    TEXTBOOKS,
    named_in_medicine,
)

# --- dates ------------------------------------------------------------------------------

# Months in lower case, as phones and quick notes type them. "may" is left out (a verb).
_LOWER_MONTHS: Final = (
    "january|february|march|april|june|july|august|september|october|november|december|sept"
)
# Months of the languages clinicians from abroad write in (Spanish has spanish.py). Those that
# are English words or names ("mars", "mai", "Juni") count only beside a day or a year.
_FOREIGN_MONTHS: Final = (
    # French
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|"
    # German and Dutch
    "januar|februar|märz|maerz|juni|juli|oktober|dezember|januari|februari|maart|mei|augustus|"
    # Portuguese and Italian
    "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    # Nordic and Icelandic (after a day and its dot: "17. mai", "6. júní"), Finnish partitive
    "marts|maj|augusti|desember|janúar|febrúar|apríl|maí|júní|júlí|ágúst|október|nóvember|"
    "tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|"
    "syyskuuta|lokakuuta|marraskuuta|joulukuuta|"
    # Polish and Czech genitive ("3 marca", "5. května"), Romanian, Turkish, Indonesian
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
    "listopada|grudnia|ledna|února|března|dubna|května|června|července|srpna|září|října|"
    "listopadu|prosince|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|"
    "noiembrie|decembrie|ocak|şubat|mart|nisan|may\u0131s|haziran|temmuz|ağustos|eylül|ekim|"
    "kas\u0131m|aral\u0131k|maret|agustus|desember"
)
# German months, capitalised as German writes them, after a day with its dot ("3. Mai").
_GERMAN_MONTHS: Final = (
    "Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
)
# "4 september", "12 mars 2026", "3. März", "14 de julho": a day before the month. Months of
# other languages only in lower case, as those languages write them: "bed 3 Marco", "bed 2 Mai
# Nguyen" and "2 Mars bars" are no dates.
DAY_MONTH_LOOSE: Final = re.compile(
    r"\d(?<![\w/.,:-]\d)\d?(?:(?:st|nd|rd|th|\.|er|º)?\s(?:de\s|of\s)?"
    rf"(?:{_LOWER_MONTHS}|{_FOREIGN_MONTHS})|\.\s(?:{_GERMAN_MONTHS}))\b(?:,?\s(?:19|20)\d\d\b)?"
)
# "janvier 2019", "März 2024", "september 2025": a month and a year. The year is found first
# (the engine jumps to a digit), the month read in the window before it.
YEAR: Final = re.compile(r"[12](?<![\w.,/-][12])(?<=(?=19|20).)\d{3}\b(?![.,/-]\d)")
MONTH_BEFORE_YEAR: Final = re.compile(
    rf"(?<![\w-])(?:{_LOWER_MONTHS}|(?i:{_FOREIGN_MONTHS}))\s(?:de\s)?$"
)
# "mid-July", "early March", "end of October", "the middle of June".
MONTH_PART: Final = re.compile(
    r"[emlsbEMLSB](?<![\w-].)(?i:(?<=[eE])arly|(?<=[mM])id|(?<=[lL])ate|(?<=[eE])nd\sof|"
    r"(?<=[bB])eginning\sof|(?<=[sS])tart\sof|(?<=[mM])iddle\sof)"
    r"[\s-](?:January|February|March|April|May|June|July|August|September|October|November|"
    rf"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|{_LOWER_MONTHS})\b"
)
# "implanted last spring", "diagnosed early this summer": a season placed in time as the date of
# an event of the patient; not a season in general ("hay fever in spring") nor the writer's own
# memory ("we saw one last winter").
SEASON_PLACED: Final = re.compile(
    r"[ltnepLTNEP](?<![\w-].)(?i:(?<=[lL])ast|(?<=[tT])his|(?<=[nN])ext|(?<=[eE])arly|(?<=[lL])ate|"
    r"(?<=[pP])revious|(?<=[pP])ast)"
    r"\s(?i:spring|summer|autumn|winter)\b"
)
EVENT_BEFORE: Final = re.compile(
    r"\b(?:implanted|diagnosed|admitted|started|stopped|operated|born|died|fell|moved|arrived|"
    r"discharged|delivered|retired|inserted|fitted|removed|treated|vaccinated|injured|began|"
    r"presented|diagnosis|surgery|operation|procedure|transplant|transplanted|replaced|repaired|"
    r"done)\b[^.;\n]{0,30}$"
)
# A weekday typed in lower case, once something makes it one day: "meeting thurs pm",
# "seen on monday", "last friday". "sat", "sun", "wed" and "mon" are words, left out.
LOWER_WEEKDAY: Final = re.compile(
    r"[mtwfs](?<![\w-].)(?:(?:(?<=m)on|(?<=t)ues|(?<=w)ednes|(?<=t)hurs|(?<=f)ri|(?<=s)atur|(?<=s)un)day|"
    r"(?<=t)ues|(?<=w)eds|(?<=t)hurs)\b"
)
_WEEKDAY_BEFORE: Final = re.compile(r"\b(?:on|last|this|next|by|until|till|since|before|after)\s$")
_WEEKDAY_AFTER: Final = re.compile(
    r"\s(?:am|pm|night|morning|afternoon|evening|overnight|lunchtime|at\s\d|\d{1,2}(?:st|nd|rd|th))\b"
)
# A weekday after a 24-hour time: "04:10 Sat", "23.30 on Sunday".
TIME_WEEKDAY: Final = re.compile(
    r"\d(?<![\w:.]\d)\d?[:.h][0-5]\d\s(?:on\s)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)"
    r"\b(?!-)"
)

# --- ages -------------------------------------------------------------------------------

# "90 anni", "92 ans", "95 Jahre", "91 años", "93 anos", "90 jaar", "94 år", "96 lat", "97 yaş".
AGE_ABROAD: Final = re.compile(
    r"[91](?<![\w.,][91])(?:(?<=9)\d|(?<=1)[01]\d)\s(?i:anni|ans|jahre|años|anos|jaar|år|ar|"
    r"lat|ya\u015f|yasinda|ya\u015f\u0131nda|éves|let|godina|vjeç|ετών)\b"
)

# --- roads ------------------------------------------------------------------------------

# "on the A82", "off the M6", "the N17 near Tuam": UK, Irish and European road numbers after
# "the" and a word of place, and before what follows a road (not "on the N95 mask"); and
# "on I-95", "Route 66", "Highway 1", "FM 1960", "SR-50" after a word of place.
ROAD: Final = re.compile(
    r"[AMNEIRHSUFC](?<![\w-].)(?:(?P<uk>(?<=[AMN])\d{1,4}(?:\(M\))?|(?<=E)\d{1,3})"
    r"|(?<=I)-\d{1,3}|(?<=I)nterstate\s\d{1,3}|(?<=R)oute[\s-]\d{1,4}|(?<=H)(?:ighway|wy)[\s-]\d{1,4}"
    r"|(?<=S)(?:R|tate\sRoute)[\s-]\d{1,4}|(?<=U)S[\s-]\d{1,4}|(?<=[FR])M[\s-]\d{1,4}"
    r"|(?<=C)(?:R|ounty\sRoad)[\s-]\d{1,4})(?![\w-])"
)
ROAD_BEFORE: Final = re.compile(
    r"(?<![\w-])(?i:on|along|off|down|up|near|onto|via|from|joining|crossing|at|by|beside)"
    r"\s(?P<the>the\s)?$"
)
ROAD_AFTER: Final = re.compile(
    r"\s?[,.;)]|\s*$|\s(?:near|at|in|outside|towards|between|by|north|south|east|west|"
    r"[a-z]{2,5}bound|junction|motorway|road|carriageway|services|roundabout|slip|when|and|"
    r"where|on|into|after|before|with|coming|going|heading|driving)\b"
)

# --- numbers after a label no list knows --------------------------------------------------

# "NIK 3174015708890003", "NHIF 4412987", "KTP: 3201-1234-5678-0001": a label of capitals, then
# a number of six digits at least (lab values with a short label are shorter; "MIN 487712",
# "FCN 183245" are six).
ACRONYM_NUMBER: Final = re.compile(
    r"[A-Z](?<![\w-][A-Z])[A-Z]{1,5}(?:\s(?:no\.?|number|#))?(?::|\s?#)?\s{1,2}"
    r"(?P<value>\d(?:[\d.\s-]{0,3}\d){5,21})(?![\w/]|[.,]\d)"
)
# Labels of measurements, counts and codes, not of a person.
_NOT_ID_LABELS: Final = frozenset(
    """
    ck wcc wbc plt bnp ntprobnp afp hcg crp esr ldh ast alt alp ggt tsh pth igf vl hiv hbv hcv
    cd dna rna pcr ebv cmv inr pt aptt ffp rbc anc icd icd-10 snomed atc bnf ndc nct isrctn
    eudract doi pmid isbn issn cpt hcpcs loinc fev fvc ph po mg mcg iu ml pmol nmol
    """.split()
)

# --- employers, places and names in context ----------------------------------------------

# "a Maersk container ship", "drives a Tesco lorry", "the Amazon warehouse": a capitalised name
# between an article and what an employer runs.
EMPLOYER_THING: Final = re.compile(
    r"[aAtThH](?<![\w-].)(?:(?<=[aA])n?|(?<=[tT])he|(?<=[hH])is|(?<=[hH])er|(?<=[tT])heir)\s"
    r"(?P<name>[A-Z][\w&'\u2019-]{1,20}(?:\s[A-Z][\w&'\u2019-]{1,20})?)\s"
    r"(?:(?:container|cargo|cruise|fishing|supply|oil|gas|delivery|distribution|freight|"
    r"refuse|bin)\s)?(?P<thing>ship|vessel|tanker|trawler|ferry|rig|platform|lorry|truck|van|"
    r"depot|warehouse|call\scentre|call\scenter|factory|plant|mine|brewery|smelter|refinery|"
    r"abattoir|store|superstore|supermarket|branch|site)\b"
)
_VEHICLES: Final = frozenset({"lorry", "truck", "van"})
_PEOPLE: Final = DEMONYMS | PEOPLES
# Capitalised words before such a noun that name no employer ("the New site", "a Night van").
_NOT_EMPLOYER_FIRST: Final = frozenset(
    "the this that main old new big small large local same other night day hospital ward "
    "trust building north south east west central upper lower first second third".split()
)
# "implanted at Guy's", "seen at Addenbrooke's last week": a possessive standing for a place.
POSSESSIVE: Final = re.compile(r"['\u2019](?<=[a-z]['\u2019])s(?![\w'\u2019])")
POSSESSIVE_BEFORE: Final = re.compile(
    r"(?<![\w-])(?:at|from|to|in|into)\s(?P<name>(?:St\.?\s)?[A-Z][a-z]{1,20})$"
)
POSSESSIVE_AFTER: Final = re.compile(
    r"[,.;:)]|\s*$|\s(?:last|this|next|yesterday|today|on|in|for|and|with|where|after|"
    r"before|until|since|then|but|under|by)\b"
)
# "Patient: GUNDERSON, CARL", "Name: Ana Lima", "NOK: Kofi Mensah": a name after its label,
# in any case; the words are judged in find_loose.
COLON_NAME: Final = re.compile(
    r":\s?(?P<name>[A-Z][A-Za-z'\u2019-]{1,25}(?:,?\s[A-Z][A-Za-z'\u2019-]{1,25}){0,3})"
)
NAME_LABEL_BEFORE: Final = re.compile(
    r"(?<![\w-])(?i:patient|pt|name|patient\sname|patient's\sname|surname|family\sname|"
    r"forename|first\sname|full\sname|nok|next\sof\skin)\s?$"
)
# "according to Davidson's", "per Kumar's": a book or its author, not a place.
AUTHOR_BEFORE: Final = re.compile(r"(?i:according\sto|per|see|cf\.?)\s?$")
_NOT_LABELLED_NAMES: Final = frozenset(
    "male female man woman boy girl baby infant child the a an unknown anonymous none same see "
    "as per not withheld redacted deceased adult elderly".split()
)
# "tattoo 'KAYLA'", "a tattoo reading "Mum & Dad"", "necklace with the name 'Precious'".
INKED_NAME: Final = re.compile(
    r"(?=[tnbwTNBW])(?<![\w-])(?i:tattoo(?:ed|s)?|necklace|bracelet|wristband|pendant|engraved)"
    r"[^.;\n\"\u201c'\u2018]{0,30}[\"\u201c'\u2018]"
    r"(?P<name>[A-Za-z][A-Za-z'-]{1,20}(?:\s[A-Za-z][A-Za-z'-]{1,20})?)[\"\u201d'\u2019]"
)


_MONTH_PART_HINTS: Final = ("mid", "early ", "late ", "end of ", "beginning of ", "start of ")
_SEASONS: Final = ("spring", "summer", "autumn", "winter")
_LOWER_WEEKDAYS: Final = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tues", "weds"
)  # fmt: skip
_THINGS: Final = (
    "ship", "vessel", "tanker", "trawler", "ferry", "rig", "platform", "lorry", "truck", "van ",
    "depot", "warehouse", "call cent", "factory", "plant", "mine", "brewery", "smelter",
    "refinery", "abattoir", "store", "supermarket", "branch", "site",
)  # fmt: skip
# Every TIME_WEEKDAY match holds one: the minutes and the day's first letters ("30 Mon"),
# after the separator each opens on (a literal, fast to find).
_TIME_WEEKDAY_HINTS: Final = tuple(
    re.compile(rf"{sep}[0-5]\d\s(?:on\s)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)")
    for sep in (":", r"\.", "h")
)
_INKED: Final = ("tattoo", "necklace", "bracelet", "wristband", "pendant", "engraved")


def find_loose(text: str, low: str, found: list[Finding]) -> None:
    def add(start: int, end: int, kind: str) -> None:
        _add(found, start, end, kind, text)

    for pattern in (DAY_MONTH_LOOSE, TIME_WEEKDAY):
        if pattern is TIME_WEEKDAY and not any_hint(_TIME_WEEKDAY_HINTS, text):
            continue
        for m in pattern.finditer(text):
            add(m.start(), m.end(), "DATE")
    for m in YEAR.finditer(text):
        if month := MONTH_BEFORE_YEAR.search(text, max(m.start() - 14, 0), m.start()):
            add(month.start(), m.end(), "DATE")
    for m in MONTH_PART.finditer(text) if any(h in low for h in _MONTH_PART_HINTS) else ():
        add(m.start(), m.end(), "DATE")
    for m in SEASON_PLACED.finditer(text) if any(h in low for h in _SEASONS) else ():
        if EVENT_BEFORE.search(text, max(m.start() - 40, 0), m.start()):
            add(m.start(), m.end(), "DATE")
    weekdays = any(h in text for h in _LOWER_WEEKDAYS) or "thurs" in text
    for m in LOWER_WEEKDAY.finditer(text) if weekdays else ():
        if _WEEKDAY_BEFORE.search(text, max(m.start() - 8, 0), m.start()) or _WEEKDAY_AFTER.match(
            text, m.end(), m.end() + 14
        ):
            add(m.start(), m.end(), "DATE")
    for m in AGE_ABROAD.finditer(text):
        add(m.start(), m.end(), "AGE_OVER_89")
    for m in ROAD.finditer(text):
        before = ROAD_BEFORE.search(text, max(m.start() - 14, 0), m.start())
        if not before:
            continue
        if m.group("uk") is not None and not (
            before.group("the") and ROAD_AFTER.match(text, m.end(), m.end() + 16)
        ):
            continue  # "on the A82 near", not "on the N95 mask" nor "E12" alone
        add(m.start(), m.end(), "GEO")
    for m in ACRONYM_NUMBER.finditer(text):
        label = low[m.start() : m.start("value")].split()[0].rstrip(":#")
        digits = sum(ch.isdigit() for ch in m.group("value"))
        if label not in _NOT_ID_LABELS and digits >= 6:
            add(m.start("value"), m.end("value"), "OTHER_ID")
    lex = lexicon()
    for m in EMPLOYER_THING.finditer(text) if any(h in low for h in _THINGS) else ():
        name = m.group("name")
        first = name.split()[0].lower()
        if m.group("thing") in _VEHICLES and first in MAKERS:
            continue  # "a Toyota truck": the maker of the thing, not the employer
        if first in _PEOPLE or first in _NOT_EMPLOYER_FIRST or named_in_medicine(name.split()):
            continue  # "a Dutch container ship", "the main warehouse", "a Foley catheter"
        add(m.start("name"), m.end("name"), "EMPLOYER")
    for p in POSSESSIVE.finditer(text):
        owner = POSSESSIVE_BEFORE.search(text, max(p.start() - 30, 0), p.start())
        if not (owner and POSSESSIVE_AFTER.match(text, p.end(), p.end() + 12)):
            continue
        name = text[owner.start("name") : p.end()]
        bare = owner.group("name").split()[-1]
        low_bare = bare.lower()
        person = low_bare in lex.first_names or low_bare in lex.last_names
        if (
            named_in_medicine([name])
            or (low_bare in lex.common_words and not person)
            or low_bare in PERSON_CUES
            or low_bare in TEXTBOOKS
            or AUTHOR_BEFORE.search(text, max(owner.start() - 14, 0), owner.start() + 3)
        ):
            continue  # "in Parkinson's", "at Grandma's"
        add(owner.start("name"), p.end(), "GEO")
    for m in COLON_NAME.finditer(text):
        if not NAME_LABEL_BEFORE.search(text, max(m.start() - 16, 0), m.start()):
            continue
        words = re.split(r",?\s", m.group("name"))
        keep = 0
        for word in words:
            w = word.lower()
            is_name = w in lex.first_names or w in lex.last_names
            if (w in lex.common_words and not is_name) or w in _NOT_LABELLED_NAMES:
                break  # "Patient: Male", "Name: Unknown", "Patient: GUNDERSON, CARL. MRN"
            keep += 1
        if keep:
            kept = words[:keep]
            end = m.start("name") + m.group("name").find(kept[-1]) + len(kept[-1])
            add(m.start("name"), end, "NAME")
    for m in INKED_NAME.finditer(text) if any(h in low for h in _INKED) else ():
        word = m.group("name").split()[0].lower()
        if word in PERSON_CUES:
            continue  # "tattoo 'MUM'": a relation, no one's name
        if word in lex.first_names or word in lex.last_names:
            add(m.start("name"), m.end("name"), "NAME")
