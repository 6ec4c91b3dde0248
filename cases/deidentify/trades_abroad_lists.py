"""Lists of kinds for ``trades_abroad`` (round 22, lead_tune28).

Written from general knowledge, far beyond any one file: the words for a doctor, a nurse, a
midwife and the specialties in the languages of Europe, Latin America, the Gulf and Central
Asia, as a writer heads a post with them ("Huisarts, Overijssel."); countries as their own
people write them; and regions at the level of a state or above that are no town (provinces,
counties, voivodeships, historic lands, departments), in the forms used locally. A region
named after its capital city is no member: it counts only before a word of region ("Naryn
oblast", "Karaganda region").
"""

from __future__ import annotations

from typing import Final

# Lower case; a heading's word is looked up whole, then by its ending (TRADE_ENDINGS).
TRADE_WORDS: Final = frozenset(
    """
    huisarts kinderarts bedrijfsarts verloskundige psychiater revalidatiearts neuroloog
    kinderneuroloog verpleegkundige apotheker fysiotherapeut tandarts specialist
    ouderengeneeskunde seh-arts arts neurologie cardiologie kindergeneeskunde
    läkare allmänläkare distriktsläkare företagsläkare ortopedläkare sjuksköterska barnmorska
    lege fastlege legevakt sykepleier jordmor læge almen praksis sygeplejerske infektionslæge
    lääkäri yleislääkäri työterveyslääkäri sairaanhoitaja kätilö heimilislæknir læknir
    perearst arst õde ārsts ģimenes gydytojas rezidentas rezidentė rezidentas
    lekarz ortopeda anestezjolog anestesiolog ratownik medyczny pielęgniarka położna chirurg
    lékař praktický infektológ infektolog lekár sestra háziorvos orvos medic familie
    lekar liječnik liječnica obiteljska doktor zdravnik družinski druzinski praktik
    médico médica medico medica pediatra internista cirujano cirujana enfermera enfermero
    cardiólogo cardióloga clínico clínica docente interno interna residente cardiopediatra
    neurólogo ginecólogo obstetra partera enfermeira psiquiatra matrona kinesiólogo
    médecin généraliste infirmière infirmier sage-femme urgentiste arzt ärztin hausarzt
    kinderarzt terapevt vrach feldsher reumatolog kardiolog pediatr rentgenolog
    врач терапевт хирург кардиолог рентгенолог инфекционист педиатр фельдшер медсестра
    лекар общопрактикуващ участковый
    locum physician geriatrician docent ob-gyn obgyn paeds peds fam med gp mo ran np ot
    nurse midwife doctor paramedic physio pharmacist dentist surgeon registrar consultant
    """.split()
) | frozenset("хірург лікар".split())  # noqa: RUF001 (Ukrainian letters)
# Endings of a specialist's or a doctor's title in many languages ("Kinderneuroloog",
# "Anestesiolog", "Cardiólogo", "Pediatra", "Internista", "Fysioterapeut", "Företagsläkare").
TRADE_ENDINGS: Final = (
    "arts", "läkare", "lege", "læge", "lääkäri", "læknir", "olog", "ológ", "ologo", "ólogo",
    "óloga", "ologa", "iatra", "iater", "ista", "loog", "apeut", "ologist", "ician", "iatrician",
    "ouderengeneeskunde", "лог", "атр",
)  # fmt: skip
# A patient's role or stage of life opening a sentence before the age ("Shepherd, 35M,").
ROLE_WORDS: Final = frozenset(
    """shepherd soldier fisherman fishermen farmer herder miner neonate newborn infant toddler
    veteran widow widower pensioner sailor seaman diver climber hiker cyclist runner dancer
    butcher baker carpenter builder welder mechanic cleaner chef cook labourer laborer
    driver rider trader porter guard student teacher monk nun priest pilot""".split()
)
# Words of region after a name ("Naryn oblast", "Antofagasta region", "provincia de X").
REGION_AFTER: Final = frozenset(
    """region regio oblast oblys viloyat province provincia governorate voivodeship
    województwo krai kraj län fylke maakunta megye județ judet departamento departement
    département""".split()
)
REGION_BEFORE: Final = frozenset(
    """region regione provincia província provincie province departamento département
    estado state interior sierra""".split()
)
# Compass words of other languages and in compounds ("norra Sverige", "midden-Nederland").
COMPASS: Final = frozenset(
    """north south east west northern southern eastern western central upper lower far
    norra södra östra västra nord syd øst vest pohjois etelä itä länsi keski
    noord zuid oost west midden noord- zuid- oost- west- midden- norte sur este oeste
    occidente oriente centro nordeste sudeste""".split()
)
# Countries as written in their own languages and short forms no lexicon of English has.
COUNTRIES_LOCAL: Final = frozenset(
    """
    perú panamá méxico república dominicana sverige norge danmark suomi ísland eesti latvija
    lietuva polska česko slovensko magyarország românia moldova srbija hrvatska slovenija
    българия україна беларусь россия казахстан қазақстан кыргызстан ўзбекистон o'zbekiston
    тоҷикистон türkmenistan nederland belgië belgique brasil colombia venezuela bolivia
    ecuador paraguay uruguay argentina chile guatemala honduras nicaragua haïti ayiti
    caribisch nederland solomons fiji t&t uk usa uae ksa trinidad tobago antigua barbuda
    """.split()
) | frozenset(("república dominicana", "caribisch nederland", "costa rica", "el salvador"))
# Regions at the level of a state or above, no town of their own name (lower case).
_REGIONS: Final = """

friesland|fryslân|drenthe|overijssel|flevoland|gelderland|noord-holland|zuid-holland|zeeland|
noord-brabant|brabant|limburg|randstad|achterhoek|twente|veluwe|west-vlaanderen|
oost-vlaanderen|vlaams-brabant|waals-brabant|henegouwen|hainaut|vlaanderen|wallonië|
vlaamse ardennen|westhoek|norrbotten|västerbotten|jämtland|härjedalen|dalarna|värmland|skåne|
småland|halland|blekinge|gotland|öland|uppland|västergötland|östergötland|norrland|lappland|
sápmi|finnmark|troms|nordland|trøndelag|vestland|rogaland|agder|innlandet|viken|vestfold|
telemark|møre og romsdal|hordaland|sogn og fjordane|jylland|jutland|sjælland|zealand|fyn|funen|
nordjylland|midtjylland|syddanmark|hovedstaden|lappi|uusimaa|pirkanmaa|keski-suomi|
pohjois-karjala|etelä-karjala|south karelia|north karelia|pohjanmaa|ostrobothnia|savo|kainuu|
satakunta|varsinais-suomi|häme|vestfirðir|westfjords|norðurland|austurland|suðurland|harjumaa|
tartumaa|ida-virumaa|pärnumaa|vidzeme|kurzeme|zemgale|latgale|samogitia|žemaitija|aukštaitija|
dzūkija|suvalkija|mazowsze|mazowieckie|małopolska|małopolskie|pomorze|pomorskie|śląsk|
dolny śląsk|górny śląsk|lubuskie|podkarpacie|podkarpackie|lubelskie|podlasie|podlaskie|warmia|
mazury|kujawy|wielkopolska|wielkopolskie|zachodniopomorskie|świętokrzyskie|łódzkie|opolskie|
kaszuby|vysočina|morava|čechy|bohemia|moravia|slezsko|jihomoravský kraj|csongrád|
csongrád-csanád|baranya|borsod|hajdú-bihar|szabolcs|zala|somogy|bács-kiskun|pest megye|alföld|
transilvania|transylvania|ardeal|muntenia|oltenia|banat|bucovina|dobrogea|maramureș|šumadija|
vojvodina|kosovo|sandžak|dalmacija|dalmatia|slavonija|slavonia|istra|zagorje|dolenjska|
gorenjska|štajerska|primorska|prekmurje|notranjska|koroška|dobruja|thrace|rhodopes|
transcarpathia|zakarpattia|galychyna|volyn|podillia|bukovyna|donbas|gbao|sughd|khatlon|
karakalpakstan|semirechye|zhetysu|batinah|al batinah|dhofar|dakhiliyah|sharqiyah|dhahirah|najd|
hejaz|hijaz|asir|qassim|antioquia|cundinamarca|boyacá|norte de santander|nariño|cauca|
valle del cauca|chocó|guajira|la guajira|áncash|ancash|apurímac|ucayali|madre de dios|zulia|
falcón|táchira|anzoátegui|monagas|pernambuco|bahia|ceará|maranhão|pará|amazonas|minas gerais|
goiás|paraná|rio grande do sul|santa catarina|mato grosso|mato grosso do sul|piauí|paraíba|
alagoas|sergipe|rondônia|roraima|amapá|tocantins|espírito santo|cotopaxi|pichincha|guayas|
manabí|azuay|chimborazo|imbabura|tungurahua|galápagos|galapagos|jalisco|chiapas|michoacán|
sonora|yucatán|sinaloa|artibonite|ouest|nord-ouest|grand'anse|
"""
REGIONS: Final = frozenset(r.strip() for r in _REGIONS.replace("\n", "").split("|") if r.strip())
