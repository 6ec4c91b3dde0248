"""Employers named after a job, a working verb or a gig platform's job (round 18).

"a deckhand with CalMac", "works FIFO at the mine for Fortescue", "flies for Calm Air", "an
interpreter for the US Army", "a roof bolter for 34 years with Alpha Natural Resources",
"building for QDVC", "He runs Baker and Sons Joinery", "manages the Co-op", "is at Shell in
Bonny", "Pracował w PKP", "Grab rider": the employer is one to four capitalised words,
initials or a brand, often ordinary words ("Calm Air", "Co-op") that the name passes leave
alone. It counts after a job or a working verb and "with", "for", "at" or "by" (a few words
between), after "runs", "owns", "manages", after a working verb of another language, and
before a gig platform's job ("rider", "driver", "courier").

Look-alikes kept quiet: a disease after "with" ("a driver with Parkinson's", "a nurse with
Crohn disease"), a month, a weekday or a feast ("works for Christmas"), a clinician ("works
with Dr Ali" is a name already), initials of a ward or service ("a nurse at ICU").

The job words are looked up in the set of the text's words (``word_set``) and the frame is
matched only where one of them stands.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.famous_look_alikes import GENERA, PRODUCTS
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.medical_words import COMMON_EPONYMS, EPONYMS, PLACE_DISEASES, medical_word
from cases.deidentify.thing_shapes import HYPHEN_ADJECTIVE
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS
from cases.deidentify.word_set import places_of, words_of

_JOBS: Final = frozenset(
    """
    work works worked working employed flies flew flying drives drove driving rides riding
    build builds building built guides guiding served serving enlisted volunteers volunteered
    delivers delivering hauls hauling contracted
    interpreter translator deckhand driver rider pilot engineer cleaner guard miner labourer
    laborer welder fitter electrician mechanic chef cook porter cashier clerk teller manager
    technician operator bolter stockman roustabout rigger contractor courier packer soldier
    sailor agent accountant lawyer teacher lecturer intern apprentice dispatcher steward
    stewardess attendant deckie fisherman firefighter ranger warden caretaker janitor
    machinist trucker storeman forklift crewman linesman lineman surveyor driller foreman
    supervisor analyst developer programmer consultant salesman saleswoman receptionist
    coach trainer groundsman kitman scout
    """.split()
)
# A person's own job or post: "his job on the line at ...", "her post with ...".
_OWN_JOB: Final = re.compile(r"\b(?:his|her|their|my)\s(?:old\s|new\s|last\s)?$")
_OWNS: Final = frozenset(("runs", "owns", "manages", "ran", "owned", "managed"))
# Working verbs of other languages before "w", "en", "bei", "chez", "bij", "na", "no".
_ABROAD: Final = frozenset(
    """pracował pracowała pracuje trabaja trabajaba trabajó trabalha trabalhava arbeitet
    arbeitete travaille travaillait werkt werkte lavora lavorava""".split()
)
_GIG: Final = frozenset(
    """grab gojek uber bolt lyft ola rapido deliveroo doordash glovo rappi ifood swiggy zomato
    careem didi jumia safeboda yango foodpanda wolt instacart menulog ubereats""".split()
)
_CAP: Final = r"(?:[A-Z][\w&'\u2019]*(?:-[A-Za-z][\w]*)?)"
_EMPLOYER: Final = rf"(?P<emp>{_CAP}(?:\s(?:and\s|&\s|of\s|de\s|do\s)?{_CAP}){{0,3}})"
# After the job, within the clause: "with", "for", "at" or "by" (or "in" after "served").
PREP_EMPLOYER: Final = re.compile(rf"\s(?P<prep>with|for|at|by|in)\s(?:the\s)?{_EMPLOYER}(?![\w-])")
_BY: Final = frozenset(("employed", "contracted"))
_SERVED: Final = frozenset(("served", "serving", "enlisted"))
_CLAUSE_END: Final = re.compile(r"[.;:!?\n(,]\s")
OWN_FRAME: Final = re.compile(rf"\w+\s(?:the\s)?{_EMPLOYER}(?![\w-])")
ABROAD_FRAME: Final = re.compile(
    rf"\w+\s(?:(?:w|en|bei|chez|bij|na|no|em|in|per|dla|u)\s)(?:la\s|el\s|der\s|die\s)?"
    rf"{_EMPLOYER}(?![\w-])"
)
GIG_FRAME: Final = re.compile(r"\w+(?=\s(?:rider|driver|courier|partner|delivery)\b)")
# What ends the employer early: a disease's word or a date's.
_NOT_EMPLOYER: Final = frozenset(
    """
    the a an his her their my our this that christmas easter ramadan monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december dr mr mrs ms prof doctor nurse hospital ward unit
    covid parkinson's parkinson crohn's crohn alzheimer's down's hodgkin hiv aids tb diabetes
    """.split()
)
_DISEASE_AFTER: Final = re.compile(
    r"['\u2019]?s?\s(?:disease|syndrome|lymphoma|palsy|sarcoma|ulcer|phenomenon|sign)\b"
)


def _employer(text: str, m: re.Match) -> tuple[int, int] | None:
    start, end = m.span("emp")
    emp = m.group("emp")
    first = emp.split()[0].lower()
    if first in _NOT_EMPLOYER or emp.split("&")[0] in CLINICAL_INITIALISMS:
        return None
    bare = first.rstrip("'s").rstrip("'\u2019")
    if " " not in emp and (bare in EPONYMS or bare in COMMON_EPONYMS or bare in PLACE_DISEASES):
        return None  # "a driver with Parkinson's"; "Baker and Sons Joinery" is a firm
    if _DISEASE_AFTER.match(text, end) or bare in GENERA or bare in PRODUCTS or medical_word(bare):
        return None
    return start, end


def _after_job(text: str, at: int, cue: str) -> tuple[int, int] | None:
    """The first employer after the job at ``at``, within 80 characters of its clause."""
    stop = _CLAUSE_END.search(text, at, at + 80)
    end = stop.start() if stop else min(at + 80, len(text))
    for m in PREP_EMPLOYER.finditer(text, at + len(cue), end + 40):
        if m.start() > end:
            break
        if (m.group("prep") == "in" and cue not in _SERVED) or (
            m.group("prep") == "by" and cue not in _BY
        ):
            continue
        if span := _employer(text, m):
            return span
    return None


def find_employers_of_jobs(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for cue in _JOBS & words:
        for at in places_of(low, cue):
            span = _after_job(text, at, cue)
            if span and not HYPHEN_ADJECTIVE.search(text, span[0], span[1]):
                _add(found, span[0], span[1], "EMPLOYER", text)  # not "the Mam-speaking"
    for cue in ("job", "post") if "job" in words or "post" in words else ():
        for at in places_of(low, cue):  # round 23: "lost his job on the line at Vauxhall"
            if _OWN_JOB.search(low, max(at - 8, 0), at) and (span := _after_job(text, at, cue)):
                _add(found, span[0], span[1], "EMPLOYER", text)
    for frame, cues in ((OWN_FRAME, _OWNS), (ABROAD_FRAME, _ABROAD)):
        for cue in cues & words:
            for at in places_of(low, cue):
                m = frame.match(text, at)
                if m and (span := _employer(text, m)):
                    _add(found, span[0], span[1], "EMPLOYER", text)
    for gig in _GIG & words:
        for at in places_of(low, gig):
            m = GIG_FRAME.match(text, at)
            if m and text[at].isupper():
                _add(found, at, m.end(), "EMPLOYER", text)
