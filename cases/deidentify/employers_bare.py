"""Employers written the way people say where they work, which the capitalised-run rules of
names.py cannot read: by initials ("linesman with ESB", "brakeman for CN", "a guard at
G4S"), in lower case ("a packer at fonterra", "rides for deliveroo", "refuse collector for
leeds city council"), after a job phrase longer than the four words names.py reads ("drives a
road train for Toll"), or in brackets after the kind of workplace ("works at a tannery (Shah
Tanners)").

Each needs a job noun or a verb of working in the clause before it (``EMPLOYER_WORDS``,
``JOB_VERBS`` in cues.py), and the initials must not be a clinical acronym ("a nurse at ICU",
"works with MDT").

Each pass opens on a literal found by ``str.find`` and reads a bounded window before it, so
the cost stays linear in the text's length.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.beside import _ordinary
from cases.deidentify.cues import EMPLOYER_WORDS, JOB_VERBS, section_word
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.institutions_bare import _clinical, _positions
from cases.deidentify.lexicon import lexicon
from cases.deidentify.patterns import CAP_WORD
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS

# Initials, with digits or an ampersand inside ("G4S", "AT&T"), or an initialism that goes
# on in small letters ("SANParks"); then up to two capitalised words ("GFG Alliance").
_ORG_INITIALS: Final = re.compile(
    rf"(?P<org>[A-Z](?:[A-Z0-9&]{{1,7}}|[A-Z]{{2,5}}[a-z]{{2,8}})(?![\w&-])"
    rf"(?:\s{CAP_WORD}){{0,2}})(?![\w'\u2019-])"
)
_ORG_CAPS: Final = re.compile(
    rf"(?P<org>{CAP_WORD}(?:\s(?:{CAP_WORD}|&))?(?:\s{CAP_WORD})?)(?![\w'-])"
)
# One to three lower-case words, ending before a word that starts the rest of the clause.
_ORG_LOWER: Final = re.compile(
    r"(?P<org>[a-z][a-z'&]{2,20}(?:\s(?!(?:in|at|as|on|for|and|since|from|out|near|with|"
    r"until|when|where|who|but|so|then|for|doing|driving|after|before|of|the|a|an)\b)"
    r"[a-z][a-z'&]{2,20}){0,2})(?=[\s,.;:)!?]|$)"
)
_BODY_ENDS: Final = ("council", "shire", "county council", "city council", "district council")
# Lower-case words after "at" that say when or where, not who: "works at night", "at home".
_NOT_ORG: Final = frozenset(
    """
    night nights home work school uni university college hospital weekends weekend times
    present least last first all once the a an his her their our my this that local same
    years months weeks days decades ages himself herself themselves myself family cash free
    money food rent now least nothing
    """.split()
)
# The kind of workplace before a name in brackets: "a tannery (Shah Tanners)".
WORKPLACE_BRACKET: Final = re.compile(
    r"\b(?:tannery|factory|plant|mine|mill|warehouse|shop|garage|bakery|firm|company|depot|"
    r"yard|store|supermarket|abattoir|meatworks|quarry|restaurant|hotel|cafe|café|salon|"
    r"workshop|packhouse|cannery|sawmill|brewery|distillery|dairy|call centre|call center)"
    rf"\s\((?P<org>{CAP_WORD}(?:\s(?:{CAP_WORD}|&)){{0,3}})\)"
)
_CLAUSE_END: Final = re.compile(r"[.;!?\n:,]")
# Only a few words take an employer after "with": "linesman with ESB", "works with Oxfam";
# after the rest it is a condition ("a farmer with SLE").
_WITH_WORDS: Final = frozenset(
    "works worked working employed apprentice apprenticed volunteers volunteering linesman "
    "lineman miner ex-miner contract contracted".split()
)


def _worded(text: str, at: int, reach: int = 4, verbs: bool = True) -> bool:
    """A job noun or a verb of working in the ``reach`` words before ``at``, in its clause
    (a comma ends it: "a nurse, treated for HTN" names no employer)."""
    window = text[max(at - 60, 0) : at]
    cut = max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
    words = [w.strip(",()'\"").lower() for w in window[cut:].split()][-reach:]
    verb_words = JOB_VERBS if verbs else frozenset()
    return any(w in EMPLOYER_WORDS or w in verb_words or w in _MORE_JOBS for w in words)


# Jobs and working words that the cue lists of names.py do not hold.
_MORE_JOBS: Final = frozenset(
    """
    linesman lineman linesmen brakeman conductor ranger librarian weigher cutter collector
    teller shunter signaller signalman deckhand docker stevedore groundsman gardener
    caretaker janitor cleaner rider riders rides rode riding deliveries delivery dispatcher
    ex-miner ex-soldier drover stockman jackaroo jillaroo milker picker sorter ganger
    """.split()
)


def find_bare_employers(text: str, low: str, found: list[Finding]) -> None:
    """Add employers by initials, in lower case, far after a job word, or in brackets."""
    lex = lexicon()
    for needle in (" at ", " for ", " with "):
        for at in _positions(low, (needle,)):
            start = at + len(needle)
            article = text.startswith("the ", start)
            start += 4 if article else 0
            if start >= len(text):
                continue
            # The words after the cue first (a quick test), the job words before it last.
            span = _org_after(text, start, needle, article, lex)
            # Right before "at" a job noun ("weigher at"), not a verb ("delivered at Term").
            if not span or not _worded(text, at + 1, reach=span[2], verbs=span[2] > 1):
                continue
            if needle == " with " and low[max(at - 16, 0) : at].split()[-1:] not in [
                [w] for w in _WITH_WORDS
            ]:
                continue
            if text[span[0] : span[1]] in CLINICAL_INITIALISMS:
                continue  # "pivot shift for PCL": a ligament, a test, a vehicle's class
            _add(found, span[0], span[1], "EMPLOYER", text)
    for at in _positions(text, (" (",)):
        m = WORKPLACE_BRACKET.search(text, max(at - 16, 0), at + 60)
        if m and m.start("org") == at + 2 and _worded(text, m.start(), reach=6):
            _add(found, m.start("org"), m.end("org"), "EMPLOYER", text)


def _caps_org(org: str, lex) -> bool:
    """Capitalised words that may be a firm: not a department, a state, a time or a run of
    ordinary words ("Dr Smith", "The Lancet"); one ordinary word only after a job verb."""
    words = org.split()
    if any(section_word(w) for w in words) or org.lower() in lex.large_places:
        return False
    if len(words) > 1:
        return not _ordinary(words[0])
    return not _lone_common(org)


def _lone_common(org: str) -> bool:
    """One capitalised ordinary word that a sentence or a title might hold: "for Christmas"
    is a time; "for Toll" (a firm that is also a word) is kept for a job verb before it."""
    low = org.lower()
    return " " not in org and (low in _NOT_ORG or low in _TIMES or section_word(org))


_TIMES: Final = frozenset(
    """
    christmas easter ramadan diwali eid monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december years months weeks days hours life
    """.split()
)


def _org_after(text: str, start: int, needle: str, article: bool, lex):
    """(start, end, reach) of what may be an employer after the cue word, or None; ``reach``
    is how many words before the cue may hold the job word."""
    first = text[start]
    if first.isupper():
        m = _ORG_INITIALS.match(text, start)
        if m and not _clinical(m.group("org").split()[0]):
            return m.start(), m.end(), 4
        if needle == " with ":
            return None
        # After "for" a job phrase of four words; after "at" a job noun right before it
        # ("cane weigher at Mumias Sugar"), since "at" also opens a place or a time.
        m = _ORG_CAPS.match(text, start)
        if m and _caps_org(m.group(0), lex):
            return m.start(), m.end(), 4 if needle == " for " else 1
        return None
    if first.islower() and not article:  # "works at the steelworks": a noun
        return _lower_org(text, start)
    return None


def _lower_org(text: str, start: int):
    """A lower-case employer: a word no dictionary holds ("fonterra", "deliveroo"), a town's
    council ("leeds city council"), or a shop's word before "in" and a town ("tesco in
    Hinckley")."""
    m = _ORG_LOWER.match(text, start)
    if not m:
        return None
    lex = lexicon()
    words = m.group("org").split()
    org = m.group("org")
    if words[0] in _NOT_ORG:
        return None
    if org.endswith(_BODY_ENDS) and (words[0] in lex.towns or len(words) > 1):
        return m.start(), m.end(), 4  # "leeds city council"
    first = words[0]
    unknown = first not in lex.common_words and first not in lex.first_names
    if unknown and first not in lex.towns and not section_word(first):
        return m.start(), m.start() + len(first), 4  # "fonterra"
    if len(words) == 1 and re.match(r"\sin\s[A-Z]", text[m.end() : m.end() + 5]):
        return m.start(), m.end(), 4  # "nights at tesco in Hinckley"
    return None
