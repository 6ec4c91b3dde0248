"""Every page the browser journeys visited is valid HTML (issue 22): the Nu Html Checker."""

from __future__ import annotations

import pytest

from tests.browser import vnu
from tests.browser.conftest import PAGES

# A page with one known error, checked with the others: proves the checker runs and reports.
CANARY = (
    "canary",
    '<!DOCTYPE html><html lang="en"><head><title>c</title></head>'
    '<body><span aria-label="x">y</span></body></html>',
)


def test_every_page_the_journeys_visited_is_valid_html():
    if not PAGES:
        pytest.skip("no browser journey ran before this test in this run: no page to check")
    if vnu.java() is None:
        pytest.skip("java is not installed (make test installs default-jre-headless with apt-get)")
    errors = vnu.validate({**PAGES, CANARY[0]: CANARY[1]})
    canary = [error for error in errors if error.startswith("canary:")]
    assert canary, errors
    assert "aria-label" in canary[0]
    others = [error for error in errors if not error.startswith("canary:")]
    assert not others, f"{len(others)} errors on {len(PAGES)} pages:\n" + "\n".join(others)
