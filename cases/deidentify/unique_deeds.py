"""A description only one person fits: a deed everyone knows, a place in a national team
(round 21).

Writers say who their patient is by what they once did that everyone around knows of, as an
appositive after the name and age or as a predicate ("is the", "he's the"):
- "the <person> who <past deed> ...": "the carver who made the new meeting house", "the
  fiddler who played at the governor's wedding", "the man who survived the ferry fire",
  "the vet who vaccinated every dog in the valley"; the deed is a verb in the past that is no
  verb of illness or care ("presented", "developed", "collapsed", "was", "had"), and what
  follows it touches a place, an event or a public all share (a town, a festival, a crash,
  "every", "half the", a capitalised name);
- "the <role> of/for our national <...> team": "the captain of the national netball team",
  "the keeper for our county hurling side", "the cellist of the state orchestra".

Kept quiet: "the patient who presented with chest pain", "the one who had the stroke", "the
man who collapsed at the gym", "the nurse who is on nights" (a verb of illness or care, a
present tense), "the doctor of the national team" said of no one ("the" after no name or "is").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_W: Final = r"[\w\u00c0-\u024f\u0100-\u017f'\u2019-]"
_WHO_DID: Final = re.compile(
    rf"the\s(?P<who>(?:{_W}{{2,20}}\s){{0,2}}{_W}{{2,20}})\swho\s(?P<verb>[a-z]{{3,15}})\s"
    r"[^.;:()!?,\n]{3,90}"
)
_TEAM: Final = re.compile(
    rf"the\s(?:{_W}{{2,20}}\s){{0,2}}(?:of|for|in|on)\s(?:our|the|their|his|her)\s"
    rf"(?:national|state|olympic|paralympic|county|provincial|regional|under-\d\d)\s"
    rf"(?:{_W}{{2,20}}\s){{0,3}}(?:team|squad|side|orchestra|choir|band|eleven|xv|crew)\b"
)
_TEAM_WORDS: Final = frozenset(
    "national state olympic paralympic county provincial regional".split()
)
# Irregular pasts of deeds; regular ones end in "-ed".
_PAST: Final = frozenset(
    """won built sang led wrote ran drove flew swam rode fought taught founded made rebuilt
    sewed sewn dug caught held set broke beat shot threw struck spoke stood""".split()
)
# Verbs of illness, care and the visit: the clinical story, not a deed.
_CLINICAL: Final = frozenset(
    """presented developed collapsed complained attended needed received required reported
    deteriorated bled vomited seized fainted overdosed ingested tested underwent started
    stopped refused declined discharged missed failed returned called rang asked wanted
    tried used injured hurt cut broke fractured sustained suffered referred admitted
    transferred arrested died passed delivered booked noticed presented visited came went
    had was were got became fell took told said reviewed examined treated scanned
    coded crashed desaturated spiked""".split()
)
# A deed is known to all when it touches a place, an event or a public everyone shares.
_PUBLIC: Final = re.compile(
    r"\b(?:town|city|village|valley|island|community|parish|marae|pā|church|mosque|temple|school|"
    r"meeting\shouse|hall|chapel|shrine|market|harbou?r|stadium|club|league|"
    r"festival|funeral|wedding|parade|final|cup|championship|olympics|games|election|"
    r"accident|crash|fire|flood|earthquake|cyclone|hurricane|tsunami|bombing|attack|shooting|"
    r"rescue|mountain|river|lake|bridge|news|radio|television|tv|newspaper|film|concert|stage|"
    r"record|everyone|everybody|every|half|whole|national|state|famous|local)\b"
    r"|(?<=\s)[A-Z][a-z]"
)
_NOT_WHO: Final = frozenset(
    "patient patients pt one ones case cases baby child person guy lady".split()
)
_OPENER: Final = re.compile(r"(?:\b(?:is|was)|['\u2019]s|,)\s$")
_CLAUSE_END: Final = re.compile(r",|\s(?:and|but|so|which|who\sis|who\shas)\s")
_AGE_AFTER_NAME: Final = re.compile(r",\s\d{1,3}\s?[MFmf]?,\s$")


def _opened(text: str, at: int, ends: set[int]) -> bool:
    """ "is the", "he's the", or ", the" after a name (and an age)."""
    head = text[max(at - 12, 0) : at]
    if not _OPENER.search(head):
        return False
    if not head.endswith(", "):
        return True
    if at - 2 in ends:
        return True
    m = _AGE_AFTER_NAME.search(text, max(at - 12, 0), at)
    return m is not None and m.start() in ends


def find_unique_deeds(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    if "the" not in words or not ({"who", "team", "squad", "side", "orchestra"} & words):
        return
    ends = {f.end for f in found if f.kind in ("NAME", "AGE_OVER_89")}
    cues = [("who", _WHO_DID)] if "who" in words else []
    cues += [(word, _TEAM) for word in _TEAM_WORDS & words]
    for cue, pattern in cues:
        for at in places_of(low, cue):
            # each "the" up to 60 characters before the cue opens a candidate
            the = low.find("the ", max(at - 60, 0), at)
            while the >= 0:
                m = pattern.match(low, the) if _opened(text, the, ends) else None
                if m and pattern is _TEAM and m.start() < at < m.end():
                    _add(found, m.start(), m.end(), "UNIQUE", text)
                    break
                if m and pattern is _WHO_DID and m.start("verb") - 4 == at and _deed(text, m):
                    stop = _CLAUSE_END.search(text, m.end("verb"), m.end())
                    _add(found, m.start(), stop.start() if stop else m.end(), "UNIQUE", text)
                    break
                the = low.find("the ", the + 4, at)


def _deed(text: str, m: re.Match) -> bool:
    verb = m.group("verb")
    who = m.group("who").split()[-1]
    if who in _NOT_WHO or verb in _CLINICAL:
        return False
    if not (verb in _PAST or (verb.endswith("ed") and len(verb) > 4)):
        return False
    return bool(_PUBLIC.search(text, m.end("verb"), m.end()))
