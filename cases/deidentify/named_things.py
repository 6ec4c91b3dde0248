"""Findings that name a thing, not a patient: brands, makers, works, eponyms, services
(session 25, the precision round on lead_tune23).

Posts with no identifier are full of capitalised words the name, place and fallback passes
take for people or places. What makes such a word a named thing is either a list of its kind
(``named_things_lists``) or the word after it:

- a medicine's brand ("switched to Xeljanz", "Opdivo plus Yervoy", "Augmentin Duo Forte"),
  or any capitalised word before a dose ("Zorvex 40 mg", "Halvira two puffs");
- a maker of medicines or devices ("the Biotronik Edora", "vials from Vins Serums"), a maker
  that is also a surname only beside its product ("the Abbott Alinity", "the Lilly pens");
- a work or an idea named after its author ("a Groopman essay", "Tversky's chapter", "the
  Reason model", "Gibbs' 4th edition"), a public figure of medicine cited by surname;
- an eponym of an operation, a classification, a cell or a regimen ("Kasai or Ladd",
  "Gustilo IIIb", "per Zuspan", "Birbeck granules"), a place's or a person's name before the
  word of a named thing ("the Kampala modification", "the Mubarak threshold");
- a service or a specialty ("someone from Gastro", "the Falls Team meeting"), a grade ("Grade
  Group 3"), a gene ("via CYP3A4"), a pilgrimage ("the Umrah vaccine"), a word of medicine in
  lower case read as a name ("new-onset", "anticoagulation");
- dates of the staff's world, not the patient's ("the audit meeting on Tuesday", "the circular
  from May", "supply normalises by October"), the start of a range of values ("went from 2.4
  to 8.9"), "the only carer" of a family.

A word after a title or a relation ("Mrs Kasai", "her son Gawande") or before an age or a
person's verb ("Abbott, 71, fell") is kept: a person. A word that is also a first name or a
town is kept after a word of place and in a list of names. Each test reads the finding's
words and at most 60 characters around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from cases.deidentify.anchored import WordEndsWindow
from cases.deidentify.cues import PERSON_VERB_AFTER, employer_cue, words_before
from cases.deidentify.eponyms import in_name_list
from cases.deidentify.famous_look_alikes import PRODUCTS
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import EPONYMS, TEXTBOOKS
from cases.deidentify.named_services import (
    CLIPPED,
    body,
    cited_institution,
    lower_word,
    service,
    textbook_read,
)
from cases.deidentify.named_things_lists import (
    ANIMAL_GENERA,
    BODY_WORDS,
    BRAND_PARTS,
    CITED_INSTITUTIONS,
    COUNTRIES,
    CUE_WORDS,
    EPONYM_RUNS,
    EPONYM_SURNAMES,
    EPONYMS_MORE,
    FIGURES_COMMON,
    GENES,
    LANGUAGE_BEFORE,
    MAKER_FORMS,
    MAKERS_MORE,
    MEDICINE_BRANDS,
    PUBLIC_FIGURES,
    SERVICE_PARTS,
    STRAIN_BEFORE,
)
from cases.deidentify.staff_dates import quiet_staff_dates
from cases.deidentify.word_set import places_of, words_of

_PERSON_BEFORE: Final = WordEndsWindow(
    "mr|mrs|ms|miss|mx|dr|prof|sr|sra|sir|dame|lady|lord|pani|pan|herr|frau|husband|wife|"
    "son|daughter|mother|father|mum|mom|dad|brother|sister|uncle|aunt|niece|nephew|"
    "cousin|grandson|granddaughter|grandmother|grandfather|neighbour|neighbor|friend|"
    "partner|patient|pt|called|named|surname"
)
_GRADE_AFTER: Final = re.compile(
    r"\s(?:[A-E]|I{1,3}[a-c]?|IV[a-c]?|V|[0-9][a-c]?)\b(?![.:]\s?[A-Z])"
)
# A word of an operation after an eponym: "Kasai portoenterostomy", "Nuss bar repair".
_OPERATION_AFTER: Final = re.compile(
    r"['\u2019]?s?\s(?:[a-z-]{2,20}\s)?(?:[a-z-]{0,20}(?:ostomy|ectomy|otomy|plasty|pexy|rrhaphy)|"
    r"procedure|operation|repair|pull-through|shunt|anastomosis|fundoplication|bar|"
    r"cerclage|osteotomy|stitch|suture|technique)\b"
)
_TITLE_FIRST: Final = re.compile(r"(?i:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lady|lord)\.?\s")
_AGE_AFTER: Final = re.compile(r",?\s\(?\d{1,3}\s?(?:[MFmf]\b|y|yo|yrs?|years?\b|,|\))")
_PLACE_BEFORE: Final = re.compile(r"\b(?i:from|in|at|near|of|outside|around|lives|living|to)\s$")
_GRADE: Final = re.compile(r"(?:(?:I{1,3}|IV|VI{0,3})[a-c]?|[0-9]{1,2}[a-c]?|[A-E])")
# A dose or a form after a capitalised word makes it a medicine ("Zorvex 40 mg").
_DOSE_AFTER: Final = re.compile(
    r"\s?\(?\d{1,5}(?:[.,]\d{1,3})?\s?(?:mg|mcg|\u00b5g|micrograms?|milligrams?|g|ml|mL|"
    r"units?|IU|iu|mmol|mg/kg|mg/m2)\b"
    r"|\s(?:one|two|1|2) puffs?\b|\s(?:tablets?|tabs|capsules?|injections?|infusion|"
    r"inhaler|eye drops|eyedrops|ointment|sachets?|syrup|suspension|vials?|ampoules?|"
    r"auto-?injector)\b"
)
# The thing named after the word: a work or an idea, after at most one other word ("a
# Groopman essay", "the Jayasumana glyphosate hypothesis"); a named sign, cut-off or device
# right after it ("the Kampala modification", "the Mubarak threshold"). No word of a
# patient's own state ("Maria sickle cell crisis", "Kofi hip fracture") is among them.
_WORKS: Final = (
    "essays?|chapters?|books?|editions?|lectures?|articles?|taxonomy|framework|model|theory|"
    "hypothesis|paradox|fallacy|razor|dictum|aphorism|memoir|monograph|heuristics?|bias|"
    "trials?|RCT|series|study|cohort|meta-analysis"
)
_NAMED_SIGNS: Final = (
    "pentad|tetrad|triad|threshold|effect|cut-?offs?|modifications?|definitions?|bag|"
    "pull-through|classification|criteria|grading|staging|manoeuvre|maneuver|phenomenon|"
    "technique|incision|retractor|forceps|stitch|suture|knot|equation|formula|nomogram|"
    "curves?|pyramid|checklist|analy[sz]ers?|assay|kit|pens|granules|stain|regime|scores?|"
    "scale|rules?|index|questionnaire|diet|exercises|method|tape|blade|mask|boot|sling|"
    "collar|frame|laryngoscope|convention|declaration|treaty|accord|calendar|numerals?"
)
_THING_AFTER: Final = re.compile(
    r"\s(?:(?:(?!(?:a|an|the|was|is|were|are|had|has|have|his|her|their|to|of|and|for|with|"
    r"by|on|in|at|from|said|told)\s)[a-z0-9-]{2,24}\s)?(?:"
    + _WORKS
    + r")|(?:"
    + _NAMED_SIGNS
    + r"|(?-i:Convention|Declaration|Treaty|Accord|Calendar)))\b"
)
# After a possessive only a work, an idea or a named sign: "Tversky's chapter", "Gibbs' 4th
# edition", "Charcot's triad"; "Kofi's sickle cell crisis" is the patient's own.
_WORK_AFTER_POSSESSIVE: Final = re.compile(
    r"(?:['\u2019]s?)?\s(?:\d{1,2}(?:st|nd|rd|th)\s)?(?:essays?|chapters?|books?|editions?|lectures?|"
    r"articles?|taxonomy|framework|model|theory|hypothesis|paradox|fallacy|razor|dictum|"
    r"aphorism|memoir|monograph|heuristics?|triad|pentad|tetrad|cut-?offs?|threshold|"
    r"nomogram|equation|formula|law|principle)\b"
)
# The words above, as the word set holds them (a gate: most posts hold none).
_THING_WORDS: Final = frozenset(
    w
    for alt in (_WORKS + "|" + _NAMED_SIGNS).replace("[sz]", "s").split("|")
    for w in (
        alt.replace("-?", "-").rstrip("?").rstrip("s").lower(),
        alt.replace("-?", "").rstrip("?").lower(),
    )
) | frozenset(("cutoff", "cutoffs", "cut-offs", "analyzer", "analysers", "analyzers"))
# After a maker that is also a surname: its product ("the Abbott Alinity", "Roche cobas").
_PRODUCT_AFTER: Final = re.compile(
    r"\s(?:cobas|architect|alinity|"
    r"accu-chek|freestyle|libre|pens?|insulin|analy[sz]ers?|assays?|kits?|devices?|pumps?|"
    r"sensors?|strips?|meters?|vaccines?|leads?|valves?|stents?|catheters?|machines?|"
    r"platform|reps?|biosimilar|generic|version|monitors?|ventilators?|scanners?|"
    r"defibrillators?|glucometers?)\b"
)
# A Latin species epithet after a genus: "Tropheryma whipplei", "Coxiella burnetii".
_EPITHET_AFTER: Final = re.compile(
    r"\s[a-z]{3,20}(?:ii|ei|ae|ensis|oides|icum|icus|atum|atus|orum|arum|philus|phila|"
    r"genes|formis|ianum|ianus|iana)\b"
)
_GRADING: Final = frozenset("grade group stage class type category".split())
_GENE: Final = re.compile(
    r"(?:CYP\d[A-Z0-9]{1,4}|HLA-?[A-Z0-9*:]{1,10}|BRCA[12]|JAK[1-3]|EGFR|KRAS|NRAS|BRAF|"
    r"ALK|ROS1|HER2|MTHFR|TPMT|NUDT15|UGT1A1|SLCO1B1|VKORC1|G6PD|APOE\d?|FLT3|NPM1|IDH[12]|"
    r"TP53|PIK3CA|CFTR|SMN[12]|DPYD|ABCB1|FGFR[1-4]|KIT|PDGFRA|MLH1|MSH[26]|PMS2)"
)
_PILGRIMAGES: Final = frozenset(("hajj", "umrah", "arbaeen", "kumbh", "camino"))
_SEASON_AFTER: Final = re.compile(r"\s(?:[A-Z]|season|time|period|month|week|days?\b)")
_TIME_BEFORE: Final = re.compile(r"\b(?i:during|after|before|since|until|over|for)\s$")


def _bare(word: str) -> str:
    return word.lower().strip(",.;:()\"'").removesuffix("'s").removesuffix("\u2019s").rstrip("'")


def _person_beside(text: str, f: Finding) -> bool:
    before = text[max(f.start - 16, 0) : f.start]
    return bool(
        _PERSON_BEFORE.search(before)
        or _AGE_AFTER.match(text, f.end, f.end + 14)
        or PERSON_VERB_AFTER.match(text, f.end)
    )


def _name_or_town_kept(text: str, f: Finding, words: list[str]) -> bool:
    """A word that is also a first name or a town stays a person or a place after a word of
    place or in a list of names ("from Padua", "Olga, Ivan and Petra")."""
    lex = lexicon()
    if not any(w in lex.first_names or w in lex.towns for w in words):
        return False
    before = text[max(f.start - 14, 0) : f.start]
    return bool(_PLACE_BEFORE.search(before)) or in_name_list(text, f.start, f.end)


_BRANDS: Final = MEDICINE_BRANDS | PRODUCTS


def _brand(text: str, f: Finding, words: list[str]) -> bool:
    if words[0] in _BRANDS and all(w in _BRANDS or w in BRAND_PARTS for w in words):
        return True
    if all(w in BRAND_PARTS for w in words):  # "Duo Forte" after "Augmentin"
        before = text[max(f.start - 24, 0) : f.start].split()
        return bool(before) and (_bare(before[-1]) in _BRANDS or _bare(before[-1]) in BRAND_PARTS)
    return False


def _maker(text: str, f: Finding, words: list[str]) -> bool:
    """A maker beside its product ("the Abbott AVEIR", "the Lilly pens") or as the source of a
    supply ("10 vials of ASV from Vins Serums"); a maker alone may be someone's employer."""
    phrase = " ".join(words)
    if not (phrase in MAKERS_MORE or (len(words) >= 2 and words[-1] in MAKER_FORMS)):
        return False
    if employer_cue(words_before(text, f.start)):
        return False  # "works for Pfizer", "a chemist at Sun Pharma": an employer
    return (
        _PRODUCT_AFTER.match(text, f.end, f.end + 30) is not None
        or _SUPPLY_FROM.search(text, max(f.start - 50, 0), f.start) is not None
        # a model after "the/a/our": "the Abbott AVEIR", "our Dexcom G7", not "at X HQ"
        or (
            _ARTICLE_BEFORE.search(text, max(f.start - 6, 0), f.start) is not None
            and (m := _MODEL_AFTER.match(text, f.end, f.end + 16)) is not None
            and m.group(1) not in _ORG_INITIALS
            and m.group(1).lower() not in lexicon().common_words
        )
    )


