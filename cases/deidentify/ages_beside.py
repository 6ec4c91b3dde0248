"""Ages over 89 written as a bare number, known only by the word beside it (round 15).

Safe Harbor counts every age over 89 as an identifier: few people are that old, and in a small
place an age of 97 names one of them. Notes write these ages without "years": after the sex
("F 94", "M/99"), after "at" before the person ("at 93 she is still a candidate"), after
"nonagenarian of" or "centenarian," , between commas after a relative or a patient word ("her
husband, 90, who"), and after "is" when the subject is the patient ("Ours is 103", "Mr Oduya
is 104 and", "is now 98;").

Look-alikes kept quiet: "Ninety-six hours after" (a count of hours, not an age), an age limit
of a trial or a rule ("the cut-off was 90 years"), and every number that sits in a clause of
vital signs or results ("sats is now 94").

Every pass opens on a number from 90 to 119 (few in most texts) and reads a bounded window
around it, so the cost is linear in the text's length.
"""

from __future__ import annotations

import re
from typing import Final

from django.utils.translation import gettext as _

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

# A number from 90 to 119 standing alone: not part of a decimal, a range or a longer number.
# (The digits come first so the scan skips to a 9 or a 1; what may stand before them is
# checked behind.)
OLD_NUMBER: Final = re.compile(
    r"(?:9\d(?<![\d.,:-]..)(?<!\d/..)|1[01]\d(?<![\d.,:-]...)(?<!\d/...))(?![\d%]|[.,:/]\d)"
)

_UNIT_AFTER: Final = re.compile(
    r"\s?(?:%|mg|mcg|ml|mL|mmol|kg|g|cm|mm|mmHg|bpm|units|minutes|mins|hours|hrs|days|weeks|"
    r"months|percent|per\s?cent|times|beats|breaths|degrees|°|x\b|of\s\d|/\d)"
)
# The sex right before the age, as a handover line writes it: "F 94,", "M/99", "(F) 96".
SEX_BEFORE: Final = re.compile(r"(?:^|[\s,;:(/])[MF]\)?\s?/?\s?$")
AT_BEFORE: Final = re.compile(r"\b[Aa]t\s$")
PERSON_AFTER: Final = re.compile(r",?\s(?:she|he)\b")
# "a nonagenarian of 97", "centenarian, 103": the word and its number are one age.
AGE_NOUN_BEFORE: Final = re.compile(
    r"\b(?i:(?:super)?centenarian|nonagenarian)(?:,|\sof|\saged|\s\(|\s-)?\s?\(?$"
)
_KIN: Final = (
    r"husband|wife|partner|mother|father|mum|mom|mam|dad|grandmother|grandfather|grandma|"
    r"grandpa|nan|nana|gran|granny|aunt|uncle|brother|sister|widow|widower|patient|pt|"
    r"resident|client|lady|gentleman|gent|man|woman|neighbour|neighbor|spouse"
)
# "her husband, 90, who", "Patient, 91, asked": a person word, then the age between commas.
_KIN_WORDS: Final = frozenset(_KIN.split("|"))
_ADVERBS: Final = frozenset("now still nearly almost just".split())
_FUTURE: Final = frozenset("will he'll she'll he\u2019ll she\u2019ll would to".split())
BETWEEN_COMMAS_AFTER: Final = re.compile(
    r"\s?(?:[,;)]|\s(?:and|who|with|lives|living|is|was|has|had|years?|yrs?|yo|y/o)\b)"
)
# "Ours is 103", "Mr Oduya is 104 and", "and is now 98;", "who is 96".
IS_BEFORE: Final = re.compile(
    r"\b(?P<who>[\w']+)\s(?:is|was)\s(?:now\s|still\s|nearly\s|almost\s|just\s){0,2}$"
)
_SUBJECTS: Final = frozenset(
    "ours mine and who patient pt resident lady gentleman gent man woman husband wife mother "
    "father mum mom dad grandmother grandfather grandma grandpa nan gran granny widow widower "
    "she he".split()
)
IS_AFTER: Final = re.compile(
    r"(?:\s?[,;]|\.(?!\d)|\s(?:and|now|today|this|next|but|years?|yrs?|yo|y/o|on|in|at|with)\b|"
    r"\s?$|\s?\))"
)
# A clause of vital signs or results: the number there is a measurement, not an age.
_MEASURE: Final = re.compile(
    r"(?i:sats?|spo2|o2|oxygen|pulse|\bhr\b|rate|\bbp\b|pressure|systolic|diastolic|temp|"
    r"weight|\bwt\b|glucose|\bbms?\b|sugar|score|\bhb\b|haemoglobin|hemoglobin|a1c|egfr|creat|"
    r"sodium|\bna\b|potassium|ferritin|platelets|\bplt\b|crp|wcc|inr|mmse|moca|count|level|"
    r"dose|saturation|percent|%|mmhg|kg|\bbed\b|\bbay\b|\broom\b|page|number|\bno\.|ward|"
    r"volume|output|intake|iq|heart|cholesterol|ldl|lactate|ck\b|troponin|\bfev|\bfvc)"
)
_CLAUSE_SEPARATORS: Final = (". ", "; ", "! ", "? ", ": ", "\n")
CLAUSE_AFTER: Final = re.compile(r"[^.;!?\n]{0,30}")

