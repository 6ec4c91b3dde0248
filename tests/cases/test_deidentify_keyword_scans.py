"""The contact patterns found from a rare part first (ByKeyword) give the matches of the plain
pattern, whatever the text: the speed path must not change what the scanner finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cases.deidentify.contact_patterns import EMAIL, IPV4, SSN

# Digits, the separators the three shapes use, and characters that end or open them.
_PIECES = st.sampled_from(
    ["1", "12", "123", "2024", ".", "-", "@", "_", "+", " ", "a", "Zé", "\n", "/", "a.b@c.org"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_keyword_scans_match_the_plain_patterns(text):
    for pattern in (EMAIL, IPV4, SSN):
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in pattern.full.finditer(text)
        ]
