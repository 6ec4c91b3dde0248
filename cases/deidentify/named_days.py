"""Dates said by a named day: a feast, a festival, a national or civic day of any calendar.

Clinicians date the key event of a case by the day their family keeps, in any case and often
by initials: "admitted at midsommar", "on Divali night", "before CNY", "on Sallah day", "over
the Easter long weekend", "two days before Wigilia", "on Vidovdan", "after the Giorgoba feast",
"since Regatta Day". Each names one day of the patient's year as surely as a calendar date.
One list holds them all (about 430 days of many calendars and languages, in lower case) and
one rule reads them:

- a named day is a date only where a word places an event on it ("on", "at the", "over the",
  "before", "since", "during", "the evening of", "("): "Easter Island", "Christmas tree",
  "Diwali burns are common" and "Navruz is a spring feast" are no dates (what follows a name
  when it is a thing or a topic is in ``_NOT_A_DAY``);
- a part of the day or of its holiday is still that day ("night", "long weekend", "feast",
  "gathering");
- a lone name that is also an ordinary word ("tet", "holi", "eid", "slava") counts only with
  its capital, and a day that is also a place ("San Juan", "Slava") only after "on", "since",
  "before", "after" or "until";
- a day whose name says it is one ("Boxing Day", "Anzac Day", "Good Friday") needs no placing
  word (``HOLIDAY``, read with the calendar dates so it takes part in "Day +n").

Months of other calendars and seasons of a month are in ``other_calendars.py``. The first
word of each name is looked up in the set of the text's words (``word_set``); only the
places of those found are matched, and the placing words are read in a window before each.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from cases.deidentify.anchored import anchored
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add
from cases.deidentify.word_set import normal, words_of
from cases.deidentify.word_trie import word_trie

# Holidays whose name says they are one day: a date wherever they stand.
HOLIDAY: Final = anchored(
    r"(?=[CBNETHVGMFRSALIWPKDJYQ])\b(?:(?:Christmas|Boxing|New Year'?s|Easter|Thanksgiving|"
    r"Hallowe'?en|Valentine'?s|Mother'?s|Father'?s|St\.? Patrick'?s|St\.? Andrew'?s|"
    r"St\.? David'?s|Armistice|Remembrance)(?:\s(?:Day|Eve))"
    r"|Easter (?:Sunday|Monday|Saturday)|Good Friday|Holy Saturday|Ash Wednesday|"
    r"Shrove Tuesday|Remembrance Sunday|Mothering Sunday|Bonfire Night|Burns Night|Hogmanay|"
    r"Guy Fawkes Night|Christmas morning|Christmas night|"
    # National days of other countries, each one day of the year: "Anzac Day", "Canada Day".
    r"(?:Labou?r|Memorial|Canada|Australia|Anzac|ANZAC|Waitangi|Independence|Republic|"
    r"Victoria|Family|Presidents['\u2019]?|Veterans['\u2019]?|Columbus|Emancipation|"
    r"Heroes['\u2019]?|Martin Luther King(?:,? Jr\.?)?|MLK|Juneteenth|Freedom|Youth|"
    r"Discovery|Unity|Democracy|Kings?['\u2019]?|Queen['\u2019]?s Birthday|Rizal|Bonifacio|"
    r"National|Workers['\u2019]?|May)\sDay)\b(?:,?\s(?:19|20)\d{2})?"
)

# One named day a part, separated by ";", in lower case as written in English or the language
# of the place (the apostrophe may be missing); lines opening on "#" name a group.
_DAYS: Final = """
    # Christian and civic feasts of Europe, the Americas and Oceania
    easter; greek easter; orthodox easter; easter sunday; easter monday; good friday;
    holy week; semana santa; christmas; christmas eve; christmas day; xmas; boxing day;
    st stephen's day; new year; new year's; new year's eve; new year's day; nye;
    thanksgiving; halloween; hallowe'en; all saints; day of the dead; día de los muertos;
    dia de los muertos; epiphany; three kings day; día de reyes; carnival; carnaval;
    mardi gras; fasching; sinterklaas; wigilia; walpurgis; hogmanay; burns night;
    bonfire night; guy fawkes; st patrick's day; paddy's day; midsommar; midsummer;
    midsummer eve; juhannus; sankthans; jaanipäev; ligo; syttende mai; koningsdag;
    king's day; bastille day; anzac day; waitangi day; australia day; canada day;
    fourth of july; 4th of july; july 4th; labor day; labour day; memorial day;
    veterans day; independence day; republic day; national day; heroes day; freedom day;
    youth day; fiji day; jamhuri day; madaraka day; mashujaa day; mother's day;
    father's day; valentine's day; may day;
    # Jewish, Muslim and Persian feasts
    hanukkah; chanukah; passover; pesach; purim; rosh hashanah; yom kippur; sukkot;
    shavuot; eid; eid al-fitr; eid al-adha; eid ul-fitr; eid ul-adha; sallah; sallah day;
    small sallah; big sallah; hari raya; lebaran; bakrid; nowruz; norooz; novruz; yalda;
    # South Asian feasts
    diwali; divali; deepavali; holi; sankranti; makar sankranti; sankranthi; pongal;
    onam; vishu; ugadi; gudi padwa; baisakhi; vaisakhi; lohri; navratri; dussehra;
    durga puja; raksha bandhan; rakhi; ganesh chaturthi; karva chauth; dashain; tihar;
    teej; pohela boishakh; vesak; poya;
    # East and South-East Asian, African and Pacific feasts
    cny; chinese new year; lunar new year; spring festival; mid-autumn festival;
    mooncake festival; qingming; chuseok; seollal; tet; tết; songkran; thingyan; obon;
    golden week; naadam; tsagaan sar; timkat; meskel; enkutatash; kwanzaa; matariki;
    # Name days and slavas, harvests and remembrances, civic days, saints' days
    navruz; nauryz; nawroz; newroz; nevruz; sizdah bedar; chaharshanbe suri; mehregan;
    ashura; ashoura; achoura; arbaeen; mawlid; mouloud; maulid; milad; eid milad;
    mawlid an-nabi; laylat al-qadr; shab-e-barat; shab-e-qadr; isra miraj; tabaski;
    korité; tamkharit; magal; bayram; kurban bayram; şeker bayram\u0131; ramazan bayram\u0131;
    yennayer; chhath; chhath puja; thiruvonam; karthigai deepam; janmashtami; ram navami;
    shivaratri; maha shivaratri; guru purnima; bihu; bohag bihu; kali puja; lakshmi puja;
    bhai dooj; bhai tika; gai jatra; indra jatra; buddha jayanti; buddha purnima; losar;
    maghe sankranti; chaitra dashain; eid ul-azha; eid ul-adha day; bakri eid; choti eid;
    bari eid; thaipusam; thai pongal; vidovdan; đurđevdan; djurdjevdan; durdevdan;
    nikoljdan; mitrovdan; petrovdan; ivanjdan; krsna slava; slava; badnji dan; badnjak;
    božić; bozic; yordanovden; ivanovden; gergyovden; dimitrovden; nikulden; todorovden;
    trifon zarezan; baba marta; giorgoba; mtskhetoba; tbilisoba; svetitskhoveloba;
    mariamoba; old new year; maslenitsa; ivan kupala; kupala night; radonitsa; pokrova;
    vappu; valborg; sankt hans; st john's eve; st john's day; jāņi; jani; homowo; odwira;
    aboakyere; hogbetsotso; eyo festival; argungu; irreecha; fasika; genna; ashenda;
    buhe; kwibohora; umuganura; kamuzu day; chilembwe day; moi day; utamaduni day;
    nane nane; saba saba; karume day; heroes' day; martyrs' day; martyrs day; unity day;
    liberation day; victory day; reconciliation day; human rights day; workers' day;
    women's day; international women's day; teachers' day; flag day; emancipation day;
    discovery day; national heroes day; revolution day; army day; armistice day;
    remembrance day; remembrance sunday; commonwealth day; family day; civic holiday;
    heritage day; constitution day; africa day; mandela day; kenyatta day; victoria day;
    presidents' day; presidents day; martin luther king day; mlk day; juneteenth;
    columbus day; indigenous peoples' day; cinco de mayo; fiestas patrias; dieciocho;
    el grito; inti raymi; día de la madre; dia de la madre; día del padre;
    día de la independencia; día de la raza; día de muertos; dia de muertos; la purísima;
    la griteria; noche buena; nochebuena; noche vieja; nochevieja; simbang gabi; sinulog;
    ati-atihan; pahiyas; flores de mayo; santo niño; undas; san juan; san pedro;
    san fermín; sant joan; sant jordi; la mercè; fallas; fête nationale;
    saint-jean-baptiste; la saint-jean; fête des rois; fèt gede; kanaval; jouvert;
    crop over; junkanoo; regatta day; tartan day; king's birthday; queen's birthday;
    kings birthday; queens birthday; white sunday; lotu tamaiti; teuila; tonga day;
    kiribati day; flag raising day; assumption day; ascension day; pentecost; whitsun;
    whit monday; corpus christi; candlemas; shrove tuesday; pancake day; ash wednesday;
    palm sunday; maundy thursday; holy thursday; holy saturday; all souls;
    all souls' day; st nicholas day; saint nicholas day; st lucia's day; santa lucia;
    st andrew's day; st david's day; st george's day; dragon boat festival; duanwu;
    double ninth; chongyang; lantern festival; yuanxiao; qixi; ghost festival;
    hungry ghost festival; dano; hangul day; dongzhi; setsubun; tanabata; shichi-go-san;
    oshogatsu; shogatsu; hinamatsuri; kodomo no hi; respect for the aged day;
    loy krathong; boun pi mai; pchum ben; khmer new year; thadingyut; hari raya puasa;
    hari raya haji; wesak; gawai; kaamatan; nyepi; galungan; kuningan; imlek; waisak;
    tết trung thu; tet trung thu; tết nguyên đán; tet nguyen dan;
    # Written with a capital in most posts; in lower case several are ordinary words
    children's day; kings day; queen's day; name day; karneval; orthodox christmas;
    idul fitri; idul adha; hari raya aidilfitri; mid-autumn; festa junina; walpurgisnacht;
    walpurgis night; saint lucia; st lucia day; eid al fitr; eid al adha; eid ul fitr;
    eid ul adha; eid el fitr; eid el adha; eid el-fitr; eid el-adha; eid-al-fitr; eid-al-adha;
    eid-ul-fitr; eid-ul-adha; eid-el-fitr; eid-el-adha
    # Nordic and Baltic midsummers and seamen's days, carnival days of central Europe, the
    # Caribbean's Phagwah and arrival days, the Mapuche and Andean new years (round 20)
    midsommarafton; midsommardagen; midsummer's eve; juhannusaatto; jaanilaupäev;
    joninės; rasos; sankthansaften; sankt hans aften; jonsok; jonsokaften;
    sjómannadagurinn; sjomannadagurinn; sjómannadagur; sjømannsdagen; þjóðhátíð;
    thjodhatid; verslunarmannahelgi; sumardagurinn fyrsti; þorrablót; thorrablot;
    bolludagur; sprengidagur; öskudagur; valborgsmässoafton; tjugondag knut; luciadagen;
    lucia; grunnlovsdag; grundlovsdag; fastelavn; mortensaften; pikkujoulu;
    itsenäisyyspäivä; vappuaatto; užgavėnės; uzgavenes; kūčios; kucios; vėlinės; veline;
    kalėdos; velykos; jāņu vakars; līgo; mārtiņdiena; andrzejki; tłusty czwartek;
    tlusty czwartek; śmigus-dyngus; lany poniedziałek; wszystkich świętych; zaduszki;
    boże ciało; rosenmontag; weiberfastnacht; sankt martin; martinstag; nikolaustag;
    pakjesavond; luilak; phagwah; holika dahan; indian arrival day; arrival day;
    mashramani; kadooment; kadooment day; hosay; divali nagar; carnival monday; j'ouvert;
    we tripantu; wetripantu; wiñoy tripantu; wiñoy xipantu; machaq mara; willkakuti;
    qoyllur rit'i; anata; candelaria; fiesta de la candelaria; virgen de la candelaria;
    día de san juan; noche de san juan; sanjuanito; fiesta de quasimodo; jueves santo;
    viernes santo; sábado de gloria; domingo de ramos;
