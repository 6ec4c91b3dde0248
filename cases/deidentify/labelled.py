"""Labelled identifiers ("MRN: 4417723", "NHS no. AB 123456") found with the labels grouped
by their first letter (issue #18, the scanner's speed budget).

``patterns.LABELLED`` is one alternation of about 380 label spellings, and the regex engine
tried them one by one at every word of a field. Here each label is spelled out in the order
the engine tries its alternatives (a label's language is finite: no unbounded repeats), and
the spellings are grouped under their first letter, so a word is compared with the letters
first and then only with the labels that open on its own. Spellings with different first
letters never match at the same place, and those with one first letter keep their order, so
the scan finds what ``LABELLED`` finds; which kind of label it was is then asked of each
kind's own pattern in ``LABELLED_IDS`` order (the first that matches is the alternative the
engine took). ``tests/cases/test_deidentify_keyword_scans.py`` checks both.
"""

from __future__ import annotations

import re

# The parsed form of a pattern: private modules, stable since 3.11, which mypy has no stubs for.
import re._constants as _c  # type: ignore[import-not-found, unused-ignore]
import re._parser as _p  # type: ignore[import-not-found, unused-ignore]
from collections.abc import Iterator
from typing import Final

from cases.deidentify.patterns import LABEL_START, LABEL_VALUE, LABELLED_IDS


def _spellings(items) -> list[str]:
    """Every string a parsed pattern matches, as regex source, in the order a backtracking
    engine tries them (greedy repeats longest first). Only what labels use is handled."""
    out = [""]
    for op, av in items:
        if op is _c.LITERAL:
            alts = [re.escape(chr(av))]
        elif op is _c.IN:
            chars = []
            for kind, value in av:
                if kind is _c.LITERAL:
                    chars.append(re.escape(chr(value)))
                elif kind is _c.CATEGORY and value is _c.CATEGORY_SPACE:
                    chars.append(r"\s")
                else:
                    raise ValueError(f"a label uses {kind} {value}")
            alts = ["[" + "".join(chars) + "]" if len(chars) > 1 else chars[0]]
        elif op is _c.SUBPATTERN:
            alts = _spellings(av[3])
        elif op is _c.BRANCH:
            alts = [s for branch in av[1] for s in _spellings(branch)]
        elif op is _c.MAX_REPEAT:
            low, high, sub = av
            one = _spellings(sub)
            alts = []
            for n in range(high, low - 1, -1):
                spelt = [""]
                for _ in range(n):
                    spelt = [a + b for a in spelt for b in one]
                alts += spelt
        else:
            raise ValueError(f"a label uses {op}")
        out = [a + b for a in out for b in alts]
    return out


def _by_first_letter(labels: list[str]) -> str:
    groups: dict[str, list[str]] = {}
    for label in labels:
        for spelling in _spellings(_p.parse(label.lower())):
            if not spelling[:1].isalpha():
                raise ValueError(f"a label opens on {spelling[:1]!r}, not a letter")
            groups.setdefault(spelling[0], []).append(spelling[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


LABELLED_FAST: Final = re.compile(
    LABEL_START
    + "(?:"
    + _by_first_letter([label for _kind, label in LABELLED_IDS])
    + ")"
    + LABEL_VALUE
)
_KIND_PATTERNS: Final = [
    (kind, re.compile(LABEL_START + f"(?:{label.lower()})" + LABEL_VALUE))
    for kind, label in LABELLED_IDS
]


def labelled(low: str) -> Iterator[tuple[str, re.Match]]:
    """(kind, match) for each match of ``patterns.LABELLED`` in the lower-cased text."""
    for m in LABELLED_FAST.finditer(low):
        yield next(kind for kind, pattern in _KIND_PATTERNS if pattern.match(low, m.start())), m
