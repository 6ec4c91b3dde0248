"""Names found by how colleagues address and point to each other in chat (round 23).

Replies between clinicals of South and South-East Asia, Africa and the Middle East name a
colleague or a patient once, often in lower case, in a slot of address no ordinary word fills:
- a name before an honorific of its culture: "selvam sir", "karthik anna", "debu da", "ravi
  bhai", "priya ji", "maryam jan" (Tamil, Bengali, Hindi, Persian terms of respect);
- a lower-case title before a name: "doc bea", "mas agus", "khun nok", "kuya jun";
- the one a reply answers, opening a line: "yes kojo the ...", "thanks ronald";
- a colleague placed in a workplace or a team: "huong at our clinic sees ...", "ask ronald on
  neuro side", "ring chidi at the lab";
- a capitalised first name before a staff role in brackets: "Patience (midwife in charge)",
  "Will (surgical reg) agrees": a first name that is an ordinary word too, which the name
  judge leaves alone, named by the role after it.

The lower-case name is a known first name that is no ordinary word, or (after an honorific or
a lower-case title) a word no list knows. Kept quiet: "yes sir", "thanks da", "ok bro" (an
ordinary word before the honorific), "yes will do", "ask around at", "Review (nurse-led)",
"Plan (consultant) agreed" (no first name before the role). Every rule looks its cue up in the
text's word set first.

Handles ("@ama") are left to the core pattern (``patterns.HANDLE``) and the quiet passes after
it: a finder here, after those passes, flagged the forum's own mentions of members that they
let through ("@suspended.", tests/security/test_access_matrix.py).
"""

from __future__ import annotations

import re
from typing import Final

from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.lexicon import lexicon
from cases.deidentify.medical_words import EPONYMS, medical_word
from cases.deidentify.medicine_names import _drug_word as drug_word
from cases.deidentify.word_set import places_of, words_of

_LOWER: Final = r"[a-zà-ÿ][a-zà-ÿ'\u2019]{1,15}"
# Honorifics after a name: respect, kinship used of colleagues, Persian "jan".
_AFTER: Final = frozenset(
    """sir anna da dada didi jan joon bhai bhaiya bhaia ji akka chechi chetta chettan
    thambi sahib saab sb madam mam apa baji bhaji garu""".split()
)
# Short ones that are words of other languages too ("doença da", "Bagh-e jan"): a word no
# list knows counts before them only where it opens a sentence or a line.
_SHORT_AFTER: Final = frozenset("da jan joon ji sb mam apa".split())
_OPENS: Final = re.compile(r"(?:^|[.!?\n]\s*)$")
_NAME_BEFORE: Final = re.compile(rf"(?<![\w'\u2019-])(?P<name>{_LOWER})\s$")
# Titles typed in lower case before a name: "doc", Javanese "mas"/"mbak", Thai "khun",
# Filipino "kuya", Malay "kak"/"abang"/"cik", Arabic "ustaz", Indonesian "pak"/"bu".
_BEFORE: Final = frozenset("doc mas mbak khun kuya kak abang cik ustaz ustazah pak bu".split())
# Short ones that are words of other languages too (Portuguese "mas", "bu"): a first name only.
_SHORT_BEFORE: Final = frozenset("mas kak cik pak bu".split())
_NAME_AFTER: Final = re.compile(rf"\s(?P<name>{_LOWER})(?![\w'\u2019-])")
# The one a reply answers: the opening of a line, a word of reply, then the name.
_REPLY: Final = re.compile(
    rf"(?:yes|yeah|yep|yup|no|thanks|thank\syou|thx|ty|hi|hello|hey|sorry|ok|okay|agree|"
    rf"agreed|congrats|salamat|shukran|asante|cheers|dear)[,!]?\s(?P<name>{_LOWER})"
    r"(?![\w'\u2019-])"
)
_REPLY_OPENINGS: Final = ("yes", "yeah", "yep", "yup", "no", "thanks", "thank", "thx", "ty", "hi",
                   "hello", "hey", "sorry", "ok", "okay", "agree", "agreed", "congrats",
                   "salamat", "shukran", "asante", "cheers", "dear")  # fmt: skip