_ARTICLE_BEFORE: Final = re.compile(r"\b(?i:the|a|an|our|their|his|her|this|that)\s$")
_MODEL_AFTER: Final = re.compile(
    r"\s([A-Z]{2,10}\d{0,3}|[A-Z][a-z]{1,12}(?:[A-Z0-9][A-Za-z0-9]{0,8})?|G\d{1,2})\b"
)
_ORG_INITIALS: Final = frozenset("HQ UK US USA EU PLC LLC LTD INC HR IT CEO UAE NZ SA".split())


# The source of a supply: "vials of X from", "made by", "manufactured by", "recalled by".
_SUPPLY_FROM: Final = re.compile(
    r"(?i:\b(?:vials?|doses?|ampoules?|batch(?:es)?|lots?|stock|supply|supplies|kits?|"
    r"tablets|pens|devices?|antivenom|antivenin|asv|vaccines?)\b[^.;:!?]{0,30}\sfrom\s"
    r"|\b(?:made|manufactured|marketed|supplied|produced|recalled|sponsored|funded|distributed)"
    r"\sby\s(?:the\s)?)$"
)


def _thing_after(text: str, f: Finding, words: list[str], things: bool) -> bool:
    return (
        things
        and len(words) <= 3
        and not f.text.isupper()
        and (
            _WORK_AFTER_POSSESSIVE.match(text, f.end, f.end + 40) is not None
            or (
                not f.text.endswith(("'s", "\u2019s", "'", "\u2019"))
                and _THING_AFTER.match(text, f.end, f.end + 40) is not None
            )
        )
    )


