"""Hospitals and other places of care named by initials or one word, known by the movement of
the patient into or out of them (round 18).

"Referred to DMCH", "Admitted EWMSC on Divali", "Conveyed to QEHB major trauma", "From
KFSH&RC:", "OPD note AIIMS:", "Follow-up to the UHG PE", "Transported to MacNeal", "take her
to Hammersmith": a clinician names the hospital as its staff do. Initials count after a verb
that moves a patient (referred, transferred, conveyed, admitted, presented, flown ...), as the
head of a post or a note ("From X:", "note X:"), or in "the X case/post/PE"; one capitalised
word counts after such a verb with "to", unless it is a ward's or a service's ("taken to
Theatre"). Initials of tests, scores, services, bodies and
diseases ("referred to SALT", "admitted to HDU", "presented to ED", "the HIDA scan", "the
ASHA worker", "the NOF patient") are never places: ``MEDICAL_INITIALS`` and the fallback's
``CLINICAL_INITIALISMS`` hold them; words of the lexicon's ordinary vocabulary, departments
and specialties ("to Radiology") stay quiet too.

The initials are found by a pattern that opens on a capital (the engine skips to the next);
the verb is read in a window of 40 characters before them, once its last word is seen there.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.medical_words import heading_specialty, medical_word
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS
from cases.deidentify.word_set import places_of, words_of

# Initials of tests, teams, workers, scores, drugs, conditions and bodies that follow "to",
# "from" or "the" as a hospital's do, beyond the fallback's list.
MEDICAL_INITIALS: Final = frozenset(
    """
    HIDA MAG DMSA DTPA SPECT MIBG PETCT CTA CTV CTKUB KUB IVU IVP MCUG VCUG DSA EVAR FEVAR TEVAR
    EBUS ERCP PTC PTCD TIPS TIPSS RFA TACE TARE SIRT IMRT SBRT SRS ASHA ANM AWW CHW CHV CHEW VHT
    HEW HCW HCP PHC CHC UHC PHU SDH EOC ETU CTC ORS RUTF RUSF MUAC SAM MAM IMCI IMNCI KMC PMTCT
    EMTCT ART ARV PREP PEP TLD TLE TDF DTG EFV NVP AZT ABC LPV CTX INH IPT TPT BCG OPV IPV DTP
    MMR HPV PCV RSV COVID SARS MERS CMV EBV HSV VZV HHV HTLV HAV HEV NOF CAP HAP VAP NSTEMI
    STEMI AF AFL SVT VT VF PEA ACS NSTE UA CCF CHF HFREF HFPEF LVF LVSD RVF PAH PHT IPF ILD
    CF COPD AECOPD ECOPD IECOPD OA RA PMR GCA SLE APS MCTD SSC PBC PSC NASH NAFLD MASLD MASH
    IBD IBS UC GORD GERD PUD UGIB LGIB SBP HRS HE TIA CVA SAH ICH SDH EDH TBI SCI GBS MS ALS
    MND PD DLB FTD AD ADHD ASD OCD PTSD GAD MDD BPAD EUPD PD CBT DBT EMDR ECT TMS DKA HHS HONK
    AKI CKD ESRD ESKD RRT HD PD CAPD APD AVF AVG UTI CAUTI CLABSI SSI VRE MRSA MSSA ESBL CRE
    CPE KPC NDM OXA STI STD PID BV TV GC CT LGV HSIL LSIL CIN VIN PAP LLETZ LEEP CKC TAH BSO
    LSCS CS SVD NVD VBAC TOLAC PPH APH PROM PPROM PET HELLP IUGR FGR SGA LGA IUFD NND NICU
    SCBU RDS TTN HIE NEC ROP BPD PDA VSD ASD TOF TGA HLHS AVSD ECHO TTE TOE ETT LMA NGT OGT
    PICC CVC CVL IDC SPC PEG RIG JEJ TPN PN MDT OT PT SLT SALT DT DN CNS CNM ANP APP NP PA MO
    HO JHO SHO SR SPR HMO RMO CMO PGY FY FY1 FY2 CT1 CT2 ST3 GPST GPR GP GPS ED AE
    AED ER EM ICU ITU HDU CCU CDU MAU AMU SAU EAU PACU PAU OPD IPD OR OT ERCP ACLS ATLS PALS
    NRP APLS EPLS BLS ILS ALS CPR ROSC DNR DNAR DNACPR POLST MOLST LPA EPA MCA DOLS DOL
    BIPAP CPAP NIV HFNC HFOV ECMO VV VA IABP LVAD RVAD ICD PPM CRT CRTD ILR AICD TAVI MITRA
    NICE SIGN WHO CDC NIH NHS HSE HIQA CQC NHSBT UKHSA PHS PHW PHA IDSP NCDC NPHCDA NHIS NHIF
    ANC PNC EPI MCH MNCH FP IUD IUCD LNG DMPA COC POP EC BTL NSV OPD USG USS CT MRI MRCP
    NCV EMG EEG ECG EKG PFT ABG VBG FBC CBC UE LFT TFT CRP ESR PCT BNP INR APTT PT FIB LDH
    HBA HBA1C RBS FBS OGTT GTT HIV HCV HBV HBSAG TB MTB LAM XPERT DST LPA AFB ZN GIT ASL ASO
    ASOT ANA ANCA ENA DSDNA RF CCP ACE PTH TSH FT4 FSH LH HCG BHCG AFP CEA PSA CA
    """.split()
)
_INITIALS: Final = re.compile(r"[A-Z][A-Z]{2,5}(?:&[A-Z]{1,3})?(?![\w&/'\u2019-]|\.\w)")
_INSIDE: Final = "&/.'\u2019-"
_MOVE: Final = (
    r"referred|referral|refer|transferred|transfer|conveyed|convey|transported|taken|took|take|"
    r"brought|sent|flown|airlifted|evacuated|retrieved|admitted|admit|presented|presenting|"
    r"discharged|moved|went|gone|go|going|came|come|arrived|repatriated|blue-lighted|"
    r"diverted|booked|listed|rushed|driven|walked"
)
# The moving verb, an optional object and "to", "from", "at", "into" just before the initials.
MOVE_BEFORE: Final = re.compile(
    rf"\b(?i:{_MOVE})(?:\s(?:him|her|them|back|straight|urgently|directly|on|over|down|up|"
    rf"across|in)){{0,2}}\s(?:from\s(?:[\w&]{{2,20}}\s){{1,3}})?(?:to|from|at|into|via)"
    r"\s(?:the\s)?$"
    # "Admitted EWMSC on Divali": a few verbs name the hospital with no word between.
    r"|\b(?i:admitted|conveyed|transferred|retrieved|airlifted|flown)\s$"
)
# The head of a post or a note: "From KFSH&RC:", "OPD note AIIMS:", "Update from LUTH:".
HEAD_BEFORE: Final = re.compile(r"(?:^|[.\n]\s?)(?:[\w ]{0,20}\s)?(?i:from|note|at|clinic|ward)\s$")
# "the UHG PE", "the KATH twins": a case named by the hospital it came from (not "the RMSF
# case": a disease's initials name cases too).
CASE_AFTER: Final = re.compile(
    r"\s(?:lady|man|woman|boy|girl|baby|PE|MI|STEMI|NSTEMI|TB|DKA|CVA|stroke|arrest|twins?|"
    r"mum|mom)\b"
)
# One or two capitalised words after a moving verb and "to": "Transported to MacNeal".
_CAP: Final = r"[A-Z][a-z]{1,20}(?:[A-Z][a-z]{2,20})?(?:['\u2019]s)?"
WORD_AFTER_MOVE: Final = re.compile(
    rf"\b(?i:transported|conveyed|taken|take\s(?:him|her|them)|brought|flown|airlifted|"
    rf"rushed|driven|blue-lighted|diverted|repatriated)\s(?:back\s)?to\s(?:the\s)?"
    rf"(?P<name>{_CAP})(?![\w-])"
)


def _clinical(word: str) -> bool:
    bare = word.split("&")[0]
    return bare in CLINICAL_INITIALISMS or bare in MEDICAL_INITIALS or len(bare) < 3


# How MOVE_BEFORE can end: tested first, as most initials follow none of them.
_MOVE_TAILS: Final = (
    " to ", " from ", " at ", " into ", " via ", " the ", "admitted ", "conveyed ",
    "transferred ", "retrieved ", "airlifted ", "flown ",
)  # fmt: skip
# Where a patient is taken that is no named place (a capital there is the ward's habit).
_DESTINATIONS: Final = frozenset(
    """theatre theatres resus recovery triage majors minors outpatients pharmacy imaging xray
    ward wards hospital church school work home bed bathroom toilet court prison jail hospice
    rehab casualty emergency surgery clinic lab labour delivery maternity mortuary morgue
    safety shelter police station town city the a an his her their""".split()
)
_MOVERS: Final = frozenset(
    "transported conveyed taken take brought flown airlifted rushed driven blue-lighted "
    "diverted repatriated".split()
)


def find_care_places(text: str, low: str, found: list[Finding]) -> None:
    for m in _INITIALS.finditer(text):
        start, end = m.span()
        if _clinical(m.group(0)) or (
            start and (text[start - 1].isalnum() or text[start - 1] in _INSIDE)
        ):
            continue
        before = text[max(start - 40, 0) : start]
        if (
            (before[-13:].lower().endswith(_MOVE_TAILS) and MOVE_BEFORE.search(before))
            or (text.startswith(":", end) and HEAD_BEFORE.search(before))
            or (before.endswith(("the ", "The ")) and CASE_AFTER.match(text, end))
        ):
            _add(found, start, end, "GEO", text)
    movers = _MOVERS & words_of(low)
    if not movers:
        return
    for verb in movers:
        for at in places_of(low, verb):
            moved = WORD_AFTER_MOVE.match(text, at)
            if not moved:
                continue
            name = moved.group("name")
            bare = name.lower().removesuffix("'s").removesuffix("\u2019s")
            if bare in _DESTINATIONS or medical_word(bare) or heading_specialty(bare):
                continue  # "taken to Theatre", "brought to Resus"
            _add(found, moved.start("name"), moved.end("name"), "GEO", text)
