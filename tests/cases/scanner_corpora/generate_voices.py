"""Generate the "voices" evaluation corpus: case writing in styles the other corpora do not use.

    .venv/bin/python tests/cases/scanner_corpora/generate_voices.py

Terse handover and nursing lines, referral letters, and forum replies by nurses, pharmacists
and paramedics, in US, Australian, Indian, Nigerian, South African and Irish English, from
``templates_voices.txt``. Names, places and institutions come from Faker locales the other
generator does not use (Kenyan, Nigerian, Pakistani, Swahili, Icelandic, Estonian, Latvian,
Azerbaijani, Colombian, Argentine, Chilean, Portuguese, Québécois, Austrian) and from the hand
lists below, never from the scanner's lexicon sources.

The split is fixed before any rule is changed for this corpus: odd-numbered templates are
held out, and every pool is split too (even items fill tune templates, odd items held-out
ones), so a rule written for a tune miss is measured on names, venues and eponyms it has not
seen. Output: ``voices_tune.txt`` and ``voices_heldout.txt`` (committed; tests need no Faker).
"""

# ruff: noqa: E501 (each slot's formats are kept on the lines of its case, side by side)
from __future__ import annotations

import random
import string
from pathlib import Path

from faker import Faker
from generate import fill  # the same placeholder syntax: "{slot}" becomes "[[KIND|text]]"

HERE = Path(__file__).parent
FILLS = 4
SEED = 20270114

NAME_LOCALES = [
    "en_KE", "en_NG", "en_PK", "sw", "is_IS", "et_EE", "lv_LV", "az_AZ", "es_CO", "es_AR",
    "es_CL", "pt_PT", "fr_CA", "de_AT",
]  # fmt: skip
TOWN_LOCALES = ["es_CO", "es_CL", "pt_PT", "de_AT", "en_IN", "az_AZ"]

# Hand lists: first names and surnames from many cultures, written from memory.
FIRST = [
    "Ngozi", "Thandiwe", "Chiamaka", "Oluwaseun", "Adaeze", "Emeka", "Nnamdi", "Folasade",
    "Sipho", "Lindiwe", "Nomvula", "Thabo", "Zanele", "Bongani", "Kwabena", "Abena",
    "Wojciech", "Bogdan", "Zdenka", "Miroslav", "Ljiljana", "Radek", "Svetlana", "Dragan",
    "Joost", "Maartje", "Sjoerd", "Femke", "Willemijn", "Hidde", "Kalani", "Makana",
    "Leilani", "Keala", "Pua", "Iolana", "Ximena", "Itziar", "Iñaki", "Nerea", "Rocío",
    "Aitana", "Priyanka", "Venkatesh", "Lakshmi", "Harpreet", "Gurdeep", "Anjali", "Sanjeev",
    "Thi Lan", "Minh", "Hiroko", "Takeshi", "Jae-won", "Seo-yeon", "Youssef", "Khadija",
    "Abdelrahman", "Layla", "Tariq", "Nour", "Aoife", "Siobhán", "Niamh", "Oisín", "Caoimhe",
    "Tadhg", "Rangi", "Aroha", "Tane", "Mere", "Jarrah", "Kirra", "Talulah", "Bronwyn",
    "Ekaterina", "Oleksandr", "Yevgenia", "Dmitri", "Olumide", "Babajide", "Chukwudi", "Ifeoma",
]  # fmt: skip
LAST = [
    "Okafor", "Adeyemi", "Nwosu", "Eze", "Balogun", "Ogunleye", "Dlamini", "Nkosi", "Mahlangu",
    "Khumalo", "van der Merwe", "Botha", "Asante", "Boateng", "Kowalczyk", "Wiśniewska",
    "Horváth", "Petrović", "Novak", "Dvořák", "Janssen", "de Vries", "Bakker", "Visser",
    "Kahale", "Akana", "Kealoha", "Ortega", "Iglesias", "Zubiri", "Echeverría", "Iyer",
    "Reddy", "Chatterjee", "Subramanian", "Dhillon", "Sandhu", "Nguyen", "Tran", "Takahashi",
    "Yamamoto", "Park", "Choi", "Al-Hashimi", "Haddad", "Mansour", "El-Sayed", "Ó Súilleabháin",
    "Mac Giolla", "Fitzgerald", "Brennan", "Kavanagh", "Ngata", "Te Whiu", "Wirihana",
    "Tjungurrayi", "Hargreaves", "Pennington", "Quigley", "Shevchenko", "Kovalenko",
    "Abubakar", "Musa", "Mutasa", "Moyo",
]  # fmt: skip
TOWNS = {
    "AU": ["Wagga Wagga", "Toowoomba", "Gympie", "Mudgee", "Kalgoorlie", "Yeppoon", "Moe",
           "Murwillumbah", "Katherine", "Bairnsdale"],
    "IN": ["Kottayam", "Nagercoil", "Hosur", "Tirur", "Bhiwandi", "Palakkad", "Karad",
           "Sangli", "Udupi", "Anand"],
    "NG": ["Ogbomosho", "Nsukka", "Ilesa", "Awka", "Ikot Ekpene", "Sapele", "Okene",
           "Bida", "Umuahia", "Shagamu"],
    "ZA": ["Mthatha", "Stellenbosch", "Polokwane", "Mossel Bay", "Upington", "Tzaneen",
           "Bethlehem", "Kokstad", "Oudtshoorn", "Ermelo"],
    "IE": ["Ballina", "Clonakilty", "Tullamore", "Carrick-on-Shannon", "Ennis", "Kilkee",
           "Bantry", "Ardee", "Mitchelstown", "Portlaoise"],
    "US": ["Muleshoe", "Tupelo", "Paducah", "Hilo", "Keokuk", "Bemidji", "Yreka", "Laramie",
           "Natchez", "Ottumwa"],
    "UK": ["Rugeley", "Hebden Bridge", "Ystradgynlais", "Brora", "Holsworthy", "Amlwch",
           "Settle", "Knighton", "Louth", "Wick"],
}  # fmt: skip
SUBURBS = [
    "Khayelitsha",
    "Soweto",
    "Parramatta",
    "Ajegunle",
    "Dharavi",
    "Ballymun",
    "Tallaght",
    "Mitchells Plain",
    "Surulere",
    "Bankstown",
    "Ikeja",
    "Whalley Range",
]
STREETS = ["Ahmadu Bello Way", "Jan Smuts Avenue", "Anzac Parade", "Grafton Street",
           "MG Road", "Bourke Street", "Adeola Odeku Street", "Beach Road", "Church Street",
           "Long Street", "Market Lane", "Station Road"]  # fmt: skip
