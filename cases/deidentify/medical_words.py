"""Capitalised words of medicine that are no person and no place of a patient.

Written from general clinical knowledge (textbook eponyms, diseases and organisms named after
places, peoples, specialty headings), not from any evaluation set: a surname such as
"Cushing", "Fournier" or "Hashimoto" is read as a named thing when it stands as medicine does
("Cushing's excluded", "Ramsay Hunt in a 45M", "Child-Pugh B"), and still as a person after a
title, a relative, before an age or a verb of a person ("Mr Graves", "Wilson was admitted").
"""

from __future__ import annotations

from typing import Final

# Surnames that name a disease, sign, score, operation or structure. Lower case.
EPONYMS: Final = frozenset(
    """
    epworth lofgren löfgren
    alport alzheimer apert apgar argyll asherman asperger babinski bankart barrett
    bartter batten beck becker behcet behçet bence biermer bitot blalock blount boerhaave
    bornholm bouchard brachmann braden brudzinski brugada budd buerger caplan caroli chagas
    chari cheyne chiari chvostek clostridium cockcroft codman colles coombs corrigan cotard
    courvoisier coxsackie creutzfeldt crigler crohn cushing dandy darier dejerine denys devic
    dieulafoy digeorge dressler dubin duchenne dupuytren duroziez ebstein ehlers eisenmenger
    epstein erb ewing fabry fallot fanconi felty fournier friedreich froment gaucher gault
    gerstmann ghon gitelman glanzmann goodpasture gottron gowers guillain hamman hartmann
    hashimoto heberden henoch hirschsprung homans horner huntington hurler hutchinson jacksonian
    jakob janeway jarisch jod kanavel kaposi kartagener kasabach kawasaki kayser kehr kernig
    kimmelstiel klatskin klebsiella klinefelter klumpke kocher koplik korsakoff krukenberg
    kussmaul lachman landau langerhans laennec leber legg leriche lesch letterer lhermitte
    libman lisfranc listeria lown lyme marfan marjolin mccune meckel meigs
    meniere ménière menkes merkel milroy mirizzi mobius möbius monteggia munchausen münchhausen
    naegele niemann nikolsky noonan osgood pancoast parinaud patau perthes peutz peyronie phalen
    plummer prader prinzmetal pugh purtscher quincke ranson raynaud refsum reye riedel
    rinne rokitansky romberg rovsing salter schatzki scheuermann schilling schmorl sheehan
    simmonds sjogren sjögren spurling sturge sudeck takayasu tay tietze tinel tourette
    treacher trendelenburg trousseau turcot unverricht virchow waldenstrom waldenström
    wallenberg waterhouse wegener wenckebach wernicke whipple wilms wiskott wolff zenker
    zollinger rockall blatchford gleason breslow bosniak bethesda lugano hinchey mallampati
    cormack lehane friedewald centor mcisaac wexner rockwood
    holter foley hickman guedel yankauer sengstaken blakemore seldinger pfannenstiel mantoux
    lemierre kikuchi schlatter ortolani ishihara snellen bakri papanicolaou robson
    """.split()
)

# Eponyms that are also common names ("Wilson", "Hunt", "Bell"): named things only as a
# possessive ("Bell's", "Wilson's") or inside a known phrase below.
COMMON_EPONYMS: Final = frozenset(
    """
    addison adie albright ann arbor austin baker barlow bell bennett berger bernard bowen
    bristol browder brown burkitt carey charcot child christmas clark coats conn cooley cullen
    curling de down duke dukes edwards fisher forrest gardner gilbert glasgow graham graves grey
    gull hodgkin holmes hughes hunt jones kelly killip lambert levine ludwig lund marcus
    mcdonald morton murphy nelson osler paget parkinson pick pott potter ramsay reiter richter
    roth russell sister smith starling stein stevens still stokes todd turner vincent von weber
    wells wilson mallory
    """.split()
)

