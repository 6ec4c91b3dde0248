"""The identifier scanner: its corpus thresholds, its fixes and its linear running time."""

from __future__ import annotations

import time

import pytest

from cases.deidentify import KINDS, apply_fixes, check_reply, find_identifiers
from cases.scanner_eval import evaluate, load_corpus, parse_line


def test_the_corpus_is_large_and_holds_hard_negatives():
    corpus = load_corpus()
    assert len(corpus) >= 300
    assert sum(1 for s in corpus if not s.spans) >= 100
    assert {kind for s in corpus for _a, _b, kind in s.spans} <= set(KINDS)


def test_scanner_meets_recall_and_precision_targets_on_the_labelled_corpus():
    report = evaluate(load_corpus())
    assert report.recall >= 0.95, report.misses
    assert report.precision >= 0.85, report.false_alarms


def test_corpus_marks_are_parsed_to_offsets_in_the_plain_text():
    snippet = parse_line("Seen by [[NAME|Dr Lee]] on [[DATE|3 May 2020]].")
    assert snippet.text == "Seen by Dr Lee on 3 May 2020."
    assert [snippet.text[a:b] for a, b, _k in snippet.spans] == ["Dr Lee", "3 May 2020"]


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Admitted on 12/03/2024 with dyspnoea.", "DATE", "12/03/2024"),
        ("A 93-year-old woman.", "AGE_OVER_89", "93-year-old"),
        ("Email jo@example.org please.", "EMAIL", "jo@example.org"),
        ("SSN 123-45-6789.", "SSN", "123-45-6789"),
        ("Mrs Patel was seen.", "NAME", "Mrs Patel"),
        ("She lives at 14 Elm Street now.", "GEO", "14 Elm Street"),
        ("Postcode SW1A 1AA.", "ZIP", "SW1A 1AA"),
        ("Access from 192.168.1.20 logged.", "IP", "192.168.1.20"),
    ],
)
def test_scanner_names_the_kind_and_offsets_of_each_identifier(text, kind, found):
    findings = find_identifiers(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, found)]
    assert text[findings[0].start : findings[0].end] == found


def test_hard_negatives_are_not_flagged():
    text = (
        "Parkinson's disease since 2015; GCS 15; Wells score 6; amoxicillin 500 mg; "
        "Hb 98 g/L; BP 120/80; Day +3 she improved; a 45-year-old; Glasgow Coma Scale 14."
    )
    assert find_identifiers(text) == []


def test_dates_are_offered_relative_days_counted_from_the_earliest_date():
    text = "Admitted 3 March 2023. Operated 6 March 2023."
    fixes = [f.fix for f in find_identifiers(text)]
    assert fixes == ["Day 0", "Day +3"]


def test_ages_over_89_are_offered_the_band_and_fixes_apply_in_place():
    text = "A 93-year-old man."
    (finding,) = find_identifiers(text)
    assert finding.fix == "over 89"
    assert apply_fixes(text, [(finding.start, finding.end, finding.fix)]) == "A over 89 man."


def test_replies_are_checked_by_the_same_scanner():
    assert [f.kind for f in check_reply("I saw her at St Mary's Hospital too")] == ["GEO"]


def _best_time(text: str) -> float:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        find_identifiers(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


def test_scanning_time_grows_linearly_with_text_length():
    # Adversarial pieces for backtracking engines: long tokens without the final character a
    # pattern needs, runs of capitalised words, digits and separators, unclosed URLs.
    unit = (
        "a" * 300
        + " "
        + "Mr " * 40
        + "Aaaa " * 60
        + "1/" * 80
        + "1." * 80
        + "0" * 200
        + " x@"
        + "b." * 100
        + " http://"
        + "c" * 300
        + " 12 Oak " * 30
        + "MRN " * 30
        + "\n"
    )
    half = (unit * (50_000 // len(unit) + 1))[:50_000]
    full = half * 2
    assert len(full) == 100_000
    ratio = _best_time(full) / _best_time(half)
    # Linear is about 2; quadratic would be about 4.
    assert ratio < 3, ratio
