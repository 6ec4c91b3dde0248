"""Employers by a spell of work or a worker's word in the writer's language (round 24).

- a spell of years at a firm: "ex-miner, 18 years underground at Sibanye", "30 years at
  Ford", "12 yrs offshore with Equinor";
- a worker's word of Spanish, Portuguese, French or German before the firm: "Trabajador de
  Codelco", "obrera en Maquila Textil", "funcionário da Vale", "ouvrier chez Renault",
  "Mitarbeiter bei Siemens".

Kept quiet: "10 years at home", "50 years with MND" (an illness: "with" needs a word of
work), "3 years at Christmas", "20 years in Leeds" (a town, not a firm; found as a place
elsewhere), "trabajador en Madrid" (a town after "en"), "years at University" (an ordinary
word alone).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.cues import CALENDAR, UPPER
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import medical_word
from cases.deidentify.unknown_proper import CLINICAL_INITIALISMS
from cases.deidentify.word_set import places_of, words_of

_FIRM: Final = rf"[{UPPER}][\w&'\u2019-]{{1,20}}(?:\s[{UPPER}][\w&'\u2019-]{{1,20}}){{0,2}}"
_SPELL: Final = re.compile(
    r"(?:\d{1,2}|[a-z]{3,8})\s(?:years?|yrs?)\s(?:underground\s|offshore\s|down\sthe\s\w+\s|"
    r"on\sthe\s\w+\s|working\s|employed\s)?(?P<prep>at|with|for)\s(?P<firm>" + _FIRM + ")"
)
# "with" is a spell of work only after a word of work ("50 years with MND" is an illness).
_AT_WORK: Final = re.compile(r"\s(?:underground|offshore|working|employed|down|on)\s")
_WORKER: Final = re.compile(
    r"(?i:trabajador|trabajadora|empleado|empleada|obrero|obrera|operario|operaria|"
    r"trabalhador|trabalhadora|funcion[áa]rio|funcion[áa]ria|empregado|empregada|"
    r"oper[áa]rio|oper[áa]ria|ouvrier|ouvri[èe]re|employ[ée]e?|salari[ée]e?|"
    r"mitarbeiter|mitarbeiterin|angestellter|angestellte|arbeiter|arbeiterin)"
    r"\s(?P<prep>de\sla|del|de|da|do|en|na|no|chez|bei)\s(?P<firm>" + _FIRM + ")"
)
_WORKER_WORDS: Final = frozenset(
    """trabajador trabajadora empleado empleada obrero obrera operario operaria trabalhador
    trabalhadora funcionário funcionario funcionária funcionaria empregado empregada operário
    operária ouvrier ouvrière ouvriere employé employée employe salarié salariée mitarbeiter
    mitarbeiterin angestellter angestellte arbeiter arbeiterin""".split()
)


def _firm_words(firm: str, lex, town_ok: bool) -> bool:
    words = firm.lower().split()
    if len(words) == 1 and (words[0] in lex.common_words or words[0] in CALENDAR):
        return False
    if not town_ok and firm.lower() in lex.towns:
        return False
    return not any(medical_word(w) for w in words) and firm.lower() not in lex.large_places


def find_employers_worked(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()
    for unit in ("years", "year", "yrs", "yr"):
        if unit not in words:
            continue
        for at in places_of(low, unit):
            m = _SPELL.search(text, max(at - 9, 0), at + 60)
            if (
                m
                and m.start() < at
                and (m.group("prep") != "with" or _AT_WORK.search(m.group(0)))
                and m.group("firm").split()[0] not in CLINICAL_INITIALISMS
                and _firm_words(m.group("firm"), lex, town_ok=False)
            ):
                _add(found, m.start("firm"), m.end("firm"), "EMPLOYER", text)
    for word in _WORKER_WORDS & words:
        for at in places_of(low, word):
            m = _WORKER.match(text, at)
            if not m:
                continue
            town_ok = m.group("prep") not in ("en", "na", "no", "bei")
            if _firm_words(m.group("firm"), lex, town_ok=town_ok):
                _add(found, m.start("firm"), m.end("firm"), "EMPLOYER", text)
