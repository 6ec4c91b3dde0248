"""Round 21 (lead_tune27: a blind writer's 250 posts in the shape of the independent corpus).
Each mechanism fixed has sentences of its own here (not from the corpus, with other names,
places and shapes), with look-alikes that must stay quiet, and the file's floors."""

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
        # a possessive before a relative or a result
        ("sorry to chase, tomasz's potassium is 6.1 again", "tomasz"),
        ("checked with the ward, imogen's daughter is on her way", "imogen"),
        ("ok so jacques' creatinine has doubled overnight", "jacques"),
        # the subject of herself/himself, a name set off by dashes or brackets, a title
        ("turns out it was tevita himself who rang, not his brother", "tevita"),
        ("MRN 55120934 — kofi — pls check his gas", "kofi"),
        ("bay 2 (amira) is nil by mouth from 2am", "amira"),
        ("and bay 5 (mrs k) wants her glasses", "k"),
        # the person an update or a booking is about, a quoted or hoped-for outcome
        ("update on leilani — home today, feeding well", "leilani"),
        ("follow-up for anneke booked for next week", "anneke"),
        ("> makoa ended up in ICU overnight", "makoa"),
        ("fingers crossed, hope rosalind does ok after the op", "rosalind"),
    ],
)
def test_lower_case_names_by_their_slot_are_found(text, name):
    assert overlaps(text, name), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("we check the patient's INR weekly", "patient"),
        ("give Ringer's lactate 20 ml/kg", "Ringer"),
        ("her mother is a cardiologist herself", "cardiologist"),
        ("that was mum herself on the phone", "mum"),
        ("severe mr and tr on the echo", "and"),
        ("update on sepsis — the new bundle starts monday", "sepsis"),
        ("> metformin was stopped before the scan", "metformin"),
        ("update on omicron — cases rising again", "omicron"),
        ("don't miss a dose of the insulin", "a dose"),
        ("mild mr a bit worse on echo", "a bit"),
        ("ok — dex — given at 6", "dex"),
    ],
)
def test_ordinary_words_in_the_same_slots_stay_quiet(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Patient Wang Lei, 居民身份证 110105194912310021, 74M.", "110105194912310021"),
        ("Maria Bianchi, CF BNCMRA80A41F205X, 44, polmonite.", "BNCMRA80A41F205X"),
        ("Petra Nováková, RČ 905223/1234, 33, lupus.", "905223/1234"),
    ],
)
def test_national_numbers_by_their_date_bearing_shape_are_found(text, number):
    assert number in kinds(text, "SSN"), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Accession 184512345678901234 went to the lab.",  # 18 digits, no birth date inside
        "BP 120/80, ward ref 2023/0145, GCS 14/15.",
        "Serial ABCDEFG123 on the pump.",
    ],
)
def test_numbers_without_a_birth_date_are_no_national_number(text):
    assert not kinds(text, "SSN"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("97, lives alone, fell at home overnight.", "97"),
        ("101 and still gardening! Admitted with cellulitis.", "101"),
        ("Ward audit: the oldest was 94, the youngest 71.", "94"),
    ],
)
def test_ages_over_89_opening_a_post_or_after_the_oldest_are_found(text, age):
    assert age in kinds(text, "AGE_OVER_89"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("95, 96 and 97 were her sats on air.", "95"),
        ("90, then 85 after the fluid bolus.", "90"),
        ("Of the cohort the oldest was 45.", "45"),
    ],
)
def test_numbers_opening_a_post_that_are_no_age_stay_quiet(text, number):
    assert quiet(text, number), find_identifiers(text)


def test_a_day_month_in_a_run_of_day_months_is_a_date():
    text = "Seen 02/07, CT 04/07, home 09/07 with oral antibiotics."
    assert {"02/07", "04/07", "09/07"} <= kinds(text, "DATE"), find_identifiers(text)
    look_alike = "Seen 02/07, power 3/5 in the left leg."
    assert quiet(look_alike, "3/5"), find_identifiers(look_alike)


