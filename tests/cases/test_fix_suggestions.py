"""Fixes for the scanner's findings across a whole case (cases.anonymising): one Day 0 for every
field, relative days either side of it, a date of birth as the form's age band, a name as the
role the author picks, numbers and contact details removed with their labels."""

from __future__ import annotations

from datetime import date

import pytest

from cases.anonymising import (
    REMOVED,
    Action,
    age_band_at,
    apply_suggestions,
    read_date,
    suggest_case_fixes,
)
from cases.deidentify import find_identifiers
from cases.models import AgeBand

TODAY = date(2026, 12, 5)


def scan(texts: dict[str, str]) -> dict:
    return {name: found for name, text in texts.items() if (found := find_identifiers(text))}


def fix_all(texts: dict[str, str], *, day_zero=None, roles=None, keys=None):
    return apply_suggestions(
        scan(texts), texts, keys=keys, roles=roles or {}, day_zero=day_zero, today=TODAY
    )


def test_the_first_date_converted_sets_one_day_zero_for_every_field():
    texts = {
        "history": "Admitted on 12/03/2024 with chest pain.",
        "timeline": "Echo on 15/03/2024. Discharged 20/03/2024.",
    }
    suggestions = suggest_case_fixes(scan(texts), texts, day_zero=None, today=TODAY)
    first = suggestions["history"][0]
    assert first.replacement == "Day 0"
    assert first.sets_day_zero == date(2024, 3, 12)
    applied = fix_all(texts, keys=[first.key])
    assert applied.day_zero == date(2024, 3, 12)
    assert applied.values["history"] == "Admitted on Day 0 with chest pain."
    # The other field's dates now count from the same Day 0, not from their own first date.
    later = fix_all(applied.values, day_zero=applied.day_zero)
    assert later.values["timeline"] == "Echo on Day +3. Discharged Day +8."


def test_applying_every_fix_at_once_counts_from_the_first_date_in_field_order():
    texts = {"history": "Seen 10/03/2024.", "timeline": "Returned 05/03/2024; again 10/04/2024."}
    applied = fix_all(texts)
    assert applied.day_zero == date(2024, 3, 10)
    assert applied.values == {
        "history": "Seen Day 0.",
        "timeline": "Returned Day -5; again Day +31.",
    }


def test_dates_before_day_zero_get_negative_days_with_the_ascii_hyphen():
    applied = fix_all({"history": "Symptoms from 1 March 2024."}, day_zero=date(2024, 3, 12))
    assert applied.values["history"] == "Symptoms from Day -11."


def test_a_date_without_a_year_takes_the_year_nearest_day_zero_and_says_so():
    texts = {"history": "Fell on 28 December, admitted later."}
    (suggestion,) = suggest_case_fixes(scan(texts), texts, day_zero=date(2025, 1, 3), today=TODAY)[
        "history"
    ]
    assert suggestion.replacement == "Day -6", "28 December 2024, not 2025"
    assert "28 December 2024, the nearest to Day 0" in suggestion.note


def test_a_date_without_a_year_before_any_day_zero_is_the_latest_one_before_today():
    read = read_date("15 March", reference=TODAY, reference_is_day_zero=False)
    assert read.day == date(2026, 3, 15)
    read = read_date("24 December", reference=TODAY, reference_is_day_zero=False)
    assert read.day == date(2025, 12, 24), "not in the future"


def test_numeric_dates_are_read_day_first_and_the_note_says_so_when_ambiguous():
    read = read_date("03/04/2024", reference=TODAY, reference_is_day_zero=False)
    assert read.day == date(2024, 4, 3)
    assert "day first" in read.notes[0]
    read = read_date("12/25/2024", reference=TODAY, reference_is_day_zero=False)
    assert read.day == date(2024, 12, 25)
    assert read.notes == ()


def test_a_month_and_year_count_in_months_from_day_zero_or_keep_the_year():
    texts = {"history": "Well until March 2024."}
    with_zero = fix_all(texts, day_zero=date(2024, 5, 2))
    assert with_zero.values["history"] == "Well until Month -2."
    assert fix_all(texts).values["history"] == "Well until 2024."


def test_a_date_of_birth_becomes_the_age_band_of_the_form_at_day_zero():
    texts = {"history": "Mrs Jane Smith, DOB 03/04/1950, presented with chest pain."}
    applied = fix_all(texts, day_zero=date(2024, 3, 12))
    assert (
        applied.values["history"] == "The patient, aged 70 to 79 years, presented with chest pain."
    )
    assert applied.age_band == AgeBand.AGE_70_79
    assert applied.day_zero == date(2024, 3, 12), "a birth date never becomes Day 0"


