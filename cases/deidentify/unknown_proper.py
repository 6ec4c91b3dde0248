"""A last fallback for capitalised words that no list knows: "transferred from Kisoro",
"ex-Kenyatta", "follow-up at LUTH", "Zarghuna was seen".

Every rule before this one needs a list or a cue that knows the word. Writers name hospitals
by one word or their initials, villages and suburbs, small employers and surnames of every
culture; no lexicon holds them all. This pass reads what is left: a capitalised word or run
that is in none of the lexicon's lists, is no medical, calendar or people's word, and is not
the first word of a sentence or a heading (there a capital says nothing). An initialism of
three to five capitals is read only just after a word of place ("from", "at", "ex-"), since
clinical writing is full of them (ECG, NSTEMI, COPD). One regex over the text and set
lookups per run: it costs a fraction of a millisecond on a 5,000-character field.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Final

from cases.deidentify.cues import (
    AGE_AFTER,
    CALENDAR,
    EPONYM_FOLLOWERS,
    LOWER,
    NOT_PLACES,
    PERSON_VERB_AFTER,
    SECTION_WORDS,
    SERVICE_WORDS,
    TITLES,
    UPPER,
    employer_cue,
    person_cue,
    place_cue,
    relation_cue,
    words_before,
)
from cases.deidentify.eponyms import citation
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import (
    COMMON_EPONYMS,
    COMMUNITY_WORDS,
    DEMONYMS,
    EPONYMS,
    ID_LABEL_WORDS,
    LAB_WORDS,
    MAKERS,
    PEOPLES,
    PLACE_DISEASES,
    TEXTBOOKS,
    heading_specialty,
    medical_word,
)
from cases.deidentify.thing_shapes import YEAR_AFTER, thing
from cases.deidentify.thing_shapes_lists import THING_HEADS
from cases.deidentify.word_shapes import (
    CLINICAL_SLANG,
    ISLAND_STATES,
    ORGANISATION_WORDS,
    ROMAN_AFTER,
)

_CAP: Final = rf"[{UPPER}][{LOWER}]{{1,24}}(?:['\u2019-][{UPPER}{LOWER}][{LOWER}]{{0,24}})?"
# A run of up to four capitalised words, or one initialism of three to five capitals, after
# a space, a bracket or "ex-" ("ex-Kenyatta").
RUN: Final = re.compile(
    rf"(?=[{UPPER}])(?:(?<=\b[eE]x-)|(?<![\w'\u2019&/.@-]))"
    rf"(?:(?P<acro>[A-Z]{{3,5}})|(?P<run>{_CAP}(?: {_CAP}){{0,3}}))"
    rf"(?![\w&/@]|-\w|\.\w)"
)

# Clinical initialisms, bodies, journals and services that follow "from", "at", "to" as often as
# a hospital does ("transferred to ICU", "guidance from NICE", "published in NEJM").
CLINICAL_INITIALISMS: Final = frozenset(
    """
    ICU ITU HDU CCU NICU PICU SCBU MAU AMU EAU SAU CDU ACU OPD ENT MDT RRT MET OOH ECG EKG EEG
    EMG CXR AXR MRI MRA MRCP ERCP EUS OGD PET CTPA USS TTE TOE TEE DEXA FBC CBC CRP ESR LFT LFTS
    UEC BMP CMP ABG VBG INR APTT TSH HBA BNP SLE COPD CKD AKI DKA HHS PCI CABG TAVI TAVR STEMI
    NSTEMI ACS CVA TIA DVT IVC SVC RCA LAD OSA GCS NEWS PEWS MEWS EWS AVPU CPR ROSC ALS BLS ATLS
    PALS APLS CPAP BIPAP NIV HFNC ECMO IABP VAD LVAD ICD CRT AED PEG NGT TPN IVIG IVF IUI ART
    PEP PREP HIV HCV HBV TB MTB MDR XDR RIF MRSA VRE ESBL CPE CDI UTI CAP HAP VAP SSI ARDS SIRS
    MODS DIC TTP HUS ITP AML ALL CLL CML MDS GBS CIDP MND SMA MSA PSP PPE OHCA IHCA GOLD GINA
    NICE SIGN WHO CDC NIH NHS NHSE PHE UKHSA ECDC FDA EMA MHRA TGA CDSCO ICMR AHA ACC ESC ERC
    ILCOR IDSA ATS ERS BTS ASCO ESMO EULAR ACR KDIGO ADA EASD AAP ACOG RCOG FIGO RCP RCS BMA GMC
    NMC AHPRA HPCSA NEJM BMJ JAMA CMAJ MJA SAMJ DVLA DVSA MSF ICRC UNICEF UNHCR RECOVERY SOFA
    QSOFA APACHE SAPS CURB TIMI GRACE HEART NYHA ASA AJCC TNM BIRADS PIRADS LIRADS TIRADS MELD
    CHILD ABCD PERC YEARS WELLS HINTS FAST EFAST POCUS RSI ETT LMA SGA MEDEVAC HEMS RFDS EMS EMT
    HGV LGV PSV SUV ATV UTV GPS SMS APP PDF USB CEO CMO CMIO RMO SHO SPR HMO MTD ATM SALT CAMHS
    CMHT CRHT IAPT LISA NEXUS INSURE MIST PGY JMO ANP ACP CNS RMN RGN RSCN ODP HCA ECP CFR STAT
    ASAP NOK DNR DNACPR POLST AMA LAMA DAMA EPR EHR EMR PACS PAS HIS RIS LIS CPOE MAR SBAR ISBAR
    NAI FII ACE NOF DHS THR TKR ORIF ACL PCL MCL LCL ROM MSK OMFS CSF MSU CSU RBC WBC FFP PRBC
    HPB UGI LGI
    """.split()
)

# Words no one's name or place is spelt with: the lexicon's ordinary words hold few of them.
_NOT_PROPER: Final = (
    frozenset(w.lower() for w in CLINICAL_INITIALISMS)
    | EPONYMS
    | COMMON_EPONYMS
    | PLACE_DISEASES
    | LAB_WORDS
    | PEOPLES
    | DEMONYMS
    | COMMUNITY_WORDS
    | MAKERS
    | TEXTBOOKS
    | ID_LABEL_WORDS
    | CALENDAR
    | NOT_PLACES
    | SECTION_WORDS
    | SERVICE_WORDS
    | EPONYM_FOLLOWERS
    | ORGANISATION_WORDS
    | CLINICAL_SLANG
    | ISLAND_STATES
    | TITLES
    | frozenset(
        # software, devices and publications clinicians name without an article
        "cerner meditech allscripts athena athenahealth emis systmone vision rio lorenzo "
        "medirecords libre freestyle xpert genexpert biofire cepheid vitek maldi uptodate "
        "medscape pubmed cochrane embase medline lancet bmj jama nejm whatsapp zoom teams "
        "tiktok facebook instagram twitter youtube google android iphone ipad fitbit "
        "mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept "
        "oct nov dec ok okay dr mr mrs ms prof "
        # drug companies, named beside a programme or a trial ("the CDC and Gilead partnership")
        "pfizer gilead novartis roche merck msd astrazeneca sanofi gsk moderna janssen bayer "
        "lilly novo nordisk boehringer takeda amgen biogen abbvie cipla teva mylan viatris "
        # medicines' brands written anywhere in a sentence ("the bill for the Panadol")
        "panadol nurofen ventolin endone lasix keppra clexane humira stelara xarelto eliquis "
        "ozempic wegovy mounjaro augmentin tylenol advil motrin zofran lipitor crestor "
        "coumadin plavix brilinta jardiance farxiga forxiga seretide symbicort spiriva lantus "
        "novorapid januvia keytruda zytiga sinemet madopar buscopan gaviscon movicol oramorph "
        "oxynorm targin tramal ultram norvasc zestril entresto lovenox fragmin epipen "
        # antidotes and test agents named by brand ("Digifab given", "the Synacthen test")
        "synacthen digifab digibind narcan praxbind andexxa cyanokit fomepizole naloxone "
        "kayexalate resonium lokelma sandocal calcichew adcal fortisip ensure "
        # eponyms the eponym lists lack, met on the tune splits
        "takotsubo capgras couinaud fleischner zavanelli bentall schatzker baveno gregorian "
        "lasegue las\u00e8gue tetralogy".split()
    )
)
# The lower-case species name after a genus ("Borrelia burgdorferi", "Vibrio vulnificus").
_SPECIES_AFTER: Final = re.compile(r" [a-z]{3,24}(?:i|ae|is|us|um|es|a|ii|ensis)\b")
_NUMBER_AFTER: Final = re.compile(r" \d")
# A heading or a label just before: "Plan:", "Reply to thread:"; a sentence's end.
_OPENERS: Final = ".!?:;\n\u2022*#>|"
_ACRONYM_CUES: Final = frozenset(("from", "at", "ex"))
_ACRONYM_TAILS: Final = ("from ", "at ", "to ")
# "transferred to UMMC", but "referred to SALT", "via NGT": services and routes.
_ACRONYM_PAIRS: Final = frozenset(("transferred to", "moved to", "transfer to", "retrieved to"))
# Words before a medicine's or a car's brand ("started Keppra", "stopping Lasix", "on Humira",
# "her Clexane", "a Mirena or a Jaydess", "a silver Corsa"): a brand is capitalised and in
# no word list either.
_DRUG_BEFORE: Final = frozenset(
    """
    on started start starting starts stop stopping stopped stops after given gave give gives
    add added adding switch switched switching prescribed prescribe taking take takes took
    getting got continue continued restart restarted held hold holding withheld withhold
    increase increased reduce reduced wean weaned trial trialled tried using used use uses
    swallow swallowing about for then
    silver black white red blue grey gray green
    her his their your my a an or of some more less dose
    """.split()
)
# The last word of a run of title-case words that makes it a work, a rule or a body, not a
# place ("the Maudsley Prescribing Guidelines", "the La Leche League").
_RUN_HEADS: Final = (
    THING_HEADS
    | EPONYM_FOLLOWERS
    | frozenset("league guidelines framework initiative programme program strategy".split())
)
# A surname's particle before an eponym's possessive: "de Quervain's", "von Willebrand's".
_PARTICLE_BEFORE: Final = re.compile(r"\b(?:de|von|van|di|du|le|la) $")
# Between an age and a noun of a person only a people, a faith or a trade stands.
_PEOPLE_BEFORE: Final = re.compile(r"(?:year-old|yr-old|y/o|yo|years old)\s$")
_PERSON_NOUN: Final = re.compile(
    r"\s(?:man|woman|boy|girl|male|female|lady|child|infant|baby|toddler|teenager|mother|"
    r"father|gentleman|elder|farmer|herder|patient)\b"
)
# "the Frova and the bougie", "a bougie or a Frova": a thing beside a thing's noun.
_THING_PAIR_AFTER: Final = re.compile(r" (?:and|or) (?:the|a|an) (?:[a-z]{3,}|[A-Z]{3,}\b)")
_THING_PAIR_BEFORE: Final = re.compile(r"\b(?:the|a|an) [a-z]{3,} (?:and|or) (?:the |a |an )?$")
# The genera of bacteria and fungi end like few surnames or villages do.
_GENUS_ENDINGS: Final = ("ella", "onas", "bacter", "coccus", "bacillus", "myces", "plasma", "spora")


def _sentence_start(text: str, start: int) -> bool:
    """Nothing before the run but a sentence's end, a heading's colon, a bullet or a quote."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'(\u201c\u2018[-\u2013\u00bf\u00a1":  # and "¿", "¡"
        i -= 1
    return i < 0 or text[i] in _OPENERS