ESTATES = [
    "the Lakeside estate",
    "the Orchard Park estate",
    "Broadwater Farm",
    "the Meadowell estate",
    "the Ferrier estate",
    "Gbagada Phase 2",
]
POSTCODES = {
    "AU": lambda r: f"{r.randint(2000, 7999)}", "IN": lambda r: f"{r.randint(110001, 799999)}",
    "IE": lambda r: f"{r.choice('ADFHKNPRTVWXY')}{r.randint(10, 99)} "
    f"{r.choice(string.ascii_uppercase)}{r.randint(1, 9)}{r.choice('ABCDEFHKN')}{r.randint(1, 9)}",
    "ZA": lambda r: f"{r.randint(1000, 9999)}", "US": lambda r: f"{r.randint(10000, 99999)}",
    "UK": lambda r: f"{r.choice(['WS15', 'HX7', 'SA9', 'KW9', 'EX22', 'LL68'])} "
    f"{r.randint(1, 9)}{r.choice('ABDEHJLNPQRSTUWXYZ')}{r.choice('ABDEHJLNPQRSTUWXYZ')}",
    "NG": lambda r: f"{r.randint(100001, 999999)}",
}  # fmt: skip
HOSPITALS = ["Mercy", "St Jude's", "Groote Schuur", "Baragwanath", "Lakeview General",
             "Nepean", "Royal Darwin", "St Vincent's", "Christian Medical College",
             "Lagos University Teaching Hospital", "Beaumont", "Cork University Hospital",
             "Mater Misericordiae", "Westmead", "Sutter Roseville", "Aga Khan"]  # fmt: skip
CLINICS = ["Riverside Medical Centre", "Bayview Family Practice", "the Lister Surgery",
           "Harbourside GP", "Greenhills Health Centre", "Sunrise Clinic",
           "the Oakwood Practice", "Marula Primary Care"]  # fmt: skip
HOSPICES = ["St Luke's Hospice", "Sunflower House", "Marie Curie Hospice",
            "Highgate Lodge", "Tŷ Olwen", "Nazareth House"]  # fmt: skip
