"""Spanish: identifiers as Spanish and Latin American clinicians write them, and the Spanish
clinical words and eponyms the English rules would take for names.

``quiet_spanish`` drops what the other rules found that is a Spanish word or an eponym ("signo
de Murphy", "Exploración:", "Hospital de día"); ``find_spanish`` then adds dates ("3 de marzo
de 2024"), ages over 89 ("92 años"), DNI and NIE (check letter validated), NSS, health cards
and record numbers after their labels, addresses ("C/ Mayor 5, 3º B"), hospitals and centres,
titled names ("Sra. Dña. Carmen Ortiz"), names after a relative ("su hija María") and towns
after a verb of living ("natural de Écija"). Bounded quantifiers only (linear time).
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from cases.deidentify.anchored import any_hint
from cases.deidentify.finding import Finding
from cases.deidentify.finding import add_finding as _add

UP: Final = "A-ZÁÉÍÓÚÑÜ"
LO: Final = "a-záéíóúñüç"
CAP: Final = rf"[{UP}][{LO}]{{1,20}}(?:-[{UP}][{LO}]{{1,20}})?"
# Capitalised words joined by the particles of Spanish names and places.
CAP_RUN: Final = rf"{CAP}(?: (?:(?:de|del|de la|de los|de las|la|y|el) )?{CAP}){{0,4}}"

MONTHS: Final = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
    "|diciembre"
)
WEEKDAYS: Final = "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"


def _low(pattern: str) -> re.Pattern:
    """A pattern run on the lower-cased text (faster than IGNORECASE at every position)."""
    return re.compile(pattern.lower().replace("(?p<", "(?P<"))


DATE_LONG: Final = _low(
    rf"\b(?:(?:{WEEKDAYS}),? )?(?:el |día )?\d{{1,2}} ?(?:º )?de (?:{MONTHS})"
    rf"(?:,? (?:de|del) \d{{4}})?\b"
)
DATE_MONTH_YEAR: Final = _low(rf"\b(?:{MONTHS}) (?:de|del) \d{{4}}\b")
DATE_ABBREVIATED: Final = _low(
    r"\b\d{1,2}[- /](?:ene|feb|mar|abr|may|jun|jul|ago|sep|sept|oct|nov|dic)\.?[- /]\d{2,4}\b"
)
# A weekday said of one day ("el domingo", "el lunes 4"), not a habit ("los lunes").
DATE_WEEKDAY: Final = _low(rf"\b(?:el|este|ese|próximo|pasado) (?:{WEEKDAYS})\b")

AGE: Final = _low(r"\b(?:de )?(?:9\d|1[01]\d) ?(?:años|a\.)(?!\w)")
AGE_AFTER: Final = _low(r"\b(?:edad:?|de) (?P<age>9\d|1[01]\d)(?= (?:años|a\.))")

DNI_LETTERS: Final = "TRWAGMYFPDXBNJZSQVHLCKE"
# These open on their first character, the look-behind after it ("\d(?<![\w./-]\d)" is
# "(?<![\w./-])\d"): the regex engine then skips along to that character instead of trying
# the look-behind at every position of the field (identical matches, a third of the time).
DNI: Final = re.compile(
    r"(?P<num>\d(?<![\w./-]\d)(?:\d{7}|\d\.\d{3}\.\d{3}))[ -]?(?P<letter>[A-Za-z])(?!\w)"
)
NIE: Final = re.compile(
    r"(?P<pre>[XYZxyz])(?<![\w./-][XYZxyz])[ -]?(?P<num>\d{7})[ -]?(?P<letter>[A-Za-z])(?!\w)"
)

_LABEL_END: Final = r"(?!\w)(?: ?(?:n\.?º|nº|núm\.?|número|no\.?))? ?[:#.-]? {0,3}"
ID_LABEL: Final = _low(
    r"\b(?:DNI|NIE|NIF|RUT|CURP|pasaporte|c[ée]dula(?: de (?:ciudadan[íi]a|identidad))?"
    r"|documento(?: nacional)? de identidad)" + _LABEL_END
)
SSN_LABEL: Final = _low(
    r"\b(?:NSS|NUSS|NAF|n[úu]mero de (?:la )?seguridad social|seguridad social"
    r"|(?:n[úu]mero de )?afiliaci[óo]n(?: a la seguridad social)?)"
    r"(?: del (?:IMSS|ISSSTE|IESS))?(?: es)?" + _LABEL_END
)
HEALTH_LABEL: Final = _low(
    r"\b(?:TSI|CIPA?|CIP-SNS|tarjeta (?:sanitaria|de salud|individual sanitaria)(?: individual)?"
    r"|c[óo]digo de identificaci[óo]n personal)" + _LABEL_END
)
MRN_LABEL: Final = _low(
    r"\b(?:NHC|N\.H\.C\.|HC|(?:n\.?º |nº |n[úu]m\.? |n[úu]mero de )?historia(?: cl[íi]nica)?"
    r"|(?:n[úu]mero de )?expediente(?: cl[íi]nico)?|episodio)" + _LABEL_END
)
# A value after a label: letters and digits in up to five groups, at least four digits.
LABEL_VALUE: Final = re.compile(r"[A-Za-z0-9](?:[./-]?[A-Za-z0-9]){1,20}(?: [A-Z0-9]{2,6}){0,4}")
NSS_SLASHED: Final = re.compile(r"\d(?<![\w/]\d)\d/\d{7,8}/\d{2}(?![\w/])")
# Gates: what every NSS_SLASHED and NIE match holds, each opening on a literal.
_NSS_HINT: Final = re.compile(r"/\d{7,8}/\d{2}")
_NIE_HINTS: Final = tuple(re.compile(rf"{letter}[ -]?\d{{7}}") for letter in "XYZxyz")

STREET: Final = (
    r"(?:C/|c/|Calle|calle|Avda\.?|avda\.?|Av\.|Avenida|avenida|Plaza|plaza|Pza\.|Pl\.|Paseo|paseo"
    r"|Pº|Camino|camino|Carretera|carretera|Ctra\.|Travesía|travesía|Ronda|ronda|Glorieta"
    r"|Pasaje|Rambla|rambla|Vía|Urbanización|Urb\.|Barrio|barrio|Colonia|Col\.|Carrera|Cra\.)"
)
FLOOR: Final = (
    r"(?:portal \d{1,3}|escalera [A-Z\d]|esc\. ?[A-Z\d]|piso \d{1,2}|puerta [A-Z\d]{1,2}"
    r"|\d{1,2} ?[º°ª](?: ?(?:[A-H]|izquierda|izda\.?|derecha|dcha\.?|centro))?"
    r"|bajo(?: [A-H])?|entresuelo|ático)"
)
ADDRESS: Final = re.compile(
    rf"(?<!\w){STREET} (?:(?:de|del) (?:(?:la|las|los|el) )?)?(?:{CAP_RUN}|\d{{1,2}} de {CAP})"
    rf"(?:,? (?:n\.?º ?)?\d{{1,4}}[A-Za-z]?\b| ?km ?\d{{1,3}})?"
    rf"(?:,? {FLOOR}){{0,3}}"
)
ADDRESS_FLOOR: Final = re.compile(rf"(?<=, )(?:{FLOOR})(?:,? {FLOOR}){{0,2}}")
ZIP_TOWN: Final = re.compile(rf"(?<=, )(?P<zip>[0-5]\d{{4}}) (?P<town>{CAP_RUN})")

CENTRE: Final = (
    r"(?:Hospital|Complejo Hospitalario|Complejo Asistencial|Centro de Salud|Centro de "
    r"Atención Primaria|Clínica|Sanatorio|Policlínico|Policlínica|Consultorio|Residencia"
    r"|Centro Médico|Ambulatorio|CESFAM|Centro Sociosanitario|Hospital de Clínicas)"
)
CENTRE_NAME: Final = re.compile(
    rf"(?<!\w){CENTRE}(?: (?:(?:de|del|de la|de los) )?(?:{CAP}|\d{{1,2}} de {CAP})){{1,6}}"
)
CAP_CENTRE: Final = re.compile(rf"(?<=\b(?:el|al|en) )CAP {CAP}(?: {CAP}){{0,2}}")
DAY_SERVICE: Final = _low(r"\bhospital de d[íi]a\b")

TITLE: Final = r"(?:Sr\.|Sra\.|Srta\.|Dña\.|Dª|Doña|doña|Don|don|D\.|Dr\.|Dra\.|Dr|Dra)"
TITLED: Final = re.compile(rf"(?<![\w.]){TITLE}(?: {TITLE}){{0,2}} (?P<name>{CAP_RUN})")
RELATIVES: Final = (
    r"hija|hijo|hermana|hermano|madre|padre|esposa|esposo|marido|mujer|pareja|nieta|nieto"
    r"|sobrina|sobrino|yerno|nuera|cuñado|cuñada|abuela|abuelo|tía|tío|prima|primo|suegra"
    r"|suegro|novia|novio|compañera|compañero|vecina|vecino|niña|niño|bebé|paciente|cuidadora"
    r"|cuidador"
)
RELATIVE_NAME: Final = re.compile(
    rf"(?i:\b(?:su|mi|el|la|tu|sus) (?:{RELATIVES})(?: (?:mayor|menor|pequeña|pequeño))?),? "
    rf"(?P<name>{CAP}(?: {CAP}){{0,2}})"
)
PLACE_CUE: Final = re.compile(
    r"\b(?:vive en|vivía en|vivir en|reside en|residía en|residente en|natural de"
    r"|procedente de|oriund[oa] de|originari[oa] de|vecin[oa] de|nacid[oa] en"
    r"|(?:rural|familia|cabecera|guardia) (?:de|en)|desde|de la localidad de|del pueblo de"
    r"|temporer[oa] en|traslad(?:ado|ada) a|en el pueblo de) "
    rf"(?P<place>{CAP_RUN})"
)
EMPLOYER_CUE: Final = re.compile(
    rf"\btrabaj\w{{0,5}} (?:en|para) (?:(?:la|el) )?(?P<org>{CAP_RUN})"
)

# Words a capital letter opens at a sentence's start and that name nobody: Spanish function
# words, the headings of a clinical note, and clinical words. Lower-case.
COMMON: Final = frozenset(
    """
    a al algo ante antecedentes analítica alta anamnesis aparatos aunque bajo bien buenas buenos
    cardiología caso casos cirugía clínica clínico comentario con consulta contra cuando cuadro
    de del desde diagnóstico digestivo dolor donde durante el electrocardiograma ella ellos en
    enfermedad enfermería entre es esta este evolución exploración física fecha fue grado hace
    hasta historia hola ingreso ingresó juicio la las le lo los más me mi motivo muy nada neumonía
    no nos nota número o otro para pediatría pero plan por porque pregunta presento primaria
    pruebas que radiología refiere resultados sano se seguridad según sí sin sobre social su sus
    también tratamiento tras tu un una uno urgencias valorado valorada visto vista y ya identidad
    documento nacional paciente varón mujer hombre niño niña bebé buenos buenas días gracias
    saludos estimado estimada estimados querido compañeros compañero hospital centro salud planta
    servicio unidad guardia médico médica doctor doctora enfermero enfermera residente adjunto
    adjunta orientación impresión discusión conclusión recomendación clase tipo estadio signo
    síndrome escala índice prueba test maniobra criterios fractura reflejo hemograma bioquímica
    ecografía tac rm rx inicio final nuevo nueva otra mismo misma todo toda todos todas
    cardiología neurología neumología nefrología oncología hematología traumatología
    ginecología obstetricia urología dermatología psiquiatría geriatría endocrinología
    reumatología medicina interna intensiva intensivos atención uci familia cuidados
    paliativos rehabilitación anestesia reanimación sociedad española español asociación
    colegio academia congreso guía guías ministerio sanidad instituto nacional oficial
    vino viene vienen acude acudió ingresa ingresó presenta presentó consulta consultó llega
    llegó trae traen tiene tenía tuvo está estaba era hay había ha han hemos he pasa pasó
    sigue seguimos inicia inició comienza comenzó empieza empezó recibe recibió se le lo les
    os nos tras hoy ayer mañana ahora luego después antes actualmente previamente finalmente
    aquí allí cuadro caso paciente pacientes lote referencia código
    """.split()
)
# A word before an eponym ("signo de Murphy", "enfermedad de Crohn", "escala de Glasgow").
EPONYM_CUE: Final = _low(
    r"(?:signos?|enfermedad(?:es)?|s[íi]ndromes?|escalas?|maniobras?|pruebas?|test|criterios"
    r"|[íi]ndices?|fracturas?|reflejos?|clasificaci[óo]n|m[ée]todo|t[ée]cnica|tr[íi]ada|t[ée]trada"
    r"|puntuaci[óo]n|score|fen[óo]meno|regla|ley|[úu]lcera|hernia|quiste|tumor|linfoma|sarcoma"
    r"|operaci[óo]n|procedimiento|bloqueo|cuerpos?|c[ée]lulas?|conducto|f[óo]rmula|ecuaci[óo]n"
    r"|curva|dieta|posici[óo]n|punto|l[íi]nea|tri[áa]ngulo|angina|par[áa]lisis|demencia"
    r"|tiroiditis|anemia|sonda|cat[ée]ter|pinza) de (?:la |los )?"
)
# The second of a list of eponyms: "signo de Murphy y Blumberg".
LIST_BEFORE: Final = re.compile(r"(?<![\w-])[\w-]{1,20}(?:, | y | e )$")
RESULT_AFTER: Final = _low(
    r" (?:positiv[oa]s?|negativ[oa]s?|previo|basal|modificad[oa]|bilateral|dudos[oa])\b"
)
MURMUR: Final = _low(r"\bsoplo\b")
# Countries, regions and states: allowed (larger than a state's subdivisions).
LARGE: Final = frozenset(
    """
    españa méxico mexico argentina colombia chile perú peru venezuela ecuador bolivia uruguay
    paraguay cuba guatemala honduras nicaragua panamá panama andalucía cataluña catalunya galicia
    aragón asturias cantabria extremadura navarra canarias baleares jalisco
    oaxaca chiapas yucatán sonora chihuahua antioquia marruecos rumanía francia portugal
    """.split()
)


# Spanish text: accents, ordinals and the commonest short words. Most English fields have
# far fewer (see looks_spanish), and the rules for Spanish words and phrases are skipped on them.
SPANISH_HINT: Final = re.compile(
    # One class first (an accent, or the space before a word), so the engine skips to it.
    r"[áéíóúñ¿¡ºª ](?:(?<! )|(?<= )(?:de|del|el|la|los|las|y|en|con|por|su|que|un|una|lpm)(?!\w))"
)


# The last field asked and its answer: quiet_spanish and find_spanish ask of the same lowered
# text in turn, and an English field is read to its end (0.07 ms a 5,000-character field).
_last_asked: tuple[str | None, bool] = (None, False)


def looks_spanish(low: str) -> bool:
    """One hint in a short field, one more every 150 characters (Spanish prose has about
    one every 15; an English field quoting a name or two with "de" has few)."""
    global _last_asked
    asked, answer = _last_asked  # one read: another thread may replace the pair
    if asked is low:
        return answer
    needed = min(40, 1 + len(low) // 150)
    hints = SPANISH_HINT.finditer(low)
    answer = sum(1 for _hint, _i in zip(hints, range(needed), strict=False)) == needed
    _last_asked = (low, answer)
    return answer


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


# Words that are also given names: never quiet on their own ("Una" is an Irish name).
ALSO_NAMES: Final = frozenset({"una", "mi", "sin", "ella", "nada", "sano"})
# The words that say what kind of centre it is: a centre needs a word of its own name too.
CENTRE_WORDS: Final = frozenset(
    """
    universitario universitaria general clínico clínica provincial comarcal regional infantil
    materno maternoinfantil de del la los y salud hospital centro complejo asistencial
    hospitalario día
    """.split()
)


def _is_word(name: str, large: bool = True) -> bool:
    """Whether ``name`` is made of Spanish common words (and, if ``large``, of countries and
    regions) only."""
    words = _words(name)
    if len(words) == 1 and words[0] in ALSO_NAMES:
        return False
    return all(w in COMMON or (large and w in LARGE) for w in words)


def quiet_spanish(text: str, low: str, found: list[Finding]) -> list[Finding]:
    """``found`` without the Spanish words, eponyms and services the other rules flagged.
    ``low`` is ``text`` lower-cased, character for character."""
    if not looks_spanish(low):
        return found
    day_services = [m.span() for m in DAY_SERVICE.finditer(low)]
    day_starts = [start for start, _end in day_services]
    cues = [(m.start(), m.end()) for m in EPONYM_CUE.finditer(low)]
    cue_ends = {end for _start, end in cues}
    cue_starts = {start for start, _end in cues}
    kept = []
    for f in found:
        if f.kind in ("NAME", "GEO", "EMPLOYER", "UNIQUE") and _spanish_word(
            low, f, cue_starts, cue_ends
        ):
            continue
        i = bisect.bisect_left(day_starts, f.end) - 1  # the last service starting before its end
        if i >= 0 and f.start < day_services[i][1]:
            continue
        if (
            f.kind == "DATE"
            and re.fullmatch(r"\d/6", f.text)
            and MURMUR.search(low, max(f.start - 30, 0), min(f.end + 30, len(text)))
        ):
            continue  # a murmur's grade ("soplo 3/6")
        kept.append(f)
    return kept


def _spanish_word(low: str, f: Finding, cue_starts: set[int], cue_ends: set[int]) -> bool:
    if _is_word(f.text, large=False) or f.start in cue_starts or f.start in cue_ends:
        return True
    listed = LIST_BEFORE.search(low, max(f.start - 24, 0), f.start)
    if listed and listed.start() in cue_ends:
        return True
    return " " not in f.text and bool(RESULT_AFTER.match(low, f.end))


def _valid_dni(number: str, letter: str) -> bool:
    return DNI_LETTERS[int(number.replace(".", "")) % 23] == letter.upper()


# The labels, their kinds, and words one of which every match of the label holds.
_LABELS: Final = (
    (ID_LABEL, "OTHER_ID", ("dni", "nie", "nif", "rut", "curp", "pasaporte", "dula", "documento")),
    (SSN_LABEL, "SSN", ("nss", "nuss", "naf", "seguridad social", "afiliaci")),
    (HEALTH_LABEL, "HEALTH_PLAN", ("tsi", "cip", "tarjeta", "digo de identificaci")),
    (MRN_LABEL, "MRN", ("hc", "n.h.c.", "historia", "expediente", "episodio")),
)


def _after_label(text: str, low: str, label: re.Pattern, kind: str, out: list[Finding]) -> None:
    """The value after a label, added to ``out``."""
    for m in label.finditer(low):
        v = LABEL_VALUE.match(text, m.end())
        if v:
            value = v.group(0).rstrip(" .-/")
            if sum(ch.isdigit() for ch in value) >= 4:
                _add(out, v.start(), v.start() + len(value), kind, text)


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ``spans`` with the overlapping ones joined."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _outside(found: list[Finding], spans: list[tuple[int, int]], kinds: tuple[str, ...]):
    """``found`` without the findings of ``kinds`` that start inside one of ``spans`` (sorted,
    not overlapping); linear after the sort."""
    starts = [start for start, _end in spans]
    kept = []
    for f in found:
        i = bisect.bisect_right(starts, f.start) - 1
        if f.kind in kinds and i >= 0 and f.start < spans[i][1]:
            continue
        kept.append(f)
    return kept


def find_spanish(text: str, low: str, found: list[Finding]) -> None:
    """Add the Spanish identifiers in ``text`` (``low``: lower-cased) to ``found``."""

    def add(m: re.Match, kind: str, group: str | int = 0) -> None:
        _add(found, m.start(group), m.end(group), kind, text)

    for m in DNI.finditer(text):
        if _valid_dni(m.group("num"), m.group("letter")):
            add(m, "OTHER_ID")
    for m in NIE.finditer(text) if any_hint(_NIE_HINTS, text) else ():
        number = str("XYZ".index(m.group("pre").upper())) + m.group("num")
        if _valid_dni(number, m.group("letter")):
            add(m, "OTHER_ID")
    for m in NSS_SLASHED.finditer(text) if _NSS_HINT.search(text) else ():
        add(m, "SSN")
    labelled: list[Finding] = []
    for label, kind, hints in _LABELS:
        # Each label holds one of its hints: most fields hold none, and skip the scan.
        if any(hint in low for hint in hints):
            _after_label(text, low, label, kind, labelled)
    if labelled:
        # The label names the kind: a phone, date or number read in the same digits gives way.
        spans = _disjoint(sorted((f.start, f.end) for f in labelled))
        found[:] = _outside(found, spans, ("PHONE", "DATE", "OTHER_ID")) + labelled
    if not looks_spanish(low):
        return
    for pattern in (DATE_LONG, DATE_MONTH_YEAR, DATE_ABBREVIATED, DATE_WEEKDAY):
        for m in pattern.finditer(low):
            add(m, "DATE")
    for m in AGE.finditer(low):
        add(m, "AGE_OVER_89")
    for m in AGE_AFTER.finditer(low):
        add(m, "AGE_OVER_89", "age")
    for m in ADDRESS.finditer(text):
        add(m, "GEO")
    for m in ADDRESS_FLOOR.finditer(text):
        add(m, "GEO")
    for m in ZIP_TOWN.finditer(text):
        if not _is_word(m.group("town")):
            add(m, "ZIP", "zip")
            add(m, "GEO", "town")
    for pattern in (CENTRE_NAME, CAP_CENTRE):
        for m in pattern.finditer(text):
            own = [w for w in _words(m.group(0)) if w not in CENTRE_WORDS and w not in COMMON]
            if own and not DAY_SERVICE.match(low, m.start()):
                add(m, "GEO")
    names = [m.span() for m in TITLED.finditer(text) if not _is_word(m.group("name"))]
    names += [m.span("name") for m in RELATIVE_NAME.finditer(text) if not _is_word(m.group("name"))]
    # A name the other rules took for a place ("Sra. Pérez", "su hija Carmen") is a name.
    if names:
        found[:] = _outside(found, _disjoint(sorted(names)), ("GEO",))
    for start, end in names:
        _add(found, start, end, "NAME", text)
    for m in PLACE_CUE.finditer(text):
        if not _is_word(m.group("place")):
            add(m, "GEO", "place")
    for m in EMPLOYER_CUE.finditer(text):
        if not _is_word(m.group("org")):
            add(m, "EMPLOYER", "org")
