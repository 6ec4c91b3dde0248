"""Patterns searched by their first character: the scanner's speed path.

Python's regex engine skips quickly along a text to the next character a pattern can start
with, but only when the pattern opens on a plain character class. Many of the scanner's
patterns open on a look-ahead (``(?=[91Aa])\\b...``) or a word boundary, so the engine enters
the full matcher at every position of every field. ``anchored`` compiles such a pattern
twice: a scan that opens on the class and checks the whole pattern in a one-character
look-behind at that place, and the pattern itself, matched only where the scan stopped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Final

# The opening look-ahead: a class ("(?=[91Aa])"), an escape ("(?=\\d)") or one letter.
_LEAD: Final = re.compile(r"\(\?=(\[(?:\\.|[^\]\\])+\]|\\d|\w)\)")


class Anchored:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        lead = _LEAD.match(pattern)
        if not lead:
            raise ValueError("an anchored pattern opens on a look-ahead for its first characters")
        self.full = re.compile(pattern, flags)
        self.pattern = pattern
        self.scan = re.compile(rf"{lead.group(1)}(?<=(?={pattern[lead.end() :]}).)", flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """The matches ``re.finditer`` would give: left to right, none overlapping."""
        end = len(text) if endpos is None else endpos
        for hit in self.scan.finditer(text, pos, end):
            if hit.start() < pos:
                continue
            m = self.full.match(text, hit.start(), end)
            if m:
                pos = m.end() if m.end() > m.start() else m.start() + 1
                yield m

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return self.full.match(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)


def any_hint(hints: tuple[re.Pattern, ...], text: str) -> bool:
    """Whether any of ``hints`` is in ``text``: the gates in front of whole-text scans, each
    hint a piece every match of the gated pattern holds, opening on a literal the regex engine
    skips to (one alternation of them would open on a class, and be slower)."""
    return any(hint.search(text) for hint in hints)


def anchored(pattern: str, flags: int = 0) -> Anchored:
    return Anchored(pattern, flags)


class ByKeyword:
    """A pattern every match of which holds one of a few words near its end ("Hospital",
    "House", "pub", "farm"): the words are found first (a scan that opens on a character
    class and a list of literals), and the pattern is matched only at the capitals up to
    ``reach`` characters before each. The matches are those ``re.finditer`` gives, left to
    right and not overlapping, provided every match starts on a capital within ``reach``
    characters before the end of a keyword hit and ``keyword`` finds a hit in each match.
    """

    def __init__(
        self, full: re.Pattern, keyword: str, reach: int, starts: str, head: str = ""
    ) -> None:
        self.full, self.reach = full, reach
        self.keyword = re.compile(keyword, full.flags)
        self.starts = re.compile(starts)
        # A keyword that may open the text, where no character stands before it.
        self.head = re.compile(head, full.flags) if head else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else endpos
        tried = pos  # candidates before this were tried already
        hits = self.keyword.finditer(text, pos, end)
        if pos == 0 and self.head and (first := self.head.match(text, 0, end)):
            hits = itertools.chain([first], hits)
        for hit in hits:
            for start in self.starts.finditer(
                text, max(hit.start() - self.reach, tried), hit.end()
            ):
                if start.start() < pos:
                    continue
                m = self.full.match(text, start.start(), end)
                if m:
                    pos = m.end() if m.end() > m.start() else m.start() + 1
                    yield m
            tried = max(tried, hit.end())


def by_first_letter(alternatives: str) -> str:
    """``alternatives`` (plain words, "|"-separated, each opening on a literal letter) as one
    group per first letter, in the order given within each: "Street|St|Road" becomes
    "(?:S(?:treet|t)|R(?:oad))". The engine compares a place with the first letters, then
    tries only the words that open on its own, in their old order; words with different first
    letters never match at one place, so every pattern built on it matches as before. Only in
    case-sensitive patterns: under IGNORECASE "a..." and "A..." would be two groups."""
    groups: dict[str, list[str]] = {}
    for word in alternatives.split("|"):
        if (
            not word[:1].isalpha()
            or word[1:2] in ("?", "*", "+", "{")
            or any(c in word for c in "()[]\\")
        ):
            raise ValueError(f"not a plain word: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()) + ")"


class WordEndsWindow:
    """``re.compile(r"(?i:\\b(?:w1|w2|...)\\.?\\s)$").search(window)`` for plain words ("mr",
    "wife", "named"): does the window end on one of them, an optional "." and one space?

    The regex engine tries the alternation at every place of the window; such a match can only
    start where the window's last word starts (before the "." and the space, or before those
    and a final line break, where "$" matches too), so that word is read and looked up once.
    A window holding a character beyond ASCII goes to the pattern itself, which knows
    Unicode's case folding (the long s, U+017F, matches "s"); in ASCII, ``str.isspace``,
    ``str.isalnum`` and ``str.lower`` agree with the engine's ``\\s``, ``\\w`` and IGNORECASE.
    """

    def __init__(self, words: str) -> None:
        if not all(word.isalpha() for word in words.split("|")):
            raise ValueError(f"not plain words: {words!r}")
        self.words: Final = frozenset(words.lower().split("|"))
        self.pattern: Final = re.compile(rf"(?i:\b(?:{words})\.?\s)$")

    def search(self, window: str) -> bool:
        if not window.isascii():
            return self.pattern.search(window) is not None
        size = len(window)
        for end in (size, size - 1) if window.endswith("\n") else (size,):
            if end < 2 or not window[end - 1].isspace():
                continue
            stop = end - 1
            if window[stop - 1] == ".":
                stop -= 1
            start = stop
            while start > 0 and (window[start - 1].isalnum() or window[start - 1] == "_"):
                start -= 1
            if start < stop and window[start:stop].lower() in self.words:
                return True
        return False
