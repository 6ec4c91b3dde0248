"""Dates said by a named day (``cases/deidentify/named_days.py``): one list of feasts, festivals
and civic days, one rule. Sentences of our own, not from the corpora."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.deidentify.named_days import NAMES


def dates(text: str) -> list[str]:
    return [f.text for f in find_identifiers(text) if f.kind == "DATE"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a day counted from the named one is part of the date the author fixes
        ("The burns came in two days before Christmas, from a fryer.", "two days before Christmas"),
        ("She was seen the evening of Deepavali with a hand injury.", "the evening of Deepavali"),
        (
            "He presented the third day of Eid al-Adha with a knife wound.",
            "the third day of Eid al-Adha",
        ),
        ("Discharged the week after Tabaski to her sister's house.", "the week after Tabaski"),
        # a part of the day or of its holiday is that day
        ("The fall happened during Chuseok holidays at the family home.", "Chuseok holidays"),
        ("He collapsed at the Homowo gathering after the drumming.", "Homowo gathering"),
        ("Brought in over the Easter long weekend, unconscious.", "Easter long weekend"),
        # the typographic apostrophe, and a spelling with spaces in place of hyphens
        ("She was admitted on King\u2019s Day after a fall from a boat.", "King\u2019s Day"),
        ("The stab wound was on eid al fitr, the family said.", "eid al fitr"),
        # a lone name that is a word, with its capital
        ("He came in on Tet with a firework injury to his hand.", "Tet"),
    ],
)
def test_a_named_day_placed_by_a_word_is_a_date(text, date):
    assert date in dates(text), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        # no placing word, or the name used for a thing or a topic
        "Christmas trees cause allergic rhinitis in some children.",
        "Navruz is a spring feast with many family gatherings.",
        "We see more Diwali burns than any other injury in autumn.",
        # a lone name that is an ordinary word in lower case ("tet tox", "eid" in a code)
        "He had his tet tox booster on the day of the injury.",
        # a day that is also a place, after a word of place
        "She flew from Saint Lucia to the capital for dialysis.",
        "The registrar moved to San Juan for her training.",
    ],
)
def test_a_named_day_as_a_thing_a_place_or_a_word_is_no_date(text):
    assert dates(text) == [], find_identifiers(text)


def test_the_list_holds_each_name_once_with_both_apostrophes():
    assert len(NAMES) == len(set(NAMES))
    assert "st patrick's day" in NAMES
    assert "st patrick\u2019s day" in NAMES
    assert all(name == name.lower() and name == " ".join(name.split()) for name in NAMES)
