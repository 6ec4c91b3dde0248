"""Identifiers in the shapes of multi-sentence forum posts.

A post names a person once in full and then by one part of the name ("Marek Horváth ...
flucloxacillin for Marek's lesions"), gives a child's name after its age ("a 4-year-old,
Kealoha;"), writes a lower-case name before an age at its start ("kisumu: otieno odhiambo, 8,"),
dates an event by its month or by a local holiday ("booked in June", "on Jamhuri Day"),
names an employer by what it runs ("Amazon warehouse", "the Skiffle Bunch orchestra"), a
hospital by its initials ("referral to MGH"), a club or a home by a place ("hurler for
Ballygunner", "home community Pangnirtung"), an address by numbered roads ("14872 88 Avenue").

``find_posts`` adds those; ``post_look_alikes.quiet_posts`` drops what a post's own words show
is no identifier.

Linear: every pattern opens on a character class or a literal and reads a bounded window;
the names found are looked up in one pass over the words.
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.anchored import ByKeyword, anchored
from cases.deidentify.cues import CALENDAR, PARTICLES, section_word
from cases.deidentify.eponyms import citation, eponym_after
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon

_MONTHS: Final = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# A month alone, placed by a preposition of time: "at booking in June", "expires in November",
# "back for the hunt in April". Not before a day or a year (the date patterns read those), and
# not "May" as a verb ("they may") since only the capitalised month is read.
MONTH_ALONE: Final = re.compile(
    rf"[JFMASOND](?<![\w-][JFMASOND])(?<=(?=(?:{_MONTHS})\b).)[a-z]{{2,8}}\b(?![ ,.]?\s?\d)"
    rf"(?!['\u2019])"
)
MONTH_PLACED: Final = re.compile(
    r"\b(?:in|by|since|until|till|during|through|from|before|after|early|mid|late|last|next|"
    r"this|of)[ -]$"
)
MONTH_EVENT: Final = re.compile(
    r"\s(?:dose|injection|infusion|appointment|review|visit|clinic|admission|scan|cycle|"
    r"transfusion|dialysis|booking|operation|surgery|delivery|flare|fall|episode)\b"
)
# A day named by its holiday in a shape the holiday list does not hold: a capitalised word
# before "Day", "Eve" or a weekday, placed on by a preposition ("on Jamhuri Day", "on Carnival
# Monday"); never "on Day 3" (a count of days).
LOCAL_HOLIDAY_END: Final = re.compile(
    r"[DEMTWFS](?<![\w-][DEMTWFS])(?:ay|ve|onday|uesday|ednesday|hursday|riday|aturday|unday)\b"
)
LOCAL_HOLIDAY: Final = re.compile(
    r"\b(?:on|over|since|before|after|until|till|by|for)\s(?P<day>(?:[A-Z][a-z]{2,15}\s){1,2})$"
)
# A name right after a child's or a person's age: "a 4-year-old, Kealoha;".
AGE_NOUN_NAME: Final = re.compile(
    r"\d{1,2}[- ](?:year|month|week|day)[- ]old(?:\s(?:boy|girl|man|woman|baby|child))?"
    r"(?:,|\snamed|\scalled)\s(?P<name>[A-Z][a-z'\u2019-]{2,20})\b(?!\s[A-Z])"
)
# Every AGE_NOUN_NAME match holds this, which opens on a literal the engine skips to quickly.
_AGE_NOUN_GATE: Final = re.compile(
    r"old(?:\s(?:boy|girl|man|woman|baby|child))?(?:,|\snamed|\scalled)\s[A-Z]"
)
# A lower-case name of two or three words (particles allowed) before an age, at the start of a
# post or after its heading: "femke de jong, 27,", "kisumu: otieno odhiambo, 8,".
_LOWER_NAME: Final = (
    r"(?P<name>[a-z\u00e0-\u00ff][a-z\u00e0-\u00ff'\u2019-]{1,20}"
    r"(?:\s[a-z\u00e0-\u00ff][a-z\u00e0-\u00ff'\u2019-]{0,20}){1,3}),\s\d{1,3}(?:[MFmf])?(?:,|\s)"
)
# "(?:[:\n]\s?|[.;]\s)", opening on one class so the regex engine skips along to it.
LOWER_NAME_AGE: Final = re.compile(r"[:\n.;](?:(?<=[:\n])\s?|(?<=[.;])\s)" + _LOWER_NAME)
LOWER_NAME_START: Final = re.compile(_LOWER_NAME)
# A hospital said by its initials after a word of referral: "referral to MGH", "seen at
# UHK", "transferred to KATH". Initials ending in H (hospital) or opening on UH (university
# hospital); clinical initials of that shape are not places.
HOSPITAL_INITIALS: Final = re.compile(r"[A-Z](?<![\w-][A-Z])(?:H[A-Z]{1,3}|[A-Z]{0,3}H)\b(?![-/])")
HOSPITAL_CUE: Final = re.compile(
    r"\b(?i:referred|referral|refer|transferred|transfer|admitted|seen|reviewed|followed up|"
    r"delivered|born|booked|sent|flown|retrieved|discharged)\s(?i:to|at|in|from|by)\s(?:the\s)?$"
)
_CLINICAL_INITIALS: Final = frozenset(
    "SAH ICH PPH BPH IIH LVH RVH ADH ACTH TSH FSH LH GH PTH HIH NASH PNH HELLP GVH DVH".split()
)
# A club named by its place after a player's word: "hurler for Ballygunner", "plays for Lavey".
_CLUB_FULL: Final = re.compile(
    r"\b(?:hurler|footballer|player|goalkeeper|keeper|striker|winger|prop|hooker|forward|"
    r"captain|camogie player|rower|netballer|cricketer|bowler|netball|rugby|rugby league|"
    r"league|union|hockey|football|soccer|cricket|basketball|volleyball|water polo|"
    r"plays [a-z]{3,12})\s(?:for|with)\s"
    r"(?P<name>[A-Z][\w'\u2019-]{2,20}(?:\s[A-Z][\w'\u2019-]{2,20}){0,2})"
)
# "for" or "with" before a capital first, the sport or role tried in the 20 characters before.
CLUB: Final = ByKeyword(_CLUB_FULL, r"(?:for|with)\s[A-Z]", 20, r"\b[a-z]")
# A home named after a word of community or a verb of living with an adverb: "home community
# Pangnirtung", "lives up Greasy Creek", "lives out at Kanyapella".
HOME: Final = re.compile(
    r"\b(?i:home community|home village|home town|hometown|home island|community of|"
    r"reserve of|lives up|lives down|lives out at|lives out in|living up|lived up)\s"
    r"(?P<name>[A-Z][\w'\u2019-]{2,20}(?:\s[A-Z][\w'\u2019-]{2,20}){0,2})"
)
# A sentence that is only a place: "From Penal.", "From Hale'iwa, Oahu."
FROM_SENTENCE: Final = re.compile(
    r"From\s(?P<name>[A-Z][\w'\u2019-]{2,20}(?:\s[A-Z][\w'\u2019-]{2,20}){0,2})[.;]"
)
# A Canadian postcode alone: its letters skip D, F, I, O, Q and U, so the shape is its own.
CANADIAN_POSTCODE: Final = re.compile(
    r"[ABCEGHJ-NPRSTVXY](?<![\w-][A-Z])\d[ABCEGHJ-NPRSTV-Z]\s\d[ABCEGHJ-NPRSTV-Z]\d\b"
)
# A postcode of four to six digits right after a place found in the text ("Tuguegarao City
# 3500:", "Kasaragod 671121"), not a year and not a quantity.
CODE_AFTER_PLACE: Final = re.compile(r"\s(?P<code>\d{4,6})(?=[:;,.)]|\s[A-Z(]|$)")
# An address on numbered roads, as Canadian and US suburbs write them: "14872 88 Avenue".
NUMBERED_ROAD: Final = re.compile(
    r"\d(?<![\w.,]\d)\d{0,5}\s\d{1,3}(?:st|nd|rd|th)?\s(?:Avenue|Ave|Street|St|Road|Rd|Drive|Dr|"
    r"Boulevard|Blvd|Way|Place|Pl)\b"
)
# A numbered settlement: "No. 19 Village", "No 4 Colony", "Block 12 Camp".
NUMBERED_SETTLEMENT: Final = re.compile(
    r"\b(?:No\.?|Number|Block)\s?\d{1,3}\s(?:Village|Colony|Settlement|Estate|Camp|Township|"
    r"Compound|Line|Lines)\b"
)
# An employer named before what it runs, or before the team it fields: "Amazon warehouse",
# "the Kenya Defence Forces athletics team", "the Skiffle Bunch orchestra".
WORKPLACE_NOUN: Final = re.compile(
    r"\s(?:warehouse|distribution centre|distribution center|call centre|call center|depot|"
    r"factory|abattoir|mine|smelter|refinery|orchestra|band|choir|team|squad|co-op|"
    r"cooperative|cannery|shipyard|sawmill|quarry|plantation)\b"
)
EMPLOYER_BEFORE_WORKPLACE: Final = re.compile(
    r"(?<![\w'\u2019&-])(?P<name>[A-Z][\w'\u2019&-]{1,20}(?:\s[A-Z][\w'\u2019&-]{1,20}){0,3})"
    r"(?:\s[a-z]{4,12})?$"
)
EMPLOYER_CUE_BEFORE: Final = re.compile(
    r"(?:\b(?:for|at|with|in|from|a|an)(?:\sthe)?|[,;:]|^|\bex-[a-z]+['\u2019]s\s[a-z]+,"
    r"|\b(?:runs|ran|owns|owned|manages|managed|founded|started)\sthe)\s$"
)
# An employer after the word itself: "Employer was Blue Diamond Coal", "employer: Dangote".
EMPLOYER_SAID: Final = anchored(
    r"(?=[EeCc])(?:[Ee](?<![\w][Ee])mploy(?:er|ed by)|[Cc](?<![\w][Cc])ompany)\s?(?:was|is|:|-)\s"
    r"(?P<name>[A-Z][\w'\u2019&-]{1,20}(?:\s[A-Z&][\w'\u2019&-]{0,20}){0,3})"
)
# A job held at a unit named with a number: "firefighter at Engine 33", "medic with Ladder 4".
EMPLOYER_UNIT: Final = anchored(
    r"(?=[fmpocs])(?<![\w])(?:firefighter|fireman|medic|paramedic|officer|constable|soldier|"
    r"sapper|crew)\s"
    r"(?:at|with|on|of)\s(?P<name>[A-Z][a-z]{2,15}\s\d{1,4})\b"
)
# A hospital named by its founder's possessive, after a word of place and before no noun:
# "seen at St Thomas' and then Addenbrooke's before coming to us", "transferred to Guy's.".
POSSESSIVE_VENUE_BEFORE: Final = re.compile(r"\b(?:at|to|from|and then|then)\s$")
POSSESSIVE_VENUE: Final = re.compile(
    r"(?P<name>[A-Z](?<![\w'\u2019-][A-Z])[a-z]{2,20}['\u2019]s)"
    r"(?=[.,;:)]|\s(?:before|and|then|for|where|with|in|on|last|yesterday|today|until|after|"
    r"overnight|since)\b)"
)
_BOOK_CUE: Final = re.compile(r"\b(?i:according to|as per|per|see|cf\.?)\s$")
# A family by its name in the plural: "so did the Politowiczs next door".
FAMILY_PLURAL: Final = re.compile(
    r"\bthe\s(?P<name>[A-Z][a-z]{2,20}s)\s(?:next door|across the road|upstairs|downstairs|"
    r"over the road|down the road|two doors down)\b"
)
# Where a worker fell or was hurt, said after the accident: "falling from a ladder at Network
# Rail", "crushed by a pallet at Amazon".
_ACCIDENT_AT_FULL: Final = re.compile(
    r"\b(?:fell|falling|fall|fallen|crushed|injured|hurt|trapped)\s(?:from|off|by|under|in)\s"
    r"(?:a|an|the)\s[a-z]{3,15}\sat\s(?P<name>[A-Z][\w&'\u2019-]{1,20}(?:[\s-][A-Z][\w&'\u2019-]{1,20}){0,3})"
)
# "at" before a capital first, the verb of the accident tried in the 36 characters before.
ACCIDENT_AT: Final = ByKeyword(_ACCIDENT_AT_FULL, r"at\s[A-Z]", 36, "[fchit]")
# Service in a military unit or a body: "served in Unit 8200", "serving with 2 Para".
SERVED_IN: Final = re.compile(
    r"\bserv(?:ed|es|ing)\s(?:in|with)\s(?:the\s)?"
    r"(?P<name>[A-Z0-9][\w-]{0,20}(?:\s(?:[A-Z0-9][\w-]{0,20}|of|the)){0,4})"
)
# A number on a unit's register: "CTC register MAL-0417", "register no. TB/112".
REGISTER_NUMBER: Final = re.compile(
    r"\b[Rr]egister(?:\s(?:no\.?|number))?\s(?P<value>[A-Z]{2,5}[-/]\d{3,6})\b"
)
# A plate after a possessive and the vehicle's make or model: "their Probox KDA 512Q".
OWNED_VEHICLE: Final = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{1,2}\s?\d{2,4}\s?[A-Z]{0,3}\b")
OWNER_BEFORE: Final = re.compile(
    r"\b(?:his|her|their|my|our|the family's)\s[A-Z][\w-]{2,15}(?:\s[A-Z0-9][\w-]{0,15})?\s$"
)
# "ID NX84KF2R1 (passport)": a passport or document number with its digits spread out.
DOCUMENT_NUMBER: Final = anchored(  # its first letters scanned for (anchored.py)
    r"(?=[PpIDd])(?:[Pp](?<![\w][Pp])assport(?: [Nn]o\.?)?|I(?<![\w]I)D|"
    r"[Dd](?<![\w][Dd])ocument [Nn]o\.?)"
    r"\s(?P<value>(?=[A-Z\d]{6,12}\b)"
    r"(?=(?:[A-Z]*\d){4})(?=\d*[A-Z])[A-Z\d]{6,12})\b"
)
# A description only one person fits, in shapes the list of them did not hold: "the paramount
# chief of ...", "the last commercial sugar-cane burner on the island", "a steelpan tuner for
# half the bands in South".
UNIQUE_ROLE: Final = re.compile(
    r"\b(?:is|was|as)\s(?:the|a)\s(?:(?:paramount|head|village|traditional|clan|tribal)\s)?"
    r"(?:chief|chieftain|headman|elder|king|queen|oba|emir|sultan|imam|rabbi|bishop|priest)"
    r"\sof\s[^.;\n]{3,60}"
)
UNIQUE_RANK: Final = re.compile(
    r"the\s(?:last|first|only|sole)\s(?:[a-z-]{3,20}\s){0,3}[a-z-]{3,20}"
    r"\s(?:on|in|of|at|for)\s(?:the\s)?(?:island|village|town|valley|peninsula|county|"
    r"district|parish|coast|region|state|country|reserve|[A-Z][a-z]{2,20})[^.;\n]{0,40}"
)
UNIQUE_SHARE: Final = re.compile(
    r"for\s(?:half|most|all|every one)\s(?:of\s)?the\s[a-z]{3,15}\sin\s[A-Z][a-z]{2,20}"
)
# "the sole of the foot": the body part, not "the sole ... of".
SOLE_OF_FOOT: Final = re.compile(
    r"\bsole(?:s)?\sof\s(?:the|his|her|their|both|each)\s(?:foot|feet)\b"
)


def _is_common(word: str) -> bool:
    return word.lower() in lexicon().common_words


_HOME_HINTS: Final = (
    "home community", "home village", "home town", "hometown", "home island", "community of",
    "reserve of", "lives up", "lives down", "lives out", "living up", "lived up",
)  # fmt: skip
_CLUB_HINTS: Final = (
    "hurler", "footballer", "player ", "keeper ", "striker", "winger", "prop ", "hooker",
    "forward ", "captain ", "rower", "netballer", "cricketer", "bowler", "netball for",
    "netball with", "rugby for", "league for", "union for", "hockey for", "football for",
    "soccer for", "cricket for", "basketball for", "volleyball for", "polo for",
)  # fmt: skip
# "plays netball for X": opens on a literal, so the engine skips quickly to it.
_PLAYS_FOR: Final = re.compile(r"plays [a-z]{3,12} (?:for|with) [A-Z]")
_ACCIDENT_HINTS: Final = (
    "fell ",
    "falling ",
    "fall ",
    "fallen ",
    "crushed ",
    "injured ",
    "hurt ",
    "trapped ",
)
_ROLE_HINTS: Final = (
    "chief of", "chieftain of", "headman of", "elder of", "king of", "queen of", "oba of",
    "emir of", "sultan of", "imam of", "rabbi of", "bishop of", "priest of",
)  # fmt: skip
_NEIGHBOUR_HINTS: Final = (
    "next door", "across the road", "upstairs", "downstairs", "over the road", "down the road",
    "two doors down",
)  # fmt: skip
_EMPLOYER_HINTS: Final = (
    "employer",
    "employed by",
    "company was",
    "company is",
    "company:",
    "company -",
)
_SETTLEMENT_HINTS: Final = (
    "Village",
    "Colony",
    "Settlement",
    "Estate",
    "Camp",
    "Township",
    "Compound",
    "Line",
)
_UNIT_HINTS: Final = (
    "firefighter",
    "fireman",
    "medic ",
    "officer ",
    "constable",
    "soldier",
    "sapper",
    "crew ",
)
_RANK_HINTS: Final = ("the last ", "the first ", "the only ", "the sole ")
_SHARE_HINTS: Final = ("for half", "for most", "for all the", "for every one")


def _any(low: str, hints: tuple[str, ...]) -> bool:
    return any(hint in low for hint in hints)


def find_posts(text: str, low: str, found: list[Finding]) -> None:
    """Add what the patterns above find; ``low`` is ``text`` in lower case, same length."""
    lex = lexicon()
    for m in MONTH_ALONE.finditer(text):
        if MONTH_PLACED.search(text, max(m.start() - 8, 0), m.start()) or (
            # "missed the August dose", "at the June review": a month naming one event
            text.endswith("the ", 0, m.start()) and MONTH_EVENT.match(text, m.end())
        ):
            _add(found, m.start(), m.end(), "DATE", text)
    for m in LOCAL_HOLIDAY_END.finditer(text):
        before = LOCAL_HOLIDAY.search(text, max(m.start() - 45, 0), m.start())
        if re.match(r"\s\d", text[m.end() : m.end() + 2]):
            continue  # "on Study Day 5": a count of days
        if before and before.group("day").split()[0] not in ("Day", "Every", "The", "This"):
            _add(found, before.start("day"), m.end(), "DATE", text)
    for m in AGE_NOUN_NAME.finditer(text) if _AGE_NOUN_GATE.search(text) else ():
        word = m.group("name")
        if word.lower() not in lex.common_words and word.lower() not in CALENDAR:
            _add(found, m.start("name"), m.end("name"), "NAME", text)
    opening = LOWER_NAME_START.match(text)
    for m in (*([opening] if opening else []), *LOWER_NAME_AGE.finditer(text)):
        words = m.group("name").split()
        core = [w for w in words if w not in PARTICLES]
        if len(core) < 2 or any(w in lex.common_words or w in lex.word_names for w in core):
            continue
        named = any(w in lex.first_names or w in lex.last_names for w in core)
        heading = m.group(0)[:1] in ":\n" or m.start() == 0
        if named or heading:
            _add(found, m.start("name"), m.end("name"), "NAME", text)
    for m in HOSPITAL_INITIALS.finditer(text):
        if m.group(0) not in _CLINICAL_INITIALS and HOSPITAL_CUE.search(
            text, max(m.start() - 30, 0), m.start()
        ):
            _add(found, m.start(), m.end(), "GEO", text)
    for pattern, hinted in (
        (CLUB, _any(low, _CLUB_HINTS) or _PLAYS_FOR.search(text)),
        (HOME, _any(low, _HOME_HINTS)),
        (FROM_SENTENCE, "From " in text),
    ):
        for m in pattern.finditer(text) if hinted else ():
            if pattern is FROM_SENTENCE and text[max(m.start() - 2, 0) : m.start()].strip() not in (
                "",
                ".",
                "!",
                "?",
            ):
                continue  # "From Penal." is a sentence of its own
            name = m.group("name")
            if (
                name.lower() in lex.large_places
                or name.lower() in CALENDAR
                or name in ("Here", "There", "Home", "Today", "Now")
                or eponym_after(text, m.end("name"))
            ):
                continue
            _add(found, m.start("name"), m.end("name"), "GEO", text)
    for m in NUMBERED_ROAD.finditer(text):
        _add(found, m.start(), m.end(), "GEO", text)
    for m in NUMBERED_SETTLEMENT.finditer(text) if _any(text, _SETTLEMENT_HINTS) else ():
        _add(found, m.start(), m.end(), "GEO", text)
    for noun in WORKPLACE_NOUN.finditer(text):
        employer = EMPLOYER_BEFORE_WORKPLACE.search(text, max(noun.start() - 90, 0), noun.start())
        if not employer:
            continue
        name = employer.group("name")
        first = name.split()[0]
        if first in ("The", "A", "An", "His", "Her", "Their", "Our", "My") or eponym_after(
            text, employer.end("name")
        ):
            continue
        preceding = text[max(employer.start() - 2, 0) : employer.start()].strip()
        opens_sentence = preceding in (".", "!", "?", ":", "")
        if opens_sentence and all(_is_common(w) for w in name.split()):
            continue  # "Night shift team", "Home team" opening a sentence
        if all(section_word(w) or (w.isupper() and len(w) <= 4) for w in name.split()):
            continue  # "with the Stroke team", "the ICU team": a department, not an employer
        if EMPLOYER_CUE_BEFORE.search(text, max(employer.start() - 30, 0), employer.start()):
            _add(found, employer.start("name"), employer.end("name"), "EMPLOYER", text)
    for employer_pattern, hinted in (
        (EMPLOYER_SAID, _any(low, _EMPLOYER_HINTS)),
        (EMPLOYER_UNIT, _any(low, _UNIT_HINTS)),
    ):
        for m in employer_pattern.finditer(text) if hinted else ():
            _add(found, m.start("name"), m.end("name"), "EMPLOYER", text)
    for m in OWNED_VEHICLE.finditer(text):
        plate = m.group(0)
        if (
            any(ch.isdigit() for ch in plate)
            and any(ch.isalpha() for ch in plate)
            and OWNER_BEFORE.search(text, max(m.start() - 45, 0), m.start())
        ):
            _add(found, m.start(), m.end(), "VEHICLE", text)
    hinted = "passport" in low or "ID " in text or "document no" in low
    for m in DOCUMENT_NUMBER.finditer(text) if hinted else ():
        _add(found, m.start("value"), m.end("value"), "OTHER_ID", text)
    for pattern, hinted in (
        (UNIQUE_ROLE, _any(low, _ROLE_HINTS)),
        (UNIQUE_RANK, _any(low, _RANK_HINTS)),
        (UNIQUE_SHARE, _any(low, _SHARE_HINTS)),
    ):
        for m in pattern.finditer(text) if hinted else ():
            if not SOLE_OF_FOOT.search(text, m.start(), m.end()):
                _add(found, m.start(), m.end(), "UNIQUE", text)
    for m in POSSESSIVE_VENUE.finditer(text) if "'s" in text or "\u2019s" in text else ():
        word = m.group("name")[:-2]
        if not POSSESSIVE_VENUE_BEFORE.search(text, max(m.start() - 10, 0), m.start()):
            continue
        if _BOOK_CUE.search(text, max(m.start() - 16, 0), m.start("name")):
            continue  # "According to Davidson's, ...": a textbook
        if not eponym_after(text, m.end("name")) and word.lower() not in lex.common_words:
            _add(found, m.start("name"), m.end("name"), "GEO", text)
    for m in FAMILY_PLURAL.finditer(text) if _any(low, _NEIGHBOUR_HINTS) else ():
        _add(found, m.start("name"), m.end("name"), "NAME", text)
    for pattern, hinted in (
        (ACCIDENT_AT, _any(low, _ACCIDENT_HINTS)),
        (SERVED_IN, "served " in low or "serving " in low or "serves " in low),
    ):
        for m in pattern.finditer(text) if hinted else ():
            if m.group("name").lower() not in lex.large_places:
                _add(found, m.start("name"), m.end("name"), "EMPLOYER", text)
    for m in REGISTER_NUMBER.finditer(text) if "egister" in text else ():
        _add(found, m.start("value"), m.end("value"), "OTHER_ID", text)
    for m in CANADIAN_POSTCODE.finditer(text):
        _add(found, m.start(), m.end(), "ZIP", text)
    for f in [f for f in found if f.kind == "GEO"]:
        code = CODE_AFTER_PLACE.match(text, f.end)
        if code and not (
            code.group("code").startswith(("19", "20")) and len(code.group("code")) == 4
        ):
            _add(found, code.start("code"), code.end("code"), "ZIP", text)
    _find_names_again(text, low, found)


_PLAIN_WORD: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _find_names_again(text: str, low: str, found: list[Finding]) -> None:
    """A part of a full name found in this text, written again alone: "Marek Horváth ... for
    Marek's lesions", "halima yusuf ... creatinine for halima"."""
    lex = lexicon()
    # In order of first appearance (a set's order changes with the process's hash seed, and
    # only the first 24 are looked for again).
    parts: dict[str, None] = {}
    for f in found:
        if f.kind != "NAME" or " " not in f.text:
            continue
        for w in f.text.split():
            w = w.removesuffix("'s").removesuffix("\u2019s").strip(".,")
            part = w.lower()
            if (
                len(w) >= 3
                and _PLAIN_WORD.fullmatch(w)
                and part not in lex.common_words
                and part not in lex.word_names
                and part not in CALENDAR
                and part not in PARTICLES
                and (w[0].isupper() or w.islower())
            ):
                parts[w if w[0].isupper() else part] = None
    named = {f.start for f in found if f.kind == "NAME"}
    for part in list(parts)[:24]:
        # A name written with a capital is found again with its capital ("Una" is no "una");
        # one written in lower case, in either case.
        haystack = low if part.islower() else text
        at = haystack.find(part)
        while at >= 0:
            end = at + len(part)
            before = text[at - 1 : at] if at else ""
            after = text[end : end + 1]
            if (
                at not in named
                and not (before.isalnum() or before in "-'\u2019")
                and not (after.isalnum() or after == "-")
                and not eponym_after(text, end)
                and not citation(text, at, end)
            ):
                _add(found, at, end, "NAME", text)
            at = haystack.find(part, end)
