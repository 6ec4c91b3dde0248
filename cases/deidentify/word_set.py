"""The set of words of a text, shared by the passes that look for a few known words (round 18).

A pass that looks for a hundred feasts or famous names with one pattern tries it at every word
of the field; most fields hold none of them. Splitting the lower-cased text once (in C) and
asking the set which of the pass's first words occur costs a few tens of microseconds for
5,000 characters, and only the words found are then located and matched.
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Final

# ASCII punctuation becomes a space, except the hyphen and "&" inside words and names
# ("mid-autumn", "KFSH&RC"); the apostrophe too, so "sir's" holds "sir". The table works on
# the UTF-8 bytes: every other character's bytes are 0x80 or more and pass unchanged.
_TABLE: Final = bytes(
    ord(" ") if chr(i) in string.punctuation and chr(i) not in "-&" else i for i in range(256)
)


def normal(text: str) -> str:
    """``text`` with the punctuation ``words_of`` splits at turned into spaces."""
    return text.encode().translate(_TABLE).decode()


@lru_cache(maxsize=8)  # the passes of one scan ask about the same (lower-cased) text
def words_of(text: str) -> frozenset[str]:
    """The words of ``text`` between spaces and punctuation ("(easter," holds "easter")."""
    return frozenset(normal(text).split())


def places_of(text: str, word: str):
    """Each place where ``word`` starts a word of ``text``."""
    at = text.find(word)
    while at >= 0:
        if not at or not (text[at - 1].isalnum() or text[at - 1] in "-'&"):
            yield at
        at = text.find(word, at + 1)
