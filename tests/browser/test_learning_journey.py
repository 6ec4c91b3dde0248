"""The CPD learning log in a real browser (issue 26): a clinician adds a case to their log from
the case page, writes a reflection that the identifier scanner stops until they make its
suggested change, saves it, sees the yearly summary chart, downloads the PDF for their
appraiser and opens its verification link signed out. Every page passes the accessibility
scan in both colour schemes, at desktop and phone width, without scrolling sideways."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from forums.models import LearningEntry
from forums.posting import SITE, create_reply
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import publish_case, scrolls_sideways, sign_in, sign_out
from tests.factories import UserFactory, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _checked(page) -> None:
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_log_a_case_reflect_and_export_it_for_an_appraiser(page, viewport, screenshot):
    author = UserFactory(professional=True, email="author@example.org", handle="author")
    case = publish_case(author, title=f"Syncope in a runner ({viewport})")
    reader = UserFactory(
        professional=True, email="reader@example.org", handle="reader", display_name="Dr Reader"
    )
    replied = make_thread(title=f"Statins after 80 ({viewport})")
    create_reply(thread=replied, author=reader, body="We stop them at 85.", origin=SITE)
    sign_in(page, reader.email)

    page.goto(case.get_absolute_url())
    page.get_by_role("button", name="Add to my learning log").first.click()
    expect(page.get_by_text("Added to your learning log.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rounds case {case.pk}")
    expect(page.get_by_text(case.title)).to_have_count(0)  # never the case's title
    _checked(page)
    screenshot(page, "learning-entry")

    page.get_by_label("What happened").fill("Discussed a collapse on 14/03/2025 in clinic.")
    page.get_by_label("What I learned").fill("Ask about **family history** of sudden death.")
    page.get_by_label("Time spent, in minutes").fill("40")
    page.get_by_label("Category").select_option(label="Clinical")
    page.get_by_role("button", name="Save entry").click()
    expect(
        page.get_by_role("heading", name="Your reflection may identify a patient")
    ).to_be_visible()
    expect(page.get_by_label("What happened")).to_have_value(
        "Discussed a collapse on 14/03/2025 in clinic."
    )
    _checked(page)
    screenshot(page, "learning-scanner")

    page.get_by_role("button", name="Make the suggested changes").click()
    expect(page.get_by_label("What happened")).not_to_have_value(
        "Discussed a collapse on 14/03/2025 in clinic."
    )
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_text("Your learning log entry was saved.")).to_be_visible()
    entry = LearningEntry.objects.get(user=reader)
    assert "14/03/2025" not in entry.what_happened
    assert entry.minutes == 40
    assert "<strong>family history</strong>" in entry.what_learned_html
    expect(page.get_by_role("link", name=f"Rounds case {case.pk}")).to_be_visible()
    _checked(page)
    screenshot(page, "learning-log")

    page.get_by_role("link", name="Not logged yet").click()
    suggestion = page.locator(".learning-suggestion")
    expect(suggestion).to_have_count(1)
    expect(suggestion.get_by_role("link", name=f"Rounds thread {replied.pk}")).to_be_visible()
    _checked(page)
    screenshot(page, "learning-not-logged")

    page.get_by_role("link", name="Yearly summary").click()
    chart = page.get_by_role("img", name="Hours per month")
    expect(chart).to_be_visible()
    page.get_by_text("Hours per month as a table").click()
    expect(page.get_by_role("table").first).to_be_visible()
    _checked(page)
    screenshot(page, "learning-summary")

    page.get_by_role("link", name="Export for appraisal").click()
    _checked(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download").click()
    pdf = download_info.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert f"Rounds case {case.pk}" in text
    assert "family history" in text
    assert case.title not in text
    page.reload()
    link = page.get_by_role("link", name="verification page").first.get_attribute("href")
    assert link

    sign_out(page)
    page.goto("/learning/" + link.split("/learning/", 1)[1])  # SITE_URL is not the test server
    expect(page.get_by_text("This learning log was exported from")).to_be_visible()
    expect(page.get_by_text("Dr Reader")).to_be_visible()
    expect(page.get_by_text("family history")).to_have_count(0)
    _checked(page)
    screenshot(page, "learning-verify")
