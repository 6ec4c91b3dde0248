"""Case pages scan with cases.scanning.scan_text: member mentions are not patient identifiers."""

from __future__ import annotations

import pytest

from cases.scanning import scan_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_mention_of_a_member_is_no_finding_whatever_its_case():
    UserFactory(handle="dr_okafor")
    assert scan_text("Thank you @Dr_Okafor, agreed.") == []


def test_a_handle_that_is_no_member_is_still_found():
    UserFactory(handle="dr_okafor")
    findings = scan_text("Thanks @dr_okafor; her Instagram is @jane_doe_88.")
    assert [f.text for f in findings] == ["@jane_doe_88"]


def test_text_without_a_handle_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert [f.kind for f in scan_text("Seen at St Mary's Hospital")] == ["GEO"]


@pytest.mark.parametrize("prefix", ["/uploads/", "/messages/images/"])
def test_the_key_of_an_image_uploaded_here_is_no_identifier(prefix):
    """The random key in an uploaded image's path is the site's, not the author's: this one
    holds a run of digits that passes a card number's checksum (it failed a private message)."""
    key = "5b101caf41594532891948562a253915"
    assert scan_text(f"Here:\n\n![A tracing]({prefix}{key}.png)") == []
    # The same digits written as text, and a number beside the image, are still found.
    assert [
        f.text for f in scan_text(f"Card 41594532891948562, ![A tracing]({prefix}{key}.png)")
    ] == ["41594532891948562"]


def test_no_random_image_key_reads_as_an_identifier():
    import secrets

    flagged = [
        key
        for key in (secrets.token_hex(16) for _ in range(3000))
        if scan_text(f"![An ECG](/uploads/{key}.jpg) and ![A rash](/messages/images/{key}.webp)")
    ]
    assert flagged == []
