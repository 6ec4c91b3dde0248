"""Dates by feasts and national days round 18's list lacks, and dates written in a shape of
their own (round 19).

Clinicians of every country place the key event on the day their family keeps: a saint's or
a name day of the Orthodox calendar ("on Vidovdan", "on Yordanovden"), a harvest or a
remembrance of Africa and Asia ("on Homowo weekend", "the night of Chhath", "on Kwibohora"),
a civic day ("on Martyrs' Day", "since Regatta Day", "the King's Birthday holiday"), a feast
of the Church by its title ("on the Feast of the Assumption"), a month of the Nepali calendar
written first ("Mangsir 3"), the first days of Tết ("mùng 2 Tết"), a Roman month
("12.iii.1944") or a Spanish month after "de" ("9 de agosto"). As in ``feast_days``, a feast
is a date only where a word places an event on it; here the gathering of the feast is part
of the day ("after the Giorgoba feast", "at the Old New Year gathering"), and a feast that is
also a town ("San Juan") counts only after "on", "since", "before", "after" or "until".

Each feast's first word is looked up in the set of the text's words (``word_set``); only the
places of those found are matched.
"""

from __future__ import annotations

import re

from cases.deidentify.feast_days import _PLACED
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import normal, places_of, words_of
from cases.deidentify.word_trie import word_trie

# One feast a line-part, separated by ";" (lower case, as written in English or the language
# of the place; the apostrophe may be missing).
_MORE = """
navruz; nauryz; nawroz; newroz; nevruz; sizdah bedar; chaharshanbe suri; mehregan;
ashura; ashoura; achoura; arbaeen; mawlid; mouloud; maulid; milad; eid milad; mawlid an-nabi;
laylat al-qadr; shab-e-barat; shab-e-qadr; isra miraj; tabaski; korité; tamkharit; magal;
bayram; kurban bayram; şeker bayram\u0131; ramazan bayram\u0131; yennayer;
chhath; chhath puja; thiruvonam; karthigai deepam; janmashtami; ram navami; shivaratri;
maha shivaratri; guru purnima; bihu; bohag bihu; kali puja; lakshmi puja; bhai dooj; bhai tika;
gai jatra; indra jatra; buddha jayanti; buddha purnima; losar; maghe sankranti; chaitra dashain;
eid ul-azha; eid ul-adha day; bakri eid; choti eid; bari eid; thaipusam; thai pongal;
vidovdan; đurđevdan; djurdjevdan; durdevdan; nikoljdan; mitrovdan; petrovdan; ivanjdan;
krsna slava; slava; badnji dan; badnjak; božić; bozic; yordanovden; ivanovden; gergyovden;
dimitrovden; nikulden; todorovden; trifon zarezan; baba marta; giorgoba; mtskhetoba;
tbilisoba; svetitskhoveloba; mariamoba; old new year; maslenitsa; ivan kupala; kupala night;
radonitsa; pokrova; vappu; valborg; sankt hans; st john's eve; st john's day; jāņi; jani;
homowo; odwira; aboakyere; hogbetsotso; eyo festival; argungu; irreecha; fasika; genna;
ashenda; buhe; kwibohora; umuganura; kamuzu day; chilembwe day; moi day; utamaduni day;
nane nane; saba saba; karume day; heroes' day; martyrs' day; martyrs day; unity day;
liberation day; victory day; reconciliation day; human rights day; workers' day;
women's day; international women's day; teachers' day; flag day; emancipation day;
discovery day; national heroes day; revolution day; army day; armistice day;
remembrance day; remembrance sunday; commonwealth day; family day; civic holiday;
heritage day; constitution day; africa day; mandela day; kenyatta day;
victoria day; presidents' day; presidents day; martin luther king day; mlk day; juneteenth;
columbus day; indigenous peoples' day; cinco de mayo; fiestas patrias; dieciocho; el grito;
inti raymi; día de la madre; dia de la madre; día del padre; día de la independencia;
día de la raza; día de muertos; dia de muertos; la purísima; la griteria; noche buena;
nochebuena; noche vieja; nochevieja; simbang gabi; sinulog; ati-atihan; pahiyas;
flores de mayo; santo niño; undas; san juan; san pedro; san fermín; sant joan; sant jordi;
la mercè; fallas; fête nationale; saint-jean-baptiste; la saint-jean; fête des rois;
fèt gede; kanaval; jouvert; crop over; junkanoo; regatta day; tartan day;
king's birthday; queen's birthday; kings birthday; queens birthday; white sunday;
lotu tamaiti; teuila; tonga day; kiribati day; flag raising day;
assumption day; ascension day; pentecost; whitsun; whit monday; corpus christi; candlemas;
shrove tuesday; pancake day; ash wednesday; palm sunday; maundy thursday; holy thursday;
holy saturday; all souls; all souls' day; st nicholas day; saint nicholas day;
st lucia's day; santa lucia; st andrew's day; st david's day; st george's day;
dragon boat festival; duanwu; double ninth; chongyang; lantern festival; yuanxiao; qixi;
ghost festival; hungry ghost festival; dano; hangul day; dongzhi; setsubun; tanabata;
shichi-go-san; oshogatsu; shogatsu; hinamatsuri; kodomo no hi; respect for the aged day;
loy krathong; boun pi mai; pchum ben; khmer new year; thadingyut; hari raya puasa;
hari raya haji; wesak; gawai; kaamatan; nyepi; galungan; kuningan; imlek; waisak;
tết trung thu; tet trung thu; tết nguyên đán; tet nguyen dan
"""
_FEASTS = tuple(f for f in (" ".join(p.split()) for p in _MORE.split(";")) if f)
# Feasts that are also places or common words: a date only after a word that places an event
# in time, never after "to", "from", "at" or "in".
_ALSO_PLACES = frozenset(
    "san juan|san pedro|sant joan|slava|milad|jani|dano|genna|buhe|magal|bayram|undas".split("|")
)
_CAPITAL_ONLY = frozenset(("slava", "jani", "dano", "genna", "buhe", "magal", "milad", "undas"))
_STRICTLY_PLACED = re.compile(r"\b(?:on|since|before|after|until|till)\s$")
_PARTS = (
    r"(?:\s(?:long\s)?weekend|\s(?:night|eve|day|morning|evening|afternoon)"
    r"|\s(?:feast|gathering|holiday|celebrations?|festivities|festival|fair))?"
)
_FEAST = re.compile(rf"{word_trie(_FEASTS)}(?![-'\u2019\w]){_PARTS}")
_FIRST_WORDS = frozenset(normal(feast).split()[0] for feast in _FEASTS)
# "is", "was", "season": a feast as a topic ("Navruz is a spring feast"), as in feast_days.
_TOPIC_AFTER = re.compile(r"\s(?:is|are|was|were|season|traffic|burns?|injur(?:y|ies))\b")

