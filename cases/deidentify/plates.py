"""Number plates (``find_plates``): by their shape, and after a word for a vehicle."""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import anchored

# Number plates: the UK, French/Italian and Dutch shapes anywhere; any letters-and-digits
# group right after a word for a vehicle ("his car (KAF-778-H)", "the van, NTY 74YA").
# A plate by its shape ("AB12 CDE", "AB-123-CD"), and a plate after a word for a vehicle
# ("taxi plate WX15 KZT", "lists the motorcycle as UEK 231P"). The vehicle words are found
# first by plain searches for their openings (PLATE_CUE_OPENINGS), so the regex is entered only
# where one stands.
PLATE_SHAPE: Final = anchored(
    r"(?=[A-Z\d])\b(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]{2}-\d{3}-[A-Z]{2}|[A-Z]{1,3}-\d{1,3}-[A-Z]{1,3}"
    r"|\d{1,3}-[A-Z]{1,3}-\d{1,3})\b"
)
PLATE_CUE: Final = re.compile(
    r"\b(?i:car|van|bus|cab|lorry|truck|motorbike|motorcycle|scooter|taxi|vehicle|plate|reg"
    r"|registration|number plate|ute|suv|jeep|pickup|pick-up|bakkie|moped|tractor|trailer"
    r"|caravan|campervan|motorhome|rego|tag|licen[cs]e plate|reg no|car reg"
    r"|rickshaw|tuk-tuk|tuktuk|matatu|jeepney|tricycle|trike|minibus|snowmobile)"
    r"(?:['\u2019]s)?\.?,?:?\s(?:(?:as|is|was|reads|no\.?)\s)?\(?(?P<plate>[A-Z0-9]{1,5}(?:[\s-][A-Z0-9]{1,5}){0,3})\b"
)
PLATE_CUE_OPENINGS: Final = (
    "car", "van", "bus", "cab", "lorry", "truck", "moto", "scooter", "taxi",
                      "vehicle", "plate", "reg", "number plate", "ute", "suv", "jeep", "pick",
                      "bakkie", "moped", "tractor", "trailer", "campervan", "rego", "tag",
                      "licen", "rickshaw", "tuk", "matatu", "tricycle", "trike", "minibus",
                      "snowmobile")  # fmt: skip


def find_plates(text: str, low: str):
    """The matches the two plate patterns give, shape first, then each vehicle word's."""
    yield from PLATE_SHAPE.finditer(text)
    starts = set()
    for opening in PLATE_CUE_OPENINGS:
        at = low.find(opening)
        while at != -1:
            if at == 0 or not low[at - 1].isalnum():
                starts.add(at)
            at = low.find(opening, at + 1)
    for at in sorted(starts):
        m = PLATE_CUE.match(text, at)
        if m:
            yield m
