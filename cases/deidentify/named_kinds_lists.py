"""Lists of kinds for ``named_kinds`` (session 25, the second precision round, lead_tune24).

Written from general knowledge, far beyond any one file: regions above the level of a state on
every continent, peoples and demonyms, languages, words of faith and festival used as topics,
Maori words of family and community, and the head words of instruments, classifications,
works and bodies that make the capitalised words before them a named thing.
"""

from __future__ import annotations

from typing import Final

# Head words: a capitalised word followed (within three words) by one of these names an
# instrument, a classification, a work or a body ("the Westmead PTA scale", "Robson group 1",
# "the Best Practice Tariff", "the recent Eurosurveillance reports").
HEADS: Final = frozenset(
    """
    scale score scoring classification classifications criteria criterion grade grading
    staging nomogram sign syndrome syndromes technique techniques method modification
    algorithm algorithms handbook textbook commission ministry checker calculator
    tool toolkit tariff pathway lineage lineages column equation questionnaire inventory
    subscale manoeuvre maneuver approach regimen bundle checklist manual formulary atlas
    bulletin newsletter podcast guidelines guideline guidance consensus registry viva theory
    hypothesis principle paradox phenomenon reflex triad pentad tetrad rule rules framework
    taxonomy threshold cut-off cutoff incision fixator classification
    """.split()
)
# Heads read only with their capital ("The Green Book", "the Annual Report").
CAP_HEADS: Final = frozenset("Book Report Reports Guide Review Journal Handbook Manual".split())
# After a possessive only a work may follow ("Davidson's MCQ"), never a patient's finding
# ("Kofi's sickle cell crisis", "Maria's score").
WORK_HEADS: Final = frozenset(
    """
    handbook textbook book guide manual formulary atlas mcq mcqs viva exam examination edition
    chapter reports report bulletin journal newsletter podcast guidelines
    """.split()
)
# Plural heads that make a list before them a list of named things ("Capgras, Fregoli, Cotard
# and Othello syndromes", "Colles', Smith's and Barton's fractures").
PLURAL_HEADS: Final = frozenset(
    """
    syndromes signs fractures classifications scales criteria scores manoeuvres maneuvers tests
    operations procedures approaches rules tables formulas formulae textbooks books diseases
    triads reflexes phenomena lesions nodes nodules spots lines disorders delusions regimens
    protocols algorithms grades stages types classes
    """.split()
)
# Bodies: a capitalised run after "Commission on", "Ministry of" names their topic.
BODY_HEADS: Final = frozenset(
    """
    commission ministry department council society college institute academy federation
    association foundation school centre center board agency authority bureau office
    """.split()
)
# A state-level word after a name: Safe Harbor allows states, provinces and regions.
STATE_WORDS: Final = frozenset(
    "State Province Region Territory Prefecture Oblast Governorate Emirate Canton Krai".split()
)

# Regions above a state, seas, deserts, great lakes, basins, and the peoples and
# populations named in genetics and cultural safety ("East Asian", "Pacific Islander",
# "Ngati Porou" is read by its first word). Exact runs in lower case.
_REGION_RUNS: Final = """
middle east|near east|far east|east asia|south asia|southeast asia|south-east asia|central asia|
west asia|asia pacific|asia-pacific|indian subcontinent|sub-saharan africa|subsaharan africa|
west africa|east africa|north africa|southern africa|central africa|horn of africa|sahel|maghreb|
levant|arabian peninsula|persian gulf|balkans|caucasus|scandinavia|nordics|iberia|
iberian peninsula|benelux|baltics|eastern europe|western europe|central europe|southern europe|
northern europe|mediterranean|latin america|central america|south america|north america|
americas|caribbean|west indies|andes|amazon|amazonia|patagonia|gran chaco|chaco|pampas|
altiplano|australasia|oceania|polynesia|melanesia|micronesia|pacific islands|south pacific|
arctic|antarctic|antarctica|himalaya|himalayas|tibetan plateau|siberia|outback|top end|
red centre|rift valley|great rift valley|sahara|kalahari|namib|gobi|atacama|sonoran desert|
mojave desert|lake victoria|lake tanganyika|lake malawi|lake chad|lake titicaca|lake baikal|
lake turkana|lake kivu|lake volta|lake nasser|lake superior|lake michigan|lake huron|lake erie|
lake ontario|great lakes|nile delta|niger delta|mekong delta|ganges delta|okavango delta|
congo basin|amazon basin|mekong|nile|zambezi|ganges|indus|yangtze|danube|north sea|baltic sea|
black sea|red sea|caspian sea|south china sea|arabian sea|bay of bengal|indian ocean|
pacific ocean|atlantic ocean|southern ocean|global south|global north|western world|
developing world|east asian|south asian|southeast asian|south-east asian|central asian|
west african|east african|north african|southern african|central african|latin american|
central american|south american|north american|middle eastern|sub-saharan african|
pacific islander|pacific islanders|torres strait islander|torres strait islanders|
first nations|native american|native americans|alaska native|native hawaiian|
aboriginal|indigenous|islander|islanders|caucasian|hispanic|latino|latina|latinx|
african american|african-american|afro-caribbean|black british|white british|
asian|african|european|arab|arabs|inuit|inuk|sami|sámi|métis|metis|bedouin|romani|
hmong|kurd|kurds|kurdish|pashtun|hazara|tamil|tamils|sinhalese|zulu|
xhosa|maasai|masai|yoruba|igbo|hausa|fulani|akan|ashanti|ewe|berber|amazigh|quechua|aymara|
guarani|mapuche|navajo|diné|cherokee|lakota|cree|ojibwe|han chinese|uyghur|tibetan|
ashkenazi|ashkenazi jewish|sephardi|sephardic|maori|māori|pasifika|polynesian|melanesian|
micronesian|samoan|tongan|fijian|niuean|cook island|cook islands maori|scandinavian|nordic|
balkan|celtic|slavic|sri lankan|south african|costa rican|puerto rican|sierra leonean
"""
REGION_RUNS: Final = frozenset(r.strip() for r in _REGION_RUNS.replace("\n", "").split("|") if r)

