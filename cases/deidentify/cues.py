"""The words around a run of capitalised words that say what it is (names.py judges the run).

Relatives and roles before a name ("her neighbour", "seen by"), place cues ("lives in",
"near"), employer cues ("works at", "retired ... engineer"), eponym nouns after a name
("disease", "score"), citation shapes ("et al.", "(2019)") and the verbs that follow people.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

MAX_RUN: Final = 6
# Letters of the Latin scripts, upper and lower case, for the patterns that need a capital.
UPPER: Final = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0181-\u024f"
LOWER: Final = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f\u0180-\u024f"
# Words of letters; a letter run glued to digits ("H95C2ND", "HbA1c") is no word.
WORD: Final = re.compile(r"(?<![\d])[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*(?!\d)")

PARTICLES: Final = frozenset(
    "van von der den de da di du del della la le zu ten ter bin binti bint al el dos das do "
    "ó ní ni mac ibn ap y nad pod am im bei sur aan op ole arap".split()
)
TITLES: Final = frozenset(
    "mr mrs ms miss mx dr prof professor sr sister nurse rev father mister madam sir lady "
    "dame lord señor señora herr frau mme mlle madame monsieur sig sig.ra signora signor sra "
    "srta dona pak bapak ibu say\u0131n pani mudr mudr. mvdr phdr mgr mgr.".split()
)
# Titles of other languages, as a pattern: "Mme Benali", "Herr Weiß", "Sig.ra Esposito", "Pak Budi".
TITLES_ABROAD: Final = (
    r"Mme|Mlle|Madame|Monsieur|Herr|Frau|Sig(?:\.?ra|\.?na)?|Signora|Signor|Sra|Srta|Dona|Pak|"
    r"Bapak|Ibu|Say\u0131n|Hr|Pani|MUDr\.?|MVDr\.?|PhDr\.?|Mgr\.?|Ing\.?"
)
# Words right before a name that say it is a person: relatives, roles, verbs of address.
PERSON_CUES: Final = frozenset(
    """
    wife husband partner son daughter mother father mum mom dad brother sister grandson
    granddaughter grandmother grandfather grandma grandpa nan niece nephew aunt uncle cousin
    carer caregiver friend neighbour neighbor fiancé fiancée fiance fiancee boyfriend
    girlfriend son-in-law daughter-in-law mother-in-law father-in-law sister-in-law
    brother-in-law stepson stepdaughter stepfather stepmother twin flatmate housemate landlord
    landlady colleague boss employer gp physician consultant registrar surgeon nurse midwife
    paramedic pharmacist therapist physio physiotherapist dietitian radiologist pathologist
    anaesthetist anesthetist keyworker named called thanks cc dear patient pt mr mrs ms dr
    prof miss said asked told tells thanked met starring commenter says asks adds friends
    neighbours neighbors colleagues children sons daughters brothers sisters parents siblings
    grandchildren cousins informed updated reassured counselled counseled advised phoned rang
    d/w dw hca sister-in-charge ex ex-partner ex-husband ex-wife ex-boyfriend ex-girlfriend
    spouse stepdad stepmum gran granny grandad nana lodger godmother godfather
    tita tito lola lolo kuya manang manong aunty auntie kookum kuku bibi nani dadi nanaji
    dadaji chacha chachi mausi bhaiya didi akka thatha paati
    herder herdsman shepherd farmer driver rider trader miner interpreter inmate detainee
    prisoner soldier receptionist cleaner porter chaplain imam pastor hygienist
    roommate roommates roomie mate mates supervisor foreman manager coach tutu gogo makhulu
    ouma oupa whaea kuia koro mzee
    """.split()
)
PERSON_CUE_PAIRS: Final = frozenset(
    {
        "social worker", "key worker", "name is", "name was", "known as", "goes by", "signed by",
        "seen by", "reviewed by", "examined by", "referred by", "discussed with", "spoke to",
        "spoke with", "called by", "thank you", "thanks to", "assessed by", "operated by",
        "admitted by", "accompanied by", "brought by", "visited by", "phoned by", "calls me",
        "call me", "called me", "ask for", "asked for", "speak to", "talk to", "talked to",
        "directed by", "sung by", "played by", "performed by", "presented by", "hosted by",
        "treated by", "looked after", "cared for", "followed by", "agree with",
        "disagree with", "agreed with", "explained to", "handed over", "message from",
        "staff nurse", "charge nurse", "nurse in", "ward clerk",
    }
)  # fmt: skip
# Past forms that do not follow the rules below.
_IRREGULAR: Final = {
    "drink": ("drank", "drunk"), "teach": ("taught",), "fly": ("flew", "flown"),
    "drive": ("drove", "driven"), "eat": ("ate", "eaten"),
}  # fmt: skip
# Verbs whose last consonant doubles before -ed and -ing ("transferred", "shopping").
_DOUBLING: Final = frozenset({"transfer", "shop", "drop", "admit", "refer"})


def verb_forms(verb: str) -> tuple[str, ...]:
    """ "book" -> book, books, booked, booking; "study" -> studies, studied, studying."""
    if verb in _DOUBLING:
        stem = verb + verb[-1]
        return (verb, verb + "s", stem + "ed", stem + "ing", *_IRREGULAR.get(verb, ()))
    if verb.endswith("e"):
        regular = (verb + "s", verb + "d", verb[:-1] + "ing")
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        regular = (verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    elif verb.endswith(("ch", "sh", "s", "x")):
        regular = (verb + "es", verb + "ed", verb + "ing")
    else:
        regular = (verb + "s", verb + "ed", verb + "ing")
    return (verb, *regular, *_IRREGULAR.get(verb, ()))


PLACE_CUES: Final = frozenset(
    """
    from near outside visiting visited in at to via around into towards
    """.split()
)
PLACE_CUE_PAIRS: Final = frozenset(
    {
        "lives in", "living in", "live in", "lived in", "resident of", "resides in",
        "residing in", "moved to", "moved from", "born in", "grew up in", "works in",
        "worked in", "working in", "village of", "town of", "city of", "county of",
        "holidayed in", "holiday in", "travelled to", "traveled to", "returned from",
        "trip to", "based in", "flew to", "drove to", "farm in", "school in", "up in",
        "alone in", "originally from", "family in", "home in", "house in", "flat in",
        # institutions and venues named without a noun: "transferred from Mercy", "a pupil at
        # St Aidan's", "drinks at the Red Lion", "plays for Kingsway Bowls"
        "transferred from", "transferred to", "transfer from", "transfer to", "discharged to",
        "retrieved from", "repatriated to", "admitted to", "seen at", "treated at",
        "registered at", "registered with", "delivered at", "born at", "moved into",
        "went into", "trains at", "training at", "plays for", "played for", "plays at",
        "drinks at", "drinks in", "drank at", "member of", "pupil at", "pupils at",
        "student at", "studies at", "studying at", "goes to", "went to", "teaches at",
        "taught at", "coaches at", "shops at", "volunteers at", "regular at", "collapsed at",
        "found at", "lives on", "living on", "lived on", "works on", "worked on", "rang from",
        "called from", "ward at", "icu at", "ed at", "unit at", "gp at", "reg from",
        "reg at", "doctor at", "nurse at", "staff at", "warehouse in", "factory in",
        "plant in", "shop in", "hospital in", "practice in", "clinic in", "gp in",
        "surgery in", "doctor in", "teacher in", "here from", "rehab at", "bed at",
        "stay at", "staying at", "stayed at", "fell at", "injured at", "accident at",
        "college in", "moved out of",
    }
    | {
        # Verbs that take a venue or an institution, in every form people write them:
        # "drinking at the Anchor", "was booked at", "transferring to".
        f"{form} {preposition}"
        for verb, prepositions in (
            ("drink", ("at", "in")), ("transfer", ("from", "to")), ("book", ("at", "in", "into")),
            ("deliver", ("at",)), ("train", ("at",)), ("play", ("at", "for")),
            ("study", ("at",)), ("teach", ("at",)), ("shop", ("at",)), ("volunteer", ("at",)),
            ("stay", ("at",)), ("collapse", ("at",)), ("retrieve", ("from",)),
            ("repatriate", ("to",)), ("fly", ("to", "from")), ("drive", ("to", "from")),
            ("move", ("to", "from")), ("coach", ("at",)), ("drop", ("at",)),
            ("dance", ("at",)), ("eat", ("at",)), ("board", ("at",)), ("lodge", ("at",)),
        )
        for form in verb_forms(verb)
        for preposition in prepositions
    }
)  # fmt: skip
# "in", "at" and "to" precede many capitalised words that are not places; they need a word
# that is no ordinary English word and no name, or a known town.
WEAK_PLACE_CUES: Final = frozenset({"in", "at", "to", "into", "via", "around", "towards", "from"})
EMPLOYER_WORDS: Final = frozenset(
    """
    work works working worked employed job jobs shift shifts retired volunteer volunteers
    volunteering manager cashier driver clerk cleaner apprentice labourer engineer warehouse
    welder fitter machinist mechanic electrician plumber joiner carpenter builder bricklayer
    plasterer roofer scaffolder painter decorator miner fisherman farmer farmhand shearer
    labourer laborer porter guard security steward stewardess pilot crew attendant baker
    butcher chef cook waiter waitress barman barmaid bartender bouncer receptionist
    secretary accountant analyst developer programmer technician operator packer picker
    loader courier postman postwoman sorter storeman forklift trucker lorry bus taxi
    teacher lecturer tutor nanny childminder hairdresser barber beautician
    nurse midwife paramedic pharmacist doctor dentist vet physio officer soldier sailor
    policeman policewoman firefighter fireman salesman saleswoman rep representative
    consultant contractor trainee intern employee employees staff worker workers site
    """.split()
)
JOB_VERBS: Final = frozenset(
    """
    drives drove driving delivers delivered delivering cleans cleaned cleaning cooks cooked
    cooking caters catered catering couriers labours laboured temps temped freelances
    freelanced freelancing cab minicab van lorry truck rideshare picks picked picking packs
    packed packing harvests harvested harvesting shears sheared shearing milks milked milking
    sews sewed sewing guards guarded guarding minds minded babysits babysat nannies nannied
    tutors tutored tutoring contracts contracted subcontracts labours labouring cuts
    """.split()
)
# Clinical services and departments: never a venue after "admitted to", "seen at".
SERVICE_WORDS: Final = frozenset(
    """
    cardiology neurology neurosurgery oncology haematology hematology nephrology renal
    urology gynaecology gynecology obstetrics paediatrics pediatrics orthopaedics
    orthopedics ortho orthogeriatrics geriatrics respiratory gastroenterology gastro
    hepatology endocrinology diabetes rheumatology dermatology ophthalmology ent ent
    psychiatry psychology radiology pathology microbiology virology immunology surgery
    medicine rehab rehabilitation physiotherapy physio pharmacy theatre theatres recovery
    resus majors minors outpatients outpatient radiotherapy chemotherapy dialysis
    palliative hospice icu itu hdu ccu nicu picu scbu ed er casualty triage maternity
    labour delivery ward wards bay theatre endoscopy cath lab x-ray imaging
    """.split()
)


# Headings of a note or a post that name a specialty or a section ("Peds:", "Gynae:",
# "Plastics:"), besides the service words above and words shaped like a specialty.
SECTION_WORDS: Final = frozenset(
    """
    paeds peds obs gyn gynae obgyn psych neuro derm derms gastro resp cardio endo rheum haem
    heme onc id micro rads anaes anaesthetics anesthetics anaesthesia anesthesia gen surg med
    medic medics geri geris elderly ortho orthos ent maxfax max-fax plastics vascular
    neonatal neonates neonatology nicu renal trauma spinal stroke acute handover handoff
    nights days weekend ward round rounds board huddle safety brief debrief impression plan
    summary background history examination exam assessment investigations results labs
    bloods imaging progress update outcome discussion question learning teaching pearl
    reflection hx ix mx dx ddx imp pmh dh sh fh shx fhx pc hpc o/e a/p
    antenatal postnatal perinatal intrapartum
    """.split()
)
_SPECIALTY_ENDINGS: Final = (
    "ology",
    "ologies",
    "ics",
    "iatry",
    "iatrics",
    "ery",
    "acy",
    "ine",
    "ing",
)


def section_word(word: str) -> bool:
    """ "Rheumatology", "Plastics", "Peds", "Physio": a specialty or a section of a note."""
    low = word.lower()
    return low in SECTION_WORDS or low in SERVICE_WORDS or low.endswith(_SPECIALTY_ENDINGS)


@lru_cache(maxsize=512)  # one word run asks several questions of the same words
def words_before(text: str, start: int) -> tuple[str, ...]:
    """The last four words before ``start`` in lower case, if only a space, a comma or a
    colon separates the last of them from ``start`` and no sentence ends between them and
    ``start``; else nothing."""
    window = text[max(start - 50, 0) : start]
    stripped = window.rstrip()
    if stripped.endswith((",", ":", "(")):
        stripped = stripped[:-1].rstrip()
    if len(window) - len(stripped) > 3 or not stripped or stripped[-1] in ";!?":
        return ()  # "her sister; Apgar 7": a clause ended before the word
    # Lowered once for the window, not word by word (no letter lowers to a space or a stop).
    words = stripped.lower().split()
    if start > 50 and not window[0].isspace():
        words = words[1:]  # the first word may be cut
    words = words[-4:]
    for i in range(len(words) - 1, -1, -1):
        if words[i][-1] in ".!?;" and i < len(words) - 1:
            words = words[i + 1 :]
            break
    return tuple([w.strip(",:;()\"'") for w in words])


def person_cue(words: tuple[str, ...]) -> bool:
    return bool(words) and (words[-1] in PERSON_CUES or " ".join(words[-2:]) in PERSON_CUE_PAIRS)


RELATION_CUES: Final = frozenset(
    """
    wife husband partner son daughter mother father mum mom dad brother sister grandson
    granddaughter grandmother grandfather niece nephew aunt uncle cousin carer friend neighbour
    neighbor fiancé fiancée boyfriend girlfriend colleague named called patient friends
    neighbours neighbors colleagues ex ex-partner ex-husband ex-wife ex-boyfriend ex-girlfriend
    stepson stepdaughter stepfather stepmother stepdad stepmum twin spouse flatmate housemate
    landlord landlady lodger grandma grandpa gran granny grandad nan nana godmother godfather
    tita tito lola lolo kuya manang manong aunty auntie kookum kuku bibi nani dadi chacha
    chachi mausi bhaiya didi akka thatha paati roommate roommates roomie mate supervisor
    tutu gogo makhulu ouma oupa whaea kuia mokopuna tamaiti whāngai koro kupuna keiki tūtū
    ninang ninong babu shangazi abuela abuelo nonna nonno oma opa babcia dziadek yiayia bubbe
    zayde
    """.split()
)


def relation_cue(words: tuple[str, ...]) -> bool:
    """A relative or "named" right before: lower-case words after it are taken as a name
    even when no list knows them (a bare "Patient" cue is one, "the patient" is not)."""
    if not words or words[-1] not in RELATION_CUES:
        return False
    return words[-1] != "patient" or len(words) == 1 or words[-2] not in {"the", "a", "this"}


PLACE_ADJECTIVES: Final = frozenset(
    "rural remote small tiny coastal nearby northern southern eastern western central "
    "inner-city suburban downtown neighbouring neighboring".split()
)


_UNIT_WORDS: Final = frozenset({"ward", "unit", "bed", "bay", "room", "theatre", "floor", "level"})
# One word before a capitalised name that makes it a place: "attends Bishop Vesey's".
STRONG_PLACE_WORDS: Final = frozenset({"attends", "attended", "attending", "attend"})


# Venues that stand on a street named alone after "on": "a nail salon on Briggate".
VENUE_WORDS: Final = frozenset(
    "studio shop pub bar café cafe salon restaurant takeaway barber barbers gym market stall "
    "parlour parlor hotel club flat apartment office store bakery garage workshop chemist "
    "pharmacy church mosque temple hostel squat bedsit practice surgery clinic".split()
)


def place_cue(words: tuple[str, ...]) -> str:
    """ "weak" after a bare "in", "at"..., "strong" after "lives in", "near"..., else ""."""
    if len(words) > 2 and words[-1] == "the" and " ".join(words[-3:-1]) in PLACE_CUE_PAIRS:
        return "strong"  # "drinks at the Red Lion", "transferred from the Mater"
    if len(words) > 2 and words[-1] in ("to", "the", "on"):
        bare = words[:-1] if words[-1] == "the" else words
        if bare[-1] == "to" and "from" in bare[:-2]:
            return "strong"  # "from Ennis to the Coombe": a journey between two places
        if words[-1] == "on" and words[-2] in VENUE_WORDS:
            return "strong"  # "a nail salon on Briggate", "a flat on Lygon"
    if words and words[-1] in STRONG_PLACE_WORDS:
        return "strong"
    unit = len(words) > 2 and words[-3] in _UNIT_WORDS and words[-2][:1].isdigit()
    if unit and words[-1] == "at":
        return "strong"  # "Ward 7B at Mercy", "bed 4 at St Jude's"
    while len(words) > 1 and words[-1] in PLACE_ADJECTIVES:
        words = words[:-1]  # "from rural Valtice", "near coastal Hasle"
    if not words:
        return ""
    if " ".join(words[-2:]) in PLACE_CUE_PAIRS:
        return "strong"
    if words[-1] in PLACE_CUES:
        return "weak" if words[-1] in WEAK_PLACE_CUES else "strong"
    return ""


def employer_cue(words: tuple[str, ...]) -> bool:
    if len(words) > 2 and words[-1] == "the":
        words = words[:-1]  # "a welder at the Toyota plant"
    return (
        len(words) >= 2
        and words[-1] in {"at", "for", "by", "with", "from"}
        and (
            any(w in EMPLOYER_WORDS for w in words[:-1])
            # "works as a carer for", "as an apprentice at"
            or (words[-1] in {"at", "for"} and "as" in words[:-2] and words[-3] in {"a", "an"})
            # a verb of working with no job noun: "drives a cab for", "delivers for"
            or (words[-1] == "for" and any(w in JOB_VERBS for w in words[:-1]))
        )
    )


COMPANY_SUFFIX: Final = frozenset(
    "ltd ltd. limited plc llc llp inc inc. corp co. gmbh ag kg bv b.v. nv n.v. ab oy as a/s "
    "aps sa s.a. sl s.l. srl s.r.l. spa s.p.a. s.r.o. sp zrt kft group holdings".split()
)
# Nouns that make the capitalised words just before them an eponym, a score or a named thing.
EPONYM_FOLLOWERS: Final = frozenset(
    """
    disease diseases syndrome syndromes sign signs palsy test tests criteria reflex reflexes triad
    manoeuvre maneuver score scores classification sarcoma lymphoma phenomenon fracture fractures
    node nodes ulcer ulcers procedure operation law rule rules tumour tumor tumours tumors cell
    cells body bodies canal duct ducts stain staining scale disorder anomaly anomalies contracture
    guideline guidelines consensus declaration trial study cohort statement
    class oesophagus esophagus shunt valve fistula aneurysm cannula mask
    malformation tube catheter point points position needle solution formula equation method
    technique incision repair block nerve membrane ligament gland glands space spaces ring rings
    lines line protocol regimen hernia cyst cysts bundle loop grading grade stage staging coma
    level encephalopathy arteritis thyroiditis anaemia anemia index triage prognostic postnatal
    knee hip ankle bowel questionnaire tool system type variant virus fever agar medium
    approach pouch diverticulum lesion lesions spots nodules pattern paper
    principles textbook handbook manual anatomy pathology examination pharmacology
    chart charts nomogram curve curves plot rules frailty chromosome smear balloon report
    list schedule encephalitis
    """.split()
)
_YEAR: Final = r"(?:19|20)\d{2}\b"
AUTHOR_AFTER: Final = re.compile(
    rf"^(?:['\u2019]s?)?\s?(?:et\.? al|and colleagues|& colleagues|\({_YEAR}|{_YEAR}\)|"
    rf"(?:and|&) [^\W\d_]+ \(?{_YEAR}|, {_YEAR}|\s?\[\d|['\u2019]s {_YEAR}|"
    rf" {_YEAR} (?:series|study|paper|trial|review|report|cohort|case series|guideline)|"
    # "Asher described it in 1951", "first reported by 1988": an author and the year of the work
    rf" (?:first )?(?:described|reported|published|coined|named|proposed|defined)"
    rf"(?: (?:it|this|them|the [a-z]{{2,15}}))? (?:in )?{_YEAR})"
)
AUTHOR_CUES: Final = frozenset(
    "described reported published proposed defined shown showed first per cf cf. see by".split()
)

CALENDAR: Final = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays "
    "thursdays fridays saturdays sundays weekends weekdays".split()
)
# Capitalised words after "moved to", "from", "in" that are no place.
NOT_PLACES: Final = (
    frozenset(
        """
    ward unit intensive critical high day night the a an accident emergency resus theatre
    theatres recovery outpatients outpatient clinic hospital general type stage grade class
    phase part level room bed bay cubicle primary secondary tertiary acute medical surgical
    his her their our my its this that these those english french spanish german arabic
    """.split()
    )
    | CALENDAR
)
PLACE_NOUN_AFTER: Final = re.compile(
    r"\s(?:[a-z-]{3,15}\s)?(?:flats|market|township|suburb|mall|shops|docks|barracks|"
    r"settlement|compound|informal settlement|location|kraal|homestead|"
    r"clinic|pharmacy|hospital|surgery|practice|station|area|district|region|village|town|"
    r"estate|health cent(?:re|er)|care home|nursing home|hospice|infirmary|prison|school|"
    r"branch|depot|factory|plant|site|office|community|council|health board|team|resident|"
    r"residents|native|natives)\b"
)
# An age before a place in a handover line: "Nana Ama 19F, Cape Coast", "Kofi, 67, Tema".
AGE_BEFORE: Final = re.compile(r"(?<![\w.])\d{1,3}\s?(?:[MFmf]|yo|y|yrs)?,\s$")
# The word before a capitalised word that makes it a language, a strain or a variant.
NAMED_THING_BEFORE: Final = frozenset(
    "serovar serotype serogroup strain subtype genotype biovar clade lineage variant speaks "
    "speak speaking spoke dialect fluent".split()
)
# An age after a name: "Mere, 67, with...", "Sione (34M)", "Ana, 71F".
AGE_AFTER: Final = re.compile(r"(?:,\s|\s\()\d{1,3}(?:\s?[MFmf]\b|,|\)|\s(?:y|yo|yrs?|years?)\b)")
# A score, a lab value or a dose after the word: "Braden 14", "Apgar 7 and 9", "Keflex 500 mg".
NUMBER_AFTER: Final = re.compile(
    r"\s\d{1,4}(?:[./]\d{1,3})?(?![\d/]|\.\d)(?!\s?(?:[MFmf]\b|y\b|yo\b))"
)
PERSON_VERB_AFTER: Final = re.compile(
    r"(?:['\u2019]s)?,?\s(?:said|says|reported|reports|denied|denies|presented|attended|"
    r"complained|noticed|told|felt|feels|lives|lived|works|worked|died|described|remembered|"
    r"recalled|explained|asked|agreed|declined|refused|wanted|wants|walked|collapsed|fell|"
    r"had been|has been|was (?:a|an|the|born|found|admitted|brought|seen|taken|transferred|"
    r"discharged|referred|well|unwell|married|pregnant|tachycardic|reviewed|examined|"
    r"treated|started|alert|from)|is (?:a|an|the|now|still|married|pregnant|well|known|from)|"
    r"spent|spends|wrote|writes|called|phoned|visited|visits|arrived|left|came|went|stayed|"
    r"gave|gives|had given|has given|handed|sent|emailed|texted|rang|married|met|meets|"
    r"herself|himself|has|is\s\d{1,3}\b|"
    # "Aroha is her midwife", "Tomás is their key worker"
    r"is (?:his|her|their|my|our) (?:midwife|nurse|GP|doctor|carer|key worker|social worker|"
    r"consultant|physio|therapist|partner|wife|husband|son|daughter|mother|father|sister|"
    r"brother|friend|neighbour|neighbor|interpreter|advocate|guardian))\b"
    # "Cyprián (55F)", "Lokelani, his twin"
    r"|\s\(\d{1,3}\s?(?:[MFmf]|y|yo|yrs?)?\)"
    r"|,\s(?:his|her|their|the patient's|our patient's)\s(?:twin|son|daughter|wife|husband|"
    r"partner|mother|father|brother|sister|carer|friend|neighbour|neighbor|GP)\b"
)
POSSESSIVE: Final = re.compile(r"['\u2019]s$")
PERSON_THING_AFTER: Final = re.compile(
    r"\s(?:rash|symptoms?|mother|father|wife|husband|son|daughter|sister|brother|family|"
    r"partner|children|GP|house|home|flat|car|condition|case|notes|chart|history|skin|face|"
    r"legs?|arms?|hands?|feet|foot|eyes?|blood|results?|scan|x-ray|pain|fever|cough|"
    r"illness|death|killers?|funeral|birthday|carer|dog|cat|bedroom|room|bed|school|job|"
    r"employer|boss|friend|neighbour|neighbor|mum|mom|dad|nan|gran|granny|grandma|grandpa|"
    r"kids|baby|boyfriend|girlfriend|aunt|uncle|cousin|teacher|bloods|obs|meds|tablets|mood|"
    r"weight|appointment|wound|partner's|twin|brother's|sister's|wedding|husband's|wife's)\b"
)
VOCATIVE_AFTER: Final = re.compile(r"[,:]\s| \(")
# A list of first names: "(Ethan, Arnaude and their mother)", "Perla, Renáta and Duuk".
LIST_BEFORE: Final = re.compile(r"([^\W\d_]+)(?:, | and | & )$")
LIST_AFTER: Final = re.compile(r"(?:, | and | & )([^\W\d_]+)")
# The word before a lone ordinary capitalised word that can make it an employer ("at Next").
EMPLOYERISH_BEFORE: Final = re.compile(
    r"(?:\bat|\bfor|\bby|\bwith|\bfrom|employers?,?|company,?|firm,?|retired|former|ex-?) $"
)
WORKPLACE_AFTER: Final = re.compile(
    r",? where (?:he|she|they|we|both)(?: both)? (?:work|works|worked)\b"
)
EMPLOYER_AFTER: Final = re.compile(
    r"\s(?:engineer|driver|worker|employee|manager|cashier|staff|warehouse|shop|store|"
    r"factory|depot|plant|supervisor|labourer|cleaner|technician|clerk|guard|stewardess|"
    r"steward|pilot|cabin crew|nurse|teacher|miner|porter|operator|chef|firefighter|officer)\b"
)

# Before "X and Y" or "X & Y's", words that make the pair authors, a textbook or an eponym
# ("as described by Kasabach and Merritt", "according to Kumar and Clark").
PAIR_CITATION_CUES: Final = frozenset(
    {
        ("described", "by"), ("reported", "by"), ("proposed", "by"), ("published", "by"),
        ("named", "after"), ("according", "to"), ("per",), ("see",), ("cf",), ("cf.",),
        ("up", "in"),
    }
)  # fmt: skip
# Book shapes: a possessive alone before a verb of saying or a list ("Davidson's says",
# "per Kaplan's and Tintinalli's").
BOOK_AFTER: Final = re.compile(
    r"(?:['\u2019]s)(?=[,.;:)]|\s(?:and|or|says|states|agrees|recommends|suggests)\b|$)"
)
BOOK_CUES: Final = frozenset({"per", "to", "in", "see", "cf", "cf."})