@lru_cache(maxsize=8192)  # the same capitalised words come back in every post
def _unknown(word: str) -> bool:
    """In none of the lexicon's lists and no medical, calendar or people's word."""
    lex = lexicon()
    low = word.lower()
    if low.endswith(("'s", "\u2019s")):
        low = low[:-2]
    if low in _NOT_PROPER or low in lex.common_words:
        return False  # most capitalised words end here, after two set lookups
    if low.endswith("s") and (low[:-1] in lex.common_words or low[:-1] in lex.first_names):
        return False  # a plural of a word or a name: "the Normans", "Hobbits"
    parts = low.replace("\u2019", "-").replace("'", "-").split("-") if not low.isalpha() else [low]
    if any(
        p in lex.common_words
        or p in lex.first_names
        or p in lex.last_names
        or p in lex.towns
        or p in lex.large_places
        or p in lex.word_names
        or p in _NOT_PROPER
        for p in parts
        if p
    ):
        return False  # a name, a town or a word the rules before judged already
    return not (
        medical_word(low)
        or low.endswith(_GENUS_ENDINGS)
        or (len(low) > 4 and heading_specialty(word))
    )


# Words of medicine that make a whole run medicine's: "Sputum Xpert", "Weil-Felix".
_MEDICINE: Final = (
    EPONYMS | COMMON_EPONYMS | PLACE_DISEASES | LAB_WORDS | MAKERS | TEXTBOOKS | ID_LABEL_WORDS
) | frozenset(w.lower() for w in CLINICAL_INITIALISMS)


