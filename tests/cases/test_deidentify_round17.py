"""Round 17 (lead_tune16): long posts from many countries. Each kind of failure fixed has
sentences of its own here (not from the corpus), with look-alikes that must stay quiet. The
corpus floor is in test_deidentify.py ("lead", "tune16")."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers


def texts(text: str, kind: str) -> set[str]:
    return {f.text for f in find_identifiers(text) if f.kind == kind}


def flagged(text: str) -> set[str]:
    return {f.text for f in find_identifiers(text)}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a festival of the writer's calendar after a word that places the event on it
        ("Her waters broke the morning of Holi, at her in-laws' house.", "the morning of Holi"),
        ("He has vomited blood since Seollal, when he drank soju every night.", "Seollal"),
        ("The rash started three days after Songkran; she had been splashed by canal water.",
         "three days after Songkran"),
        ("They came back from the village during Golden Week and he collapsed.", "Golden Week"),
        ("She was admitted on Orthodox Christmas with a GI bleed.", "Orthodox Christmas"),
        ("Fever began the week before Lebaran and he kept fasting.", "the week before Lebaran"),
        ("He was kicked by a horse on the second day of Naadam.", "the second day of Naadam"),
        ("We saw her at Carnaval, drunk and febrile.", "Carnaval"),
        # a month-long season is a date only by a day or an end of it
        ("The DKA came on the first day of Ramadan after he stopped insulin.",
         "the first day of Ramadan"),
        ("She stopped her tablets at the end of Lent.", "the end of Lent"),
        # the day of a month of another calendar
        ("He was born on the 10th of Muharram in the camp.", "the 10th of Muharram"),
        ("Grandmother fell on the 15th of the eighth lunar month, at the moon festival.",
         "the 15th of the eighth lunar month"),
        # a count of weekdays back from the post
        ("The cough began three Fridays ago after the funeral.", "three Fridays ago"),
    ],
)  # fmt: skip
def test_festival_dates(text, date):
    assert any(date in t or t in date for t in texts(text, "DATE"))


@pytest.mark.parametrize(
    "text",
    [
        # fasting as a topic, a festival as a season of risk, a weekday that recurs
        "How do you adjust insulin for patients who fast during Ramadan?",
        "Diwali burns are common; we run a teaching session every year.",
        "She has dialysis on Fridays and Mondays.",
        "Lent and Ramadan both change eating patterns in our clinic population.",
    ],
)
def test_festival_topics_stay_quiet(text):
    assert not texts(text, "DATE")


@pytest.mark.parametrize(
    ("text", "employer"),
    [
        ("He drove a forklift for Marel hf in the harbour for twenty years.", "Marel hf"),
        ("She worked at Valmet Oyj until the layoffs.", "Valmet Oyj"),
        ("Her husband is a welder at Hyundai Heavy Industries in the shipyard.",
         "Hyundai Heavy Industries"),
        ("He is a porter for Everest Summit Expeditions every spring.",
         "Everest Summit Expeditions"),
        ("Her son is an analyst at HSBC and flies a lot.", "HSBC"),
        ("She is a lecturer at UCT and has tried every inhaler.", "UCT"),
        ("Employer Socabu has asked for a fitness certificate.", "Socabu"),
        ("He spent ten years guiding for Kilimanjaro Peak Safaris.", "Kilimanjaro Peak Safaris"),
    ],
)  # fmt: skip
def test_employers_abroad(text, employer):
    assert any(employer in t or t in employer for t in flagged(text))


@pytest.mark.parametrize(
    "text",
    [
        # initials of a ward or a unit after a job: where in the hospital, not who employs
        "She is a nurse at ICU and does nights.",
        "He is the registrar at ED this week.",
        # an acronym of a study, a list or a body: no town
        "Check the current WADA list before prescribing.",
        "There is evidence from INBUILD for progressive fibrosis.",
    ],
)
def test_employer_and_place_look_alikes_stay_quiet(text):
    assert not {t for t in flagged(text) if t.isupper()}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("He sleeps in a shelter on East 116th Street.", "East 116th Street"),
        ("She runs a bakery on North 5th Avenue near the park.", "North 5th Avenue"),
        ("He was fishing off the island of Vis when the pain began.", "Vis"),
        ("They live in the oasis of Siwa and came by bus.", "Siwa"),
    ],
)
def test_streets_and_islands(text, place):
    assert place in texts(text, "GEO")


@pytest.mark.parametrize(
    ("text", "quiet"),
    [
        # greetings in the writer's language, opening a post
        ("Bonsoir from Lyon. A 40-year-old man with fever.", "Bonsoir"),
        ("Tere colleagues, one question about warfarin.", "Tere"),
        ("Habari za asubuhi. A child with fever and rash.", "Habari"),
        ("Dear Sirs, I am writing about a patient with gout.", "Sirs"),
        # the patient's sex opening a case before the age
        ("Woman, 44, from a rural area with chest pain.", "Woman"),
        # a medicine opening a sentence
        ("Tocilizumab works well in our hands.", "Tocilizumab"),
        ("Ciclosporin aside, what else is there?", "Ciclosporin"),
        # an organism's binomial and a piece of a lab token
        ("Necator americanus was seen in the stool.", "Necator"),
        ("IgG4 was 3.2 g/L and the pancreas looked like a sausage.", "Ig"),
    ],
)
def test_look_alikes_stay_quiet(text, quiet):
    assert quiet not in flagged(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name after a greeting is kept, the greeting dropped from it
        ("Hola Marisol, thanks for the follow-up on your father.", "Marisol"),
        # a name opening a sentence is not a medicine, nor a surname before a word
        ("Olumide Adeyemi, 41, came back with the same pain.", "Olumide Adeyemi"),
        ("Dr McAllister saw him first.", "McAllister"),
    ],
)
def test_names_beside_look_alikes_are_kept(text, name):
    assert any(name in t for t in texts(text, "NAME"))