REHABS = ["Royal Talbot", "Headley Court", "the Kessler Institute", "Mount Wilga",
          "Ravenswood Rehab", "Dunmore House"]  # fmt: skip
SCHOOLS = ["St Aidan's", "Bishop Vesey's", "Our Lady of Lourdes", "Loreto",
           "King Edward's", "Scoil Mhuire", "Wesley Girls'", "Thomas Tallis",
           "St Columb's", "Kingswood"]  # fmt: skip
PUBS = ["the Red Lion", "the Nag's Head", "Doyle's", "the Crown", "the Fiddler's Elbow",
        "the Pig and Whistle", "Mulligan's", "the Duke of York"]  # fmt: skip
CLUBS = ["Glenmore GAA", "Sale Sharks", "Orlando Pirates", "the Rotary", "Kingsway Bowls",
         "Bondi Icebergs"]  # fmt: skip
GYMS = ["PureGym", "Anytime Fitness", "Virgin Active", "F45", "Snap Fitness", "Jetts"]
SHOPS = ["Greggs", "Woolworths", "Shoprite", "Dunnes Stores", "Bunnings", "Walgreens",
         "Spar", "Pick n Pay", "Big W", "Centra"]  # fmt: skip
EMPLOYERS = ["Tata Steel", "Amazon", "Infosys", "Dangote Cement", "BHP", "Eskom",
             "Ryanair", "Walmart", "Royal Mail", "Transnet", "Qantas", "Wipro", "Intel",
             "Kerry Group", "Rio Tinto", "JCB"]  # fmt: skip
FARMS = ["Glenrock Farm", "Hillcrest Dairy", "Koppies Boerdery", "Willow Creek Ranch",
         "Ashgrove Orchards", "Kiltegan Stud"]  # fmt: skip
FACTORIES = ["the Cadbury plant", "the Toyota plant", "Dulux", "Kellogg's", "Ford Dagenham",
             "Coca-Cola Beverages"]  # fmt: skip

# Hard negatives, each pool split between the two parts like the names.
NEG = {
    "eponym": ["Wilson's disease", "Graves' disease", "Cushing syndrome", "Parkinson's",
               "Addisonian crisis", "Hashimoto's", "Kawasaki disease", "Guillain-Barré",
               "Barrett's oesophagus", "Bell's palsy", "Paget's disease", "Reiter's",
               "Conn's syndrome", "Sheehan syndrome", "Still's disease", "Wegener's"],
    "sign": ["Murphy's sign", "Kernig's sign", "Trousseau's sign", "Chvostek's sign",
             "Battle's sign", "Cullen's sign", "Lhermitte's sign", "Brudzinski's sign",
             "Rovsing sign", "Courvoisier's law"],
    "score": ["Glasgow Coma Scale 13", "Glasgow-Blatchford 7", "Wells score of 5",
              "GCS 14/15", "qSOFA 2", "CHA2DS2-VASc of 4", "HAS-BLED 3", "Waterlow 18",
              "Braden 14", "Ranson 4", "PERC negative", "NEWS2 of 6", "Apgar 7 and 9",
              "Bishop score 4", "Rockall 5", "Abbey pain score 8"],
    "drug": ["Panadol", "Voltaren", "Nurofen", "Tylenol", "Coumadin", "Lipitor", "Norvasc",
             "Synthroid", "Ventolin", "Seretide", "Keflex", "Zofran", "Endone", "Stilnox",
             "Crestor", "Januvia", "Tramal", "Buscopan"],
    "author": ["Smith et al.", "Baker and colleagues", "Jones et al. (2018)",
               "Nguyen et al.", "Okafor et al. (2021)", "Fischer and Weiss (2009)"],
    "book": ["Harrison's", "the Oxford Handbook", "Tintinalli", "Rosen's",
             "Washington Manual", "Murtagh's General Practice"],
    "trial": ["NCT04368728", "NCT02153437", "ISRCTN91862547", "ACTRN12620000445976",
              "CTRI/2020/05/025114", "NCT01720446"],
    "lot": ["lot FK8891", "batch 4B229A", "lot no. EW0182", "batch number 21L07",
            "lot 1J45C", "batch AX0912"],
    "gene": ["BRCA1", "TP53", "JAK2 V617F", "HLA-B27", "CFTR F508del", "KRAS G12C",
             "MTHFR", "APOE4", "FLT3-ITD", "HFE C282Y"],
    "organism": ["Staphylococcus aureus", "Klebsiella pneumoniae", "Pseudomonas",
                 "Listeria monocytogenes", "Neisseria meningitidis", "Clostridioides difficile",
                 "Burkholderia pseudomallei", "Plasmodium falciparum", "Salmonella Typhi",
                 "Moraxella"],
    "lab": ["Hb 84", "K+ 6.1", "Na 128 mmol/L", "CRP 187", "lactate 3.9", "WCC 18.2",
            "trop 2300 ng/L", "BNP 1450", "eGFR 22", "INR 4.8", "pH 7.21", "glucose 27"],
    "dose": ["1 g QID", "20 mg mane", "5 mg nocte", "2 puffs PRN", "75 mcg daily",
             "10 units", "400 mg stat", "0.5 mg/kg"],
    "dur": ["for 3 days", "x 5/7", "for two weeks", "over 48 hours", "for 6/52", "x 10 days"],
    "dayn": ["Day +3", "Day 0", "day +7", "Day -2", "D+14", "Day 5"],
    "bed": ["bed 4", "Bay 3 bed 2", "side room 6", "cubicle 9", "Ward 7B", "bed 12"],
    "year": ["2019", "2008", "2023", "1997", "2015", "2021"],
    "age": ["34", "52", "67", "89", "71", "45", "80", "28"],
}  # fmt: skip

