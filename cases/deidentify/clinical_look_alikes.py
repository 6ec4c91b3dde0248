"""Findings that are words of medicine or of the writer, not identifiers (round 19).

Sparse posts hold few identifiers and many capitalised words of the trade, and the name,
place and fallback passes take some of them for people or places:

- an eponym of a test, a manoeuvre, a formula, a score, a device or a dressing that the
  lists lack ("Pavlik harness", "Epley", "Parkland overestimates", "Bazett correction"), or
  any capitalised word before a word of a method or a verdict ("X tabletop test positive",
  "the X programme", "X data are from", "X strategy");
- a word of medicine opening a sentence or a line, by its shape ("Paracentesis:",
  "Areflexia,", "Hepatologists, please", "Afebrile.") or in lower case ("neutropenic sepsis"),
  and a few clipped words ("Physio", "Aspirate:", "X-ray:");
- a genus of snakes, scorpions and spiders ("covers Daboia, Echis and Naja"), a place a virus
  is named after ("Puumala"), a people ("Shipibo");
- a region larger than any county after "the" ("from the Terai", "the Mekong Delta"), and a
  state of a federation ("a relative in Michoacán");
- a greeting of the Pacific or South-East Asia opening a post ("Bula colleagues", "Mohon
  masukan");
- a clinical initialism read as a place ("programmed to VVI", "via LISA", "IGRA, DOT");
- the sex letter in "Name, F, 43"; "et al." read as the start of a place;
- numbers read as dates: the end of a range ("2.5 to 3.5"), a value after "down to", a power
  grade after another ("MRC 3/5 legs, 4/5 arms"), a count of cultures ("blood cultures 3/3"),
  a day before "IV" that is a route ("Waterlow 22. IV fluids").

A word after a title or a relation ("Mr Epley", "her son Parkland") is kept: a person.
Each test reads the finding's words and at most 40 characters around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from cases.deidentify.anchored import WordEndsWindow
from cases.deidentify.eponyms import in_name_list
from cases.deidentify.famous_look_alikes import GENERA
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import COMMON_EPONYMS, EPONYMS, SPECIALTIES
from cases.deidentify.word_set import places_of, words_of

# Eponyms of tests, manoeuvres, formulas, scores, classifications, devices and dressings,
# and authors of standard works, written from general clinical knowledge. Lower case.
_EPONYMS: Final = frozenset(
    """
    doppler dopplers pavlik barlow kleihauer widal parkland brooke galveston epley dix-hallpike
    hallpike semont brandt-daroff hueston berg bazett fridericia framingham symmers stoss
    bawaskar norton waterlow braden house-brackmann brackmann beauchamp childress hess
    maddrey roper-hall sgarbossa wellens osborn brugada ortolani galeazzi trendelenburg
    finkelstein phalen tinel durkan lachman mcmurray apley thessaly hawkins-kennedy neer jobe
    yergason spurling lhermitte hoffmann babinski oppenheim romberg unterberger fukuda rinne
    schober faber gaenslen ober kernig brudzinski rovsing mcburney psoas blumberg carnett boas
    cullen grey-turner kehr courvoisier virchow troisier sister-mary-joseph quincke janeway
    osler duroziez traube corrigan musset austin-flint kussmaul cheyne-stokes biot chvostek
    trousseau froment wartenberg allis barlow's simmonds homan homans lasegue lasègue bragard
    waddell beevor gowers gower ages-and-stages snellen ishihara amsler hess-lancaster
    bielschowsky hirschberg cover-uncover seidel fluorescein schirmer dix wada tensilon rockall
    blatchford ranson glasgow-blatchford balthazar qsofa apache perc caprini hasbled chads
    cha2ds2-vasc crb pecarn kocher westley silverman finnegan apgar ballard dubowitz browder
    mallampati cormack-lehane bromage rass hendrich tinetti barthel lawton karnofsky ecog mrc
    borg nyha killip hamilton-norwood fitzpatrick breslow gleason nottingham bloom-richardson
    child-pugh ukeld truelove-witts harvey-bradshaw mcgill mepitel mepilex allevyn kerlix coban
    tubigrip kaltostat sorbsan granuflex bair hugger teds flowtron pneumocath sengstaken
    minnesota blakemore foley hickman broviac portacath groshong swan-ganz vas-cath tenckhoff
    mitrofanoff malecot pezzer bakri shirodkar kielland neville-barnes wrigley ventouse
    malmström bradbury morges .split(
    """.split()
)
# Genera of venomous animals and toxic plants clinicians name with a capital.
_GENERA: Final = frozenset(
    """
    daboia echis naja bungarus hypnale trimeresurus calloselasma bothrops crotalus
    agkistrodon vipera bitis dendroaspis micrurus oxyuranus pseudonaja notechis acanthophis
    ophiophagus hydrophis androctonus leiurus buthus tityus centruroides mesobuthus
    hottentotta latrodectus loxosceles atrax phoneutria chironex physalia synanceia
    conus amanita gyromitra cortinarius datura atropa ricinus abrus nerium thevetia
    cerbera digitalis aconitum blighia manihot
    """.split()
)
_PLACE_VIRUSES: Final = frozenset(
    "puumala dobrava hantaan sin-nombre crimean-congo toscana usutu".split()
)
_PEOPLES: Final = frozenset(
    """shipibo asháninka ashaninka quechua aymara mapuche wayuu guarani guaraní yanomami
    maasai masai turkana pokot samburu hadza batwa baka fulani fula tuareg berber amazigh
    hmong kachin rohingya santal gond bhil toda inupiat yupik
    navajo diné lakota cree ojibwe métis""".split()
)
# Regions larger than any county, and states of federations, named as a setting.
_REGIONS: Final = frozenset(
    """terai highlands lowlands mekong delta sierra sur sierra norte sundarbans deccan
    punjab sindh balochistan sahel karamoja ogaden rift valley copperbelt hill country
    outback altiplano chaco pampas llanos mosquitia petén peten
    michoacán michoacan oaxaca chiapas guerrero jalisco sonora chihuahua sinaloa
    durango zacatecas puebla veracruz tabasco campeche hidalgo coahuila tamaulipas
    bihar uttar pradesh madhya pradesh rajasthan gujarat maharashtra kerala odisha assam
    bengal jharkhand chhattisgarh telangana karnataka tamil nadu""".split()
) | frozenset(
    ("mekong delta", "sierra sur", "sierra norte", "rift valley", "hill country",
     "uttar pradesh", "madhya pradesh", "tamil nadu", "west bengal", "red river delta",
     "central highlands", "northern territory", "far north", "great rift valley")
)  # fmt: skip
# Greetings and openers of posts in Pacific and South-East Asian languages.
_OPENERS: Final = frozenset(
    "bula malo mālō mohon fakaalofa kaselehlie iakwe alii ia orana mauri halo kamusta".split()
)
# Clipped or plain words of the ward no lexicon holds, written with a capital at a line start.
_WARD_WORDS: Final = frozenset(
    """physio physios aspirate aspirates x-ray x-rays xray serology analgesia hepatologists
    afebrile apyrexial areflexia paracentesis echo echos ortho obs ivabx cxr bloods
    micro haem onc neuro gastro uro resus theatre theatres ctpa ctca""".split()
)
# Word endings of diseases, signs, procedures, specialists and drugs (a word of 7 letters or
# more ending so is medicine, not a person or a place).
_CLINICAL_ENDS: Final = (
    "esis", "algia", "algesia", "reflexia", "febrile", "ologist", "ologists", "ology",
    "ologies", "penia", "penic", "plegia", "paresis", "trophy", "uria", "emia", "aemia",
    "oscopy", "ostomy", "otomy", "ectomy", "plasty", "graphy", "phenicol", "oquine",
    "cysteine", "glycin", "cillin", "mycin", "cycline", "azole", "iasis", "itis", "osis",
    "oma", "omas", "cytosis", "lysis", "ptysis", "rrhoea", "rrhea", "rrhage", "tension",
    "cardia", "pnoea", "pnea", "oxia", "oxaemia", "phagia", "phasia", "praxia", "taxia",
    "tonia", "trophic", "genic", "lytic", "static", "ectasis",
)  # fmt: skip
_END_PAIRS: Final = frozenset(end[-2:] for end in _CLINICAL_ENDS)
# A word after the capitalised word that makes it a method, a source or a result.
_THING_AFTER: Final = re.compile(
    r"['\u2019]?s?\s(?:(?:(?!(?:a|an|the|was|is|were|are|had|has|have|his|her|their|for|to|"
    r"of|and|did|got|gets|needs|will|would|should|can|could|with|by|on|in|at|from|after)\s)"
    r"[a-z-]{2,20}\s){0,2}(?:score|criteria|scale|classification|"
    r"correction|formula|method|strategy|programme|program|review|data|"
    r"harness|balance|tabletop|manoeuvre|maneuver|test|testing|technique|pipe-stem|"
    r"stockings?|hugger|dressing)\b"
    r"|(?:positive|negative|equivocal|overestimates|underestimates|versus|vs)\b)"
)
_PERSON_BEFORE: Final = WordEndsWindow(
    "mr|mrs|ms|miss|dr|mx|sr|sra|don|doña|pani|pan|herr|frau|mama|baba|husband|wife|son|"
    "daughter|mother|father|mum|mom|dad|brother|sister|uncle|aunt|niece|nephew|cousin|"
    "grandson|granddaughter|grandmother|grandfather|neighbour|neighbor|friend|partner|"
    "patient"
)
_PERSON_AFTER: Final = re.compile(
    r",?\s(?:\d{1,3}\b|aged|was|has|had|said|says|told|came|presented|went|lives|died)"
)
_POSSESSIVE_NOUN: Final = re.compile(r"['\u2019]s?\s[a-z]")
_PLACE_BEFORE: Final = re.compile(r"\b(?i:from|to|in|at|near|of|via|outside|around|and)\s$")
_GRADE: Final = re.compile(r"(?:I{1,3}|IV|VI{0,3}|[0-9]{1,2})")
_TITLED: Final = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s$")
_RANGE_BEFORE: Final = re.compile(
    r"(?:\d\s?(?:to|-|\u2013)|\b(?:down|up|fell|rose|dropped|climbed|back) to)\s?$"
)
_POWER_BEFORE: Final = re.compile(r"(?:\bMRC|\bpower|[0-5]/5)\b[^.;]{0,24}$")
_COUNT_BEFORE: Final = re.compile(r"(?i:cultures?|bottles?|sets|samples|cores|nodes|biopsies)\s$")
_SHORT_NUMBER: Final = re.compile(r"\d{1,2}[./]\d{1,2}")
# "Waterlow 22. IV fluids": a score, then the route of the next order, not 22 April
# (the period ends the sentence: "discharged 8 IV after the dose" is 8 April)
_DAY_ROUTE: Final = re.compile(r"\d{1,2}\.\s(?:IV|IM|SC)")
_LOWER_AFTER: Final = re.compile(r"\s[a-z]")
_SEX_LETTER: Final = re.compile(r",\s[MF],\s\d")


def _bare(word: str) -> str:
    return word.lower().strip(",.;:()\"'").removesuffix("'s").removesuffix("\u2019s")


def _opens(text: str, start: int) -> bool:
    before = text[max(start - 3, 0) : start].rstrip(" \"'(")
    return not before or before[-1] in ".!?:;\n"


def _clinical_shape(word: str) -> bool:
    # the last two letters first: most words end in none of the endings' pairs
    return word in _WARD_WORDS or (
        len(word) >= 7 and word[-2:] in _END_PAIRS and word.endswith(_CLINICAL_ENDS)
    )


def _number_look_alike(text: str, f: Finding) -> bool:
    if not _SHORT_NUMBER.fullmatch(f.text):
        return bool(_DAY_ROUTE.fullmatch(f.text)) and _LOWER_AFTER.match(text, f.end) is not None
    before = text[max(f.start - 30, 0) : f.start]
    if _RANGE_BEFORE.search(before) or _COUNT_BEFORE.search(before):
        return True
    return f.text.endswith("/5") and _POWER_BEFORE.search(before) is not None


def _look_alike(text: str, f: Finding) -> bool:
    if f.kind == "DATE":
        return _number_look_alike(text, f)
    before = text[max(f.start - 14, 0) : f.start]
    if _PERSON_BEFORE.search(before) or _TITLED.search(before):
        return False
    words = [_bare(w) for w in f.text.split() if not _GRADE.fullmatch(w)]
    if not words:
        return False
    opens = f.text[:1].islower() or _opens(text, f.start)
    if len(words) == 1 and opens and _clinical_shape(words[0]):
        return True  # "Paracentesis:", "Physio has him standing", "neutropenic sepsis"
    if f.text.startswith("al. ") and text[max(f.start - 3, 0) : f.start] == "et ":
        return True
    if f.kind == "NAME" and f.text in ("M", "F") and _SEX_LETTER.match(text, f.start - 2):
        return True
    if all(w.upper() in _INITIALS_MORE or w.isdigit() or w == "via" for w in words):
        return True
    phrase = " ".join(words)
    if phrase in _REGIONS and text[max(f.start - 4, 0) : f.start].lower() == "the ":
        return True
    if _PERSON_AFTER.match(text, f.end):
        return False
    lex = lexicon()
    if len(words) == 1 and words[0] in _REGIONS and words[0] not in lex.towns:
        return bool(_PLACE_BEFORE.search(before))  # "a relative in Michoacán": a state
    if all(w in _NAMED_THINGS for w in words):
        if not any(w in lex.first_names or w in lex.towns for w in words):
            return True
        # a name or a town too: not after a word of place, nor in a list of names
        return not (_PLACE_BEFORE.search(before) or in_name_list(text, f.start, f.end))
    if len(words) == 1 and (words[0] in EPONYMS or words[0] in COMMON_EPONYMS):
        return bool(_POSSESSIVE_NOUN.match(text, f.end))  # "Graves' orbitopathy"
    if len(words) <= 2 and not f.text.isupper() and _THING_AFTER.match(text, f.end):
        return True
    if words[0] in _OPENERS and _opens(text, f.start):
        return True
    if len(words) == 1 and words[0] in _SPECIALTY_WORDS:
        return True
    # "Serology Trichinella ELISA": a test heading before a genus
    return len(words) == 2 and _clinical_shape(words[0]) and words[1] in _ALL_GENERA


_INITIALS_MORE: Final = frozenset(
    """VVI VVIR DDD DDDR AAI AAIR VOO DOO LISA INSURE MIST IGRA DOT DOTS TST PPD TEDS CPAP
    BIPAP NIV HFNC ECMO CRRT IABP""".split()
)
_NAMED_THINGS: Final = _EPONYMS | _GENERA | _PLACE_VIRUSES | _PEOPLES
_ALL_GENERA: Final = GENERA | _GENERA
_SPECIALTY_WORDS: Final = frozenset(s.lower() for s in SPECIALTIES if " " not in s)


_TRIGGERS: Final = (
    _NAMED_THINGS
    | {w for r in _REGIONS for w in r.split()}
    | _OPENERS
    | {i.lower() for i in _INITIALS_MORE}
    | _SPECIALTY_WORDS
    | _WARD_WORDS
    | EPONYMS
    | COMMON_EPONYMS
    | {"al", "m", "f"}
)
# What a run of several words must open on to be read further (every test above on a run of
# several words reads its first word).
_FIRST_TRIGGERS: Final = (
    _NAMED_THINGS
    | {r.split()[0] for r in _REGIONS}
    | {i.lower() for i in _INITIALS_MORE}
    | _OPENERS
    | _WARD_WORDS
    | {"al"}
)
_THING_WORDS: Final = frozenset(
    """score criteria scale classification correction formula method strategy programme
    program review data harness balance tabletop manoeuvre maneuver test testing technique
    pipe-stem stocking stockings hugger dressing positive negative equivocal overestimates
    underestimates versus vs""".split()
)


def _candidate(text: str, f: Finding, things: list[int]) -> bool:
    """Cheap first reading: the finding's (first) word is one the tests above know, or a
    word of a method stands within 40 characters after it."""
    words = f.text.split()
    first = _bare(words[0])
    if len(words) == 1:
        if first in _TRIGGERS or _clinical_shape(first):
            return True
    elif first in _FIRST_TRIGGERS or first.isdigit() or _clinical_shape(first):
        return True
    i = bisect_left(things, f.end)
    return i < len(things) and things[i] <= f.end + 40 and len(words) <= 2


def quiet_clinical(text: str, low: str, found: list[Finding]) -> list[Finding]:
    things = sorted(at for w in _THING_WORDS & words_of(low) for at in places_of(low, w))
    out = []
    for f in found:
        if f.kind == "DATE":
            if len(f.text) <= 6 and _number_look_alike(text, f):
                continue
        elif f.kind in PROPER_KINDS and _candidate(text, f, things) and _look_alike(text, f):
            continue
        out.append(f)
    return out
