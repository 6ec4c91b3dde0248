"""Dates by a feast written the way its own people write it (round 22, lead_tune28).

- a capitalised name before "Day" ("Kadooment Day trauma", "on Settlement Day"), not a day of
  care ("Day 3", "Same Day Emergency Care", "Post-op Day");
- the eve or the day of a feast as one word of a Nordic, Dutch or German language
  ("midsommarafton", "julaften", "Sinterklaasavond", "Heiligabend");
- a Portuguese weekday of a feast ("quarta-feira de cinzas", "sexta-feira santa") and a
  Kreyol or French day ("Jounen Kwéyòl", "Fête des Mères");
- the spring new year of Iran and Central Asia in its spellings ("Nooruz", "Наурыз");
- a town's carnival after a word that places an event ("after Aalst Carnaval");
- a named week, night or eve heading a sentence ("Guelaguetza week:", "Diwali night:").

Each opens on a literal found in the text first (``in``), so a field without one costs a few
string searches.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import any_hint
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_DAY_BEFORE: Final = re.compile(r"((?:[A-Z][\w'\u2019-]+\s){1,3})$")
_NOT_FEAST: Final = frozenset(
    """same next last first second third fourth fifth each every per one two three the this
    that any post-op op full half whole long hard good bad busy quiet rest sick school work
    ward theatre clinic test study trial treatment cycle surgery operation admission
    discharge open sports field training study visit""".split()
)
_DAY_AFTER: Final = re.compile(
    r"\s?(?:\d|\+|[A-Z]|(?i:surgery|unit|case|cases|care|centre|center|ward|hospital|"
    r"patient|patients|procedure|procedures|shift|stay|theatre|clinic|list|programme)\b)"
)
_EVE: Final = re.compile(r"(?<![\w-])[\w]{3,20}(?:afton|aften|avond|abend)\b", re.IGNORECASE)
_NOT_EVE: Final = ("vanavond", "gisteravond", "morgenavond", "deze avond", "i aften", "guten abend")
_FEIRA: Final = re.compile(
    r"(?i:segunda|terça|terca|quarta|quinta|sexta)-feira\s(?:santa|da\s\w+|de\s\w+|do\s\w+)"
)
_JOUNEN: Final = re.compile(r"(?:Jounen|Fête|Fete)\s(?:(?:de|des|du|la|le)\s)?[A-Z][\w'\u2019-]+")
_NOWRUZ: Final = frozenset(
    """nowruz nowrouz norooz nowrooz navruz navroz nauryz nooruz novruz nevruz newroz
    наурыз навруз нооруз новруз нәүрүз""".split()
)
_PLACED_BEFORE: Final = re.compile(r"\b(?:on|since|before|after|until|till|during|over|at)\s$")
_CARNIVAL: Final = re.compile(
    r"\b(?i:after|during|at|since|before|for|from|till|until)\s"
    r"([A-Z][\w'\u2019-]+\s(?:Carnaval|Carnival|Karneval|Carnevale|Karnaval))\b"
)
_PERIOD_END: Final = re.compile(r"[wne](?<=\s[wne])(?:eekend|eek|ight|ve)\s?:")
# Every match ends on one: a colon (a literal, fast to find) after "(week)end", "week", "(ni)ght"
# or "eve", with a space between or none.
_PERIOD_END_HINTS: Final = (
    re.compile(r":(?<=(?:end|eek|ght|eve):)"),
    re.compile(r":(?<=(?:end|eek|ght|eve)\s:)"),
)
_PERIOD_HEAD: Final = re.compile(
    r"(?:^|[.!?]\s|\n)([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)\s$"
)


def _taken(found: list[Finding], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end and f.kind == "DATE" for f in found)


def _date(found: list[Finding], start: int, end: int, text: str) -> None:
    if not _taken(found, start, end):
        _add(found, start, end, "DATE", text)


def find_feasts_abroad(text: str, low: str, found: list[Finding]) -> None:
    if "Day" in text:
        for at in places_of(text, "Day"):
            m = _DAY_BEFORE.search(text, max(at - 60, 0), at)
            if not m or _DAY_AFTER.match(text, at + 3):
                continue
            words = m.group(1).split()
            while words and words[0].lower() in _NOT_FEAST:
                words = words[1:]
            if not words or words[-1].lower() in _NOT_FEAST or words[-1].isupper():
                continue
            start = at - len(" ".join(words)) - 1
            _date(found, start, at + 3, text)
    if any(eve in low for eve in ("afton", "aften", "avond", "abend")):
        for m in _EVE.finditer(text):
            if not any(m.group().lower().startswith(n) for n in _NOT_EVE):
                _date(found, m.start(), m.end(), text)
    if "-feira" in low:
        for m in _FEIRA.finditer(text):
            _date(found, m.start(), m.end(), text)
    if "Jounen" in text or "Fête" in text or "Fete" in text:
        for m in _JOUNEN.finditer(text):
            _date(found, m.start(), m.end(), text)
    for word in words_of(low) & _NOWRUZ:
        for at in places_of(low, word):
            if _PLACED_BEFORE.search(low, max(at - 12, 0), at):  # "on Nooruz", not a topic
                _date(found, at, at + len(word), text)
    if "carnaval" in low or "carnival" in low or "karneval" in low:
        for m in _CARNIVAL.finditer(text):
            _date(found, m.start(1), m.end(1), text)
    if any_hint(_PERIOD_END_HINTS, text):
        for m in _PERIOD_END.finditer(text):
            head = _PERIOD_HEAD.search(text, max(m.start() - 50, 0), m.start())
            if head and head.group(1).split()[0].lower() not in _NOT_FEAST:
                _date(found, head.start(1), m.end() - 1 - (text[m.end() - 2] == " "), text)