def _ends_eponym_run(text: str, f: Finding) -> bool:
    if _bare(f.text.rsplit(None, 1)[-1]) not in _RUN_ENDS:
        return False
    window = text[max(f.start - 24, 0) : f.end].lower().replace("-", " ")
    return any(window.endswith(run) for run in EPONYM_RUNS)


def _look_alike(text: str, f: Finding, things: bool, starts: set) -> bool:
    raw = f.text.split()
    words = [_bare(w) for w in raw if not _GRADE.fullmatch(w.strip(",.;:"))]
    words = [w for w in words if w]
    if not words:
        return False
    phrase = " ".join(words).replace("-", " ")
    if phrase in EPONYM_RUNS or _ends_eponym_run(text, f):
        return True  # "the Sister Mary Joseph nodule", its "Joseph" found alone
    if _PERSON_BEFORE.search(text[max(f.start - 16, 0) : f.start]) or _TITLE_FIRST.match(f.text):
        return False
    if _GENE.fullmatch(raw[-1].strip(",.;:()")):
        return True  # "via CYP2C9"
    if all(w in _GRADING for w in words) and re.match(r"\s(?:\d|I|V)", text[f.end : f.end + 3]):
        return True  # "Grade Group 2"
    if _DOSE_AFTER.match(text, f.end, f.end + 24):
        return True  # "Keytruda 200 mg", "Trelegy Ellipta one puff"
    if _brand(text, f, words) or _maker(text, f, words):
        return len(words) > 1 or not _name_or_town_kept(text, f, words)
    if service(f, words) or lower_word(f, words) or body(text, f, words):
        return True
    if textbook_read(text, f, words):
        return True  # "reading Harrison's on nights", "it's in Kumar's"
    if cited_institution(text, f, words):
        return True  # "Johns Hopkins published a series", "the Stanford protocol"
    if len(words) == 1 and (words[0] in ANIMAL_GENERA or _EPITHET_AFTER.match(text, f.end)):
        # "Rousettus", "Tropheryma whipplei"; not "from Opšta bolnica" (a place's words)
        return not _PLACE_BEFORE.search(text, max(f.start - 14, 0), f.start)
    if f.kind == "NAME" and words == [words[0]] and words[0] in _PILGRIMAGES:
        # "the Hajj vaccine", not "Hajj Ali" nor "during Hajj season" (a date)
        return not (
            _SEASON_AFTER.match(text, f.end, f.end + 12)
            or _TIME_BEFORE.search(text, max(f.start - 8, 0), f.start)
        )
    if _person_beside(text, f):
        return False
    if _country_language_or_strain(text, f, words):
        return True  # "a nurse from Kenya", "she speaks Kichwa", "serovar Copenhageni"
    if len(words) == 1 and _beside_another(text, f, words[0]):
        return True  # "Swenson, Soave or Duhamel", "Tversky and Kahneman"
    if all(w in EPONYMS_MORE for w in words) and (
        len(raw) > len(words)
        or _GRADE_AFTER.match(text, f.end, f.end + 6)
        or _OPERATION_AFTER.match(text, f.end, f.end + 30)
    ):
        return True  # "Balthazar E", "Gustilo IIIb", "Kasai portoenterostomy"
    if all(w in EPONYMS_MORE and w not in EPONYM_SURNAMES for w in words) or (
        len(words) == 1 and words[0] in PUBLIC_FIGURES and words[0] not in FIGURES_COMMON
    ):
        return not _name_or_town_kept(text, f, words)
    if (
        _thing_after(text, f, words, things)
        and f.kind != "EMPLOYER"
        and not _PLACE_BEFORE.search(text, max(f.start - 14, 0), f.start)
    ):
        return True  # "the Kampala modification", "a Groopman essay", "Tversky's chapter"
    return _pioneer_first_names(text, f, words, starts)