def _medicine(word: str) -> bool:
    low = word.lower().removesuffix("'s").removesuffix("\u2019s")
    return (
        low in _MEDICINE
        or medical_word(low)
        or low.endswith(_GENUS_ENDINGS)
        or any(p in _MEDICINE for p in low.split("-"))
    )


def _camel(word: str) -> bool:
    """ "GeneXpert", "FreeStyle": a capital inside a word is a brand's ("McKay" is a name)."""
    body = word[1:].replace("-", "").replace("'", "")
    return any(ch.isupper() for ch in body) and not word.startswith(("Mc", "Mac", "O'", "O\u2019"))


def _brand_or_citation(text: str, start: int, end: int, cue_words: tuple) -> bool:
    """A medicine's brand ("started Keppra", "fidaxomicin (Dificlir)") or an author cited
    ("described in 2021 by Kealoha", "Eze and Ondrasikova (1995)")."""
    if cue_words and cue_words[-1] in _DRUG_BEFORE and place_cue(cue_words) != "strong":
        return True  # "started Keppra", "on Humira", "a silver Corsa"
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return True
    return citation(text, start, end)


_CONJ_BEFORE: Final = re.compile(rf"({_CAP})(?:,| and| or| &| vs\.?| versus)(?: the| no| a| an)? $")
_CONJ_AFTER: Final = re.compile(rf"(?:,| and| or| &| vs\.?| versus)(?: no)? ({_CAP})")
_FOLLOWERS: Final = EPONYM_FOLLOWERS | frozenset(
    "lot batch appliance segment nosology tablets".split()
)


