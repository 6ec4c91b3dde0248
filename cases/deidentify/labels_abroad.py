"""Plates, licences and record numbers after labels of other languages or a verb of filing
(round 24).

- a plate after its label in German, Dutch, French, Italian, Spanish, Portuguese or Polish:
  "Kennzeichen M-AB 1234", "kenteken 12-ABC-3", "targa AB 123 CD", "matrícula 1234 BCD";
- a driving licence's number after its label in those languages: "Führerschein Nr. B0729...",
  "rijbewijs 5123...", "permis de conduire n° 12AB34567", "CNH 01234567890";
- a record number a post's patient was filed under: "merged everything under 0093-2271",
  "registered under 44-1187".

Kept quiet: "Kennzeichen unbekannt" (no digit), "Führerschein entzogen", "filed under
miscellaneous", "merged under 2 teams" (a short number).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import places_of, words_of

_CODE: Final = r"[A-ZÄÖÜ0-9]{1,8}(?:[ -][A-ZÄÖÜ0-9]{1,8}){0,3}"
_NUMBER_WORD: Final = r"(?:\s?(?:[Nn]r|[Nn]o|[Nn]º|n°|[Nn]úm|[Nn]um|[Nn]ummer|number)\.?)?:?\s"
_PLATE_LABELS: Final = (
    "kennzeichen", "nummernschild", "kfz-kennzeichen", "kenteken", "nummerplaat", "targa",
    "matrícula", "matricula", "placa", "plaque", "immatriculation", "rejestracja",
)  # fmt: skip
_PLATE: Final = re.compile(
    r"(?i:kfz-kennzeichen|kennzeichen|nummernschild|kenteken|nummerplaat|targa|matr[íi]cula|"
    r"placa|plaque|immatriculation|rejestracja)" + _NUMBER_WORD + rf"(?P<code>{_CODE})"
)
_LICENCE_LABELS: Final = (
    "führerschein", "fuehrerschein", "rijbewijs", "permis", "patente", "cnh", "körkort",
    "licencia", "carteira", "prawo",
)  # fmt: skip
_LICENCE: Final = re.compile(
    r"(?i:f(?:ü|ue)hrerschein|rijbewijs|permis\sde\sconduire|patente(?:\sdi\sguida)?|cnh|"
    r"k[öo]rkort|licencia\sde\s(?:conducir|manejo)|carteira\sde\s(?:motorista|habilita[çc][ãa]o)|"
    r"prawo\sjazdy)" + _NUMBER_WORD + r"(?P<code>[A-Z0-9]{5,16})(?![\w-])"
)
_FILED: Final = re.compile(
    r"(?i:merged|filed|registered|re-registered|booked|listed|logged|kept)\s(?:\w+\s){0,2}"
    r"under\s(?P<code>\d{2,6}[-/ ]?\d{3,8})(?![\w/-])"
)


def _coded(code: str) -> bool:
    return any(c.isdigit() for c in code) and sum(c.isalnum() for c in code) >= 4


def find_labels_abroad(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for label in _PLATE_LABELS:
        for at in places_of(low, label) if label in words else ():
            m = _PLATE.match(text, at)
            code = m.group("code").rstrip(" -") if m else ""
            while code and not code[-1].isdigit() and " " in code and not code[-2].isupper():
                code = code.rsplit(" ", 1)[0]
            if code and _coded(code):
                assert m is not None  # a code is read only from a match
                start = m.start("code")
                _add(found, start, start + len(code), "VEHICLE", text)
    for label in _LICENCE_LABELS:
        for at in places_of(low, label) if label in words else ():
            m = _LICENCE.match(text, at)
            if m and _coded(m.group("code")):
                _add(found, m.start("code"), m.end("code"), "LICENSE", text)
    if "under" in words:
        for at in places_of(low, "under "):
            m = _FILED.search(text, max(at - 40, 0), at + 30)
            if m and m.start("code") > at:
                _add(found, m.start("code"), m.end("code"), "OTHER_ID", text)