@pytest.mark.parametrize(
    ("text", "part", "kind"),
    [
        # a pair heading a note before a labelled number found already
        ("Audit case: Wen Bo, hospital no. HK-2287731, appendicitis.", "Wen Bo", "NAME"),
        ("Duke Jordan, MRN 00123456, 61, from the lake.", "Duke Jordan", "NAME"),
        # a handover clause that opens on a word no list knows
        (
            "Handover: Ama Owusu for CT; Chidera home after lunch; Mr Tan in bay 4 for review.",
            "Chidera",
            "NAME",
        ),
        # Cyrillic and Greek: a patient, a hospital, the writer's town after a trade
        ("Пациентка Анна Смирнова, 70 лет, инсульт.", "Анна Смирнова", "NAME"),
        ("Ασθενής Νίκος Γεωργίου, 58, πυρετός.", "Νίκος Γεωργίου", "NAME"),
        ("Εργάζομαι στο Πανεπιστημιακό Νοσοκομείο Ηρακλείου.", "Νοσοκομείο Ηρακλείου", "GEO"),
        ("Фельдшер, Кострома. Мужчина 50 лет, боль в груди.", "Кострома", "GEO"),
        # the writer's island after a trade heading and "on"
        ("Nurse practitioner on Rarotonga here. A child with a boil.", "Rarotonga", "GEO"),
    ],
)
def test_names_and_places_by_their_slot_are_found(text, part, kind):
    assert any(part in f.text for f in find_identifiers(text) if f.kind == kind), find_identifiers(
        text
    )


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Handover: Ama Owusu for CT; Bloods pending; Mr Tan in bay 4 for review.", "Bloods"),
        ("Handover: Ama Owusu for CT; Lassa screen negative; Mr Tan in bay 4.", "Lassa"),
        ("Handover: Ama Owusu for CT; Paracetamol for pain; Mr Tan in bay 4.", "Paracetamol"),
        ("Nurse on Tuesday: a quick question about iron.", "Tuesday"),
        ("GP on Ward 5, need advice on a rash.", "Ward"),
    ],
)
def test_words_in_the_same_slots_that_name_no_one_stay_quiet(text, word):
    assert not any(word in f.text for f in find_identifiers(text) if f.kind in ("NAME", "GEO")), (
        find_identifiers(text)
    )


def test_a_heading_label_before_a_number_is_no_name():
    text = "Hospital Number, MRN 00482917, pending."
    assert not kinds(text, "NAME"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "description"),
    [
        (
            "Tama Rewi, 81, the carver who made the new meeting house at the pā, has COPD.",
            "the carver who made the new meeting house at the pā",
        ),
        (
            "Consent query: he's the vet who vaccinated every dog in the valley and now has MND.",
            "the vet who vaccinated every dog in the valley",
        ),
        (
            "She is the captain of the national netball team and tore her ACL.",
            "the captain of the national netball team",
        ),
    ],
)
def test_descriptions_by_a_deed_or_a_national_team_are_unique(text, description):
    assert any(description in f for f in kinds(text, "UNIQUE")), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "He is the man who collapsed at the gym last week.",
        "Mr Ray Tan, 60, the man who walked in with a troponin of 2000.",
        "He's the one who had the stroke in bay 4.",
        "She is the patient who presented with chest pain.",
        "The physio for the national team recommends rest.",
    ],
)
def test_clinical_stories_and_unowned_roles_are_no_unique_description(text):
    assert not kinds(text, "UNIQUE"), find_identifiers(text)


def test_an_employer_after_a_coach_or_a_kitman():
    text = "Leon, 38, kitman with the Otago Highlanders, has a hot swollen knee."
    assert overlaps(text, "Otago Highlanders"), find_identifiers(text)
    look_alike = "She is a coach with Parkinson's disease and falls."
    assert not kinds(look_alike, "EMPLOYER"), find_identifiers(look_alike)


FLOORS = {("lead", "tune27"): (0.99, 0.90)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_round21_file_holds_its_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