def _in_list_of_others(text: str, start: int, end: int, covered: list) -> bool:
    """A word in a list beside a capitalised word the scanner judged no identifier ("Keppra
    and Clexane", "Horby and Landray"): lists hold words of one kind ("Kisoro and
    Bundibugyo" are both read, "Motherwell and Wishaw" both found)."""
    for m in (_CONJ_BEFORE.search(text, max(start - 30, 0), start), _CONJ_AFTER.match(text, end)):
        if m is None:
            continue
        a, b = m.span(1)
        if not any(s < b and a < e for s, e in covered):
            return True
    return False


def _kind(text: str, start: int, end: int, cue_words: tuple) -> str:
    """The kind matters little (the author sees every finding): a word of work before makes
    it an employer, a person's word or verb a name, anything else a place."""
    if employer_cue(cue_words):
        return "EMPLOYER"
    if place_cue(cue_words) or text.endswith("ex-", 0, start):
        return "GEO"
    if person_cue(cue_words) or relation_cue(cue_words) or PERSON_VERB_AFTER.match(text, end):
        return "NAME"
    return "GEO"


def _initialism(text: str, start: int, word: str) -> bool:
    """ "from UMMC", "at LUTH", "ex-KATH": initials of a hospital after a word of place; any
    other initialism is far more often a test, a disease or a body (ECG, NSTEMI, NICE)."""
    if text.endswith("ex-", 0, start):
        return True
    if not text[max(start - 6, 0) : start].lower().endswith(_ACRONYM_TAILS):
        return False  # no word of place just before: most initialisms end here
    cue_words = words_before(text, start)
    return bool(cue_words) and (
        cue_words[-1] in _ACRONYM_CUES or " ".join(cue_words[-2:]) in _ACRONYM_PAIRS
    )


