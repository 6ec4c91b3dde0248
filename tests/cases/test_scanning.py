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
