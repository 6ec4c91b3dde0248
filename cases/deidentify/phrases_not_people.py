"""Findings that are words of a phrase, not a person or a place (round 24).

- a place opening a short quotation of lower-case words, a folk name or a quoted order:
  '"Aden ulcer" he called it', 'wrote "Mark the site"';
- a place inside the name of a declaration or a convention: "the Declaration of Helsinki and
  Geneva";
- a place the same post writes before a definition's noun ("the Kigali modification ... it's
  Kigali all the way"), or alone in brackets after a schedule of days ("days 0, 3, 7 (Zagreb)");
- initials of a laboratory or an institute that samples or a serum go to or come from:
  "samples sent to KEMRI", "antitoxin requested from INSP";
- a word of kin: after a possessive in lower case ("Tane's nan rang"), or capitalised where the
  post writes it in lower case after "her/his/my" ("lives with her nan ... Nan's mobile");
- a lower-case word with a disease's ending ("leukocoria") or a hyphenated pair of ordinary
  words ("weight-based dosing");
- a capitalised word after "a"/"an" before a lower-case noun: "was a Nazi war criminal";
- a day and month that is a grade before a code: "ILO 1/1 p/q";
- a description that is the subject of saying or doing: "because a TV presenter said so",
  "it's what the last doctor did".
"""

from __future__ import annotations

import re

from cases.deidentify.finding import Finding
from cases.deidentify.lexicon import lexicon
from cases.deidentify.word_set import places_of, words_of

_QUOTE_AFTER = re.compile(
    r"(?:\s[a-z][\w-]{1,15}){1,3}[,.]?[\"\u201d]|\s(?:the|a|an|his|her|their|your)\s"
)
_DOCUMENT_BEFORE = re.compile(
    r"(?:Declaration|Convention|Treaty|Protocol|Statement|Consensus|Charter|Accord)s?\sof\s"
    r"(?:[A-Z][\w-]+(?:,\s|\sand\s))*$"
)
_DEFINITION_NOUNS = frozenset(
    "modification definition criteria classification consensus score rule rules staging".split()
)
# The word before a definition's noun: "the Kigali modification", not "our PGH score".
_DEFINED = re.compile(r"(?<!our\s)(?<!Our\s)(?<!my\s)(?<!their\s)([A-Z][\w-]+)\s$")
_OWN_BEFORE = re.compile(r"(?i:our|my|their)\s$")  # "our PGH score": the hospital's own
_SCHEDULE_BEFORE = re.compile(r"\d{1,2}(?:,\s?\d{1,2}){2,}(?:\sand\s\d{1,2})?\s\($")
_SENT = re.compile(
    r"(?i:samples?|specimens?|sera|serum|swabs?|isolates?|antitoxin|antivenom|antiserum|"
    r"slides?|blood)\s(?:\w+\s){0,2}(?:sent|requested|referred|couriered|ordered|obtained)\s"
    r"(?:to|from)\s$"
)
_KIN = frozenset(
    """nan nana nanna gran granny grandma grandad nanny mum mam mom ma dad da pop pops papa
    mama aunty auntie uncle""".split()
)
_DISEASE_ENDS = ("coria", "uria", "aemia", "emia", "itis", "osis", "algia", "opathy", "plasia")
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:a|an)\s$")
_LOWER_NOUN_AFTER = re.compile(r"\s[a-z]{3,}")
# A profusion grade, not a day and month: "ILO 2/2 q/r".
_GRADE = re.compile(r"[0-3]/[0-3]")
_CODE_AFTER = re.compile(r"\s[pqrstu]/[pqrstu]\b")
_COMPOUND_BEFORE = re.compile(r"[a-z]{3,}-[a-z]{3,}\s$")
_SAID_AFTER = re.compile(r"\s(?:said|says|did|does|told|claimed|wrote)\b")
_DESCRIPTION_SUBJECT = re.compile(r"(?:the\slast|an?\s(?:\w+\s)?(?:TV|radio|television))\s")


def _defined(text: str, low: str) -> frozenset[str]:
    """Capitalised words the text writes just before a definition's noun."""
    out = set()
    for noun in _DEFINITION_NOUNS & words_of(low):
        for at in places_of(low, noun):
            m = _DEFINED.search(text, max(at - 30, 0), at)
            if m:
                out.add(m.group(1))
    return frozenset(out)


def _phrase(text: str, low: str, f: Finding, defined: frozenset[str]) -> bool:
    before = text[max(f.start - 60, 0) : f.start]
    word = f.text.lower()
    if f.kind == "DATE":
        return bool(_GRADE.fullmatch(f.text) and _CODE_AFTER.match(text, f.end))
    if f.kind == "UNIQUE":
        m = _DESCRIPTION_SUBJECT.match(f.text)
        return bool(m and _SAID_AFTER.search(f.text, m.end()))
    if f.kind == "GEO":
        if before.endswith(('"', "\u201c")) and _QUOTE_AFTER.match(text, f.end):
            return True
        if (" of " in before and _DOCUMENT_BEFORE.search(before)) or (
            before.endswith("(") and _SCHEDULE_BEFORE.search(before)
        ):
            return True
        if f.text in defined and not _OWN_BEFORE.search(before):
            return True
        if f.text.isupper() and _SENT.search(before):
            return True
    if f.kind != "NAME":
        return False
    bare = word.removesuffix("'s").removesuffix("\u2019s")
    if bare in _KIN:
        if f.text.islower() and re.search(r"['\u2019]s\s$", before):
            return True
        if re.search(rf"\b(?:her|his|my|their|your|our)\s{bare}\b", low):
            return True
    if f.text.islower():
        if len(word) >= 9 and " " not in word and word.endswith(_DISEASE_ENDS):
            return True
        lex = lexicon()
        compound = _COMPOUND_BEFORE.search(before) if "-" in before else None
        if compound and all(p in lex.common_words for p in compound.group(0).strip().split("-")):
            return True  # the head noun of "weight-based dosing"
        for part in word.split():
            pieces = part.split("-")
            if len(pieces) == 2 and all(
                p in lex.common_words and p not in lex.first_names for p in pieces
            ):
                return True
    return (
        before.endswith((" a ", " an ", "A ", "An "))
        and " " not in word
        and f.text[:1].isupper()
        and bool(_ARTICLE_BEFORE.search(before, len(before) - 4))
        and bool(_LOWER_NOUN_AFTER.match(text, f.end))
    )


def quiet_phrases(text: str, low: str, found: list[Finding]) -> list[Finding]:
    defined = _defined(text, low) if any(f.kind == "GEO" for f in found) else frozenset()
    return [
        f
        for f in found
        if f.kind not in ("NAME", "GEO", "UNIQUE", "DATE") or not _phrase(text, low, f, defined)
    ]
