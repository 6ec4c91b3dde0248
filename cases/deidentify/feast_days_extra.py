"""Feasts, name days and civic days the earlier lists lack (round 20: a data list of its own,
while the lead merges ``occasions``, ``festival_dates``, ``feast_days`` and
``feast_days_more`` into one module; these lines join it then).

The Nordic and Baltic midsummers and seamen's days, the Caribbean's Phagwah and arrival
days, the Mapuche and Andean new years, carnival days of central Europe, and lower-case
month abbreviations before a day after a word of time ("since oct 3", "from jan 12").

As in ``feast_days``, a feast is a date only where a word places an event on it ("on",
"at", "since", "during", "before", "after", "(").
"""

from __future__ import annotations

import re

from cases.deidentify.feast_days import _PLACED
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import normal, places_of, words_of
from cases.deidentify.word_trie import word_trie

_EXTRA = """
midsommarafton; midsommardagen; midsommar; midsummer eve; midsummer's eve; juhannus;
juhannusaatto; jaanipäev; jaanilaupäev; joninės; rasos; sankthansaften; sankt hans aften;
jonsok; jonsokaften; sjómannadagurinn; sjomannadagurinn; sjómannadagur; sjømannsdagen;
þjóðhátíð; thjodhatid; verslunarmannahelgi; sumardagurinn fyrsti; þorrablót; thorrablot;
bolludagur; sprengidagur; öskudagur; valborgsmässoafton; walpurgisnacht; walpurgis night;
tjugondag knut; luciadagen; lucia; syttende mai; grunnlovsdag; grundlovsdag; fastelavn;
mortensaften; pikkujoulu; itsenäisyyspäivä; vappuaatto; užgavėnės; uzgavenes; kūčios;
kucios; vėlinės; veline; kalėdos; velykos; jāņu vakars; līgo; ligo; mārtiņdiena;
andrzejki; tłusty czwartek; tlusty czwartek; śmigus-dyngus; lany poniedziałek;
wszystkich świętych; zaduszki; boże ciało; rosenmontag; fasching; karneval; weiberfastnacht;
sankt martin; martinstag; nikolaustag; pakjesavond; sinterklaas; koningsdag; luilak;
phagwah; holika dahan; indian arrival day; arrival day; mashramani; kadooment;
kadooment day; hosay; divali nagar; emancipation day; carnival monday; j'ouvert;
we tripantu; wetripantu; wiñoy tripantu; wiñoy xipantu; machaq mara; willkakuti;
qoyllur rit'i; anata; candelaria; fiesta de la candelaria; virgen de la candelaria;
día de san juan; noche de san juan; sanjuanito; fiesta de quasimodo; semana santa;
jueves santo; viernes santo; sábado de gloria; domingo de ramos
"""
_FEASTS = tuple(f for f in (" ".join(p.split()) for p in _EXTRA.split(";")) if f)
# Also a name or an ordinary word: a date only when written with a capital.
_CAPITAL_ONLY = frozenset(("lucia", "rasos", "ligo", "anata", "candelaria", "karneval"))
_PARTS = (
    r"(?:\s(?:long\s)?weekend|\s(?:night|eve|day|morning|evening|afternoon)"
    r"|\s(?:feast|gathering|holiday|celebrations?|festivities|festival|party))?"
)
_FEAST = re.compile(rf"{word_trie(_FEASTS)}(?![-'\u2019\w]){_PARTS}")
_FIRST_WORDS = frozenset(normal(feast).split()[0] for feast in _FEASTS)
_TOPIC_AFTER = re.compile(r"\s(?:is|are|was|were|season|traffic|burns?|injur(?:y|ies))\b")
# "since nov 1", "from oct 12": a month abbreviation in lower case ("may" is a verb).
_LOW_MONTH = re.compile(
    r"\b(?:since|from|on|until|till|by|before|after|wef)\s(?:jan|feb|mar|apr|jun|jul|aug|"
    r"sept?|oct|nov|dec)\.?\s(?:[1-9]|[12]\d|3[01])\b(?![:./]\d)"
)
_LOW_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def find_extra_feast_days(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for head in _FIRST_WORDS & words:
        for start in places_of(low, head):
            m = _FEAST.match(low, start)
            if not m or _TOPIC_AFTER.match(low, m.end()):
                continue
            feast = " ".join(low[start : m.end()].split()[: len(head.split())])
            if feast in _CAPITAL_ONLY and not text[start].isupper():
                continue
            if _PLACED.search(low, max(start - 24, 0), start):
                _add(found, start, m.end(), "DATE", text)
    if _LOW_MONTHS & words:
        for m in _LOW_MONTH.finditer(text):
            at = m.group(0).index(" ") + 1
            _add(found, m.start() + at, m.end(), "DATE", text)
