"""Hospitals and suburbs named bare, with no place word and no "lives in": the way clinicians
write the hospital a patient came from or went to ("came down from RNSH", "follow-up at KKH",
"AIIMS sent us", "phoned CHBAH for the old notes", "ex-Baragwanath", "From CMC Vellore").

A hospital's initials are the commonest way a post names where a patient was treated, and
initials look like the clinical acronyms around them ("came from ICU", "MDT said", "GP
referred"), so each rule needs a verb of transfer, contact or care right before the initials,
or a verb of sending right after them, and the initials must not be a known clinical one.

Look-alikes kept quiet: places in a list that ends in a virus or its serology ("Murray
Valley, Ross River and Barmah Forest serology"): diseases named after places.

Each pass opens on a literal found by ``str.find`` or on a capital, and reads a bounded
window, so the cost stays linear in the text's length.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.beside import _ordinary
from cases.deidentify.cues import SERVICE_WORDS, section_word
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.patterns import CAP_WORD
from cases.deidentify.places import CLINICAL_ACRONYMS

# Initials of three to six capitals, not part of a longer word or a code ("ICU-2", "T2DM").
_INITIALS: Final = r"[A-Z]{3,6}(?![\w&/-])"
# Roles, teams and scores written in capitals that no rule elsewhere lists as clinical.
_MORE_CLINICAL: Final = frozenset(
    """
    SHO SPR STR RMO HMO JMO CMO PGY ANP CNS SLT HCA NUM CNM DON ODP ACP ECP CCP HART
    HDU RRT MET ALS APLS PALS ATLS EMS EMT NHS HSE CHW ART ARV PEP PREP OST NGO UN WHO
    CDC NICE ACEM RACP RCEM ASAP ETA ETD DNR DNAR NFR AMA DAMA LAMA TCI TTO TTA EDD LOS
    CTPA CTKUB HRCT MRCP MRA MRV CTA DSA EVT TNK TPA IVT ICD PPM CRT CXR AXR USS FAST
    EFAST POCUS ABG VBG LP CSF EEG EMG NCS VQ PEA VF VT SVT AF AFL CPR ROSC ETT LMA NGT
    STAT PRN NBM IVF IVI PCA FFP PRBC PLT CPAP BIPAP NIV HFNC HFNO OOH OPAT HITH MAU ICU
    ITU CCU NICU PICU SCBU OPD ENT MDT ED ER GP AKA BKA ORIF DHS THR TKR ACL MCL HAGL
    TBSA GCS AVPU NEWS PEWS MEWS COVID SARS MERS RSV HPV HSV CMV EBV VZV MRSA VRE ESBL
    CPE CDI TB MDR XDR HIV AIDS PCP PJP CAP HAP VAP UTI SSTI AKI CKD ESRD DKA HHS HONK
    PEEP MAP CVP SBP DBP BMI IOP NYHA TIMI GRACE EGFR GFR NOK CCOT MET SMO VMO CNC NIC
    ADON IVDU PWID IDU POEMS PANDAS CREST HELLP SIADH
    """.split()
)
# A verb of transfer, then "from" or "via": "came down from", "was transferred back from",
# "retrieved via", "referral from".
FROM_CUE: Final = re.compile(
    r"\b(?i:came|come|comes|coming|arrived|arrives|brought|sent|transferred|transfer|"
    r"transfers|referred|referral|retrieved|retrieval|flown|moved|returned|repatriated|"
    r"discharged|shipped|bounced)\s(?:(?i:back|down|up|over|across|in|out|on|here|to us)\s)?"
    r"(?i:from|via)\s(?:the\s)?$"
)
# A verb of contact right before: "phoned CHBAH for the old notes", "rang KEMH".
CONTACT_CUE: Final = re.compile(
    r"\b(?i:phoned|rang|emailed|e-mailed|contacted|faxed|messaged|"
    r"spoke to|spoke with|liaised with|discussed with)\s(?:the\s)?$"
)
# A word of care in the four words before "at": "follow-up at KKH", "the chamber at ARI",
# "she was at KATH in Kumasi".
_CARE_WORDS: Final = frozenset(
    """
    follow-up followup f/u seen reviewed booked treated managed operated delivered stayed
    was were been chamber clinic clinics appointment appt admitted scanned recompressed
    intubated born died diagnosed biopsied investigated worked-up stented cathed cath
    ventilated dialysed dialyzed transfused resuscitated stabilised stabilized ecmo
    """.split()
)
AT_BEFORE: Final = re.compile(r"(?P<words>(?:\S{1,30}\s){1,4})at\s(?:the\s)?$")
# A verb of sending right after: "AIIMS sent us", "KEMH rang", "QEH flagged her".
SENDER_AFTER: Final = re.compile(
    r"\s(?:(?:sent|send|sends|flagged|referred|transferred|retrieved|accepted|kindly)\s"
    r"(?:us|him|her|them|back|over|up|down|across|our|a|an|this)\b"
    r"|(?:rang|rings|called|phoned|faxed|emailed|e-mailed)\s(?:us|me|to|back|about|re|for)\b)"
)
# A clause opens right before: the start of a line or sentence, a colon or a semicolon.
_OPENS: Final = re.compile(r"(?:^|[.!?;:\n]\s{0,3}|^\s{0,3}[-*]\s)$")
EX_PLACE: Final = re.compile(rf"(?<![\w-])[Ee]x-(?P<place>{CAP_WORD}|[A-Z]{{3,6}}(?![\w-]))")
# Initials then the town they stand in: "From CMC Vellore", "KATH Kumasi".
INITIALS_TOWN: Final = re.compile(
    rf"(?P<initials>{_INITIALS})\s(?P<town>{CAP_WORD})(?![\w'\u2019-])"
)
# A journey between two places: "From Foothills via STARS".
_FROM_VIA: Final = re.compile(rf"From\s(?P<place>{CAP_WORD}(?:\s{CAP_WORD})?)\svia\s")
DIRECTION_OF: Final = re.compile(
    r"\b(?i:north|south|east|west|north-east|north-west|south-east|south-west|northeast|"
    r"northwest|southeast|southwest)\sof\s$"
)
_PLACE_WORD_BEFORE: Final = re.compile(r"\b(?i:from|at|to|in|via)\s$")
_SENTENCE_FROM: Final = re.compile(r"From\s(?P<initials>[A-Z]{3,6})\b(?=\s[A-Z][a-z]|:)")


_INITIALS_RE: Final = re.compile(_INITIALS)


def _clinical(initials: str) -> bool:
    return (
        initials in CLINICAL_ACRONYMS
        or initials in _MORE_CLINICAL
        or initials.lower() in SERVICE_WORDS
        or initials.lower() in lexicon().large_places
    )


def _positions(hay: str, needles: tuple[str, ...]):
    for needle in needles:
        at = hay.find(needle)
        while at != -1:
            yield at
            at = hay.find(needle, at + 1)


# Where a baby was born or delivered is a hospital whatever its name: "born at Rotunda".
_BIRTH_WORDS: Final = frozenset("born delivered birth delivery".split())


def _born_at(text: str, at: int) -> re.Match | None:
    """One to three capitalised words after "at", if they are no department or time."""
    if text.startswith("the ", at):
        at += 4
    m = _CAP_RUN.match(text, at)
    if not m or any(section_word(w) or w.lower() in _NOT_FROM for w in m.group(0).split()):
        return None
    return m


def _initials_after(text: str, at: int) -> re.Match | None:
    """The initials starting at ``at`` (after "the "), if they are no clinical acronym."""
    if text.startswith("the ", at):
        at += 4
    m = _INITIALS_RE.match(text, at)
    return m if m and not _clinical(m.group(0)) else None


_CAP_RUN: Final = re.compile(rf"{CAP_WORD}(?:\s{CAP_WORD}){{0,2}}(?![\w'\u2019-])")


def find_bare_institutions(text: str, low: str, found: list[Finding]) -> None:
    """Add hospitals named by their initials or one word with no place word (see above)."""
    lex = lexicon()
    # After a verb of transfer: initials, or capitalised words no dictionary rule took.
    for at in _positions(low, ("from ", "via ")):
        after = at + (5 if low.startswith("from ", at) else 4)
        if not FROM_CUE.search(text, max(at - 40, 0), after):
            continue
        start = after + 4 if text.startswith("the ", after) else after
        m = _INITIALS_RE.match(text, start)
        if m and not _clinical(m.group(0)):
            _add(found, m.start(), m.end(), "GEO", text)
            continue
        m = _CAP_RUN.match(text, start)
        words = m.group(0).split() if m else []
        if m and not (
            any(section_word(w) or w.lower() in _NOT_FROM for w in words)
            or m.group(0).lower() in lex.large_places
            or all(_ordinary(w) for w in words[1:] or words)
        ):
            _add(found, m.start(), m.end(), "GEO", text)  # "came from Foothills via STARS"
    for at in _positions(low, _CONTACT_WORDS):
        if at and low[at - 1].isalnum():
            continue
        end = low.find(" ", at) + 1
        if low.startswith(("to ", "with "), end):
            end = low.find(" ", end) + 1
        m = _initials_after(text, end)
        if m and CONTACT_CUE.search(text, max(at - 4, 0), m.start()):
            _add(found, m.start(), m.end(), "GEO", text)
    for at in _positions(text, (" at ",)):
        m = _initials_after(text, at + 4) or _born_at(text, at + 4)
        before = AT_BEFORE.search(text, max(at - 48, 0), at + 4) if m else None
        words = [w.lower().strip("(,") for w in before.group("words").split()] if before else []
        if m and m.re is _CAP_RUN:
            cared = any(w in _BIRTH_WORDS for w in words)  # "born at 29+3 at Rotunda"
        else:  # "follow-up at KKH", "Neurosurgery at GOSH took him"
            cared = any(w in _CARE_WORDS or section_word(w) for w in words)
        if cared:
            assert m is not None  # the words before are read only after a match
            _add(found, m.start(), m.end(), "GEO", text)
    for m in _INITIALS_RE.finditer(text):
        initials = m.group(0)
        if _clinical(initials):
            continue
        if SENDER_AFTER.match(text, m.end()) and _OPENS.search(
            text, max(m.start() - 6, 0), m.start()
        ):
            _add(found, m.start(), m.end(), "GEO", text)  # "AIIMS sent us a 45M"
            continue
        town = INITIALS_TOWN.match(text, m.start())
        placed = _PLACE_WORD_BEFORE.search(text, max(m.start() - 8, 0), m.start())
        if (
            town
            and placed
            and town.group("town").lower() in lex.towns
            and not _ordinary(town.group("town"))
        ):
            _add(found, m.start(), m.end(), "GEO", text)  # "CMC Vellore"
    for at in _positions(text, ("From ",)):
        m = _SENTENCE_FROM.match(text, at)
        if m and _OPENS.search(text, max(at - 6, 0), at) and not _clinical(m.group("initials")):
            _add(found, m.start("initials"), m.end("initials"), "GEO", text)
    for at in _positions(text, ("From ",)):
        m = _FROM_VIA.match(text, at)
        if m and _OPENS.search(text, max(at - 6, 0), at) and not section_word(m.group("place")):
            _add(found, m.start("place"), m.end("place"), "GEO", text)  # "From Foothills via"
    for at in _positions(low, (" of ",)):
        m = DIRECTION_OF.search(text, max(at - 16, 0), at + 4)
        place = _CAP_RUN.match(text, at + 4) if m else None
        if place and not any(_ordinary(w) for w in place.group(0).split()):
            _add(found, place.start(), place.end(), "GEO", text)  # "west of Vanderhoof"
    for at in _positions(low, ("ex-",)):
        m = EX_PLACE.match(text, at)
        ex_place = m.group("place") if m else ""
        if m and not (_ordinary(ex_place) or _clinical(ex_place) or ex_place.lower() in _NOT_EX):
            _add(found, m.start("place"), m.end("place"), "GEO", text)  # "ex-Baragwanath"


_CONTACT_WORDS: Final = (
    "phoned ", "rang ", "emailed ", "contacted ", "faxed ", "messaged ", "spoke to ",
    "spoke with ", "liaised with ",
)  # fmt: skip
# Words after "ex-" that are a past state, not a place: "ex-Prem", "Ex-Smoker".
_NOT_EX: Final = frozenset("prem premmie smoker smokers drinker user partner husband wife".split())
# Capitalised words after "from" that are a department, a time or a person's role.
_NOT_FROM: Final = frozenset(
    """
    home work school the a an his her their our my this that day night week month year
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter mum dad
    mother father son daughter wife husband gp gps team teams majors minors resus theatre
    recovery radiology pharmacy clinic outpatients ward wards icu ed er dr mr mrs ms prof
    term preterm night midnight dawn noon weekend
    """.split()
)

# A list of places that names a virus, its serology, a rule or a schedule: "Ross River and
# Barmah Forest serology", "Ottawa and Canadian C-spine rules", "Essen vs Zagreb schedule".
VIRUS_LIST_END: Final = re.compile(
    rf"(?:\s{CAP_WORD}){{0,2}}(?:(?:,\s|\sand\s|\sor\s|\svs\.?\s|\sversus\s|/){CAP_WORD}"
    rf"(?:\s{CAP_WORD}){{0,2}}){{0,4}}"
    r"\s(?i:virus|viruses|serology|serologies|antibod(?:y|ies)|IgM|IgG|PCR|encephalitis|fever"
    r"|rules?|criteria|scores?|schedules?|regimens?|protocols?|classifications?)\b"
)
_LIST_NOUN_HINTS: Final = (
    "virus", "serolog", "ntibod", "IgM", "IgG", "ncephalitis", "fever", "rule", "criteria",
    "score", "schedule", "regimen", "protocol", "classification", "PCR",
)  # fmt: skip
_VIRUS_RIGHT_AFTER: Final = re.compile(
    r"\s(?i:virus|viruses|serology|serologies|antibod(?:y|ies)|IgM|IgG|PCR|encephalitis|fever)\b"
)
_LIST_GAP: Final = re.compile(r"\s(?:and|or|vs\.?|versus)\s|/")


def quiet_virus_lists(text: str, found: list[Finding]) -> list[Finding]:
    """Drop places that open a list ending in a virus, its serology, a rule or a schedule
    (see above): diseases and decision rules named after places."""
    if not any(w in text for w in _LIST_NOUN_HINTS):
        return found
    kept = []
    for f in found:
        # A NAME too: "Barmah Forest" reads as a person's name to the name rules.
        named = f.kind == "GEO" or (f.kind == "NAME" and f.text.istitle() and "." not in f.text)
        m = VIRUS_LIST_END.match(text, f.end) if named else None
        # A list ("X, Y and Z serology"), or a virus word right after the place; "our PGH
        # protocol" is a hospital's own, so a rule or a protocol needs the list.
        if m and (_LIST_GAP.search(m.group(0)) or _VIRUS_RIGHT_AFTER.match(m.group(0))):
            continue
        kept.append(f)
    return kept
