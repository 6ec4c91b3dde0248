"""Keyboard only, no mouse: a member signs in, opens a thread, writes a reply in the composer,
posts it and reports a post; every control the focus reaches shows a visible focus ring, the
composer does not trap Tab, and Escape closes a disclosure and gives the focus back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from forums.models import Post, Report
from tests.browser.helpers import (
    assert_focus_visible,
    has_focus,
    publish_case,
    sign_in,
    tab_to,
)
from tests.factories import PASSWORD, CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_signs_in_replies_and_reports_with_the_keyboard_only(page):
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    peer = UserFactory(handle="dr_ben", display_name="Ben")
    thread = make_thread(
        category=forum, author=peer, title="Statins in the very old", body="Do you deprescribe?"
    )
    member = UserFactory(email="ada@example.org", handle="ada")
    keys = page.keyboard

    page.goto("/")
    # The first Tab reaches the skip link, which jumps over the navigation to the content.
    keys.press("Tab")
    assert has_focus(page.get_by_role("link", name="Skip to content"))
    assert_focus_visible(page)
    tab_to(page, page.get_by_role("link", name="Sign in"))
    keys.press("Enter")
    tab_to(page, page.get_by_label("Email"))
    keys.type(member.email)
    tab_to(page, page.get_by_label("Password"))
    keys.type(PASSWORD)
    keys.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums"))
    keys.press("Enter")
    tab_to(page, page.get_by_role("link", name="Cardiology"))
    keys.press("Enter")
    tab_to(page, page.get_by_role("link", name="Statins in the very old"))
    keys.press("Enter")
    tab_to(page, page.get_by_role("link", name="Reply", exact=True))
    keys.press("Enter")

    body = page.get_by_label("Your post")
    tab_to(page, body)
    keys.type("Only when the pill burden outweighs the benefit.")
    # Tab leaves the composer (no trap) for its first button; Shift+Tab comes back.
    keys.press("Tab")
    post_reply = page.get_by_role("button", name="Post reply")
    assert has_focus(post_reply)
    assert_focus_visible(page)
    keys.press("Shift+Tab")
    assert has_focus(body)
    keys.press("Tab")
    keys.press("Space")
    expect(page.get_by_text("Only when the pill burden outweighs the benefit.")).to_be_visible()
    assert Post.objects.filter(thread=thread, author=member, number=2).exists()

    # One Tab past the first post's Report link, then back to it with Shift+Tab.
    report = page.locator("#post-1").get_by_role("link", name="Report")
    tab_to(page, report)
    keys.press("Tab")
    assert not has_focus(report)
    tab_to(page, report, backwards=True)
    keys.press("Enter")
    # Tab enters the radio group on its first choice; the arrow keys choose.
    tab_to(page, page.get_by_label("Spam"))
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    expect(page.get_by_label("Off-topic")).to_be_checked()
    tab_to(page, page.get_by_label("Details"))
    keys.type("A recipe, not a reply.")
    tab_to(page, page.get_by_role("button", name="Send report"))
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Statins in the very old")).to_be_visible()
    report = Report.objects.get(reporter=member)
    assert (report.reason, report.text) == ("off_topic", "A recipe, not a reply.")
    assert page.csp_violations == []


def test_escape_closes_a_disclosure_and_gives_the_focus_back(page, settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    clinician = UserFactory(professional=True, email="ben@example.org")
    case = publish_case(UserFactory(professional=True))
    sign_in(page, clinician.email)
    page.goto(case.get_absolute_url())

    summary = page.get_by_text("Report this case: it may identify a patient")
    disclosure = page.locator("details", has=summary)
    tab_to(page, summary)
    page.keyboard.press("Enter")
    expect(disclosure).to_have_attribute("open", "")
    tab_to(page, disclosure.get_by_role("textbox"))
    page.keyboard.press("Escape")
    expect(disclosure).not_to_have_attribute("open", "")
    assert has_focus(summary)
    assert_focus_visible(page)
    # Nothing holds the focus: Tab moves on past the closed disclosure.
    page.keyboard.press("Tab")
    assert not has_focus(summary)
    assert not has_focus(disclosure.locator("textarea"))


@pytest.mark.django_db(transaction=False)
def test_the_focus_check_catches_a_control_without_a_ring(blank_page):
    """Guards the guard: a button whose focus outline is removed must fail tab_to."""
    page = blank_page
    page.set_content(
        "<html lang='en'><title>t</title><style>button:focus-visible { outline: none }</style>"
        "<main><button>Go</button></main></html>"
    )
    with pytest.raises(AssertionError, match="no focus ring"):
        tab_to(page, page.get_by_role("button", name="Go"))