def test_a_date_of_birth_without_day_zero_is_counted_at_today():
    texts = {"history": "Date of birth: 1 June 1936."}
    applied = fix_all(texts)
    assert applied.values["history"] == "Aged over 89."
    assert applied.day_zero is None


@pytest.mark.parametrize(
    ("born", "on", "band"),
    [
        (date(2024, 3, 1), date(2024, 3, 20), AgeBand.NEONATE),
        (date(2023, 12, 1), date(2024, 3, 20), AgeBand.INFANT),
        (date(2020, 3, 21), date(2024, 3, 20), AgeBand.AGE_1_4),
        (date(1994, 3, 20), date(2024, 3, 20), AgeBand.AGE_30_39),
        (date(1934, 3, 21), date(2024, 3, 20), AgeBand.AGE_80_89),
        (date(1934, 3, 20), date(2024, 3, 20), AgeBand.OVER_89),
        (date(2025, 1, 1), date(2024, 3, 20), None),
    ],
)
def test_age_bands_follow_the_patient_summary(born, on, band):
    assert age_band_at(born, on) == band


def test_a_name_becomes_the_role_the_author_picks():
    texts = {"history": "Her daughter, Mary Jones, found Mrs Okafor on the floor."}
    suggestions = suggest_case_fixes(scan(texts), texts, day_zero=None, today=TODAY)["history"]
    names = [s for s in suggestions if s.action == Action.ROLE]
    assert [s.role for s in names] == ["name", "patient"], "after a relation: [name]"
    roles = {names[0].key: "her-daughter", names[1].key: "patient"}
    applied = fix_all(texts, roles=roles)
    assert (
        applied.values["history"] == "Her daughter, her daughter, found the patient on the floor."
    )
    applied = fix_all(texts, roles={names[0].key: "name", names[1].key: "no-such-role"})
    assert applied.values["history"] == "Her daughter, [name], found the patient on the floor."


def test_a_role_starting_a_sentence_is_capitalised():
    applied = fix_all({"history": "Presented unwell. John Smith had a fever."})
    assert applied.values["history"] == "Presented unwell. The patient had a fever."


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Known to us, MRN: 12345678, since 2019.", f"Known to us, {REMOVED}, since 2019."),
        ("Call 0207 946 0958 for results.", f"Call {REMOVED} for results."),
        ("Email jsmith@example.com.", f"{REMOVED}."),
        ("Lives at 14 Elm Street, near the park.", f"Lives at {REMOVED}, near the park."),
        ("Transferred from St Mary's Hospital.", "Transferred from a hospital."),
    ],
)
def test_numbers_contacts_and_addresses_are_removed_with_their_labels(text, fixed):
    assert fix_all({"history": text}).values["history"] == fixed


def test_a_kind_the_module_does_not_know_is_removed():
    from cases.anonymising import suggest_fix
    from cases.deidentify import Finding

    finding = Finding(9, 18, "EMPLOYER", "Acme Mill")
    suggestion = suggest_fix(
        finding, field="history", text="Works at Acme Mill.", day_zero=None, today=TODAY
    )
    assert suggestion.action == Action.REMOVE
    assert suggestion.replacement == REMOVED


def test_only_the_named_fixes_are_applied_and_the_rest_of_the_text_is_kept():
    texts = {"history": "Seen 12/03/2024 by Dr Okafor, MRN 12345678. Stable."}
    first = suggest_case_fixes(scan(texts), texts, day_zero=None, today=TODAY)["history"][-1]
    applied = fix_all(texts, keys=[first.key])
    assert applied.values["history"] == f"Seen 12/03/2024 by Dr Okafor, {REMOVED}. Stable."
    assert applied.day_zero is None
    assert applied.changes == [("history", "MRN 12345678", REMOVED)]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("3/4", date(2024, 4, 3)),
        ("Christmas Day", date(2023, 12, 25)),
        ("March 14th, 2024", date(2024, 3, 14)),
        ("2024-03-01", date(2024, 3, 1)),
        ("Tuesday 12th of March", date(2024, 3, 12)),
    ],
)
def test_dates_in_the_shapes_authors_write_are_read(text, read):
    found = read_date(text, reference=date(2024, 3, 12), reference_is_day_zero=True)
    assert found.day == read


def test_a_date_that_cannot_be_read_is_removed_and_ages_over_89_become_the_band():
    from cases.anonymising import suggest_fix
    from cases.deidentify import Finding

    text = "On 31/02/2024 a 93-year-old fell."
    bad = suggest_fix(
        Finding(3, 13, "DATE", "31/02/2024"), field="history", text=text, day_zero=None, today=TODAY
    )
    assert (bad.action, bad.replacement) == (Action.REMOVE, REMOVED)
    applied = fix_all({"history": "A 93-year-old fell."})
    assert applied.values["history"] == "A over 89 fell."