# Pools for templates_voices_kinds.txt (tune only): the kinds of failure of the lead's set,
# filled with names and places of their own.
KINDS_POOLS = {
    "head": ["Gastroenterology", "Rheumatology", "Urology", "Cardiology", "Endocrinology",
             "Respiratory", "Microbiology", "Ophthalmology", "Gynae", "Vascular", "Plastics",
             "Peds", "Neurosurgery", "Immunology", "Physiotherapy", "Derm"],
    "lhead": ["Nights", "HCA note", "Nursing handover", "Day shift", "Physio", "Psychiatry",
              "Rehab", "Gen med"],
    "headtime": ["Night shift 2300", "Ward round 0830", "Board round 1400", "Huddle 0745",
                 "Handoff 1900", "Safety brief 0800"],
    "grade": ["Salter-Harris II", "Le Fort III", "Killip IV", "Hinchey III", "Forrest IIb",
              "Clark IV", "Gartland III", "Garden IV", "Child-Pugh class B", "Fontaine IIb"],
    "agency": ["SafeWork", "HealthDirect", "WorkCover", "CareFirst", "FoodSafe", "SafeCare"],
    "pub1": ["the Anchor", "the Plough", "the Swan", "the Mitre", "the Wheatsheaf",
             "the Bell", "the Ship", "the Feathers"],
    "thehosp": ["the Coombe", "the Alfred", "the Whittington", "the Brompton",
                "the Austin", "the Northern", "the Princess Royal", "the Queen Mother's"],
    "wchosp": ["Adelaide Women's and Children's", "Sheffield Children's", "Liverpool Women's",
               "Sydney Children's", "Starship Children's", "Birmingham Women's",
               "Perth Children's", "Hull Women's and Children's"],
    "acrhosp": ["QEUH", "RVI", "JCUH", "NNUH", "MGH", "CHOP", "RPAH", "QMC"],
    "school2": ["Ridgeway Primary", "Oakfield High", "Castle Hill Secondary",
                "Meadowbank Junior", "Parkside Academy", "Greenacre Primary",
                "Bishopsgate Grammar", "Linden Infants"],
    "vstreet": ["Briggate", "Sauchiehall", "Stokes Croft", "Lygon", "Whitechapel",
                "Kingsgate", "Argyle", "Grainger"],
    "foreignaddr": ["14 Rue Victor Hugo, Nantes", "Avenida da Liberdade 27, Lisboa",
                    "Carrer de Mallorca 201, Barcelona", "Via Garibaldi 8, Torino",
                    "Lindenstraße 17, Kassel", "Calle Alcalá 44, Madrid",
                    "8 Place Bellecour, Lyon", "Piazza Navona 3, Roma"],
    "village": ["Nether Wallop", "Upper Slaughter", "Long Load", "Matching Green",
                "Broad Oak", "Stony Cross", "Westward Ho", "Great Chart"],
    "season": ["summer 2023", "the winter of 2019", "autumn 2021", "spring 2022",
               "winter 2024", "the summer of 2018"],
    "wdtime": ["Tuesday evening", "11pm Thursday", "Friday at 0400", "Monday night",
               "Saturday morning", "0300 on Sunday", "Wednesday afternoon", "2330 Saturday"],
    "wdrec": ["on Tuesdays", "every Friday", "on Mondays", "every Wednesday morning",
              "Monday to Friday", "on Thursdays"],
    "nick": ["Tiny", "Spider", "Bear", "Smudge", "Red", "Gizmo", "Mouse", "Chalky"],
    "vehicle": ["okada", "tuk-tuk", "auto-rickshaw", "ute", "matatu", "boda-boda"],
    "role": ["the head coach of the county hurling team",
             "the conductor of the town's brass band",
             "the captain of the national cricket side",
             "the chairman of the village bowls club",
             "the principal cellist of the national orchestra",
             "the founder of the island's only brewery"],
}  # fmt: skip
KINDS_LABELS = {
    "pub1": "GEO", "thehosp": "GEO", "wchosp": "GEO", "acrhosp": "GEO", "school2": "GEO",
    "vstreet": "GEO", "foreignaddr": "GEO", "village": "GEO", "season": "DATE",
    "wdtime": "DATE", "nick": "NAME", "role": "UNIQUE",
}  # fmt: skip

ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
ORD_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UNIQUE = ["the town's only dentist", "a former Olympic rower", "the only Māori GP in the valley",
          "the island's only vet", "the mayor of a town of 4,000", "a well-known local DJ",
          "the last lighthouse keeper on the coast", "the village's only midwife",
          "a former international rugby player", "the only female pilot at the base"]  # fmt: skip
