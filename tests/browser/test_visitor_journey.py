"""A visitor browses the forums, opens a thread, pages through it and searches."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from forums.selectors.common import POSTS_PER_PAGE
from tests.browser.axe import serious_violations
from tests.browser.helpers import scrolls_sideways
from tests.factories import CategoryFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forum_with_long_thread():
    forum = CategoryFactory(
        name="Cardiology", slug="cardiology", description="Arrhythmias and ECG puzzles."
    )
    thread = make_thread(
        category=forum,
        title="Wide-complex tachycardia",
        body="Which **criteria** do you use?",
        replies=POSTS_PER_PAGE + 2,
        tags=["ecg"],
    )
    make_thread(
        category=forum,
        title="Amiodarone and the thyroid",
        body="Hypothyroidism after long-term amiodarone.",
    )
    return thread


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_visitor_browses_opens_a_thread_pages_through_and_searches(page, forum_with_long_thread):
    """test_pages.py scans and screenshots these pages in both colour schemes."""
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert scrolls_sideways(page) == 0

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums").click()
    expect(page).to_have_url(re.compile(r"/forums/$"))
    page.get_by_role("link", name="Cardiology").click()
    expect(page.get_by_role("heading", name="Cardiology")).to_be_visible()
    assert scrolls_sideways(page) == 0

    page.get_by_role("link", name="Wide-complex tachycardia").click()
    expect(page.get_by_role("heading", name="Wide-complex tachycardia")).to_be_visible()
    expect(page.get_by_text("Which criteria do you use?")).to_be_visible()
    assert scrolls_sideways(page) == 0

    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text(f"Reply {POSTS_PER_PAGE}", exact=True)).to_be_visible()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()

    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search threads and posts").fill("amiodarone thyroid")
    page.get_by_label("Search threads and posts").press("Enter")
    expect(page.get_by_role("link", name=re.compile("Amiodarone and the thyroid"))).to_be_visible()
    assert scrolls_sideways(page) == 0
    assert page.csp_violations == []


@pytest.mark.django_db(transaction=False)
def test_the_accessibility_scan_reports_a_real_violation(blank_page):
    """Guards the guard: axe must catch an unlabelled input, or the scans above prove nothing."""
    page = blank_page
    page.set_content("<html lang='en'><title>t</title><main><input type='text'></main></html>")
    assert "label" in {violation["id"] for violation in serious_violations(page)}