# "Ninety-six hours after admission": a number word before a unit counts hours, not years.
_NUMBER_WORD_UNIT: Final = re.compile(
    r"(?i:[- ](?:one|two|three|four|five|six|seven|eight|nine))?[- ]?(?i:hours?|hrs?|minutes?|"
    r"mins?|seconds?|days?|weeks?|months?|percent|per\scent|%|mg|ml|kg|patients|cases|people|"
    r"times|beds|sites|metres|meters|miles|km)\b"
)
# The age limit of a trial, a rule or a group: "the cut-off was 90 years", "over-90 subgroup".
_LIMIT_BEFORE: Final = re.compile(
    r"(?i:cut-?off|threshold|limit|criteri|older\sthan|younger\sthan|inclusion|exclusion|"
    r"subgroup|trial|study|guideline|eligib|[<>\u2264\u2265])"
)


def _clause_before(text: str, at: int, width: int = 60) -> str:
    head = text[max(at - width, 0) : at]
    cut = max(head.rfind(sep) for sep in _CLAUSE_SEPARATORS)
    return head[cut + 1 :] if cut >= 0 else head


def _last_words(before: str) -> list[str]:
    return before[-28:].replace(",", " ").replace("(", " ( ").lower().split()[-3:]


def _age_span(text: str, m: re.Match, found: list[Finding]) -> tuple[int, int] | None:
    """Where the age found at ``m`` starts and ends, or None when no word beside it says age."""
    start, end = m.start(), m.end()
    if _UNIT_AFTER.match(text, end):
        return None
    before = text[max(start - 40, 0) : start]
    if "arian" in before:
        noun = AGE_NOUN_BEFORE.search(before, len(before) - 24)
        if noun:
            return start - len(before) + noun.start(), end
    if SEX_BEFORE.search(before[-4:]):
        return start, end
    if before.endswith(("at ", "At ")) and PERSON_AFTER.match(text, end):
        # "At 92 he is still fit", not "at 96 she was on 2 L" (a number follows: a reading).
        after = CLAUSE_AFTER.match(text, end)
        assert after is not None  # CLAUSE_AFTER matches everywhere, if only the empty string
        if not _MEASURE.search(_clause_before(text, start)) and not any(
            ch.isdigit() for ch in after.group(0)
        ):
            return start, end
        return None
    words = _last_words(before)
    if not words:
        return None
    if _said_beside(text, start, end, before, words, found) and not _MEASURE.search(
        _clause_before(text, start)
    ):
        return start, end
    return None


def _said_beside(
    text: str, start: int, end: int, before: str, words: list[str], found: list[Finding]
) -> bool:
    """A word before the number that makes it a person's age."""
    last, prev = words[-1], (words[-2] if len(words) > 1 else "")
    if last in _KIN_WORDS:  # "her husband, 90, who"
        return bool(BETWEEN_COMMAS_AFTER.match(text, end))
    if last == "(" and text.startswith(")", end):  # "Mrs K (97)", "her mother (101)"
        return prev in _KIN_WORDS or _name_ends(
            found, start - len(before) + len(before.rstrip(" ("))
        )
    if last == "of" and (prev in _KIN_WORDS or prev == "age"):  # "a woman of 95", "age of 94"
        return True
    if last == "be" and prev in _FUTURE:  # "he'll be 100 in March"
        return bool(IS_AFTER.match(text, end))
    if last in ("is", "was") or (prev in ("is", "was") and last in _ADVERBS):
        return bool(IS_AFTER.match(text, end)) and (
            _subject_before(text, start, before, found) or _named_in_clause(text, start, found)
        )
    if last == "so" and "born" in before:  # "born May 1932, so 92,"
        return bool(IS_AFTER.match(text, end))
    if before.endswith(", ") and _name_ends(found, start - 2):  # "his brother Padraig, 94."
        return bool(BETWEEN_COMMAS_AFTER.match(text, end) or NAME_AGE_END.match(text, end))
    return False