def _proper_run(text: str, start: int, end: int, words: list[str]) -> bool:
    """A run with a word no list knows, in a place where a capital means a name (cheapest
    questions first: most runs are ordinary words after a full stop)."""
    if any(_camel(w) for w in words):
        return False
    if text[max(start - 3, 0) : start].lower() == "ex-":
        # "ex-Kenyatta", "ex-Ravenscraig": a former hospital, employer or home, even when
        # the word is a known name or town; not an ordinary word ("ex-Army") or medicine's
        return not all(
            w.lower() in _NOT_PROPER or w.lower() in lexicon().common_words or _medicine(w)
            for w in words
        )
    if not any(_unknown(w) for w in words):
        return False
    if _sentence_start(text, start) and not (
        # a capital after a full stop or a heading says nothing, unless a person's verb or
        # an age follows ("Zarghuna was seen", "Tevita, 34,")
        PERSON_VERB_AFTER.match(text, end) or AGE_AFTER.match(text, end)
    ):
        return False
    if any(_medicine(w) for w in words) or _NUMBER_AFTER.match(text, end):
        return False  # "Sputum Xpert", "Weil-Felix": medicine's words; "Maddrey 48": a score
    if len(words) == 1 and len(words[0]) < 3:
        return False  # "8 Gy", "Hx": a unit or an abbreviation
    if words[-1].endswith(("'s", "\u2019s")) and _PARTICLE_BEFORE.search(
        text, max(start - 5, 0), start
    ):
        return False  # "de Quervain's", "von Willebrand's": an eponym's possessive
    if len(words) > 1 and words[-1].lower() in _RUN_HEADS:
        return False  # "the Collingrove Agreement", "the Bronchiectasis Severity Index"
    if _PEOPLE_BEFORE.search(text, max(start - 12, 0), start) and _PERSON_NOUN.match(text, end):
        return False  # "a 61-year-old Inuvialuit man": a people, a faith or a trade
    nxt = re.match(r" ([a-z]{2,20})", text[end : end + 22])
    if nxt and (nxt.group(1) in _FOLLOWERS or _SPECIES_AFTER.match(text, end)):
        return False  # "Puumala virus", "Borrelia burgdorferi", "Boostrix lot"
    return not ROMAN_AFTER.match(text, end)  # "Baveno VII", "Schatzker VI"


def find_unknown_proper(text: str, found: list[Finding]) -> None:
    """Flag capitalised words and initialisms no list knows, outside every finding so far."""
    spans = sorted((f.start, f.end) for f in found)
    starts = [s for s, _e in spans]
    reach, furthest = [], 0  # the furthest end of the findings up to each one
    for _s, e in spans:
        furthest = max(furthest, e)
        reach.append(furthest)
    covered = spans.copy()  # this pass's findings join the list as it goes
    for m in RUN.finditer(text):
        start, end = m.span()
        i = bisect_right(starts, end) - 1
        if i >= 0 and reach[i] > start:
            continue  # already inside, or touching, a finding
        acro = m.group("acro")
        if acro:
            if (
                acro not in CLINICAL_INITIALISMS
                and _initialism(text, start, acro)
                and not YEAR_AFTER.match(text, end)
            ):
                _add(found, start, end, "GEO", text)
            continue
        if not _proper_run(text, start, end, m.group("run").split(" ")):
            continue
        cue_words = words_before(text, start)
        if not place_cue(cue_words) and (
            _THING_PAIR_AFTER.match(text, end)
            or _THING_PAIR_BEFORE.search(text, max(start - 30, 0), start)
        ):
            continue  # "keep the Frova and the bougie": a thing paired with a thing
        if (
            not _brand_or_citation(text, start, end, cue_words)
            and not _in_list_of_others(text, start, end, covered)
            and not thing(text, start, end)
        ):
            _add(found, start, end, _kind(text, start, end, cue_words), text)
            covered.append((start, end))
