"""Descriptions only one person fits: a local office and a widely reported win (round 15).

"The chief of police of the county" or "the coroner for the district" is one person, known
to everyone there; so is the winner of a named lottery draw, which the papers report with a
photograph. ``patterns.UNIQUE`` and ``FAMOUS_ROLE`` find "the only ...", "the mayor of X",
"the captain of X"; this pass adds the local offices they lack, before "of" or "for" and a
place word or a capitalised place, and lottery wins.

Look-alikes kept quiet: an office with no place after it ("the mayor is coming", "a sheriff's
deputy"), a lottery with no win ("the postcode lottery of care").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.patterns import CAP_WORD

_OFFICES: Final = (
    r"chief\sof\spolice|police\schief|chief\sconstable|fire\schief|chief\sfire\sofficer|"
    r"sheriff|coroner|bishop|archbishop|imam|rabbi|vicar|rector|parish\spriest|"
    r"harbou?r\s?master|post\s?master|post\s?mistress|station\s?master|magistrate|"
    r"chieftain|paramount\schief|village\schief|village\shead|headman|mayoress|provost|"
    r"lord\smayor|deputy\smayor|council\sleader|leader\sof\sthe\scouncil|district\scommissioner|"
    r"district\sattorney|police\scommissioner|town\sclerk|laird|"
    r"head\sof\sthe\scouncil|county\sexecutive|school\sprincipal"
)
_SMALL_PLACES: Final = (
    r"county|town|village|parish|district|island|valley|borough|shire|city|diocese|region|"
    r"township|municipality|tribe|clan|community|reservation|reserve|congregation|mosque|"
    r"synagogue|church|cathedral|temple|gurdwara|marae"
)
# The office, matched in the lower-cased text; the place after it in the text itself.
OFFICE: Final = re.compile(
    rf"(?:the|our|their|its)\s(?:(?:local|former|current|new|acting)\s)?(?:(?:chief|head|senior)\s)?"
    rf"(?:{_OFFICES})\s(?:of|for)\s"
)
PLACE_AFTER_OFFICE: Final = re.compile(
    rf"(?:(?i:the)\s(?i:{_SMALL_PLACES})\b|(?:the\s)?{CAP_WORD}(?:\s{CAP_WORD}){{0,2}})"
)
# "won the 2018 national lottery jackpot", "the EuroMillions winner from Fife"
LOTTERY_WIN: Final = re.compile(
    r"\b(?i:won|wins|winning|winner\sof|scooped)\s(?:(?i:the|a|an|last\syear's)\s)?"
    r"(?:[\w'-]{1,15}\s){0,4}?(?i:lottery|lotto|jackpot|powerball|euromillions|mega\smillions|"
    r"sweepstakes?)(?:\s(?i:jackpot|draw|prize))?"
    r"|\b(?i:lottery|lotto|jackpot|euromillions|powerball)\s(?i:winner|millionaire)\b"
)
_OFFICE_HINTS: Final = ("chief", "sheriff", "coroner", "bishop", "imam", "rabbi", "vicar", "rector",
                 "priest", "master", "mistress", "magistrate", "headman",
                 "mayor", "provost", "council", "commissioner", "attorney", "clerk", "laird",
                 "executive", "principal")  # fmt: skip
_LOTTERY_HINTS: Final = (
    "lott",
    "jackpot",
    "powerball",
    "euromillions",
    "mega millions",
    "sweepstake",
)


def find_unique_roles(low: str, text: str, found: list[Finding]) -> None:
    if " of " in low or " for " in low:
        seen: set[int] = set()
        for hint in _OFFICE_HINTS:
            at = low.find(hint)
            while at >= 0:
                # The office's words run at most 40 characters either side of the hint; an
                # "of" or "for" must follow it before the regex is run.
                end = at + len(hint) + 24
                tail = low.find(" of ", at, end) >= 0 or low.find(" for ", at, end) >= 0
                m = OFFICE.search(low, max(at - 40, 0), end) if tail else None
                at = low.find(hint, at + len(hint))
                if not m or m.start() in seen:
                    continue
                seen.add(m.start())
                place = PLACE_AFTER_OFFICE.match(text, m.end())
                if place:
                    _add(found, m.start(), place.end(), "UNIQUE", text)
    for hint in _LOTTERY_HINTS:
        at = low.find(hint)
        while at >= 0:
            # The win is told within 60 characters before the word of the draw.
            m = LOTTERY_WIN.search(text, max(at - 60, 0), at + len(hint) + 20)
            if m and m.end() > at:
                _add(found, m.start(), m.end(), "UNIQUE", text)
            at = low.find(hint, at + len(hint))