"""
_PARSED: Final = tuple(
    name
    for line in _DAYS.splitlines()
    if not line.lstrip().startswith("#")
    for name in (" ".join(part.split()) for part in line.split(";"))
    if name
)
# Each name with the typographic apostrophe too ("king\u2019s day").
NAMES: Final = tuple(sorted({*_PARSED, *(n.replace("'", "\u2019") for n in _PARSED)}))
# Lone names that are also ordinary words or the start of them in lower case.
_CAPITAL_ONLY: Final = frozenset(
    ("tet", "eid", "holi", "poya", "ligo", "teej", "onam", "obon", "nye", "slava", "jani",
     "dano", "genna", "buhe", "magal", "milad", "undas", "name day", "kings day", "queen's day",
     "children's day", "lucia", "rasos", "anata", "candelaria", "karneval")
)  # fmt: skip
# Days that are also places or common words: a date only after a word that places an event
# in time, never after "to", "from", "at" or "in".
_ALSO_PLACES: Final = frozenset(
    "san juan|san pedro|sant joan|slava|milad|jani|dano|genna|buhe|magal|bayram|undas|"
    "saint lucia".split("|")
)
# The day and what may follow its name as a part of it ("night", "long weekend", "feast").
_PARTS: Final = (
    r"(?:\s(?:long\s)?weekend|\s(?:night|eve|day|morning|evening|afternoon)"
    r"|\s(?:feast|gathering|holidays?|celebrations?|festivities|festival|fair|party))?\b"
)
_DAY: Final = re.compile(rf"(?P<name>{word_trie(NAMES)})(?![-'\u2019\w]){_PARTS}")
_HEADS: Final = frozenset(normal(name).split()[0] for name in NAMES)
# What follows a day's name when it is a thing, a place or a topic, not a day.
_NOT_A_DAY: Final = re.compile(
    r"\s(?:island|islands|tree|trees|card|cards|cactus|lily|egg|eggs|pudding|cake|sweets|"
    r"candy|burns?|injur(?:y|ies)|fasting|is|are|was|were|traffic|costume|costumes|menu|"
    r"shopping|lights?|decorations?|season|period|rush|crowds?|toys?|jumper|market|"
    r"break|cooking|preparations?|food|dinner|lunch|meal|resolutions?)\b"
)
PLACED: Final = re.compile(
    r"(?:\b(?:on|at|over|before|after|to|since|during|for|until|till|by|around|from|last|this|"
    r"past|through|of|til|into)(?:\sthe)?(?:\s(?:first|second|last|whole|same|long))?"
    r"|[(])\s?$"
)
_STRICTLY_PLACED: Final = re.compile(r"\b(?:on|since|before|after|until|till)\s$")
# A day counted from the named one is part of the date: "the evening of Diwali", "two days
# before Christmas", "the third day of Eid".
_ORD: Final = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last"
    r"|\d{1,2}(?:st|nd|rd|th))"
)
_COUNT: Final = r"(?:a|one|two|three|four|five|six|seven|a few|several|\d{1,2})"
_PART: Final = r"(?:day|days|evening|eve|night|morning|afternoon|week|weekend|end|start|beginning)"
_COUNTED: Final = re.compile(
    rf"\b(?:the\s(?:{_ORD}\s)?{_PART}\s(?:of|before|after)"
    rf"|{_COUNT}\s(?:days?|nights?|weeks?)\s(?:before|after|into)|(?:{_ORD}\s)?day\sof)\s$"
)

# "on the Feast of the Assumption", "the feast of St Anne", "the feast of San Roque".
_FEAST_OF: Final = re.compile(
    r"[Ff]east of (?:the |[Ss]t\.? |[Ss]aint |San |Santa |Santo |São |Our )?"
    r"[A-Z][^\W\d_]{2,20}(?: (?:of |the |de |la )?[A-Z][^\W\d_]{2,20}){0,3}"
)
# "the Twelfth" of July (the marching day) with its capital, standing alone.
_TWELFTH: Final = re.compile(r"\b[Tt]he (?:Glorious )?Twelfth(?=\s?[(,.;:)])")


@lru_cache(maxsize=512)
def _word_at(head: str) -> re.Pattern:
    """Where ``head`` stands as a word: one scan in C, even for a short head ("st", "la").
    The pattern opens on the head's letters, so the engine skips to them; what stands before
    them is checked after (a look-behind over the head and one character)."""
    word = re.escape(head)
    return re.compile(rf"{word}(?<![\w\-'&]{word})(?!\w)")


def find_named_days(text: str, low: str, found: list[Finding]) -> None:
    words = words_of(low)
    for head in _HEADS & words:
        for at in _word_at(head).finditer(low):
            start = at.start()
            m = _DAY.match(low, start)
            if not m or _NOT_A_DAY.match(low, m.end()):
                continue
            name = m.group("name")
            if name.replace("\u2019", "'") in _CAPITAL_ONLY and not text[start].isupper():
                continue
            placed = _STRICTLY_PLACED if name in _ALSO_PLACES else PLACED
            if placed.search(low, max(start - 28, 0), start):
                counted = _COUNTED.search(low, max(start - 28, 0), start)
                _add(found, counted.start() if counted else start, m.end(), "DATE", text)
    if "feast" in words:
        for at in _word_at("feast of").finditer(low):
            m = _FEAST_OF.match(text, at.start())
            if m and PLACED.search(low, max(at.start() - 28, 0), at.start()):
                start = at.start() - 4 if low.endswith("the ", 0, at.start()) else at.start()
                _add(found, start, m.end(), "DATE", text)
    if "twelfth" in words:
        for m in _TWELFTH.finditer(text):
            _add(found, m.start(), m.end(), "DATE", text)