# Eponyms of two or three names, written with spaces ("Ramsay Hunt", "Lund and Browder").
EPONYM_PHRASES: Final = frozenset(
    (
        "ramsay hunt",
        "child pugh",
        "lund browder",
        "guillain barre",
        "guillain barré",
        "creutzfeldt jakob",
        "ehlers danlos",
        "peutz jeghers",
        "wolff parkinson white",
        "stevens johnson",
        "kimmelstiel wilson",
        "budd chiari",
        "legg calve perthes",
        "osgood schlatter",
        "mallory weiss",
        "zollinger ellison",
        "cheyne stokes",
        "argyll robertson",
        "dubin johnson",
        "crigler najjar",
        "lesch nyhan",
        "prader willi",
        "sturge weber",
        "von willebrand",
        "von hippel lindau",
        "waterhouse friderichsen",
        "wiskott aldrich",
        "arnold chiari",
        "bence jones",
        "henoch schonlein",
        "henoch schönlein",
        "jarisch herxheimer",
        "kayser fleischer",
        "cockcroft gault",
        "tay sachs",
        "niemann pick",
        "charcot marie tooth",
        "miller fisher",
        "brown sequard",
        "brown séquard",
        "austin flint",
        "graham steell",
        "mccune albright",
        "marcus gunn",
        "adams stokes",
        "kasabach merritt",
        "holmes adie",
        "ann arbor",
        "pierre robin",
        "fitz hugh curtis",
        "dandy walker",
        "denys drash",
        "glasgow blatchford",
    )
)

# Places and peoples that name a disease, an organism or a classification. Lower case.
PLACE_DISEASES: Final = frozenset(
    """
    lyme ebola marburg norwalk coxsackie hendra nipah zika lassa hantaan chikungunya
    legionnaires bornholm kyasanur powassan oropouche mayaro
    """.split()
)

# Analytes and measurements written with a capital at a sentence start before their value
# ("Troponin 1840", "Ferritin 12"): no town with its postcode. Lower case.
LAB_WORDS: Final = frozenset(
    """
    troponin trop creatinine creat ferritin lactate procalcitonin bilirubin bili albumin
    haemoglobin hemoglobin platelets neutrophils lymphocytes eosinophils fibrinogen amylase
    lipase cortisol prolactin ammonia urate osmolality bicarbonate potassium sodium magnesium
    phosphate calcium glucose ketones folate triglycerides cholesterol myoglobin ceruloplasmin
    transferrin haptoglobin reticulocytes d-dimer ddimer urea egfr hba1c insulin c-peptide
    testosterone oestradiol estradiol progesterone vitamin gentamicin vancomycin lithium
    digoxin paracetamol salicylate ethanol weight height sats pulse temp temperature
    """.split()
)

# Peoples, faiths and communities: adjectives of a patient that identify no one. Lower case.
PEOPLES: Final = frozenset(
    """
    ashkenazi sephardi sephardic mizrahi roma romani romany traveller travellers gypsy maori
    māori pasifika aboriginal inuit inuk métis metis hmong yoruba igbo hausa fulani akan ashanti
    zulu xhosa sotho somali amharic oromo tigrinya tamil punjabi gujarati bengali sikh hindu
    muslim jewish christian catholic amish mennonite hutterite druze kurdish pashtun berber
    hispanic latina latino latinx caucasian afro-caribbean caribbean polynesian melanesian
    micronesian han uyghur tibetan bedouin parsi jain buddhist orthodox protestant evangelical
    jehovah's rastafarian quaker mormon
    aymara quechua guarani nahuatl mapuche tagalog ilocano cebuano swahili kiswahili twi fante
    wolof lingala shona ndebele tswana kikuyu dinka nuer sinhala sinhalese telugu kannada
    malayalam marathi urdu pashto dari farsi sindhi balochi hazara kurmanji sorani tajik uzbek
    kazakh kyrgyz turkmen tatar chechen inuktitut ojibwe navajo lakota yupik inupiaq khmer
    burmese rohingya hmong tigray amhara
    """.split()
)

