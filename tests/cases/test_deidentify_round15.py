"""Round 15 (lead_tune14): the kinds of failure new text showed in names, dates, ages over 89,
ID fragments and unique descriptions, each with sentences of its own and look-alikes that must
stay quiet. The corpus floor is in test_deidentify.py ("lead", "tune14")."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from tests.cases.test_deidentify import _best_time


def found(text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.text) for f in find_identifiers(text)}


def texts(text: str, kind: str) -> set[str]:
    return {f.text for f in find_identifiers(text) if f.kind == kind}


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # the sex before a bare age, as a triage or handover line writes it
        ("Triage: M 97, chest pain since lunch, on warfarin.", "97"),
        ("Bay 3: F/102, fractured wrist after a trip on the rug.", "102"),
        # "at" before the age and the person after it
        ("At 92 he is still fit enough for a hernia repair.", "92"),
        # the age noun and its number are one finding
        ("A nonagenarian, 94, with aortic stenosis asked about TAVI.", "nonagenarian, 94"),
        # a relative or a patient word, then the age between commas
        ("His mother, 96, is his main carer now.", "96"),
        ("Resident, 93, with new confusion; urine dip positive.", "93"),
        # the subject of "is": the patient, a name found before, "ours", "who"
        ("Ours was 99 and walked out of the ward on day 5.", "99"),
        ("Mrs Adeyemi is 95 and still lives alone.", "95"),
        ("She lives with her sister who is 91.", "91"),
        # "of", a bracket, "will be", and ages written as ordinals
        ("A woman of 95 with a fractured pubic ramus.", "95"),
        ("At the age of 94 she had her first seizure.", "94"),
        ("Mrs K (97) was seen today.", "97"),
        ("He'll be 100 in March, says his son.", "100"),
        ("She is in her tenth decade and still gardening.", "her tenth decade"),
        ("She celebrated her hundredth birthday on the ward.", "hundredth birthday"),
    ],
)
def test_ages_over_89_known_by_the_word_beside_them(text, age):
    assert age in texts(text, "AGE_OVER_89")


@pytest.mark.parametrize(
    "text",
    [
        "Obs: pulse 96, BP 110/70, sats 94 on air. He is now 95% on 2 L.",
        "Temp 38.2, HR 102, weight 96 kg; she is now 58.",
        "Plan: her husband, 62, will take her home.",
        "Patient 95% sats on air, RR 18.",
        "At 95 mmHg systolic she was fine. At 96 she was on 2 L.",
        "The trial recruited patients over 90 years; our lady is 84.",
        "Ninety-two hours after the fall she was mobilising.",
        "Hb 9.4. Platelets 96. INR 1.1.",
    ],
)
def test_numbers_and_limits_that_are_no_age_stay_quiet(text):
    assert not texts(text, "AGE_OVER_89")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Letter typed 04/06 and signed 07/06 by the consultant.", "04/06"),
        ("Letter typed 04/06 and signed 07/06 by the consultant.", "07/06"),
        ("Dressing changed 14.2. and wound clean.", "14.2."),
        ("During August she lost 6 kg; by September she was cachectic.", "August"),
        ("In April he was started on sodium valproate.", "April"),
        ("Admitted w/c 14/3 with a chest infection.", "14/3"),
        ("Started on 5th; stopped on 12th.", "5th"),
    ],
)
def test_partial_dates_in_letters_and_months_named_alone(text, date):
    assert date in texts(text, "DATE")


@pytest.mark.parametrize(
    "text",
    [
        "Wells score: 4.5. CTPA booked.",
        "Balance positive 1.2 L since midnight.",
        "BM 2.1. Glucagon given.",
        "Now on 3rd line therapy with ibrutinib.",
        "He lives on 4th floor, no lift.",
    ],
)
def test_decimals_beside_a_unit_or_a_score_are_no_dates(text):
    assert not texts(text, "DATE")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The last four digits of her SSN are 6621 and match the old chart.", "6621"),
        ("His SIN ends with 447 according to the form.", "447"),
        ("Please remove the last 4 of his social security, 3310, from the post.", "3310"),
        ("Aadhaar XXXX XXXX 4471 was visible on the scan.", "4471"),
        ("SSN ***-**-6621 on the insurance form.", "6621"),
    ],
)
def test_last_digits_of_a_national_number(text, number):
    assert any(number in f.text for f in find_identifiers(text))


@pytest.mark.parametrize(
    "text",
    ["Pain for the last 4 days, worse at night.", "Card payment ending soon, said the clerk."],
)
def test_last_days_and_endings_without_digits_of_an_id_stay_quiet(text):
    assert not any(f.kind in ("OTHER_ID", "SSN") for f in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Joy said her pain was 2/10 this morning.", "Joy"),
        ("Kit needs his inhaler technique checked; he is 15.", "Kit"),
        ("We call her Dolly on the unit; she likes that.", "Dolly"),
        ("Re: Tomasz Wiśniewski, 63, referred with dysphagia.", "Tomasz Wiśniewski"),
        ("Re Chukwuemeka Ọkọńkwọ, 58, thank you for seeing him.", "Chukwuemeka Ọkọńkwọ"),
        ("Dr Bird saw him on Tuesday. Bird thought it was gout.", "Bird"),
        ("Patience is 7 and has sickle cell disease; the crisis began at school.", "Patience"),
    ],
)
def test_names_that_are_words_known_by_what_the_sentence_does(text, name):
    assert name in texts(text, "NAME")


@pytest.mark.parametrize(
    "text",
    [
        "Hope is that she improves with diuresis; her weight is down.",
        "Art is her passion and she paints daily.",
        "Grace is key to this consultation; she was frightened.",
        "Will she need a CT? Mark his chart for review.",
        "She was reviewed by Dr Murphy who noted a positive Murphy's sign.",
        "Patient, 88, asked about her statin.",
        "Art is 3 floors up from the ward.",
    ],
)
def test_words_that_open_a_sentence_stay_words(text):
    names = texts(text, "NAME")
    assert not names - {"Dr Murphy"}


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("The sheriff of Lincoln County came in with a fractured ankle.", "Lincoln County"),
        ("The harbourmaster for the island needs a fitness to work letter.", "harbourmaster"),
        ("She won the EuroMillions jackpot last spring and moved.", "EuroMillions jackpot"),
        ("The patient is the Chief Rabbi of the congregation.", "Chief Rabbi"),
        ("He is a survivor of the Grenfell fire with chronic cough.", "Grenfell fire"),
        ("She is the mother of the quintuplets born here last year.", "quintuplets"),
        ("He is the 2022 Young Australian of the Year.", "of the Year"),
        ("She is the winner of the 2021 Booker Prize.", "Booker Prize"),
    ],
)
def test_local_offices_and_lottery_wins(text, description):
    assert any(description in f.text for f in find_identifiers(text))


@pytest.mark.parametrize(
    "text",
    [
        "The mayor is coming to open the new ward.",
        "The chief complaint was dyspnoea for two days.",
        "Access to hospice beds is a postcode lottery.",
        "She was reading a Booker Prize novel on the ward.",
        "The Car of the Year was parked outside.",
        "A survivor of a house fire with smoke inhalation.",
        "Breast cancer survivor, 54, with new back pain.",
    ],
)
def test_offices_without_a_place_and_lotteries_without_a_win_stay_quiet(text):
    assert not texts(text, "UNIQUE")


def test_round_15_passes_stay_linear_on_adversarial_text():
    unit = (
        "Re " * 40
        + "last four of of of the the " * 10
        + "SIN ending " * 20
        + "F/9" * 40
        + ". Hope did " * 30
        + "1.2." * 40
        + "the chief of " * 20
        + "won the " * 20
        + "lottery "
        + "survivor of the Aaaa " * 10
        + "XX " * 30
        + "on 5th " * 20
        + "Aaaa Bbbb of the Year " * 5
        + "\n"
    )
    half = (unit * (50_000 // len(unit) + 1))[:50_000]
    full = (unit * (100_000 // len(unit) + 1))[:100_000]
    assert _best_time(full) < 3.5 * _best_time(half)
