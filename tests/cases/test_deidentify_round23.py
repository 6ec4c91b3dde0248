"""Round 23 (lead_tune29: a blind writer's 250 posts from Africa, South and South-East Asia, the
Middle East and the UK/US with immigrant patients). Each mechanism fixed has sentences of its
own here (not from the corpus, with other names, places and shapes), with look-alikes that
must stay quiet, and the file's floors."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.scanner_eval import evaluate, load_corpora


def kinds(text: str, kind: str) -> set[str]:
    return {f.text for f in find_identifiers(text) if f.kind == kind}


def overlaps(text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


def quiet(text: str, part: str) -> bool:
    return not overlaps(text, part)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name before an honorific of its culture
        ("suresh sir, is the pump still on 4 units an hour?", "suresh"),
        ("great series. prakash anna do you have the slides?", "prakash"),
        ("ok. tapu da can you check the gas?", "tapu"),
        # a lower-case title before a name
        ("thank you doc lorna! will try it", "lorna"),
        ("khun somsak said the same about the antivenom", "somsak"),
        # the one a reply answers
        ("thanks stanley, the second dose went in fine", "stanley"),
        # a colleague placed in a workplace, a first name before a staff role in brackets
        ("lol. hamid at our clinic swears by it", "hamid"),
        ("ask chidi in the lab, he ran the cultures", "chidi"),
        ("Patient stable. Hope (nurse in charge) will ring at 6.", "Hope"),
        ("Mark (night reg) was happy with the plan.", "Mark"),
    ],
)
def test_names_by_how_colleagues_address_each_other_are_found(text, name):
    assert overlaps(text, name), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("yes sir, the pump is on", "sir"),
        ("thanks da, will do", "thanks"),
        ("yes will do tomorrow", "will"),
        ("a doença da mãe é grave", "doença"),
        ("mas agora está melhor", "agora"),
        ("Plan (consultant led) agreed on the round.", "Plan"),
        ("Lovely old gent on ward 7, still cheerful.", "gent"),
        ("Yes, IV cefazolin within the hour.", "IV"),
        ("methadone 60 mg from the community clinic", "mg"),
    ],
)
def test_ordinary_words_in_slots_of_address_stay_quiet(text, word):
    assert quiet(text, word), find_identifiers(text)


def test_an_email_address_is_no_name():
    text = "email me at anne@example.org about it"
    assert not kinds(text, "NAME"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Measles cluster in Kotwalipara upazila, three unvaccinated children.", "Kotwalipara"),
        ("She comes from Kabupaten Sleman for dialysis.", "Sleman"),
        ("Boy, 7, from Camp 4, Nayapara, Teknaf. Fever 5 days.", "Teknaf"),
        ("Found unconscious at home in Kawangware 56, with the stove lit.", "Kawangware 56"),
        ("Transferred from Hospital Tanah Merah, ventilated.", "Tanah Merah"),
        ("Discharged to Leonard Home Mombasa for rehab.", "Leonard Home Mombasa"),
        ("We made splints from PVC pipe at KaRSI.", "KaRSI"),
        ("the ICU at shahid rajaee is always full", "rajaee"),
        ("my friend at the institute in kampala sends them", "kampala"),
    ],
)
def test_places_as_their_own_people_write_them_are_found(text, place):
    assert overlaps(text, place), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Trade union members get a free flu jab.", "union"),
        ("Boy from Camp 4, Amoxicillin started.", "Amoxicillin"),
        ("Admitted in Ward 45, then Phase 3 of the trial.", "Ward 45"),
        ("Started at BiPAP settings of 12/5.", "BiPAP"),
        ("He came to the ER at night with chest pain.", "night"),
        ("He was admitted to the hospital in march.", "march"),
    ],
)
def test_look_alikes_of_local_places_stay_quiet(text, part):
    assert quiet(text, part), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("My patient is the chairman of our local government area, 70s, in heart failure.",
         "the chairman of our local government area"),
        ("Ours is the deputy governor of our state, admitted with chest pain.",
         "the deputy governor of our state"),
        ("Sadly he is the most famous herbalist in the whole district, 58, with a DFU.",
         "the most famous herbalist in the whole district"),
        ("She is a retired Silver Ferns captain with knee pain.",
         "a retired Silver Ferns captain"),
    ],
)  # fmt: skip
def test_offices_of_our_polity_and_former_players_are_unique(text, description):
    assert description in kinds(text, "UNIQUE"), find_identifiers(text)


def test_a_former_player_of_a_named_team_is_found():
    text = "The patient is a former Bafana Bafana goalkeeper, 51, with chest pain."
    assert overlaps(text, "former Bafana Bafana goalkeeper"), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "I asked the head of our department for more beds.",
        "That is the best-known complication in the whole literature.",
        "He is a former NHS nurse with asthma.",
        "the most famous cause in our region is malaria",
    ],
)
def test_offices_of_a_unit_and_unowned_superlatives_are_no_unique_description(text):
    assert not kinds(text, "UNIQUE"), find_identifiers(text)


def test_a_uk_driving_licence_number_by_its_date_bearing_shape():
    text = "Licence on file: OKAFO657220C99AB, please advise."
    assert "OKAFO657220C99AB" in kinds(text, "LICENSE"), find_identifiers(text)
    look_alike = "Batch ABCDE123456ABCDE was recalled."
    assert not kinds(look_alike, "LICENSE"), find_identifiers(look_alike)


def test_an_age_over_89_after_a_colon_about_the_oldest():
    text = "Oldest I have ever dialysed: 97, still walking to the unit."
    assert overlaps(text, "97"), find_identifiers(text)
    look_alike = "The oldest in our audit: 95% were discharged home."
    assert quiet(look_alike, "95"), find_identifiers(look_alike)


def test_a_plate_after_a_vehicle_word_and_as():
    text = "The police logged the tuk-tuk as KBZ 402Q at the scene."
    assert overlaps(text, "KBZ 402Q"), find_identifiers(text)
    look_alike = "the car was 2 hours late"
    assert not kinds(look_alike, "VEHICLE"), find_identifiers(look_alike)


def test_an_employer_after_a_persons_own_job():
    text = "He lost his job on the floor at Brakewell Foods after the stroke."
    assert overlaps(text, "Brakewell Foods"), find_identifiers(text)
    look_alike = "You did a great job at ICU handover."
    assert not kinds(look_alike, "EMPLOYER"), find_identifiers(look_alike)


FLOORS = {("lead", "tune29"): (0.99, 0.90)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_round23_file_holds_its_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
