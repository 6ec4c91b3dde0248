"""Round 14: the kinds of failure lead_tune13 showed, each in sentences of our own, with the
look-alike each rule must leave alone; and the speed paths, which must find what the plain
patterns find."""

from __future__ import annotations

import random

import pytest

from cases.deidentify import find_identifiers, landmarks, patterns, places
from cases.deidentify.patterns import BRACKETED_PLACE, STREET_FIRST
from cases.deidentify.places import STREET_FIRST as STREET_FIRST_SCAN
from cases.deidentify.places import _bracketed_places


def _flagged(text: str, part: str) -> bool:
    start = text.index(part)
    return any(f.start < start + len(part) and start < f.end for f in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # a hospital by its initials after a verb of transfer, contact or care
        ("She came across from QEQM last night with a perforated DU.", "QEQM"),
        ("Retrieved via RPAH after the arrest, cooled to 34.", "RPAH"),
        ("I rang KCH for his echo report this morning.", "KCH"),
        ("Booked for follow-up at RCHM in six weeks.", "RCHM"),
        ("He was at UHCW for three weeks before coming home.", "UHCW"),
        ("BRI sent us her films on a disc.", "BRI"),
        ("From NUH: a 50F with a pituitary apoplexy.", "NUH"),
        # one word with no place word
        ("ex-Chatsworth, now on the ward with a hip fracture.", "Chatsworth"),
        ("Transferred over from Karitane overnight, feeding well.", "Karitane"),
        ("From Nambour via Caloundra with a septic knee.", "Nambour"),
        ("Single-vehicle crash 20 km south of Tuncurry.", "Tuncurry"),
        ("Our Mulgoa protocol gives 10 ml/kg boluses.", "Mulgoa"),
        ("Born at 30+1 at Kingsbury, now six weeks old.", "Kingsbury"),
        ("Ophthalmology at RVEEH saw him first.", "RVEEH"),
        ("They live on County Route 12 past the mill.", "County Route 12"),
        # rural routes, kilometre markers, towns before a code, lines before a postcode
        ("Lives at HC 31 Box 7, Ekalaka, alone with cattle.", "HC 31 Box 7"),
        ("Home is RD 2, Waipukurau, a long way from town.", "RD 2"),
        ("House on Range Road 213 east of the hamlet.", "Range Road 213"),
        ("Found at km 88 of Route 66, hypothermic.", "km 88 of Route 66"),
        ("Mail goes to Box 12, Big Timber MT 59011.", "Big Timber"),
        ("Seen at home: Ivy Cottage, Much Wenlock, TF13 6AA.", "Ivy Cottage"),
        ("Lives in Zaandam 1502 AB with his wife.", "1502 AB"),
        ("Address: Tsuruoka, 997-0035, an hour from the hospital.", "997-0035"),
        # employers by initials, in lower case, far after a job word, or in brackets
        ("Fitter with ESKOM for ten years, now breathless.", "ESKOM"),
        ("She is a teller at ABSA and fainted at the counter.", "ABSA"),
        ("A picker at ocado, back pain after a long shift.", "ocado"),
        ("A gardener for wakefield district council, needle-stick.", "wakefield district council"),
        ("He drives a forklift for Linfox at the depot.", "Linfox"),
        ("Works in a bakery (Bread Basket) on early shifts.", "Bread Basket"),
    ],
)
def test_round_fourteen_kinds_are_found_in_other_words(text, identifier):
    assert _flagged(text, identifier), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "look_alike"),
    [
        ("Came back from ICU on day 4, eating.", "ICU"),
        ("Transferred from HDU this morning.", "HDU"),
        ("Phoned MET twice overnight for his pressure.", "MET"),
        ("Returned from Brazil two weeks ago with fever.", "Brazil"),
        ("Plan: MTHFR sent. Review when back.", "MTHFR"),
        ("FNA Bethesda III, for a repeat in 3 months.", "FNA"),
        ("ex-Smoker, 20 pack-years, COPD.", "Smoker"),
        ("A nurse at ICU for years, now on the ward.", "ICU"),
        ("She is a farmer; treated for HTN by her GP.", "HTN"),
        ("He works at the steelworks as a fitter.", "steelworks"),
        ("She works at night in the bakery.", "night"),
        ("HC 34 cm, weight 3.2 kg, length 50 cm.", "HC 34"),
        ("Ran 10 km on the A3 path last week.", "A3"),
        ("Baby Kai in cot 3 feeding well.", "cot"),
        ("Ross River and Barmah Forest serology negative.", "Ross River"),
        ("Neither the Geneva nor the Wells rules, nor Toronto or Ottawa criteria.", "Ottawa"),
        ("For rabies PEP we use the Essen vs Zagreb schedule.", "Essen"),
        ("Please send it via 1177 when you can.", "via 1177"),
        ("Behcet's is common in Turks and Iranians.", "Turks and Iranians"),
        ("Antibiotics by the IV route 2 days ago.", "route 2"),
        ("She was born at 32 weeks at night in the ambulance.", "night"),
    ],
)
def test_round_fourteen_look_alikes_stay_unflagged(text, look_alike):
    assert not _flagged(text, look_alike), find_identifiers(text)


def _random_texts(alphabet: list[str], seed: int, count: int = 4000):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))


def test_the_street_first_scan_finds_what_the_pattern_finds():
    alphabet = ["rue ", "Rue ", "ul. ", "al.", "x", "de ", "Provence", " ", "12", ", ", "jl. ",
                "Jalan ", "đường ", ".", "Str. ", "place ", "13b", "\n", "plac "]  # fmt: skip
    for text in _random_texts(alphabet, seed=14):
        expected = [m.span() for m in STREET_FIRST.full.finditer(text)]
        assert [m.span() for m in STREET_FIRST_SCAN.finditer(text)] == expected, text


def test_the_bracket_scan_finds_what_the_pattern_finds():
    alphabet = ["care home (", "nursing home (", "Home (", "GP (", " (", "Fernlea", " ",
                "Little Acorns", ", ", ")", "work", "homework (", "\n(", "unit\t("]  # fmt: skip
    for text in _random_texts(alphabet, seed=41):
        expected = [m.span() for m in BRACKETED_PLACE.finditer(text)]
        assert [m.span() for m in _bracketed_places(text)] == expected, text


@pytest.mark.parametrize(
    "pattern",
    [
        places.VENUE,
        patterns.COUNTY,
        patterns.ZIP_IN_STATE,
        places.NAMED_PLACE,
        patterns.US_ZIP,
        landmarks.PAIR_AREA,
        landmarks.SHORT_HOSPITAL,
    ],
)
def test_keyword_scans_find_what_their_patterns_find(pattern):
    alphabet = ["Red", "Lion", "pub", "inn", "school", "St. ", "'s", "works", "Works", "&",
                "and", "Kofi", "Hotel", "farm", "Orange", "County", "Parish", "of", "MT", "NY",
                "59022", "12345-6789", "1234", "at", "the", "Coach", "Royal", "General", "near",
                "works behind the bar at", "in front of", ",", ".", "\n", "x", "-"]  # fmt: skip
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) + rng.choice([" ", " ", "", "\n"]) for _ in range(12))
        expected = [m.span() for m in pattern.full.finditer(text)]
        assert [m.span() for m in pattern.finditer(text)] == expected, text
