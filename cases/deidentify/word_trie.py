"""A set of literal words compiled as one pattern shaped like a prefix tree (round 17).

Python's regex engine tries the branches of ``a|b|c`` one after another at every place it
stops; written as a tree ("C(?:hristmas|huseok|arnaval)") it reads each letter once. The
round-17 passes look for a few dozen feasts, months and legal forms this way, after a space
or a bracket (a class the engine jumps to), before any window is read.
"""

from __future__ import annotations

import re


def _tree(words: list[str]) -> str:
    if words == [""]:
        return ""
    firsts: dict[str, list[str]] = {}
    for word in words:
        firsts.setdefault(word[:1], []).append(word[1:])
    branches = []
    for first, rests in sorted(firsts.items(), key=lambda kv: kv[0] == ""):
        if first == "":
            continue
        sub = _tree(sorted(set(rests), key=lambda r: (-len(r), r)))
        branches.append(re.escape(first) + sub)
    optional = "" in firsts
    if len(branches) == 1 and not optional:
        return branches[0]
    body = "|".join(branches)
    return f"(?:{body})?" if optional else f"(?:{body})"


def word_trie(words) -> str:
    """The words as one pattern (longest first where one is a prefix of another)."""
    return _tree(sorted(set(words)))