_NEIGHBOUR_BEFORE: Final = re.compile(
    r"([A-Z][\w'\u2019-]{2,24})(?:,| and| or| &| vs\.?| versus) $"
)
_NEIGHBOUR_AFTER: Final = re.compile(r"(?:,| and| or| &| vs\.?| versus) ([A-Z][\w'\u2019-]{2,24})")
_KNOWN_NAMED: Final = EPONYMS | EPONYMS_MORE | PUBLIC_FIGURES | FIGURES_COMMON
_DISTINCT: Final = (EPONYMS_MORE - EPONYM_SURNAMES) | (PUBLIC_FIGURES - FIGURES_COMMON)


_WRITER_BEFORE: Final = re.compile(
    r"(?:^|[.!?\n,:]\s?|\b(?:[Ii]|[Ww]e)(?:'m| am| are)\s(?:an?\s)?)(?:[\w-]{2,20}\s){0,2}"
    r"(?i:nurse|doctor|doc|midwife|pharmacist|paramedic|student|gp|registrar|consultant|"
    r"surgeon|physician|clinician|dentist|resident|intern|fellow|officer|therapist|"
    r"physio|radiographer|medic)(?:,\s|\sfrom\s|\shere\sfrom\s|\sin\s)$"
)
_US_STATE_AFTER: Final = re.compile(r",\s?[A-Z]{2}\b")
_REVISED_BEFORE: Final = re.compile(r"\b(?i:revised|modified|updated|simplified|original)\s$")
_TOWN_THING_AFTER: Final = re.compile(
    r"(?:\s[a-z-]{2,20}){0,2}\s(?:score|criteria|classification|scale|index|model|definition)\b"
)