# "on the Feast of the Assumption", "the feast of St Anne", "the feast of San Roque".
_FEAST_OF = re.compile(
    r"[Ff]east of (?:the |[Ss]t\.? |[Ss]aint |San |Santa |Santo |São |Our )?"
    r"[A-Z][^\W\d_]{2,20}(?: (?:of |the |de |la )?[A-Z][^\W\d_]{2,20}){0,3}"
)
# A month of the Nepali (Bikram Sambat) calendar written first: "discharged on Mangsir 3".
_NEPALI_MONTHS = frozenset(
    """baisakh baishakh jestha jeth asar asadh ashadh shrawan saun bhadra bhadau asoj ashwin
    kartik mangsir poush magh falgun fagun chaitra chait""".split()
)
_MONTH_FIRST = re.compile(r"[A-Z][a-z]{2,9} (?:[1-9]|[12]\d|3[0-2])\b(?![.,:/]\d)")
# The first days of the Vietnamese new year: "mùng 1 Tết", "mồng hai Tết".
_TET_DAY = re.compile(
    r"(?i:m[ùồo]ng|m[uo]ng)\s(?:[1-9]|10|một|hai|ba|bốn|năm|sáu|bảy|tám)\s(?i:t[ếe]t)\b"
)
# A date with a Roman month ("12.iii.1944", "3/XI/87", "21 vi 2019").
_ROMAN_DATE = re.compile(
    r"\b(?:[1-9]|[12]\d|3[01])(?P<sep>[./-])(?P<m>(?i:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i))"
    r"(?P=sep)(?:19|20)?\d{2}\b"
)
# A Spanish or Portuguese day and month: "presented on 26 de julio", "el 3 de março".
_DE_MONTH = re.compile(
    r"\b(?:[1-9]|[12]\d|3[01])\sde\s(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|"
    r"julho|setembro|outubro|novembro|dezembro)\b"
)
_DE_MONTH_WORDS = frozenset(
    """enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre janeiro fevereiro março maio junho julho setembro outubro novembro
    dezembro""".split()
)
# "the Twelfth" of July (the marching day) with its capital, standing alone.
_TWELFTH = re.compile(r"\b[Tt]he (?:Glorious )?Twelfth(?=\s?[(,.;:)])")
_ROMAN_MONTHS = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())
# Its separators around a Roman month: a pattern opening on a set the engine skips to.
_ROMAN_HINT = re.compile(r"[./-][ivxIVX]{1,4}[./-]")


def _word_places(low: str, head: str):
    """Where ``head`` stands as a word; a short head ("st", "la", "old") is looked for with
    the space before it, not at each of its hundreds of places inside other words."""
    if len(head) > 3:
        yield from places_of(low, head)
        return
    at = low.find(" " + head + " ")
    while at >= 0:
        yield at + 1
        at = low.find(" " + head + " ", at + 1)


def find_more_feast_days(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for head in _FIRST_WORDS & words:
        for start in _word_places(low, head):
            m = _FEAST.match(low, start)
            if not m or _TOPIC_AFTER.match(low, m.end()):
                continue
            feast = " ".join(low[start : m.end()].split()[: len(head.split())])
            if feast in _CAPITAL_ONLY and not text[start].isupper():
                continue
            before = low[max(start - 24, 0) : start]
            strict = any(low.startswith(p, start) for p in _ALSO_PLACES)
            if (_STRICTLY_PLACED if strict else _PLACED).search(before):
                _add(found, start, m.end(), "DATE", text)
    if "feast" in words:
        for at in places_of(low, "feast of"):
            m = _FEAST_OF.match(text, at)
            if m and _PLACED.search(low, max(at - 28, 0), at):
                start = at - 4 if low[max(at - 4, 0) : at] == "the " else at
                _add(found, start, m.end(), "DATE", text)
    for month in _NEPALI_MONTHS & words:
        for at in places_of(low, month):
            if (m := _MONTH_FIRST.match(text, at)) and _PLACED.search(low, max(at - 16, 0), at):
                _add(found, at, m.end(), "DATE", text)
    if "tết" in words or "tet" in words:
        for m in _TET_DAY.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
    if _ROMAN_MONTHS & words and _ROMAN_HINT.search(text):
        for m in _ROMAN_DATE.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
    if "twelfth" in words:
        for m in _TWELFTH.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
    if "de" in words and _DE_MONTH_WORDS & words:
        for m in _DE_MONTH.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
