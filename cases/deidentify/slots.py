"""Identifiers known by the slot they sit in rather than by their own shape.

An age over 89 written bare after a name ("Ada Brook, 93, from ..."), a telephone extension
("on ext 2207"), a professional registration number after its register ("NMC 09B1234E",
"licence number MD 556610"), an employer after a verb of working that has no job noun
("cleans for the county council"; capitalised employers are judged in names.py), and roles
only one person holds ("a Super League referee", "the village's MP").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored, any_hint
from cases.deidentify.cues import EMPLOYER_AFTER, employer_cue, words_before
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import EPONYMS
from cases.deidentify.named_things_lists import MAKERS_MORE
from cases.deidentify.places import CLINICAL_ACRONYMS
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS

# "Ada Brook, 93, from": a capitalised word, a comma, 90 to 120, then what follows an age in
# a case's opening line. A list of values ("Sats 88, 92, 95") has no word before the comma.
# Or in brackets after a full name, as ward lists write it: "Ada Brook (96) in bay 3".
AGE_AFTER_NAME: Final = anchored(
    r"(?=[,(])(?:,\s(?P<age>9\d|1[01]\d|120)(?=,|\s(?:from|with|who|is|was|has|had|and|lives|"
    r"presents|presented|admitted|M|F|man|woman|male|female|years?)\b|\s?\))"
    r"|\((?P<bracketed>9\d|1[01]\d)\)(?=[\s,.;:]|$))"
)
_WORD_BEFORE: Final = re.compile(r"([A-Z][^\W\d_]{1,24})$")
# In brackets, after a first name and a surname: "Sats (92)" is a reading.
_TWO_WORDS_BEFORE: Final = re.compile(r"[A-Z][^\W\d_]{1,24} ([A-Z][^\W\d_]{1,24}) $")

# An extension names a desk or a person: "on ext 2207", "extn. 51234", "extension 4410".
# "extension" alone is also a movement ("knee extension 0-90"), so it needs a verb of calling.
EXTENSION: Final = anchored(
    r"(?=[eE])\b(?:ext|extn|Ext|Extn)\.?\s?(?P<n>\d{3,5})\b"
    r"|\b(?:on|call|ring|dial|phone|contact|via|or)\s(?:ext|extn|extension|x)\.?\s?(?P<m>\d{3,5})\b"
)
# Every EXTENSION match holds this, which opens on the letter "x" (a literal, fast to find).
_EXTENSION_HINT: Final = re.compile(r"x(?:t(?:n|ension)?)?\.?\s?\d{3}")

# A register's initials, then its number: GMC and IMC are seven digits, NMC a PIN such as
# "09B1234E", AHPRA three letters and ten digits; "RN"/"LPN" and a US state licence.
REGISTER: Final = anchored(
    r"(?=[A-Z])\b(?:GMC|NMC|HCPC|GPhC|PSI|IMC|NMBI|MCI|MDCN|HPCSA|AHPRA|NPI|DEA|RN|LPN|APRN|"
    r"RPh|CPSO)(?:\s(?:no\.?|number|reg(?:istration)?\.?|PIN|#))?(?:\sis|:)?\s?"
    r"(?P<value>\d[0-9A-Z]{4,11}|[A-Z]{1,3}\d{5,10})\b"
)
# "licence number MD 556610", "registration no. RN 847293": letters, a space, the number.
LICENCE_LABEL: Final = anchored(
    r"(?=[lLrRpP])\b(?i:licen[cs]e|registration|practi[cs]ing|PIN)\s(?i:no\.?|number|#|ID)?:?\s?"
    r"(?P<value>[A-Z]{1,5}[\s-]?\d[0-9A-Z]{3,11})\b"
)

# A verb of working without a job noun, then a council: "cleans for the council". Capitalised
# employers after these verbs ("delivers for Ocado") are found by names.py's employer cue.
JOB_VERBS: Final = (
    r"(?:drives?|drove|driving|delivers?|delivered|delivering|cleans?|cleaned|cleaning|cooks?|"
    r"cooked|cooking|caters?|catered|catering|labours?|laboured|labouring|temps?|temped|"
    r"temping|couriers?|works?|worked|working|volunteers?|volunteered|volunteering)"
)
COUNCIL: Final = anchored(
    rf"(?=[a-z])\b{JOB_VERBS}(?:\s(?:a|an)\s[a-z]{{2,12}})?\s(?:for|with)\s"
    r"(?P<emp>the\s(?:local\s|county\s|city\s|borough\s|district\s|town\s|parish\s)?council)\b"
)

# Roles only one person or a handful hold, famous by the job: "a Super League referee", "an
# NBA player", "a Formula 2 driver", "the island's MP", "our town's mayor".
_LEAGUE: Final = (
    r"(?:Premier League|Premiership|Champions League|Super League|Football League|"
    r"Championship|La Liga|Serie A|Bundesliga|Ligue 1|MLS|NFL|NBA|WNBA|MLB|NHL|AFL|AFLW|NRL|"
    r"IPL|Big Bash|Six Nations|Test|ODI|World Cup|Ryder Cup|Davis Cup|Olympic|Paralympic|"
    r"Commonwealth Games|Formula (?:1|One|2|3|E)|F1|F2|MotoGP|NASCAR|IndyCar|WRC|UFC|WWE|"
    r"Grand Prix|Grand Slam|Tour de France)"
)
_ROLE: Final = (
    r"\s(?:[a-z]+\s)?"
    r"(?:referee|umpire|linesman|official|player|footballer|cricketer|rugby player|"
    r"goalkeeper|striker|bowler|batsman|driver|rider|cyclist|jockey|boxer|fighter|wrestler|"
    r"swimmer|sprinter|runner|rower|gymnast|athlete|skier|golfer|coach|manager|captain|"
    r"champion|medallist|medalist|star)\b"
)
# The league's name says it alone (opening on its capital, the rarer character); the plain
# words "international" and "county" need an article before them.
FAMOUS_ROLE: Final = anchored(rf"(?=[A-Z])(?<![\w-]){_LEAGUE}{_ROLE}")
_PLAIN_ROLE_FULL: Final = re.compile(rf"\b[aA]n?\s(?P<role>(?:international|county){_ROLE})")
PLAIN_ROLE: Final = ByKeyword(
    _PLAIN_ROLE_FULL, "international|county", 4, "[aA]"
)  # the rare word first
TOWN_ROLE: Final = anchored(
    r"(?=[tToO])\b(?:the|our|their)\s(?:town|village|city|island|parish|county|valley|"
    r"constituency|area|region|district|hamlet|borough)['\u2019]s\s(?:MP|MSP|MS|TD|MLA|MEP|"
    r"mayor|senator|congressman|congresswoman|councillor|vicar|priest|rabbi|imam|minister|"
    r"GP|doctor|vet|pharmacist|dentist|headteacher|head teacher|headmaster|headmistress|"
    r"police officer|sheriff|chief|judge|magistrate|coroner|postman|postmistress|undertaker|"
    r"butcher|baker|publican|landlord)\b"
)
# Every TOWN_ROLE match holds one: its "'s" and the role, which opens on a literal.
_TOWN_ROLE_HINTS: Final = tuple(
    re.compile(quote + TOWN_ROLE.pattern[TOWN_ROLE.pattern.index("s\\s(?:MP") :])
    for quote in ("'", "\u2019")
)


# Any noun with "number", "no." or "#" after it, then a code with four digits or more: "prison
# number A4471CD", "IP no 24/118732", "folder no. KBTH-0091", "MR# SGD-114-2026". The label
# words above know the common ones; this reads the ones they do not. Codes of things that are
# no person (lots, models, versions, pages, trials) stay quiet.
NUMBER_LABEL: Final = re.compile(
    r"(?:[nN](?<=[A-Za-z]\s[nN])(?:o\.?|umber|um|r)(?![a-z])|#(?:(?<=\w#)|(?<=\w\s#)))"
    r"(?:\s?[:#.]|\sis|\swas)?\s{0,2}"
    r"(?P<value>(?=[A-Za-z0-9/.-]{0,24}\d(?:[/.-]?\d){3})[A-Z0-9][A-Z0-9/.-]{3,24}[A-Z0-9])"
    r"(?![\w/-])"
)
_LABEL_WORD: Final = re.compile(r"([A-Za-z][A-Za-z'/-]{0,20})$")
_NOT_PERSONAL_LABELS: Final = frozenset(
    """
    lot batch trial study version model part catalog catalogue cat item step page pages
    figure fig table line row column platform gate route bus flight channel room bed ward
    bay floor level grade stage cycle dose series issue volume vol chapter section clause
    ticket order product serial sku reference ref code lab phone tel mobile fax telephone
    contact patients cases total random lucky house flat unit apartment suite box po
    """.split()
)


# An employer written as an acronym after a job's words: "mail carrier for USPS", "a welder at
# BHP", "retired VGZ engineer". Acronyms are no names in names.py, so this reads them here.
ACRONYM: Final = re.compile(r"[A-Z](?<![\w&-][A-Z])[A-Z&]{1,5}\b(?![-'\u2019/]|\s?\d)")
_NOUN_NEXT: Final = re.compile(
    r"\s(?!(?:in|at|for|and|or|as|on|since|until|from|with|but|who|where|when|then|to|near|of|"
    r"until|before|after|since|so|because|while|is|was|has|had)\b)[a-z]"
)
# National services and armed forces: an employer of millions names no one.
_PUBLIC_BODIES: Final = frozenset("NHS HSE VA MOD DOD RAF RN USAF USMC IDF UN WHO EU".split())


# A family by its surname in the plural: "so did the Coopers next door", "the Garbas came".
FAMILY_PLURAL: Final = re.compile(
    r"[Tt](?<![\w-][Tt])he\s(?P<name>[A-Z][^\W\d_]{2,20}?)(?P<tail>es|s)\b(?!['\u2019-])"
)

# Plurals that are islands or peoples of history, not a family.
_NOT_FAMILIES: Final = frozenset(
    "azores seychelles comoros grenadines caymans falklands orkneys shetlands normans saxons "
    "vikings celts romans tudors stuarts georgians victorians edwardians".split()
)


# An age of 90 to 119 after a person and a verb of being: "my pt is 96", "great-grandma was
# 104", "Mum turned 90". The number is found first; the person before it is read after.
BARE_AGE: Final = re.compile(
    r"[19](?<![\w.,/+-][19])(?:(?<=9)\d|(?<=1)[01]\d)\b"
    r"(?!\s?(?:kg|kilos?|lbs?|mmHg|bpm|minutes|mins|hours|days|weeks|percent|cm|mm|degrees|"
    r"times|units|mg|ml|beats)\b|\s?%|[.:/-]\d|\s(?:on|in)\s(?:air|RA|room|O2|oxygen|\d))"
)
PERSON_IS: Final = re.compile(
    r"\b(?i:pt|patient|lady|gentleman|gent|man|woman|resident|client|grandma|grandmother|"
    r"granny|gran|nan|nanna|nana|grandpa|grandfather|grandad|granddad|lola|lolo|mum|mom|"
    r"mother|dad|father|aunt|aunty|auntie|uncle|husband|wife)"
    r"(?:['\u2019]s|\sis|\swas|\sturned)\s(?:now\s|just\s|nearly\s|almost\s)?$"
)


# Words one of which a text must hold before the patterns that need them are run: most
# fields have none, and each pattern costs a pass over the field.
_REGISTERS: Final = (
    "GMC",
    "NMC",
    "HCPC",
    "GPhC",
    "PSI",
    "IMC",
    "NMBI",
    "MCI",
    "MDCN",
    "HPCSA",
    "AHPRA",
)
_REGISTER_HINTS: Final = (*_REGISTERS, "NPI", "DEA", "RN", "LPN", "APRN", "RPh", "CPSO")
_ROLE_HINTS: Final = (
    "referee umpire linesman official player footballer cricketer goalkeeper striker bowler "
    "batsman driver rider cyclist jockey boxer fighter wrestler swimmer sprinter runner rower "
    "gymnast athlete skier golfer coach manager captain champion medallist medalist star"
).split()


def find_slots(text: str, low: str, found: list[Finding]) -> None:
    if ", 9" in text or ", 1" in text or "(9" in text or "(1" in text:
        lex = lexicon()
        for m in AGE_AFTER_NAME.finditer(text):
            before = _TWO_WORDS_BEFORE if m.group("bracketed") else _WORD_BEFORE
            word_before = before.search(text, max(m.start() - 52, 0), m.start())
            if (
                word_before
                and not word_before.group(1).isupper()
                and word_before.group(1).lower() not in (lex.common_words)
            ):
                group = "age" if m.group("age") else "bracketed"
                _add(found, m.start(group), m.end(group), "AGE_OVER_89", text)
    for m in BARE_AGE.finditer(text) if " 9" in text or " 1" in text else ():
        if PERSON_IS.search(text, max(m.start() - 36, 0), m.start()):
            _add(found, m.start(), m.end(), "AGE_OVER_89", text)
    gate = ("ext" in low or " x" in low) and _EXTENSION_HINT.search(text)
    for m in EXTENSION.finditer(text) if gate else ():
        group = "n" if m.group("n") else "m"
        _add(found, m.start(group), m.end(group), "PHONE", text)
    if any(hint in text for hint in _REGISTER_HINTS):
        for m in REGISTER.finditer(text):
            _add(found, m.start(), m.end("value"), "LICENSE", text)
    if "licen" in low or "registration" in low or "practi" in low or "pin" in low:
        for m in LICENCE_LABEL.finditer(text):
            _add(found, m.start("value"), m.end("value"), "LICENSE", text)
    # On the lower-cased text ("Works for the council" opens a sentence), same offsets.
    for m in COUNCIL.finditer(low) if "council" in low else ():
        _add(found, m.start("emp"), m.end("emp"), "EMPLOYER", text)
    if any(hint in low for hint in _ROLE_HINTS):
        for m in FAMOUS_ROLE.finditer(text):
            _add(found, m.start(), m.end(), "UNIQUE", text)
        for m in PLAIN_ROLE.finditer(text) if "international" in low or "county" in low else ():
            _add(found, m.start("role"), m.end("role"), "UNIQUE", text)
    if " no" in low or "number" in low or "num" in low or " nr" in low or "#" in text:
        for m in NUMBER_LABEL.finditer(text):
            label_end = m.start() - (text[m.start() - 1] == " ")
            label = _LABEL_WORD.search(text, max(label_end - 22, 0), label_end)
            word = (label.group(1) if label else "").lower()
            if (
                not word
                or word in _NOT_PERSONAL_LABELS
                or re.fullmatch(r"(?:19|20)\d\d|\d+\.\d+", m["value"])
            ):
                continue
            _add(found, m.start("value"), m.end("value"), "OTHER_ID", text)
    if any(w in low for w in (" for ", " at ", " with ", " by ", "retired", "former", " ex")):
        for m in ACRONYM.finditer(text):
            word = m.group(0)
            if (
                word in CLINICAL_ACRONYMS
                or word in CLINICAL_INITIALISMS
                or word in _PUBLIC_BODIES
                or word in _REGISTER_HINTS
            ):
                continue
            if _NOUN_NEXT.match(text, m.end()) and not EMPLOYER_AFTER.match(text, m.end()):
                continue  # "at the GP surgery", "for A&E review": the acronym qualifies a noun
            cue = words_before(text, m.start())
            retired = cue[-1:] in (("retired",), ("former",), ("ex",))
            if employer_cue(cue) or (retired and EMPLOYER_AFTER.match(text, m.end())):
                _add(found, m.start(), m.end(), "EMPLOYER", text)
    for m in FAMILY_PLURAL.finditer(text) if "he " in text else ():
        lex = lexicon()
        stem, plural = m.group("name").lower(), m.group(0)[4:].lower()
        if m.group("tail") == "es" and stem + "e" in lex.last_names:
            stem += "e"  # "the Moores"
        if (
            stem in lex.last_names
            and plural not in lex.common_words
            and plural not in lex.large_places
            and plural not in lex.towns
            and stem not in EPONYMS
            and plural not in _NOT_FAMILIES
            and plural not in MAKERS_MORE  # "on the Philips V60": a maker
        ):
            _add(found, m.start("name"), m.end(), "NAME", text)
    for m in TOWN_ROLE.finditer(text) if any_hint(_TOWN_ROLE_HINTS, text) else ():
        _add(found, m.start(), m.end(), "UNIQUE", text)