def _country_language_or_strain(text: str, f: Finding, words: list[str]) -> bool:
    """A country (not "Lebanon, PA"), a language after a verb of speaking, a strain or a
    serovar, a classification after "revised" ("Revised Atlanta"), a town before a score's
    words ("the Glasgow alcoholic hepatitis score")."""
    phrase = " ".join(words)
    if phrase in COUNTRIES or phrase.removeprefix("the ") in COUNTRIES:
        # the writer's own country ("Midwife from Tonga", "Dentist, Nigeria.") or a country
        # named with no word of place; "moved here from X" is where a patient lived
        if _US_STATE_AFTER.match(text, f.end):
            return False
        return bool(_WRITER_BEFORE.search(text, max(f.start - 40, 0), f.start)) or not (
            _PLACE_BEFORE.search(text, max(f.start - 14, 0), f.start)
        )
    before = text[max(f.start - 16, 0) : f.start].lower().rstrip()
    if before.endswith(LANGUAGE_BEFORE) or before.rsplit(" ", 1)[-1] in STRAIN_BEFORE:
        return True
    if _PLACE_BEFORE.search(text, max(f.start - 14, 0), f.start):
        return False
    if _REVISED_BEFORE.search(text, max(f.start - 14, 0), f.start):
        return True
    return (
        len(words) == 1
        and words[0] in lexicon().towns
        and bool(_TOWN_THING_AFTER.match(text, f.end, f.end + 60))
    )


