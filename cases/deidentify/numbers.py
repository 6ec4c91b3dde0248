"""Telephone numbers in international shapes, IBANs and payment card numbers."""

from __future__ import annotations

import bisect
import re

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.patterns import (
    CARD,
    IBAN,
    PHONE_LOOSE,
    YEARS,
)


def find_numbers(text: str, found: list[Finding]) -> None:
    """Phone numbers in international shapes, IBANs and payment card numbers.

    The loose phone shape also fits a labelled record number or an IP address: where one of
    those was found already, it keeps its more precise kind."""
    taken = sorted((f.start, f.end) for f in found if f.kind not in ("NAME", "GEO", "DATE"))
    starts = [start for start, _end in taken]

    def is_taken(start: int, end: int) -> bool:
        # The two spans that start last before ``end`` (findings here rarely nest deeper).
        i = bisect.bisect_left(starts, end) - 1
        return any(taken[j][1] > start for j in (i, i - 1) if j >= 0)

    for m in PHONE_LOOSE.finditer(text):
        if is_taken(m.start(), m.end()):
            continue
        value = m.group(0).strip(" .-")
        digits = sum(ch.isdigit() for ch in value)
        groups = len(re.findall(r"\d+", value))
        phone_like = digits >= 9 or (digits >= 7 and value.startswith("+")) or groups >= 3
        # A list of years ("2019 2020 2021") is no number.
        if phone_like and digits >= 8 and not YEARS.fullmatch(value):
            start = m.start() + m.group(0).index(value[0])
            _add(found, start, start + len(value), "PHONE", text)
    for m in IBAN.finditer(text):
        if _iban_ok(m.group(0)):
            _add(found, m.start(), m.end(), "ACCOUNT", text)
    for m in CARD.finditer(text):
        if _luhn_ok(m.group(0)):
            _add(found, m.start(), m.end(), "ACCOUNT", text)


def _iban_ok(value: str) -> bool:
    value = value.replace(" ", "")
    if not 15 <= len(value) <= 34:
        return False
    digits = "".join(str(int(ch, 36)) for ch in value[4:] + value[:4])
    return int(digits) % 97 == 1


def _luhn_ok(value: str) -> bool:
    digits = [int(ch) for ch in value if ch.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
