"""Descriptions only one person fits: a part in a widely reported event, or a rare honour
(round 15).

The papers name the survivors of a named fire, the boys rescued from a named cave, the
mother of quintuplets and the twins separated in a named hospital; a Victoria Cross or a
national "of the Year" title has one holder a year. With the illness in a case post, any of
these names the patient to everyone who read the news.

Look-alikes kept quiet: a survivor of an unnamed kind of event ("a survivor of a house
fire"), a cancer survivor, "twins" alone, an honour named without its holder ("a Booker
Prize novel", "Car of the Year").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.patterns import CAP_WORD

_EVENTS: Final = (
    r"fire|shooting|shootings|bombing|bombings|attack|attacks|crash|collapse|earthquake|flood|"
    r"floods|siege|massacre|disaster|derailment|explosion|stampede|tsunami|cyclone|hurricane|"
    r"sinking|hijacking|kidnapping|rescue|eruption|landslide|mudslide|bushfires?|wildfires?"
)
# "a survivor of the Grenfell fire", "one of the victims of the 2017 Manchester bombing"
SURVIVOR: Final = re.compile(
    r"\b(?i:survivors?|victims?|hostages?)\sof\sthe\s(?:(?:19|20)\d{2}\s)?"
    rf"(?:{CAP_WORD}\s){{1,3}}(?:[a-z]{{3,12}}\s)?(?i:{_EVENTS})\b"
)
# "rescued from the Tham Luang cave", "pulled from the Totalán well"
RESCUED: Final = re.compile(
    rf"\b(?i:rescued|pulled|freed|airlifted)\sfrom\sthe\s(?:{CAP_WORD}\s){{1,3}}"
    r"(?i:cave|mine|well|shaft|rubble|wreck|ship|ferry|submarine|reef|glacier|ravine)\b"
)
# "the mother of the quintuplets born here", "the conjoined twin separated at GOSH"
MULTIPLES: Final = re.compile(
    r"\b(?i:conjoined\stwins?|quadruplets|quintuplets|sextuplets|septuplets|octuplets)"
    r"[^.;\n]{0,60}"
)
_HONOURS: Final = (
    r"(?:Victoria|George|Military|Conspicuous\sGallantry)\sCross|Medal\sof\sHono(?:u)?r|"
    r"Nobel\s(?:Prize|Peace\sPrize)|Booker\sPrize|Pulitzer\sPrize"
)
# "a Victoria Cross recipient", "won the 2021 Booker Prize", "the 2022 Young Australian of
# the Year": an honour with its holder, not the honour named alone ("a Booker Prize novel").
HONOUR: Final = re.compile(
    rf"\b(?:{_HONOURS})\s(?i:recipient|holder|winner|laureate)\b"
    rf"|\b(?i:won|winner\sof|awarded|recipient\sof|holder\sof)\s(?:the\s|a\s)?"
    rf"(?:(?:19|20)\d{{2}}\s)?(?:{_HONOURS})"
    r"|\b(?i:is|was|named|crowned|voted|became|former|current|reigning)\s(?:the\s|a\s)?"
    r"(?:(?:19|20)\d{2}\s)?(?:[A-Z][\w'-]{1,15}\s){1,3}of\sthe\sYear\b"
)
_SURVIVOR_HINTS: Final = ("survivor", "victim", "hostage")
_RESCUED_HINTS: Final = ("rescued", "pulled from", "freed from", "airlifted")
_MULTIPLE_HINTS: Final = ("conjoined", "uplets")
_HONOUR_HINTS: Final = ("Cross", "Medal", "Prize", "of the Year")


def _around(hints, low_or_text: str):
    """The places where one of the hints stands, for a bounded search around each."""
    for hint in hints:
        at = low_or_text.find(hint)
        while at >= 0:
            yield at, hint
            at = low_or_text.find(hint, at + len(hint))


def find_unique_events(text: str, low: str, found: list[Finding]) -> None:
    for pattern, hints, hay, back, ahead in (
        (SURVIVOR, _SURVIVOR_HINTS, low, 0, 90),
        (RESCUED, _RESCUED_HINTS, low, 0, 80),
        (MULTIPLES, _MULTIPLE_HINTS, low, 12, 80),
        (HONOUR, _HONOUR_HINTS, text, 80, 30),
    ):
        for at, hint in _around(hints, hay):
            m = pattern.search(text, max(at - back, 0), at + len(hint) + ahead)
            if m:
                _add(found, m.start(), m.end(), "UNIQUE", text)