# Demonyms of countries and nations (lower case): "the Australian style", "Ethiopian
# colleagues", "a Korean cohort". A word that is also a surname keeps after a title.
DEMONYMS: Final = frozenset(
    """
    afghan albanian algerian american andorran angolan argentine argentinian armenian
    australian austrian azerbaijani bahamian bahraini bangladeshi barbadian belarusian belgian
    belizean beninese bhutanese bolivian bosnian botswanan brazilian british bruneian
    bulgarian burkinabe burmese burundian cambodian cameroonian canadian chadian chilean
    chinese colombian congolese croatian cuban cypriot czech danish djiboutian
    dominican dutch ecuadorian egyptian emirati english eritrean estonian ethiopian fijian
    filipino finnish french gabonese gambian georgian german ghanaian greek grenadian
    guatemalan guinean guyanese haitian honduran hungarian icelandic indian indonesian
    iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan
    kiribati korean kosovan kuwaiti kyrgyz lao laotian latvian lebanese liberian libyan
    lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian malian maltese
    mauritanian mauritian mexican moldovan mongolian montenegrin moroccan mozambican namibian
    nepali nepalese nicaraguan nigerian nigerien norwegian omani pakistani palestinian
    panamanian paraguayan persian peruvian polish portuguese qatari romanian
    russian rwandan salvadoran samoan saudi scottish senegalese serbian
    singaporean slovak slovenian somali spanish sudanese surinamese
    swazi swedish swiss syrian taiwanese tajik tanzanian thai timorese togolese tongan
    trinidadian tunisian turkish turkmen tuvaluan ugandan ukrainian uruguayan uzbek vanuatuan
    venezuelan vietnamese welsh yemeni zambian zimbabwean kiwi aussie yankee quebecois
    """.split()
)

# Languages (lower case): "Bangla only", "in Tagalog translation", "Amharic leaflets".
LANGUAGES: Final = frozenset(
    """
    bangla bengali hindi urdu punjabi gujarati marathi tamil telugu kannada malayalam odia
    sinhala sinhalese nepali pashto dari farsi persian arabic hebrew turkish kurdish
    kurmanji sorani amharic tigrinya oromo somali swahili kiswahili yoruba igbo hausa twi
    akan ewe ga fante wolof lingala kinyarwanda kirundi luganda chichewa shona ndebele zulu
    isizulu xhosa isixhosa sesotho setswana afrikaans tagalog filipino cebuano ilocano
    bahasa malay indonesian javanese vietnamese khmer lao thai burmese mandarin cantonese
    hokkien hakka teochew korean japanese mongolian tibetan uyghur russian ukrainian polish
    czech slovak hungarian romanian bulgarian serbian croatian bosnian albanian greek
    portuguese spanish catalan basque galician italian french german dutch flemish danish
    swedish norwegian finnish icelandic estonian latvian lithuanian welsh gaelic irish
    quechua aymara guarani nahuatl kichwa creole patois bislama samoan tongan
    fijian maori māori auslan bsl makaton yiddish ladino
    """.split()
)

# Words of faith and festival named as topics, not dates: "ahead of Ramadan" (a season of
# the clinic's advice), "the Iftar meal", "a Jehovah's Witness". A festival that places an
# event in time is a DATE finding, which this pass leaves alone.
FAITH: Final = frozenset(
    """
    iftar suhoor suhur sehri kosher halal haram fatwa sharia witness witnesses mormon mormons
    adventist adventists quaker quakers amish mennonite mennonites pentecostal methodist
    anglican catholic catholics orthodox lutheran presbyterian evangelical sikh sikhs hindu
    hindus muslim muslims jewish jew jews buddhist buddhists zoroastrian rastafarian
    christians islamic judaism hinduism buddhism sikhism christianity chevra chevrah hevra
    kadisha langar
    """.split()
)
# Maori words of family, community and care (a finding made only of them is no name).
MAORI_WORDS: Final = frozenset(
    """
    whānau whanau ora hapū hapu iwi marae kaumātua kaumatua kuia koro tangi tangihanga hui
    kōrero korero tikanga rongoā rongoa kaupapa wairua mana tapu karakia
    waiata manaaki manaakitanga hauora tamariki rangatahi mokopuna pākehā pakeha
    """.split()
)
# The first word of a people: "Ngāti Porou", "Ngāi Tahu", "Aboriginal Medical Service".
PEOPLE_FIRST: Final = frozenset(
    "ngāti ngati ngāi ngai aboriginal indigenous native tangata".split()
)
# Short labels of forms before "No" or "#": "Hosp No", "Reg No", "Ref #".
LABELS: Final = frozenset(
    """
    hosp hosp. hospital reg ref adm rec med chart unit case ward bed claim policy member
    patient pt nhs chi ur nhi mrn file folio record acc account visit enc encounter episode
    """.split()
)
# What a unique description can name that is no person: "the only algorithm licensed".
THING_NOUNS: Final = frozenset(
    """
    algorithm drug device test vaccine product option pump system app treatment brand
    formulation insulin antivenom medicine medication tablet injection machine
    scanner assay kit sensor monitor guideline study trial licence license indication
    """.split()
)