PHOTO = ["the photo shows her face", "his face is visible in the second image",
         "the picture shows the child's face clearly",
         "her eyes and nose are visible in the photo",
         "the image shows his face next to the lesion", "you can see her face in photo 3"]  # fmt: skip


def _ordinal(d: int) -> str:
    return f"{d}{ {1: 'st', 2: 'nd', 3: 'rd', 21: 'st', 22: 'nd', 23: 'rd'}.get(d, 'th') }"


def _words(n: int) -> str:
    tens = {9: "ninety", 10: "one hundred", 11: "one hundred and ten"}[n // 10]
    return tens if n % 10 == 0 or n >= 100 else f"{tens}-{ONES[n % 10]}"


class Filler:
    def __init__(self, seed: int, part: int) -> None:
        self.rnd = random.Random(seed)
        self.part = part  # 0: tune pools, 1: held-out pools
        self.fakers: dict[str, Faker] = {}

    def pick(self, items: list):
        return self.rnd.choice(items[self.part :: 2])

    def faker(self, locale: str) -> Faker:
        if locale not in self.fakers:
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(self.rnd.randrange(10**9))
        return self.fakers[locale]

    def person(self) -> tuple[str, str]:
        if self.rnd.random() < 0.5:
            return self.pick(FIRST), self.pick(LAST)
        f = self.faker(self.pick(NAME_LOCALES))
        return f.first_name().split()[0], f.last_name().split()[0]

    def town(self) -> tuple[str, str]:
        country = self.rnd.choice(sorted(POSTCODES))
        if country in TOWNS and self.rnd.random() < 0.75:
            return self.pick(TOWNS[country]), country
        return self.faker(self.pick(TOWN_LOCALES)).city(), country

    def value(self, key: str) -> tuple[str, str | None]:
        r = self.rnd
        if key in NEG:
            return self.pick(NEG[key]), None
        if key in KINDS_POOLS:
            return self.pick(KINDS_POOLS[key]), KINDS_LABELS.get(key)
        if key == "plate2":
            L = string.ascii_uppercase
            return self.pick(
                [f"{''.join(r.choices(L, k=3))} {r.randint(100, 999)} {''.join(r.choices(L, k=2))}",
                 f"{''.join(r.choices(L, k=2))} {r.randint(1, 40):02d} {''.join(r.choices(L, k=2))} {r.randint(1000, 9999)}",
                 f"{r.randint(1, 9)}{''.join(r.choices(L, k=3))} {r.randint(100, 999)}",
                 f"{''.join(r.choices(L, k=2))}-{r.randint(100, 999)}-{''.join(r.choices(L, k=2))}"]
            ), "VEHICLE"  # fmt: skip
        first, last = self.person()
        match key:
            case "nm":
                return f"{first} {last}", "NAME"
            case "fn":
                return first, "NAME"
            case "sn":
                return last, "NAME"
            case "lnm":
                return f"{first} {last}".lower(), "NAME"
            case "lfn":
                return first.lower(), "NAME"
            case "ttl":
                return f"{self.pick(['Mr', 'Mrs', 'Ms', 'Dr', 'Mrs.', 'Mr.'])} {last}", "NAME"
            case "lttl":
                return f"{self.pick(['mr', 'mrs', 'ms', 'dr', 'mrs', 'mr'])} {last.lower()}", "NAME"
            case "town":
                return self.town()[0], "GEO"
            case "townpc":
                town, country = self.town()
                return f"[[GEO|{town}]] [[ZIP|{POSTCODES[country](r)}]]", None
            case "suburb":
                return self.pick(SUBURBS), "GEO"
            case "street":
                return self.pick(STREETS), "GEO"
            case "addr":
                return f"{r.randint(2, 240)} {self.pick(STREETS)}", "GEO"
            case "estate":
                return self.pick(ESTATES).removeprefix("the "), "GEO"
            case "hosp":
                return self.pick(HOSPITALS), "GEO"
            case "clinic":
                return self.pick(CLINICS).removeprefix("the "), "GEO"
            case "hospice":
                return self.pick(HOSPICES), "GEO"
            case "rehab":
                return self.pick(REHABS).removeprefix("the "), "GEO"
            case "school":
                return self.pick(SCHOOLS), "GEO"
            case "pub":
                return self.pick(PUBS).removeprefix("the "), "GEO"
            case "club":
                return self.pick(CLUBS).removeprefix("the "), "GEO"
            case "gym":
                return self.pick(GYMS), "GEO"
            case "shop":
                return self.pick(SHOPS), "EMPLOYER"
            case "employer":
                return self.pick(EMPLOYERS), "EMPLOYER"
            case "farm":
                return self.pick(FARMS), "GEO"
            case "factory":
                return self.pick(FACTORIES).removeprefix("the "), "EMPLOYER"
            case "date":
                d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2016, 2026)
                return self.pick(
                    [f"{d}/{m}/{y}", f"{MONTHS[m - 1]} {d}, {y}", f"{_ordinal(d)} {MONTHS[m - 1]} {y}",
                     f"{d}-{MONTHS[m - 1][:3]}-{y}", f"{m}/{d}/{y % 100:02d}", f"{y}/{m:02d}/{d:02d}"]
                ), "DATE"  # fmt: skip
            case "dm":
                d, m = r.randint(1, 28), r.randint(1, 12)
                return self.pick(
                    [f"{d}/{m}", f"{_ordinal(d)} {MONTHS[m - 1][:3]}", f"{MONTHS[m - 1]} {_ordinal(d)}",
                     f"{d} {MONTHS[m - 1][:3]}", f"{d}.{m}", f"{MONTHS[m - 1][:3]} {d}"]
                ), "DATE"  # fmt: skip
            case "dword":
                d, m = r.randint(1, 20), r.randint(1, 12)
                return self.pick(
                    [f"the {ORD_WORDS[d - 1]} of {MONTHS[m - 1]}", f"{MONTHS[m - 1]} the {ORD_WORDS[d - 1]}",
                     f"{ORD_WORDS[d - 1]} {MONTHS[m - 1]}"]
                ), "DATE"  # fmt: skip
            case "dtime":
                d, m = r.randint(1, 28), r.randint(1, 12)
                hh, mm = r.randint(0, 23), r.choice([0, 15, 30, 45, 10, 50])
                return self.pick(
                    [f"{d}/{m} at {hh:02d}:{mm:02d}", f"{hh:02d}{mm:02d} on {d}/{m}",
                     f"{MONTHS[m - 1][:3]} {d} {hh:02d}:{mm:02d}", f"{d}/{m}/{r.randint(2019, 2026)} {hh:02d}:{mm:02d}"]
                ), "DATE"  # fmt: skip
            case "dayrel":
                d = r.randint(1, 28)
                return self.pick(
                    [f"the {_ordinal(d)}", f"last {self.pick(WEEKDAYS)} the {_ordinal(d)}",
                     f"{self.pick(WEEKDAYS)} {_ordinal(d)}", f"this {self.pick(WEEKDAYS)} the {_ordinal(d)}"]
                ), "DATE"  # fmt: skip
            case "age90w":
                n = r.randint(90, 108)
                return self.pick(
                    [f"{_words(n)}-year-old", f"aged {_words(n)}", f"{n} y/o", f"{n}yo",
                     f"{_words(n)} years old"]
                ), "AGE_OVER_89"  # fmt: skip
            case "plate":
                L = string.ascii_uppercase
                return self.pick(
                    [f"{''.join(r.choices(L, k=2))}{r.randint(10, 72)} {''.join(r.choices(L, k=3))}",
                     f"{r.randint(1, 9)}{''.join(r.choices(L, k=3))}{r.randint(100, 999)}",
                     f"{''.join(r.choices(L, k=3))}-{r.randint(1000, 9999)}",
                     f"{''.join(r.choices(L, k=2))}-{r.randint(10, 99)}-{''.join(r.choices(L, k=2))}",
                     f"{r.randint(141, 232)}-D-{r.randint(1000, 99999)}",
                     f"{''.join(r.choices(L, k=3))} {r.randint(100, 999)} GP",
                     f"CA {r.randint(100, 999)}-{r.randint(100, 999)}"]
                ), "VEHICLE"  # fmt: skip
            case "vin":
                return self.faker("en_US").vin(), "VEHICLE"
            case "uniq":
                return self.pick(UNIQUE), "UNIQUE"
            case "photo":
                return self.pick(PHOTO), "PHOTO"
            case "phone":
                return self.pick(
                    [f"+234 80{r.randint(1, 9)} {r.randint(100, 999)} {r.randint(1000, 9999)}",
                     f"0{r.randint(700, 909)} {r.randint(100, 999)} {r.randint(1000, 9999)}",
                     f"+91 9{r.randint(1000, 9999)} {r.randint(10000, 99999)}",
                     f"04{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(100, 999)}",
                     f"087-{r.randint(1000000, 9999999)}",
                     f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}",
                     f"082 {r.randint(100, 999)} {r.randint(1000, 9999)}",
                     f"+27 (0)21 {r.randint(100, 999)} {r.randint(1000, 9999)}",
                     f"{r.randint(201, 989)}.{r.randint(200, 999)}.{r.randint(1000, 9999)}"]
                ), "PHONE"  # fmt: skip
            case "nhs":
                return (
                    f"{r.randint(400, 999)} {r.randint(100, 999)} {r.randint(1000, 9999)}",
                    "HEALTH_PLAN",
                )
            case "mrn":
                return self.pick(
                    [f"MRN-{r.randint(100000, 9999999)}", f"H{r.randint(1000000, 9999999)}",
                     f"UR{r.randint(100000, 999999)}", f"RJ{r.randint(10000, 99999)}X",
                     f"{r.randint(1000000, 9999999)}", f"MR{r.randint(10000, 99999)}/{r.randint(10, 26)}"]
                ), "MRN"  # fmt: skip
            case "handle":
                return (
                    f"@{first.lower().replace(' ', '')}_{last.lower()[:4]}{r.randint(1, 99)}",
                    "NAME",
                )
            case "email":
                return f"{first.lower().replace(' ', '')}.{r.randint(1, 99)}@gmail.com", "EMAIL"
        raise KeyError(key)


