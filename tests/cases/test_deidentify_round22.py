"""Round 22 (lead_tune28: a blind writer's posts from Oceania, the Pacific, the Caribbean, the
Low Countries, Scandinavia, eastern Europe, Latin America, the Gulf and Central Asia). Each
mechanism has sentences of its own here (other names, places, trades and shapes than the
corpus), with look-alikes that must stay as they were, and the file's floors."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.scanner_eval import evaluate, load_corpora


def overlaps(text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


def quiet(text: str, part: str) -> bool:
    return not overlaps(text, part)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the writer's trade heading a post in another language, and its region or country
        ("Tandarts, Drenthe. 44F with a dry socket after an extraction.", "Tandarts"),
        ("Tandarts, Drenthe. 44F with a dry socket after an extraction.", "Drenthe"),
        ("Hausarzt, Bayern. 61M, gout flare after a wedding.", "Hausarzt"),
        ("Neurólogo, Chiapas. 30F with a first seizure.", "Chiapas"),
        ("Barnmorska, södra Sverige. G2P1 at 39 weeks.", "Sverige"),
        ("Lekarz i Podlasie. 50M, tick bite last week.", "Podlasie"),
        ("Pediatra, provincia de Córdoba. 3yo with fever.", "Córdoba"),
        # a region named after its town, before a word of region; a part of a country's name
        ("We refer to the hospital in Samarkand region for dialysis.", "Samarkand"),
        ("No antivenom in the Marshall Islands for sea snakes.", "Marshall"),
        # a role opening a sentence before an age
        ("Fieldwork note. Herder, 44M, fever after a lambing season.", "Herder"),
    ],
)
def test_trades_regions_and_countries_are_no_identifiers(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Tandarts, Zwolle. 44F with a dry socket after an extraction.", "Zwolle"),
        ("Cirujano, Hospital Rosales. 38M after a fall.", "Rosales"),
        ("Mrs Limburg, 71, came in with a fall.", "Limburg"),
    ],
)
def test_towns_hospitals_and_people_beside_those_shapes_are_kept(text, word):
    assert overlaps(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Crop Over Day trauma: 30M fell off a float.", "Crop Over Day"),
        ("Admitted on julafton with chest pain.", "julafton"),
        ("Seen sexta-feira santa with a burn.", "sexta-feira santa"),
        ("She came in on Navruz with a fever.", "Navruz"),
        ("Three cases after Binche Carnaval: all vomiting.", "Binche Carnaval"),
        ("Mela week: 40M with chest pain at the fair.", "Mela week"),
    ],
)
def test_feasts_as_their_people_write_them_are_dates(text, word):
    found = {f.text for f in find_identifiers(text) if f.kind == "DATE"}
    assert any(word in f or f in word for f in found), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Stable by Day 3 of the antibiotics.", "Day 3"),
        ("It was a Busy Day in clinic.", "Busy Day"),
        ("We use the 3/12 cough rule for TB screening.", "3/12"),
        ("Reply to the carnival post: same here.", "carnival"),
        ("It happens every Mardi Gras here.", "Mardi Gras"),
    ],
)
def test_days_of_care_durations_and_habits_are_no_dates(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Chest pain at sea, came in on his boat Sveti Ivan II.", "Sveti Ivan"),
        ("Sent over on the ferry MV Island Star because the plane was full.", "Island Star"),
        ("A fisherman from the trawler GY 112, hand in the winch.", "GY 112"),
        ("Retrieval in the RFDS plane VH-FDZ to the tertiary centre.", "VH-FDZ"),
    ],
)
def test_boats_aircraft_and_plates_are_vehicles(text, word):
    assert overlaps(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("GCS 15 at scene, 12 on arrival.", "GCS 15"),
        ("Is everyone doing PCR now?", "PCR"),
        ("Cardioversion, then flecainide.", "Cardioversion"),
        ('He drinks only "twee biertjes" after his shift.', "twee"),
        ("@mods can you take down the post above?", "@mods"),
    ],
)
def test_clinical_shapes_are_no_identifiers(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Médico, Sonora. Señora Remedios Ibarra Leal, 71, with a foot ulcer.", "Remedios"),
        ("re mele's boy above — we saw the same kid last year.", "mele"),
        ("Think ARF too. losa (physio, same ward)", "losa"),
        ("Paeds, Fiji. Vilimaina, 7, with a swollen knee.", "Vilimaina"),
        ("Youth nurse. Dallas (16) is back from a trip.", "Dallas"),
        ("Internist. 15F Hope with lupus nephritis.", "Hope"),
        ("Samoan family, Tuilagi (dad) brought his son.", "Tuilagi"),
        ('Please remove "Bakhytovna" from the post.', "Bakhytovna"),
        ("24M from Akaroa (yes, really) with chest pain.", "Akaroa"),
        ("Collapsed during the tangi at Rangiatea marae on Sunday.", "Rangiatea"),
        ("Nurse on Mayaguana. Elderly man with a fall.", "Mayaguana"),
    ],
)
def test_names_and_places_by_their_seat_are_found(text, word):
    assert overlaps(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("re the PCOS case above: screen the sisters too.", "the"),
        ("Barkovich score was normal on day 5.", "Barkovich"),
        ("Desde Lima, un caso. Man, 60, with a cough.", "Man"),
    ],
)
def test_look_alikes_of_those_seats_stay_quiet(text, word):
    assert quiet(text, word), find_identifiers(text)


FLOORS = {("lead", "tune28"): (0.95, 0.84)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_round22_file_holds_its_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
