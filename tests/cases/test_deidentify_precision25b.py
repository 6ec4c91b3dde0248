"""Session 25, second precision round (lead_tune24: a blind file of a second writer, 110 of its
220 snippets without identifiers). The round drops named things by their shape, not by lists
of one writer's names (``cases.deidentify.named_kinds``). Each class has sentences of its own
here (other instruments, places, peoples, makers and works than the file's), with true
identifiers in the same shapes that must still be found, and the file's floor.

As in the first round, the earlier passes take a capitalised word for a name or a place in
some posts and not in others, so the quiet pass is tested on a finding placed on the word,
and the identifiers in the same shapes end to end."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.deidentify.finding import Finding
from cases.deidentify.named_kinds import quiet_named_kinds
from cases.scanner_eval import evaluate, load_corpora


def quieted(text: str, word: str, kind: str = "NAME") -> bool:
    """The pass drops a finding of ``kind`` on ``word`` (its first occurrence)."""
    at = text.index(word)
    f = Finding(at, at + len(word), kind, word)
    return quiet_named_kinds(text, text.lower(), [f]) == []


def overlaps(text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        # a place or a surname before the word of an instrument, a classification, a work
        ("We score delirium with the Ballarat CAM-ICU checklist on nights.", "Ballarat", "GEO"),
        ("Is the Dunedin frailty scale validated in Samoa?", "Dunedin", "GEO"),
        ("The Okonjo classification splits these into three groups.", "Okonjo", "NAME"),
        ("Our unit still uses the Hamburg Sepsis Bundle in ED.", "Hamburg", "GEO"),
        ("Read the Blue Guide before the viva.", "Blue", "GEO"),
        ("Keep the Navarre Toolkit open while you triage.", "Navarre", "GEO"),
        ("I think Tatlow's MCQ book is better.", "Tatlow's", "NAME"),
        ("Sydney group 3 is the commonest in our audit.", "Sydney", "GEO"),
        ("Have you read the recent Kestrel report on ward falls?", "Kestrel", "NAME"),
        # grades and codes after a single word
        ("Plain film shows a Schatzker IV pattern; CT before fixation.", "Schatzker", "NAME"),
        ("The endoscopist called it a Zargar 2b injury.", "Zargar", "NAME"),
        ("Intermittent Wenckebach I, on telemetry overnight.", "Wenckebach I", "NAME"),
        # a list before a plural head; a pair of surnames of a book or a rule
        ("Revise Marfan, Ehlers, Loeys and Stickler syndromes for Part 1.", "Loeys", "NAME"),
        ("For burns we learnt Wallace and Carvajal or Berkow for children.", "Carvajal", "NAME"),
        ("Hutchins and Pryce say otherwise in their review.", "Pryce", "GEO"),
        ("Murtagh and Rosenthal's chapter on back pain is worth it.", "Murtagh", "NAME"),
        # regions above a state, peoples, demonyms, languages, faiths, Maori words
        ("Travellers back from the Horn of Africa need malaria cover.", "Horn of Africa", "GEO"),
        ("Schisto is common around Lake Malawi and along the Zambezi.", "Lake Malawi", "GEO"),
        ("Rates are higher in South Asian and Pacific Islander groups.", "South Asian", "GEO"),
        ("Our Nigerian colleagues see more sickle cell than we do.", "Nigerian", "EMPLOYER"),
        ("Leaflets in Tigrinya and Dari are out of date.", "Tigrinya", "NAME"),
        ("Many Adventists are vegetarian, so check B12.", "Adventists", "NAME"),
        ("Suhoor is the meal before dawn; move the long-acting dose there.", "Suhoor", "GEO"),
        ("The Ngāi Tahu health team runs the clinic.", "Ngāi Tahu", "GEO"),
        ("a Mahidol lab in Chiang Rai Province sent the isolate", "Chiang Rai Province", "GEO"),
        ("Referrals from Ogun State have doubled since June.", "Ogun", "GEO"),
        # makers, products, bodies, labels, initials
        ("The rash started with lamotrigine from Cipla Pharma.", "Cipla Pharma", "GEO"),
        ("We now stock the ResMed AirSense for new patients.", "AirSense", "NAME"),
        ("The Society for Tropical Nursing met in June.", "Tropical Nursing", "NAME"),
        ("The Commission on Rural Health reported last year.", "Rural Health", "GEO"),
        ("Per the Federal Ministry, the vaccine is free.", "Federal Ministry", "GEO"),
        ("Unit No MX-22 was faxed the letter.", "Unit", "NAME"),
        ("Access to surgery is worst in LICs and LMICs.", "LMICs", "GEO"),
        ("Gastroenterology: any views on the new Kestrel scope?", "Gastroenterology", "NAME"),
    ],
)
def test_named_kinds_are_quieted(text, word, kind):
    assert quieted(text, word, kind)


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        # a person by a title, a relation, an age or a quote; a first name before a head
        ("Mr Schatzker IV? No, Mr Schatzker in bed 4.", "Schatzker", "NAME"),
        ("Her son Okonjo scale-fished for years.", "Okonjo", "NAME"),
        ("Maria Down syndrome, for review.", "Maria", "NAME"),
        ("Thanks Adjoa and Kofi for the referral.", "Kofi", "NAME"),
        ('Gave his name as "Irish", no fixed abode.', "Irish", "NAME"),
        ("Banda, 34, Zambian, admitted with malaria.", "Banda", "NAME"),
        # a place after a word of place; a unique description
        ("She was referred from Dunedin scale-down clinic.", "Dunedin", "GEO"),
        ("He is the only Maasai elder in the district.", "Maasai", "GEO"),
        # an employer that is a maker, after its cue
        ("She works for Cipla Pharma as a chemist.", "Cipla Pharma", "EMPLOYER"),
        ("A chemist at Cipla Pharma, so he knows the batch.", "Cipla Pharma", "GEO"),
        ("Trains at CrossFit every morning.", "CrossFit", "GEO"),
        # a longer name's last word before a code
        ("bed 2 Thandiwe Mbeki G2P1 at 38/40", "Mbeki", "NAME"),
    ],
)
def test_people_places_and_employers_in_the_same_shapes_are_kept(text, word, kind):
    assert not quieted(text, word, kind)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Mrs Graves, 71, from Bognor, seen today.", "Graves"),
        ("Mr Talley phoned from Dubbo about his wife's scale readings.", "Talley"),
        ("She lives in Kisumu on Lake Victoria, 41F, smear positive.", "Kisumu"),
        ("Transferred to Ndola Teaching Hospital in Copperbelt Province.", "Ndola"),
        ("He works as a packer at Cipla Pharma in Goa.", "Cipla Pharma"),
        ("Call her daughter Aroha on 021 448 9921.", "Aroha"),
    ],
)
def test_identifiers_in_the_same_shapes_are_found(text, part):
    assert overlaps(text, part), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Open fractures of the 3rd to 5th metatarsals after the crush.",
        "Cellulitis over the 2nd and 3rd toes, on flucloxacillin.",
    ],
)
def test_ordinals_in_a_range_of_parts_are_no_dates(text):
    assert not [f for f in find_identifiers(text) if f.kind == "DATE"]


def test_a_named_thing_in_one_place_is_one_in_the_others():
    text = "We use the Orbost PTA scale, or the Abbreviated Orbost for children; Mr Orbost, 60."
    found = [
        Finding(at, at + 6, "GEO", "Orbost")
        for at in (text.index("Orbost"), text.index("Orbost for"), text.index("Orbost, 60"))
    ]
    kept = quiet_named_kinds(text, text.lower(), found)
    assert [f.start for f in kept] == [text.index("Orbost, 60")]


def test_a_unique_description_of_a_thing_is_dropped():
    text = "The dosing table says it is the only pump approved for children."
    at = text.index("the only pump")
    f = Finding(at, at + len("the only pump approved"), "UNIQUE", "the only pump approved")
    assert quiet_named_kinds(text, text.lower(), [f]) == []


# The file's floor, just under what the round reached (tune24 0.938 / 0.939 after it, blind
# 0.938 / 0.688 on the session's starting code).
FLOORS = {("lead", "tune24"): (0.93, 0.93)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_tune24_holds_its_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
