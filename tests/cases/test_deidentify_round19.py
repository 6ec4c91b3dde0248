"""Round 19 (lead_tune19, lead_tune20: the fully blind heldout11 and heldout12 until this round).
Each kind of failure fixed has sentences of its own here (not from the corpus, with other
names, places and shapes), with look-alikes that must stay quiet, and the two files' floors."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.scanner_eval import evaluate, load_corpora


def kinds(text: str, kind: str) -> set[str]:
    return {f.text for f in find_identifiers(text) if f.kind == kind}


def overlaps(text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # name days, harvests, remembrances and civic days of many countries, placed by a word
        ("Dragan was admitted on Đurđevdan after the lamb roast.", "Đurđevdan"),
        ("She fell from the ladder on Ivanovden while fetching water.", "Ivanovden"),
        ("The goat bite happened the evening of Ashura in the courtyard.", "Ashura"),
        ("He collapsed at the Odwira festival, dehydrated.", "Odwira festival"),
        ("They brought her in on Umuganura with a burnt hand.", "Umuganura"),
        ("Her waters broke on Reconciliation Day in the taxi.", "Reconciliation Day"),
        ("Since Juneteenth he has had a productive cough.", "Juneteenth"),
        ("The stabbing was on the Queen's Birthday long weekend.", "Queen's Birthday"),
        ("He ate the bad fish after the Mtskhetoba feast.", "Mtskhetoba"),
        ("Seen at the Maslenitsa gathering with burns to both hands.", "Maslenitsa"),
        ("Admitted on the Feast of the Assumption with a fractured wrist.", "Feast of the"),
        ("Fell off a horse on San Pedro, the village was celebrating.", "San Pedro"),
        # another calendar's month, a Roman month, a Spanish month, the first days of Tết
        ("She was discharged on Kartik 14 with a plan for review.", "Kartik 14"),
        ("Ông Tâm ate too much on mùng 3 Tết and came in vomiting.", "mùng 3 Tết"),
        ("Mrs Evans, born 3.xi.1931, was seen in clinic.", "3.xi.1931"),
        ("La paciente ingresó el 14 de agosto con disnea.", "14 de agosto"),
        ("Surgery list, the Twelfth (bank holiday): two hernias.", "the Twelfth"),
    ],
)
def test_more_feasts_and_calendars_are_dates(text, date):
    assert overlaps(text, date), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Navruz is a spring feast and fasting ends before it.",
        "We flew from San Juan to the capital for the course.",
        "The feast of lamb is a common cause of gout flares.",
        "Ashura injuries are a known trauma pattern in some regions.",
    ],
)
def test_feasts_as_topics_or_places_stay_dates_free(text):
    assert not kinds(text, "DATE")


@pytest.mark.parametrize(
    "text",
    [
        # eponyms of tests, manoeuvres, formulas and devices; clinical words by their shape
        "Semont manoeuvre failed twice, so we tried Brandt-Daroff exercises at home.",
        "Hallpike positive on the left, treated on the spot.",
        "Fluids per Galveston formula in the under-fives, not the adult one.",
        "Fridericia correction gives a QTc of 470.",
        "Flowtron boots on both legs overnight.",
        "Thoracocentesis: 900 mL straw-coloured fluid.",
        "Hyperkalaemia, bradycardia and oliguria. Nephrologists, any thoughts?",
        "Apyrexial overnight. Physio will see him at ten.",
        # genera of venomous animals, viruses named after places, regions and peoples
        "The antivenom covers Bothrops and Crotalus but not Micrurus bites.",
        "Dobrava is more severe than Puumala in most series.",
        "Referred from the Sundarbans after the cyclone, with fever.",
        # greetings of the Pacific opening a post; pacing and ventilation modes
        "Fakaalofa lahi atu, a question on ciguatera from the outer islands.",
        "Pacemaker reprogrammed to DDDR after the generator change.",
    ],
)
def test_words_of_medicine_and_of_the_writer_are_no_identifiers(text):
    found = [f for f in find_identifiers(text) if f.kind in ("NAME", "GEO", "EMPLOYER")]
    assert not found, found


@pytest.mark.parametrize(
    "text",
    [
        "INR aim 2.0 to 3.0 while on warfarin for the valve.",
        "Potassium came down to 4.2 with insulin and dextrose.",
        "Power 2/5 hip flexion, 3/5 knee extension bilaterally.",
        "Blood cultures 2/2 grew Streptococcus pyogenes.",
        "Braden 13. IV fluids at 80 mL/h overnight.",
    ],
)
def test_ranges_powers_and_counts_are_no_dates(text):
    assert not kinds(text, "DATE")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Mrs Epley, 84, came in with a fall.", "Epley"),
        ("Her son Doppler was at the bedside.", "Doppler"),
        ("Brooke, 17, took 40 paracetamol after an argument.", "Brooke"),
        ("The founders were Okonjo, Graves and Lindqvist.", "Graves"),
        ("She was moved from Norton to the district hospital.", "Norton"),
        ("Our Tamale protocol gives 20 mL/kg.", "Tamale"),
    ],
)
def test_people_and_places_who_share_a_word_with_medicine_are_kept(text, person):
    assert overlaps(text, person), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "unique"),
    [
        ("Her father is the current mayor of Kilbrannan and wants updates.", "current mayor"),
        ("The patient is the paramount chief in Nkhotakota district.", "paramount chief"),
        ("He is the village's only blacksmith and the island's only vet.", "only vet"),
        ("Sheikh Rashed, 66, imam of the big mosque in the old town, fasts.", "imam of the"),
        ("Mrs Nez, the chapter president, brought him in.", "chapter president"),
        ("Bed 4 Mr Hollis, the town crier of Denby Dale, is confused.", "town crier"),
    ],
)
def test_an_office_only_one_person_holds_is_unique(text, unique):
    assert overlaps(text, unique), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ask the local pharmacist whether the syrup is in stock.",
        "The pharmacist in the village shop sells it.",
        "The registrar spoke to the mayor's office about the heat plan.",
        "The priest visited the ward on Sunday.",
    ],
)
def test_offices_many_hold_stay_quiet(text):
    assert not kinds(text, "UNIQUE")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # bare ages over 89
        ("bed 7 Mrs Ethel Barraclough 97 #NOF day 1, pain controlled.", "97"),
        ("Surgery was judged too risky at 94 and we went palliative.", "94"),
        # a relative's card, a card's own label
        ("Guardian consented; ID of mother 30221457 noted.", "30221457"),
        ("Ration card KLM-221-07-5531 kept by the clinic.", "KLM-221-07-5531"),
        ("His licence in the glovebox reads B7720-11934-55012.", "B7720-11934-55012"),
        # vessels, islands after a word of place, a postcode after a state's initials
        ("He is a cook aboard FV Southern Cross and fell in the galley.", "FV Southern Cross"),
        ("Flown in from Tanna Island with cerebral malaria.", "Tanna Island"),
        ("Found at the farm gate, Bungendore NSW 2621, by a neighbour.", "2621"),
        ("Her licence OZK-TR 5512093 was found in the car.", "OZK-TR 5512093"),
        # names in passing: a ward list in lower case, "sister of", "the record for"
        ("Night list: amina in bay 4 needs a G&S before theatre.", "amina"),
        ("tomas hb 71 post op, one unit crossmatched.", "tomas"),
        ("Kato, 3M, twin brother of Nsubuga, came with fever.", "Nsubuga"),
        ("The insurer holds no record for Precious Mabuza at all.", "Precious Mabuza"),
        # employers by a trade word after a verb of work
        ("Her husband drives for northside haulage on nights.", "northside haulage"),
        ("He was hurt at Kenmore Quarry last spring.", "Kenmore Quarry"),
        ("A shepherd working for TaimyrAgro, he ate raw fish.", "TaimyrAgro"),
    ],
)
def test_ages_cards_and_trades_are_found(text, found):
    assert overlaps(text, found), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "HR at 96 and falling after the fluid bolus.",
        "Mr Dlamini 95 kg, on enoxaparin 1 mg/kg.",
        "He works at the local mine on day shifts.",
        "Tested at 92% saturation on room air.",
        "Severe MR; MV repair planned at the cardiac centre.",
        "Easter Island is a long way from dialysis.",
    ],
)
def test_values_valves_and_plain_workplaces_stay_quiet(text):
    looked_at = ("AGE_OVER_89", "EMPLOYER", "GEO")
    found = [f for f in find_identifiers(text) if f.kind in looked_at]
    assert not found, found


@pytest.mark.parametrize(
    "text",
    [
        "The patient in bay 4 needs a G&S before theatre.",
        "lady in bed 5 is for discharge.",
        "The son of God was the sermon's theme, she said.",
    ],
)
def test_plain_words_in_a_ward_list_are_no_names(text):
    assert not kinds(text, "NAME")


# The two files' floors, just under what round 19 reached (tune19 0.988 / 0.987, tune20
# 0.985 / 0.982); blind after round 18 they were 0.944 / 0.907 and 0.935 / 0.930.
FLOORS = {("lead", "tune19"): (0.98, 0.97), ("lead", "tune20"): (0.98, 0.97)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_round19_files_hold_their_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