# Nationalities: "29M, Nepali, lives in a labour camp" describes no one person. Lower case.
DEMONYMS: Final = frozenset(
    """
    afghan albanian algerian american angolan argentine argentinian armenian australian
    austrian azerbaijani bahamian bahraini bangladeshi barbadian bajan belarusian belgian
    belizean beninese bermudian bhutanese bolivian bosnian botswanan brazilian british
    bruneian bulgarian burkinabe burmese burundian cambodian cameroonian canadian caymanian
    chadian chilean chinese colombian congolese croatian cuban cypriot czech danish
    djiboutian dominican dutch ecuadorian egyptian emirati english eritrean estonian
    ethiopian fijian filipino filipina finnish french gabonese gambian georgian german
    ghanaian greek grenadian guatemalan guinean guyanese haitian honduran hungarian icelandic
    indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian
    kazakh kenyan kuwaiti kyrgyz lao laotian latvian lebanese liberian libyan lithuanian
    macedonian malagasy malawian malaysian maldivian malian maltese mauritanian mauritian
    mexican moldovan mongolian montenegrin moroccan mozambican namibian nepali nepalese
    nigerian nigerien nicaraguan norwegian omani pakistani palestinian panamanian papuan
    paraguayan peruvian polish portuguese qatari romanian russian rwandan salvadoran samoan
    saudi scottish senegalese serbian singaporean slovak slovenian somalian sudanese
    surinamese swazi swedish swiss syrian taiwanese tajik tanzanian thai timorese togolese
    tongan trinidadian tunisian turkish turkmen tuvaluan ugandan ukrainian uruguayan uzbek
    vanuatuan venezuelan vietnamese welsh yemeni zambian zimbabwean kiwi aussie vincentian
    kittitian antiguan tokelauan niuean rotuman i-kiribati
    """.split()
)

# Words for family and community in Māori, Pacific, Filipino, South Asian and West African
# English ("Whānau: wife and son", "the aiga visited"): no one's name. Lower case.
COMMUNITY_WORDS: Final = frozenset(
    """
    whānau whanau hapū hapu iwi marae kaumātua kaumatua kuia koro tangi tangihanga aiga
    fono matai pālagi palagi pākehā pakeha barkada kababayan balikbayan biraderi
    """.split()
)

# Makers of devices and vehicles: a maker then a model ("Medtronic Azure", "Toyota Hilux",
# "Tandem t:slim") names a product, not a person. Lower case.
MAKERS: Final = frozenset(
    """
    medtronic abbott biotronik dexcom tandem insulet omnipod medtrum resmed zoll stryker
    zimmer biomet depuy synthes cochlear oticon phonak baxter fresenius olympus hologic
    teleflex terumo microport livanova abiomed heartware ottobock invacare boston
    toyota honda nissan mazda subaru mitsubishi suzuki isuzu hyundai kia ford chevrolet chevy
    jeep chrysler cadillac buick tesla volkswagen vw audi bmw mercedes mercedes-benz porsche
    opel vauxhall peugeot renault citroen citroën fiat skoda škoda volvo saab lexus infiniti
    acura holden proton perodua mahindra maruti bajaj yamaha ducati harley geely byd chery
    haval daihatsu landcruiser
    """.split()
)

# Textbooks cited by their author's possessive: "Harrison's, the Oxford Handbook and ...".
TEXTBOOKS: Final = frozenset(
    """
    harrison davidson kumar robbins guyton gray bailey tintinalli cecil goldman sabiston
    schwartz rosen braunwald williams nelson oxford macleod hutchison kaplan lippincott netter
    snell ganong katzung goodman wintrobe fitzpatrick rook dorland stedman merck hurst
    campbell apley tietz illingworth forfar
    """.split()
)

# Words that label a national identity or health number ("Personnummer 19480412-3391").
ID_LABEL_WORDS: Final = frozenset(
    """
    personnummer pesel bsn nir ahv cpr tfn aadhaar nric hkid mykad ihi ohip nhi curp rfc
    nss dni nie codice fiscale steuer-id sozialversicherungsnummer burgerservicenummer
    henkilötunnus fødselsnummer kennitala ppsn pps cnic bvn trn phin qid iqama umid
    philhealth uhid abha ird ramq cnp amka jmbg oib hetu rrn teudat zehut iin idnp isikukood
    egn kodemelli
    """.split()
)

