"""Round 16 (lead_tune15): the fallback for capitalised words and initialisms no list knows
(cases/deidentify/unknown_proper.py), with the look-alikes it must leave alone. The corpus
floor is in test_deidentify.py ("lead", "tune15")."""

from __future__ import annotations

import re
import time

import pytest

from cases.deidentify import find_identifiers
from cases.deidentify.unknown_proper import find_unknown_proper


def texts(text: str) -> set[str]:
    return {f.text for f in find_identifiers(text)}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a hospital by its initials after a word of place
        ("Her echo was done at UNTH before the referral.", "UNTH"),
        ("Cultures went from UCTH to the reference lab.", "UCTH"),
        # a former hospital, employer or home after "ex-", even a known town
        ("Retired boilermaker, ex-Iscor, with pleural plaques.", "Iscor"),
        ("Bed 2, ex-Chelmsford, for an OGD tomorrow.", "Chelmsford"),
        # a capitalised word no list knows in mid-sentence, with no cue at all
        ("She fell on the Tsitsikamma trail last week.", "Tsitsikamma"),
    ],
)
def test_fallback_finds_words_no_list_knows(text: str, word: str) -> None:
    assert any(word in t for t in texts(text)), texts(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # clinical initialisms after a word of place
        ("Stepped down from HDU to the ward this morning.", "HDU"),
        ("Guidance from NICE and from WHO differ on this.", "NICE"),
        ("Referred to SALT for a swallow assessment.", "SALT"),
        # initialisms with no word of place before
        ("Repeat ECG and CRP in the morning; NSTEMI pathway.", "NSTEMI"),
        # a brand after a word of giving, or in brackets after its generic name
        ("We started Brilinta after the stent went in.", "Brilinta"),
        ("Given enoxaparin (Lovenox) while awaiting theatre.", "Lovenox"),
        # an organism and its species, a virus, a score's value, a grade
        ("Cultures grew Achromobacter xylosoxidans from the sputum.", "Achromobacter"),
        ("Serology for Sin Nombre virus is pending.", "Nombre"),
        ("Glasgow-Imrie was low; Ranson 2 on admission.", "Ranson"),
        # a word opening a sentence or a heading
        ("Impression: viral. Ondansetron helped overnight.", "Ondansetron"),
        ("Plan: Cerner order set for sepsis.", "Cerner"),
        # software and publications
        ("Our Cerner build has no sepsis order set yet.", "Cerner"),
        # authors cited
        ("As described by Ngubane and Oyelaran in 2019, the rash fades.", "Oyelaran"),
    ],
)
def test_fallback_leaves_look_alikes(text: str, word: str) -> None:
    assert not any(word in t for t in texts(text)), texts(text)


def test_fallback_skips_findings_already_made() -> None:
    """A word inside a finding of the rules before is never found twice."""
    text = "Mrs Tshwaraganang from Ombwelo."
    findings = find_identifiers(text)
    assert len([f for f in findings if "Tshwaraganang" in f.text]) == 1


def test_fallback_is_cheap_and_linear() -> None:
    """One regex and set lookups: a 5,000-character field of capitalised words in a few ms,
    and ten times the text in about ten times the time."""
    unit = "Seen at Ombwelo by Tshwaraganang, transferred from UKZMC. "
    small, large = unit * (5000 // len(unit)), unit * (50000 // len(unit))

    def best(text: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            find_unknown_proper(text, [])
            times.append(time.perf_counter() - start)
        return min(times)

    t_small, t_large = best(small), best(large)
    assert t_small < 0.02
    assert t_large < t_small * 25
    assert re.search("Ombwelo", small)
