"""Services, insurers, devices, feasts and photo sentences that the name and place passes
take for identifiers (round 20).

- an ambulance or retrieval service heading a call log ("Magen David Adom: 45M ...",
  "Careflight: 71F", "Brigade 4: 60M"), from a list of national services and a numbered
  brigade or crew;
- a public insurer or health fund ("Isapre tramo B", "PhilHealth member", "NHIF card");
- a maker before its model's code where the text names a device ("Graseby MS26 pump",
  "Alaris GP serial 8811");
- a feast taken for a person ("a structured Diwali education session");
- a sentence that says a photo shows no face ("the photo shows only the ulcer, no face").
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.word_set import words_of

_SERVICES: Final = frozenset(
    " ".join(s.split())
    for s in """red crescent|red cross|ornge|careflight|royal flying doctor service|rfds|
    st john|st john ambulance|magen david adom|samu|samur|ekab|nwas|nas|swast|secamb|eeast|
    emas|wmas|yas|scas|lifeflight|air ambulance|hems|bc ehs|ehs|ems|emsa|netcare 911|er24|
    cruz roja|croix-rouge|bomberos|inem""".split("|")
)
_SERVICE_WORDS: Final = frozenset(w for s in _SERVICES for w in s.split())
_HEAD_AFTER: Final = re.compile(r"\s?:\s?(?:\d{1,3}\s?[MFmf]\b|\d{1,3}\s?(?:yo|y/o|yr))")
_CREW: Final = re.compile(r"(?:Brigade|Crew|Unit|Car|Medic|Rescue)\s\d{1,3}")
_INSURERS: Final = frozenset(
    """fonasa isapre philhealth medicare medicaid nhif nhis essalud imss issste bpjs jkn
    ihss inss ccss insabi ramq ohip pharmac chifa cnss cnam cnops ramed mutuelle""".split()
)
_DEVICE_WORDS: Final = frozenset(
    """pump pumps driver drivers syringe serial model device monitor ventilator defibrillator
    infusion""".split()
)
_MODEL_AFTER: Final = re.compile(r"\s[A-Z]{1,3}-?\d{2,4}[A-Z]?\b")
_FEASTS: Final = frozenset(
    """ramadan ramazan eid diwali deepavali christmas easter passover pesach hanukkah lent
    navratri holi vesak wesak onam pongal thaipusam""".split()
)
_PLACING_BEFORE: Final = re.compile(
    r"\b(?i:since|over|on|at|during|before|after|until|till|in|for|by|admitted|around|"
    r"through|last|this)\s$"
)
_TOPIC_AFTER: Final = re.compile(
    r"\s(?!weekend|day|night|eve|holidays?|period|break|morning|evening)[a-z]{3,15}\b"
)
_NO_FACE: Final = re.compile(
    r"\b(?i:no\sface|without\s(?:a\s|the\s)?face|faces?\s(?:is\s|are\s)?not|not\s(?:show|"
    r"include)\w{0,3}\s(?:the\s|a\s|her\s|his\s)?face)"
)


def _head(text: str, f: Finding) -> bool:
    start = f.start
    return start == 0 or text[start - 1] == "\n"


def _not_identifier(text: str, f: Finding, cues: frozenset[str]) -> bool:
    if f.kind == "PHOTO":
        return "photo" in cues and _NO_FACE.search(f.text) is not None
    if f.kind not in PROPER_KINDS:
        return False
    low = f.text.lower()
    if "service" in cues and (low in _SERVICES or _CREW.fullmatch(f.text)) and _head(text, f):
        return _HEAD_AFTER.match(text, f.end) is not None
    if "insurer" in cues and low in _INSURERS:
        return True
    if "feast" in cues and low in _FEASTS:
        # "a structured Ramadan education session": a feast as a topic, not a day
        return (
            f.kind in ("NAME", "GEO")
            and not _PLACING_BEFORE.search(text, max(f.start - 12, 0), f.start)
            and _TOPIC_AFTER.match(text, f.end) is not None
        )
    if "device" not in cues or not f.text[:1].isupper():
        return False
    maker = f.text.split(" ", 1)[0]
    model = _MODEL_AFTER.match(text, f.start + len(maker))
    if model and f.end <= model.end() and len(f.text.split()) <= 2:
        after = text[model.end() : model.end() + 50].lower()
        before = text[max(f.start - 50, 0) : f.start].lower()
        return any(w in after or w in before for w in _DEVICE_WORDS)
    return False


def quiet_services_and_devices(text: str, low: str, found: list[Finding]) -> list[Finding]:
    words = words_of(low)
    cues = frozenset(
        name
        for name, present in (
            ("service", _SERVICE_WORDS & words or "brigade" in words or "crew" in words),
            ("insurer", _INSURERS & words),
            ("feast", _FEASTS & words),
            ("device", _DEVICE_WORDS & words),
            ("photo", bool({"photo", "photograph", "image", "picture", "pic", "selfie"} & words)),
        )
        if present
    )
    if not cues:
        return found
    return [f for f in found if not _not_identifier(text, f, cues)]
