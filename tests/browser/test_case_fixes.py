"""An author writes a case with dates in two fields and a name, and fixes them in the page: with
JavaScript each "Apply" edits the text where it is (the page never reloads, the cursor stays
with the author's words) and the second field's date counts from the Day 0 the first one set;
without JavaScript the same buttons post the form and it comes back fixed, nothing lost."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from cases.models import Case
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

HISTORY = "Collapsed on 12/03/2024 while running. John Smith was pale and sweaty."
TIMELINE = "Echo on 15/03/2024 showed septal hypertrophy."


def _write(page) -> None:
    page.goto("/cases/new/")
    page.get_by_label("Title").fill("Syncope on exertion in a runner")
    page.get_by_label("Specialty").select_option(label="Cardiology")
    page.get_by_label(re.compile(r"^Presenting complaint")).fill("Collapse while running.")
    page.get_by_label(re.compile(r"^History")).fill(HISTORY)
    page.get_by_label(re.compile(r"^Timeline")).fill(TIMELINE)


def _finding(page, text: str):
    return page.locator("li.finding").filter(has=page.locator("mark", has_text=text))


def test_fixes_are_applied_in_the_page_from_one_day_zero(page, screenshot):
    author = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    sign_in(page, author.email)
    _write(page)
    page.evaluate("() => { window.notReloaded = true; }")

    # A pause in typing scans again: the findings appear under the form.
    expect(_finding(page, "12/03/2024")).to_contain_text("Replace with “Day 0”")
    expect(_finding(page, "15/03/2024")).to_contain_text("Replace with “Day 0”")
    expect(page.locator("#fix-summary")).to_contain_text("3 passages may identify the patient")
    screenshot(page, "case-fixes")
    assert violations_in_both_schemes(page) == {}

    # The author's cursor sits after "while running"; the fix before it must not move it off.
    history = page.get_by_label(re.compile(r"^History"))
    cursor = HISTORY.index(" John")
    history.evaluate(f"el => el.setSelectionRange({cursor}, {cursor})")
    _finding(page, "12/03/2024").get_by_role("button", name="Apply").click()
    expect(history).to_have_value(HISTORY.replace("12/03/2024", "Day 0"))
    moved = cursor + len("Day 0") - len("12/03/2024")
    assert history.evaluate("el => [el.selectionStart, el.selectionEnd]") == [moved, moved]
    expect(page.locator("input[name=day_zero]")).to_have_value("2024-03-12")
    expect(page.locator("#fix-announce")).to_contain_text("Replaced “12/03/2024” with “Day 0”")

    # The focus moves on to the finding that took its place: the name, next in the history.
    expect(_finding(page, "John Smith").get_by_label("Replace with")).to_be_focused()

    # The timeline's date now counts from the history's Day 0.
    timeline_fix = _finding(page, "15/03/2024")
    expect(timeline_fix).to_contain_text("Replace with “Day +3”")
    timeline_fix.get_by_role("button", name="Apply").click()
    expect(page.get_by_label(re.compile(r"^Timeline"))).to_have_value(
        "Echo on Day +3 showed septal hypertrophy."
    )

    # The name becomes the role the author picks, once the scan the fix started is over (a
    # rescan landing between the choice and the click would render the list again).
    panel = page.locator("[data-fix-panel]")
    expect(panel).to_have_attribute("aria-busy", "false")
    page.wait_for_timeout(1000)  # longer than the pause in typing that starts a rescan
    expect(panel).to_have_attribute("aria-busy", "false")
    name = _finding(page, "John Smith")
    name.get_by_label("Replace with").select_option(label="his son")
    name.get_by_role("button", name="Apply").click()
    expect(history).to_have_value("Collapsed on Day 0 while running. His son was pale and sweaty.")
    expect(page.locator("li.finding")).to_have_count(0)
    expect(page.locator("#fix-summary")).to_be_hidden()
    assert page.evaluate("() => window.notReloaded") is True
    assert violations_in_both_schemes(page) == {}

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Syncope on exertion in a runner")).to_be_visible()
    case = Case.objects.get(author=author)
    assert case.day_zero == date(2024, 3, 12)
    assert case.history == "Collapsed on Day 0 while running. His son was pale and sweaty."
    assert case.timeline == "Echo on Day +3 showed septal hypertrophy."
    assert page.csp_violations == []


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_without_javascript_each_fix_posts_the_form_back_with_everything_kept(no_js_page):
    page = no_js_page
    author = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    sign_in(page, author.email)
    _write(page)
    page.get_by_role("button", name="Check for identifiers").click()
    _finding(page, "12/03/2024").get_by_role("button", name="Apply").click()
    expect(page.locator(".fix-status")).to_contain_text("Replaced “12/03/2024” with “Day 0”")
    _finding(page, "15/03/2024").get_by_role("button", name="Apply").click()
    expect(page.get_by_label(re.compile(r"^Timeline"))).to_have_value(
        "Echo on Day +3 showed septal hypertrophy."
    )
    expect(page.get_by_label(re.compile(r"^History"))).to_have_value(
        HISTORY.replace("12/03/2024", "Day 0")
    )
    expect(page.get_by_label("Title")).to_have_value("Syncope on exertion in a runner")
    expect(page.get_by_label("Specialty")).to_have_value("cardiology")
    expect(page.get_by_label(re.compile(r"^Presenting complaint"))).to_have_value(
        "Collapse while running."
    )
    assert not Case.objects.exists(), "a fix saves nothing"
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Syncope on exertion in a runner")).to_be_visible()
    assert Case.objects.get(author=author).day_zero == date(2024, 3, 12)


def test_a_reply_is_fixed_in_the_page_before_it_is_posted(page):
    from tests.browser.helpers import publish_case

    author = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    case = publish_case(author)
    peer = UserFactory(professional=True, email="ben@example.org", handle="dr_ben")
    sign_in(page, peer.email)
    page.goto(f"/cases/{case.pk}/reply/")
    body = page.get_by_label("Your reply")
    body.fill("My patient, Mary Jones, collapsed on 02/05/2024 and again on 09/05/2024.")
    finding = _finding(page, "Mary Jones")
    finding.get_by_label("Replace with").select_option(label="the patient")
    finding.get_by_role("button", name="Apply").click()
    expect(body).to_have_value(
        "My patient, the patient, collapsed on 02/05/2024 and again on 09/05/2024."
    )
    page.get_by_role("button", name="Apply all suggested fixes").click()
    expect(body).to_have_value("My patient, the patient, collapsed on Day 0 and again on Day +7.")
    expect(page.locator("li.finding")).to_have_count(0)
    assert violations_in_both_schemes(page) == {}
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("collapsed on Day 0 and again on Day +7")).to_be_visible()
    assert page.csp_violations == []


def test_the_submit_page_ticks_fixes_with_a_role_for_a_name(page):
    from cases import authoring
    from cases.models import CaseStatus
    from tests.cases.conftest import CASE_VALUES

    author = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    values = {**CASE_VALUES, "history": "Seen 12/03/2024. Mary Jones found him.", "timeline": ""}
    values["examination"] = "Murmur on 14/03/2024."
    case = authoring.create_case(author=author, values=values)
    sign_in(page, author.email)
    page.goto(f"/cases/{case.pk}/submit/")
    name = _finding(page, "Mary Jones")
    name.get_by_label("Role that replaces “Mary Jones”").select_option(label="her daughter")
    assert violations_in_both_schemes(page) == {}
    for box in page.get_by_label(re.compile(r"^Replace with")).all():
        box.check()
    page.get_by_label(re.compile("consent", re.I)).first.check()
    page.locator("input[name=attest]").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("link", name="Submit for review")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING
    assert case.history == "Seen Day 0. Her daughter found him."
    assert case.examination == "Murmur on Day +2."
    assert case.day_zero == date(2024, 3, 12)