# After "Name, 94": the sentence ends there.
NAME_AGE_END: Final = re.compile(r"\.(?!\d)")


def _named_in_clause(text: str, start: int, found: list[Finding]) -> bool:
    """ "Rose, who insists I use her name, is 101 and": the clause opens on a name."""
    clause = _clause_before(text, start)
    at = start - len(clause)
    return any(f.kind == "NAME" and at <= f.start < start - 8 for f in found)


def _name_ends(found: list[Finding], at: int) -> bool:
    return any(f.kind == "NAME" and f.end == at for f in found)


def _subject_before(text: str, start: int, before: str, found: list[Finding]) -> bool:
    is_ = IS_BEFORE.search(before, len(before) - 40)
    if not is_:
        return False
    who_end = start - len(before) + is_.end("who")
    return is_.group("who").lower() in _SUBJECTS or any(
        f.kind == "NAME" and who_end - 1 <= f.end <= who_end for f in found
    )


# "in her tenth decade" (90 to 99), "her hundredth birthday": an age over 89 in ordinals.
ORDINAL_AGE: Final = re.compile(
    r"\b(?i:(?:his|her|their)\s(?:tenth|eleventh|10th|11th)\sdecade|"
    r"(?:hundredth|hundred-and-\w{3,8}th|hundred\sand\s\w{3,8}th|ninetieth|ninety-\w{3,7}th)"
    r"\sbirthday)"
)


# "Mrs King, one hundred and two,", "she is a hundred and one": an age over 99 in words.
_UNITS: Final = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]{4,6}teen"
HUNDRED_AGE: Final = re.compile(
    rf"(?:,|\b(?:aged|is|was|be|turned|turns|of))\s(?P<age>(?:a|one)\shundred"
    rf"(?:(?:\sand\s|-and-|\s)(?:{_UNITS}))?\b)(?!\s(?:and\s)?(?:{_UNITS})\b|\s(?!years?\b)[a-z]+s\b)"
)


def find_ages_beside(text: str, low: str, found: list[Finding]) -> None:
    fix = ""
    at = low.find("hundred")
    while at >= 0:
        m = HUNDRED_AGE.search(low, max(at - 14, 0), at + 40)
        if m and m.start("age") >= at - 4 and not _MEASURE.search(_clause_before(text, at)):
            _add(found, m.start("age"), m.end("age"), "AGE_OVER_89", text, _("over 89"))
        at = low.find("hundred", at + 7)
    for word in ("decade", "birthday"):
        at = low.find(word)
        while at >= 0:
            m = ORDINAL_AGE.search(text, max(at - 40, 0), at + len(word))
            if m:
                fix = fix or _("over 89")
                _add(found, m.start(), m.end(), "AGE_OVER_89", text, fix)
            at = low.find(word, at + len(word))
    for m in OLD_NUMBER.finditer(text):
        span = _age_span(text, m, found)
        if span:
            fix = fix or _("over 89")
            _add(found, span[0], span[1], "AGE_OVER_89", text, fix)


def age_look_alike(text: str, f: Finding) -> bool:
    """An AGE_OVER_89 finding that counts hours or states a trial's limit, not a person's age."""
    low = f.text.lower()
    if low.startswith("ninety") and _NUMBER_WORD_UNIT.match(text, f.end):
        return True  # "Ninety-six hours after admission"
    # "the age cut-off in that trial was 90 years": a number of years with no "old" after it
    return (
        low[:1].isdigit()
        and low.endswith(("years", "year", "yrs", "yr"))
        and bool(_LIMIT_BEFORE.search(_clause_before(text, f.start)))
    )