def _beside_another(text: str, f: Finding, word: str) -> bool:
    """A surname of an eponym or a public figure beside another in a list: "Swenson, Soave or
    Duhamel", "Beauchamp and Childress"."""
    known = word in _KNOWN_NAMED
    if not known and word in lexicon().first_names:
        return False
    for m in (
        _NEIGHBOUR_BEFORE.search(text, max(f.start - 30, 0), f.start),
        _NEIGHBOUR_AFTER.match(text, f.end, f.end + 30),
    ):
        # beside a known one, or beside one of the unmistakable ones ("Bolam and Montgomery")
        if m and (_bare(m.group(1)) in _KNOWN_NAMED if known else _bare(m.group(1)) in _DISTINCT):
            return True
    return False


def _pioneer_first_names(text: str, f: Finding, words: list[str], starts: set) -> bool:
    """ "Jean-Martin Charcot": the first names of a pioneer whose surname the lists know and
    no pass took for a name."""
    nxt = _SURNAME_AFTER.match(text, f.end, f.end + 24)
    if f.kind != "NAME" or not nxt or len(words) > 2 or nxt.start(1) in starts:
        return False
    surname = nxt.group(1).lower()
    if surname in _PIONEER_SURNAMES:
        return not (PERSON_VERB_AFTER.match(text, nxt.end()) or _AGE_AFTER.match(text, nxt.end()))
    return False


