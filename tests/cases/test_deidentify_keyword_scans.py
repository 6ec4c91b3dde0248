"""The speed paths give the matches of the plain patterns, whatever the text: the contact
patterns and numeric dates found from a rare part first (ByKeyword) and the labels grouped by
first letter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cases.deidentify.contact_patterns import EMAIL, IPV4, SSN
from cases.deidentify.labelled import labelled
from cases.deidentify.patterns import LABELLED, LABELLED_IDS, NUMERIC_DATE

# Digits, the separators the three shapes use, and characters that end or open them.
_PIECES = st.sampled_from(
    ["1", "12", "123", "2024", ".", "-", "@", "_", "+", " ", "a", "Zé", "\n", "/", "a.b@c.org"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_keyword_scans_match_the_plain_patterns(text):
    for pattern in (EMAIL, IPV4, SSN, NUMERIC_DATE):
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in pattern.full.finditer(text)
        ]


_LABEL_PIECES = st.sampled_from(
    [
        "mrn", "mr no", "nhs", " no. ", "number", "id", "patient id", "ref", "lot", "s/n",
        "a/c", "fax", "tel", ": ", " ", "#", "is ", "ab ", "12", "3456", "7", "(", "-", ".",
        "x", "\n", "licence plate", "social security",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_LABEL_PIECES, max_size=24).map("".join))
def test_labels_grouped_by_first_letter_find_what_the_plain_alternation_finds(low):
    fast = [(m.span(), m.group("value"), kind) for kind, m in labelled(low)]
    plain = [
        (m.span(), m.group("value"), next(k for k, _l in LABELLED_IDS if m.group(k)))
        for m in LABELLED.finditer(low)
    ]
    assert fast == plain
