"""Capitalised words that name no patient: famous people cited as examples, organisms, brands
of medicines and dressings, large regions, cited authors and greetings (round 18).

"Since Steve Jobs' pancreatic NET", "Angelina Jolie's op-ed", "like Bob Marley's", "Virginia
Apgar would be cross" name public figures, not the patient; "Clonorchis egg", "grew Candida
auris", "drinking Gramoxone", "Surgicel packed", "a Medtronic Azure" name an organism or a
product; "the HIDA scan", "the ASHA worker" name a test and a health worker
(``care_places.MEDICAL_INITIALS``); "in the Eastern Cape", "the Transkei side" name regions
as large as a state; "as per Thwaites" cites a paper; "Salam,", "Kia ora", "Trini doc here"
greet or say where the writer is from. The name passes read all of them as people or places;
this pass, after the others, drops a finding that is one of them. A patient who shares a
famous name keeps it when a title or an age is beside it ("Mrs Angelina Jolie, 44": the
title is part of the finding and no famous name is the whole of it).

The first words of the famous names are looked up in the set of the text's words
(``word_set``) and only those found are matched; the rest are set lookups on the findings'
own words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from cases.deidentify.care_places import MEDICAL_INITIALS
from cases.deidentify.finding import PROPER_KINDS, Finding
from cases.deidentify.medical_words import MAKERS
from cases.deidentify.word_set import normal, places_of, words_of
from cases.deidentify.word_trie import word_trie

# People clinicians cite to patients and to each other: patients who went public, pioneers,
# public figures whose illness was news.
FAMOUS: Final = (
    "Steve Jobs", "Angelina Jolie", "Michael J. Fox", "Michael J Fox", "Bob Marley",
    "Stephen Hawking", "Virginia Apgar", "Lou Gehrig", "Muhammad Ali", "Christopher Reeve",
    "Terry Fox", "Henrietta Lacks", "Phineas Gage", "Mary Mallon", "Typhoid Mary",
    "Henry Molaison", "Ronald Reagan", "Robin Williams", "Freddie Mercury", "Arthur Ashe",
    "Magic Johnson", "Rock Hudson", "Ryan White", "Princess Diana", "Jade Goody", "Steve Irwin",
    "Michael Jackson", "Whitney Houston", "Amy Winehouse", "Elvis Presley", "Marilyn Monroe",
    "John F. Kennedy", "John Kennedy", "Franklin Roosevelt", "Abraham Lincoln", "Frida Kahlo",
    "Selena Gomez", "Lady Gaga", "Celine Dion", "Bruce Willis", "Serena Williams",
    "Venus Williams", "Ben Stiller", "Tom Hanks", "Hugh Jackman", "Charlie Sheen",
    "Kylie Minogue", "Ozzy Osbourne", "Billy Connolly", "Nelson Mandela", "Mahatma Gandhi",
    "Florence Nightingale", "Mary Seacole", "William Osler", "Louis Pasteur",
    "Alexander Fleming", "Marie Curie", "Edward Jenner", "John Snow", "Ignaz Semmelweis",
    "Joseph Lister", "Jonas Salk", "Albert Sabin", "Harvey Cushing", "Paul Farmer",
    "Atul Gawande", "Oliver Sacks", "Cicely Saunders", "Lance Armstrong", "Tiger Woods",
    "Babe Ruth", "Christian Eriksen", "Fabrice Muamba", "Damar Hamlin", "Bob Dole",
    "Joe Biden", "Donald Trump", "Barack Obama", "Boris Johnson", "Queen Elizabeth",
    "King Charles", "Pope Francis", "Elon Musk", "Bill Gates", "Taylor Swift", "Kim Kardashian",
    "Justin Bieber", "Britney Spears", "Andy Murray", "Diego Maradona", "Sachin Tendulkar",
    "Amitabh Bachchan", "Shah Rukh Khan", "Jackie Chan", "Bruce Lee", "Albert Einstein",
    "Charles Darwin", "Isaac Newton", "Ludwig van Beethoven", "Vincent van Gogh",
    "Jean-Dominique Bauby", "Elisabeth K\u00fcbler-Ross", "Lou Reed", "Michael Phelps",
    "Simone Biles", "Usain Bolt", "Cristiano Ronaldo", "Lionel Messi", "Pel\u00e9",
    "Sinead O'Connor", "Stephen Fry", "Jimmy Carter", "Rosalind Franklin", "Jerry Lewis",
)  # fmt: skip
FAMOUS_NAME: Final = re.compile(rf"(?<![\w-]){word_trie(FAMOUS)}(?:['\u2019]s?)?(?![\w-])")
# Surnames that stand for their famous bearer alone ("Apgar was a person", "like Hawking").
_UNMISTAKABLE: Final = frozenset(
    "apgar hawking jolie marley gehrig mandela gandhi einstein nightingale osler pasteur "
    "semmelweis seacole salk jenner".split()
)
# Genera clinicians name with a capital, before a species or alone ("Candida", "Clonorchis").
GENERA: Final = frozenset(
    """
    candida clonorchis opisthorchis schistosoma fasciola strongyloides toxocara echinococcus
    taenia ascaris giardia entamoeba cryptosporidium cyclospora leishmania trypanosoma
    plasmodium toxoplasma pneumocystis aspergillus mucor rhizopus cryptococcus histoplasma
    coccidioides blastomyces talaromyces sporothrix malassezia trichophyton microsporum
    burkholderia leptospira borrelia rickettsia coxiella brucella francisella yersinia
    bartonella listeria legionella klebsiella pseudomonas acinetobacter stenotrophomonas
    enterobacter serratia proteus salmonella shigella campylobacter helicobacter clostridium
    clostridioides bacteroides fusobacterium actinomyces nocardia mycobacterium neisseria
    haemophilus moraxella streptococcus staphylococcus enterococcus vibrio treponema chlamydia
    mycoplasma ureaplasma gardnerella trichomonas naegleria acanthamoeba balamuthia wuchereria
    onchocerca dracunculus angiostrongylus gnathostoma paragonimus sarcoptes pediculus tunga
    aedes anopheles culex ixodes dermacentor trichinella trichuris necator ancylostoma
    enterobius hymenolepis diphyllobothrium babesia anaplasma ehrlichia orientia
    """.split()
)
# Brands of poisons, dressings, haemostats, infusions and devices written with a capital.
PRODUCTS: Final = frozenset(
    """
    gramoxone paraquat roundup surgicel kaltostat aquacel tegaderm mepilex duoderm inadine
    betadine savlon dettol sudocrem bepanthen canesten daktarin nystan flamazine jelonet
    dermabond histoacryl vicryl prolene monocryl ethilon pabrinex intralipid
    hartmann's plasmalyte gelofusine voluven octaplex beriplex kcentra novoseven floseal
    tisseel spongostan azure advisa micra reveal linq mirena nexplanon jadelle implanon
    depo-provera sayana
    """.split()
)
# Regions as large as a state, or former ones, that notes name as a setting.
_REGION_NAMES: Final = frozenset(
    " ".join(line.split()) for line in (
        "Transkei", "Ciskei", "Eastern Cape", "Western Cape", "Northern Cape", "KwaZulu-Natal",
        "Zululand", "Karoo", "Appalachia", "Outback", "Top End", "Pilbara", "Wheatbelt",
        "Arnhem Land", "Sahel", "Patagonia", "Siberia", "Lapland", "Balkans", "Caucasus",
        "Darfur", "Ogaden", "Amazonia", "Altiplano", "Deep South", "Midwest", "New England",
        "Pacific Northwest", "Great Plains", "Prairies", "Maritimes", "Scandinavia", "Iberia",
        "Anatolia", "Kurdistan", "Levant", "Maghreb", "Sahara", "Highlands", "Midlands",
        "Home Counties", "East Anglia", "West Country",
    )
)  # fmt: skip
# Greetings and the writer's own demonym opening a post ("Salam,", "Kia ora", "Trini doc").
_OPENERS: Final = frozenset(
    "salam salaam assalamu kia trini bajan yardie kiwi aussie pinoy scouser geordie brummie "
    "naija".split()
)
_CITED: Final = ("as per ", "cf. ")
_WORKPLACE_AFTER: Final = re.compile(
    r" (?:bus|buses|garage|depot|station|hospital|clinic|office|plant|site|yard|mine|factory|"
    r"school|camp|hq|headquarters|[A-Z])"
)


def _bare(text: str) -> str:
    return text.removeprefix("the ").removeprefix("The ").rstrip("'\u2019s").rstrip("'\u2019")


def _look_alike(text: str, f: Finding, famous: list[tuple[int, int]], surnames: set) -> bool:
    if famous and any(s <= f.start and f.end <= e for s, e in famous):
        return True
    if f.text in MEDICAL_INITIALS:
        # a scan, a worker, a fracture ("HIDA", "ASHA", "NOF"), not "CTA bus garage"
        return not _WORKPLACE_AFTER.match(text, f.end)
    words = f.text.split()
    low = [w.lower().strip(",.").removesuffix("'s").removesuffix("\u2019s") for w in words]
    if len(low) == 1:
        word = low[0]
        if word in _UNMISTAKABLE or word in surnames or word in GENERA or word in PRODUCTS:
            return True
        if text[max(f.start - 7, 0) : f.start].lower().endswith(_CITED):
            return True
    elif all(w in GENERA or w in PRODUCTS for w in low):
        return True
    elif f.kind == "NAME" and len(low) == 2 and low[0] in MAKERS and words[1][:1].isupper():
        return True  # "Medtronic Azure": a maker and its model
    if _bare(f.text) in _REGION_NAMES:
        return True
    if low[0] in _OPENERS and len(low) <= 2:
        before = text[: f.start].rstrip(" \"'(")
        return not before or before[-1] in ".!?:\n"
    return False


_FIRST_NAMES: Final = frozenset(normal(name.lower()).split()[0] for name in FAMOUS)


# Any of these words in the text means a finding may be one of the look-alikes above.
_TRIGGERS: Final = _UNMISTAKABLE | GENERA | PRODUCTS | _OPENERS | MAKERS


def quiet_famous(text: str, low: str, found: list[Finding]) -> list[Finding]:
    words = words_of(low)
    famous = [
        m.span()
        for first in _FIRST_NAMES & words
        for at in places_of(low, first)
        if (m := FAMOUS_NAME.match(text, at))
    ]
    surnames = {text[s:e].split()[-1].rstrip("'\u2019s").lower() for s, e in famous}
    # Where a look-alike's word or a citation's name starts: only findings over one of these
    # places (or a test's initials, or a region) are read further.
    marks = sorted(
        [s for s, _e in famous]
        + [at for word in (_TRIGGERS | surnames) & words for at in places_of(low, word)]
        + [at + len(cue) for cue in _CITED for at in _places(low, cue.lower())]
    )

    def maybe(f: Finding) -> bool:
        i = bisect_left(marks, f.start)
        return (
            (i < len(marks) and marks[i] < f.end)
            or f.text in MEDICAL_INITIALS
            or (f.text in _REGION_NAMES)
        )

    return [
        f
        for f in found
        if f.kind not in PROPER_KINDS or not maybe(f) or not _look_alike(text, f, famous, surnames)
    ]


def _places(low: str, cue: str):
    at = low.find(cue)
    while at >= 0:
        yield at
        at = low.find(cue, at + 1)