def main() -> None:
    templates = [
        line
        for line in (HERE / "templates_voices.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for part, name in enumerate(("tune", "heldout")):
        filler = Filler(SEED + part, part)
        lines = [
            "# Generated by generate_voices.py from templates_voices.txt",
            f"# ({'even' if part == 0 else 'odd'}-numbered templates). Do not edit by hand.",
        ]
        for number, template in enumerate(templates):
            if number % 2 != part:
                continue
            lines.append(f"## template {number}")
            lines += [fill(template, filler) for _ in range(FILLS)]
        (HERE / f"voices_{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"voices_{name}.txt: {sum(1 for t in lines if not t.startswith('#'))} snippets")
    # The kinds of failure of the lead's set: tune only, with their own seed, so the files
    # above stay as they were.
    kinds = [
        line
        for line in (HERE / "templates_voices_kinds.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    filler = Filler(SEED + 7, 0)
    lines = ["# Generated by generate_voices.py from templates_voices_kinds.txt (tune only)."]
    for number, template in enumerate(kinds):
        lines.append(f"## template {number}")
        lines += [fill(template, filler) for _ in range(FILLS)]
    (HERE / "voices_kinds.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"voices_kinds.txt: {sum(1 for t in lines if not t.startswith('#'))} snippets")


if __name__ == "__main__":
    main()