# Specialties as written in full: a heading that starts one of them ("Uro:", "Ophth:",
# "Neurosurg:") is a section of a note, not a person addressed.
SPECIALTIES: Final = (
    "urology",
    "ophthalmology",
    "neurosurgery",
    "neurology",
    "nephrology",
    "otolaryngology",
    "orthopaedics",
    "orthopedics",
    "obstetrics",
    "gynaecology",
    "gynecology",
    "dermatology",
    "haematology",
    "hematology",
    "oncology",
    "cardiology",
    "cardiothoracics",
    "gastroenterology",
    "hepatology",
    "endocrinology",
    "rheumatology",
    "respiratory",
    "paediatrics",
    "pediatrics",
    "psychiatry",
    "radiology",
    "pathology",
    "microbiology",
    "anaesthetics",
    "immunology",
    "infectious",
    "medicolegal",
    "geriatrics",
    "palliative",
    "physiotherapy",
    "pharmacy",
    "toxicology",
    "vascular",
    "colorectal",
    "maxillofacial",
    "plastics",
    "transplant",
    "intensive",
    "emergency",
    "neonatology",
    "genetics",
    "sexual",
    "audiology",
    "podiatry",
    "dietetics",
    "midwifery",
    "histopathology",
    "cytology",
)

# Endings of the names of organisms, drugs and diseases: "Norovirus", "Klebsiella",
# "Augmentin" is a brand but "Co-amoxiclav" reads the same.
MEDICAL_ENDINGS: Final = (
    "virus",
    "viruses",
    "coccus",
    "cocci",
    "bacter",
    "bacteria",
    "myces",
    "mycosis",
    "itis",
    "osis",
    "aemia",
    "emia",
    "pathy",
    "plasty",
    "ectomy",
    "otomy",
    "scopy",
    "graphy",
    "ximab",
    "zumab",
    "umab",
    "tinib",
    "sartan",
    "statin",
    "cillin",
    "mycin",
    "floxacin",
    "prazole",
    "olol",
    "dipine",
    "tidine",
    "setron",
    "parin",
    "dronate",
    # stems of international non-proprietary names: "Doxycycline", "Neostigmine", "Apixaban"
    "cycline",
    "stigmine",
    "xaban",
    "gatran",
    "gliflozin",
    "gliptin",
    "glutide",
    "lukast",
    "semide",
    "thiazide",
    "oxetine",
    "triptyline",
    "pramine",
    "azepam",
    "azolam",
    "profen",
    "coxib",
    "platin",
    "rubicin",
    "taxel",
    "penem",
    "teplase",
    "sonide",
    "conazole",
    "nidazole",
    "bendazole",
    "tiapine",
    "peridol",
    "curonium",
    "fungin",
    "grelide",
    "grel",
)


def heading_specialty(word: str) -> bool:
    """ "Uro", "Ophth", "Neurosurg", "Medicolegal": the start of a specialty's name."""
    low = word.lower().rstrip(".")
    return len(low) >= 3 and any(s.startswith(low) for s in SPECIALTIES)


def medical_word(word: str) -> bool:
    """A word shaped like an organism, a drug or a disease ("Norovirus", "Rituximab")."""
    low = word.lower()
    return len(low) > 6 and low.endswith(MEDICAL_ENDINGS)


def _bare(word: str) -> str:
    low = word.lower()
    for tail in ("'s", "\u2019s", "'", "\u2019"):
        if low.endswith(tail):
            return low[: -len(tail)]
    return low


def named_in_medicine(words: list[str]) -> bool:
    """Every word of the run names a disease, sign, score or organism, or a people:
    "Cushing's", "Ramsay Hunt", "Child-Pugh", "Lund and Browder", "Ashkenazi", "Norovirus"."""
    parts = [p for w in words for p in _bare(w).split("-") if p and p not in ("and", "&")]
    if not parts:
        return False
    if len(parts) == 1 and (
        parts[0] in PEOPLES
        or parts[0] in DEMONYMS
        or parts[0] in COMMUNITY_WORDS
        or medical_word(parts[0])
    ):
        return True
    if " ".join(parts) in EPONYM_PHRASES:
        return True
    if len(parts) == 1 and parts[0] in COMMON_EPONYMS:
        return _bare(words[0]) != words[0].lower()  # "Bell's", not "Bell"
    return all(p in EPONYMS or p in PLACE_DISEASES for p in parts)
