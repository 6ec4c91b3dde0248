"""A private consult in a real browser, keyboard only (issue 25): a verified clinician starts a
conversation from a member's profile, the member finds it through the header's unread count,
replies and blocks the clinician. Every page on the way passes the accessibility scan in both
colour schemes, at desktop and phone width, and every control the focus reaches shows its
focus ring."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.blocking import has_blocked
from forums.consults.models import Message
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import scrolls_sideways, sign_in, sign_out, tab_to
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_start_from_a_profile_reply_and_block_with_the_keyboard_only(page, viewport, screenshot):
    doctor = UserFactory(
        professional=True, email="ada@example.org", handle="dr_ada", display_name="Dr Ada"
    )
    member = UserFactory(email="sam@example.org", handle="sam", display_name="Sam Rivera")
    keys = page.keyboard

    sign_in(page, doctor.email)
    page.goto(f"/u/{member.handle}/")
    tab_to(page, page.get_by_role("link", name="Send a private message"))
    keys.press("Enter")
    expect(page.get_by_role("heading", name="New message")).to_be_visible()
    expect(page.get_by_label("To")).to_have_value("sam")
    tab_to(page, page.get_by_label("Subject"))
    keys.type("Can I show you an ECG?")
    tab_to(page, page.get_by_label("Message"))
    keys.type("It is **anonymised**. Would you look at the QT interval?")
    assert violations_in_both_schemes(page) == {}
    screenshot(page, "consult-new")
    tab_to(page, page.get_by_role("button", name="Send"))
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Can I show you an ECG?")).to_be_visible()
    expect(page.locator(".pm strong")).to_have_text("anonymised")
    sign_out(page)

    sign_in(page, member.email)
    messages_link = page.get_by_role("link", name="Messages 1 conversation with unread messages")
    tab_to(page, messages_link)
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Messages", exact=True)).to_be_visible()
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "consult-inbox")
    tab_to(page, page.get_by_role("link", name="Can I show you an ECG?"))
    keys.press("Enter")
    expect(page.get_by_text("Would you look at the QT interval?")).to_be_visible()
    tab_to(page, page.get_by_label("Message"))
    keys.type("Happy to. Send it over.")
    tab_to(page, page.get_by_role("button", name="Send"))
    keys.press("Enter")
    expect(page.get_by_text("Happy to. Send it over.")).to_be_visible()
    assert Message.objects.filter(author=member, source="Happy to. Send it over.").exists()
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "consult")

    tab_to(page, page.get_by_role("button", name="Block @dr_ada"))
    keys.press("Enter")
    expect(page.get_by_text("You blocked @dr_ada")).to_be_visible()
    assert has_blocked(blocker_id=member.pk, blocked_id=doctor.pk)
    assert violations_in_both_schemes(page) == {}
    # Messages from the blocked member fold away on the page.
    expect(page.get_by_text("A message from a member you blocked")).to_be_visible()