# A colleague placed in a workplace: "huong at our clinic", "ronald on neuro side", where the
# name opens a sentence or follows a verb of reaching someone ("old gent on ward 7" has none).
_PLACED: Final = re.compile(
    rf"(?P<name>{_LOWER})\s(?:at|on|in|from)\s(?:(?:our|the|their|your)\s)?(?:[a-z-]{{2,14}}\s)?"
    r"(?:clinic|ward|unit|lab|team|side|department|dept|institute|hospital|practice|surgery|"
    r"centre|center|office|pharmacy|theatre|theatres|icu|ed|er|opd)\b"
)
# A staff role opening a bracket after a capitalised first name: "Patience (midwife in charge)".
_REACHED: Final = re.compile(
    r"(?:^|[.!?\n]\s*|\b(?:ask|asked|ring|rang|call|called|phone|text|ping|tell)\s)$"
)
_ROLE_PAREN: Final = re.compile(
    r"(?P<name>[A-Z][a-z]{2,14})\s\((?:[a-z]{3,12}\s){0,2}"
    r"(?:midwife|nurse|sister|matron|reg|registrar|consultant|sho|intern|houseman|resident|"
    r"fellow|physio|physiotherapist|pharmacist|anaesthetist|anesthetist|surgeon|gp|doctor|"
    r"cns|hca|porter|radiographer|sonographer|dietitian|therapist|paramedic|officer|"
    r"attending|chw|hew|lhw|asha)\b"
)
_WORKPLACES: Final = frozenset(
    """clinic ward unit lab team side department dept institute hospital practice surgery
    centre center office pharmacy theatre theatres icu ed er opd""".split()
)
_ROLE_HINT: Final = frozenset(
    """midwife nurse sister matron reg registrar consultant sho intern houseman resident
    fellow physio physiotherapist pharmacist anaesthetist anesthetist surgeon gp doctor cns
    hca porter radiographer sonographer dietitian therapist paramedic officer attending chw
    hew lhw asha""".split()
)


def find_addressed_names(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    lex = lexicon()

    def first_name(word: str) -> bool:
        return (
            word.islower()
            and len(word) >= 3
            and word in lex.first_names
            and word not in lex.common_words
            and word not in EPONYMS
        )

    def unlisted(word: str) -> bool:
        return (
            word.islower()
            and len(word) >= 4
            and word not in lex.common_words
            and word not in lex.towns
            and not medical_word(word)
            and not drug_word(word)
            and word not in EPONYMS
        )

    def add(m: re.Match) -> None:
        _add(found, m.start("name"), m.end("name"), "NAME", text)

    for cue in _AFTER & words:
        for at in places_of(text, cue):
            end = at + len(cue)
            if end < len(text) and (text[end].isalnum() or text[end] in "-'\u2019"):
                continue
            m = _NAME_BEFORE.search(text, max(at - 18, 0), at)
            if not m or not (first_name(m.group("name")) or unlisted(m.group("name"))):
                continue
            opens = _OPENS.search(text, max(m.start() - 3, 0), m.start())
            if cue not in _SHORT_AFTER or first_name(m.group("name")) or opens:
                add(m)
    for cue in _BEFORE & words:
        for at in places_of(text, cue):
            m = _NAME_AFTER.match(text, at + len(cue))
            name = m.group("name") if m else ""
            if m and (first_name(name) or (cue not in _SHORT_BEFORE and unlisted(name))):
                add(m)
    openings = [w for w in _REPLY_OPENINGS if w in words]
    line = 0 if openings else -1
    while line >= 0:  # the opening of the text and of each line
        head = low[line : line + 12]
        if any(head.startswith(w) for w in openings):
            m = _REPLY.match(low, line)
            if m and first_name(text[m.start("name") : m.end("name")]):
                add(m)
        line = text.find("\n", line) + 1 or -1
    _placed(text, low, words, first_name, add)
    if "(" in text and _ROLE_HINT & words:
        for at in places_of(text, "("):
            m = _ROLE_PAREN.search(text, max(at - 16, 0), at + 40)
            name = m.group("name").lower() if m else ""
            if m and name in lex.first_names and not medical_word(name):
                add(m)


def _placed(text: str, low: str, words: frozenset[str], first_name, add) -> None:
    """A first name before a workplace ("huong at our clinic"), or after a verb of reaching
    someone ("ask ronald on neuro side")."""
    if not _WORKPLACES & words:
        return
    for prep in (" at ", " on ", " in ", " from "):
        at = low.find(prep)
        while at >= 0:
            m = _NAME_BEFORE.search(text, max(at - 17, 0), at + 1)
            if m:
                p = _PLACED.match(low, m.start("name"))
                name = text[m.start("name") : m.end("name")]
                opens = _REACHED.search(low, max(m.start() - 8, 0), m.start())
                if p and opens and first_name(name):
                    add(m)
            at = low.find(prep, at + 1)