_SURNAME_AFTER: Final = re.compile(r"\s([A-Z][a-z\u00e0-\u00ff]{2,20})\b(?!['\u2019-])")
_PIONEER_SURNAMES: Final = (
    EPONYMS
    | EPONYMS_MORE
    | (PUBLIC_FIGURES - FIGURES_COMMON)
    | frozenset("charcot osler hodgkin paget burkitt addison parkinson".split())
)


def quiet_named_things(text: str, low: str, found: list[Finding]) -> list[Finding]:
    """Drop findings that name a brand, a maker, a work, an eponym, a service or a staff date."""
    if not found:
        return found
    words = words_of(low)
    things = bool(_THING_WORDS & words)
    starts = {f.start for f in found}
    # Where a word of the lists stands (read only inside a finding) and where a word that
    # makes a neighbour a named thing stands ("essay", "tablets", an unmistakable eponym, a
    # species epithet; read within 30 characters before and 40 after): a finding over or
    # near none of them, in capitals and with no digit, is read no further.
    inside = sorted(
        [at for w in _INSIDE & words for at in places_of(low, w)]
        # words of services, bodies and grades count with their capital ("Falls Clinic")
        + [at for w in _INSIDE_CAPITAL & words for at in places_of(text, _capital(w))]
    )
    near = sorted(
        [at for w in _NEAR & words for at in places_of(low, w)]
        # a surname of the lists written with its capital, a species epithet in lower case
        + [at for w in _NEAR_NAMES & words for at in places_of(text, _capital(w))]
        + [
            at
            for w in words
            if len(w) > 5 and w.endswith(_EPITHET_ENDS)
            for at in places_of(low, w)
            if text[at].islower()
        ]
    )
    out = [
        f
        for f in found
        if not (
            f.kind in PROPER_KINDS
            and _candidate(text, f, inside, near)
            and _look_alike(text, f, things, starts)
        )
    ]
    return quiet_staff_dates(text, out)


def _candidate(text: str, f: Finding, inside: list[int], near: list[int]) -> bool:
    i = bisect_left(inside, f.start)
    if i < len(inside) and inside[i] < f.end:
        return True
    i = bisect_left(near, f.start - 30)
    if i < len(near) and near[i] <= f.end + 40:
        return True
    # a word in lower case; a gene, a grade or a dose
    return f.text.islower() or bool(
        _HAS_DIGIT.search(f.text) or _DOSE_AFTER.match(text, f.end, f.end + 24)
    )


def _capital(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


_HAS_DIGIT: Final = re.compile(r"\d")
_EPITHET_ENDS: Final = tuple(
    "ii ei ae ensis oides icum icus atum atus orum arum philus phila genes formis ianum ianus "
    "iana".split()
)


_RUN_ENDS: Final = frozenset(r.split()[-1] for r in EPONYM_RUNS)
# Words of the lists: a finding holding one is read further.
_INSIDE: Final = (
    _BRANDS
    | {p for p in BRAND_PARTS if len(p) > 3}
    | EPONYMS_MORE
    | PUBLIC_FIGURES
    | FIGURES_COMMON
    | CLIPPED
    | ANIMAL_GENERA
    | _PILGRIMAGES
    | CITED_INSTITUTIONS
    | GENES
    | TEXTBOOKS
    | MAKER_FORMS
    | {c.removeprefix("the ").split()[0] for c in COUNTRIES}
    | {m.split()[0] for m in MAKERS_MORE if len(m.split()[0]) > 3}
    | _RUN_ENDS
)
# Words that make a neighbour a named thing: a finding near one is read further.
_INSIDE_CAPITAL: Final = SERVICE_PARTS | BODY_WORDS | _GRADING
_NEAR: Final = (
    _THING_WORDS
    | CUE_WORDS
    | STRAIN_BEFORE
    | {w.split()[0] for w in LANGUAGE_BEFORE}
    | frozenset("revised modified updated simplified original".split())
)
_NEAR_NAMES: Final = _DISTINCT | _PIONEER_SURNAMES | _KNOWN_NAMED
