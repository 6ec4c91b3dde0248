"""A poll in a real browser (issue 22 parts 4 and 7): its author starts a thread with a poll in
the composer; another member votes with the keyboard only, at desktop and phone width, and
sees the bar chart without a page reload; without JavaScript the same vote is a form and a
redirect back to the poll. Each page passes the accessibility scan; the HTML check at the end of
the run validates every page sent here."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from forums.models import Poll, PollResults
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import assert_focus_visible, has_focus, scrolls_sideways, sign_in, tab_to
from tests.factories import CategoryFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

QUESTION = "First-line agent for AF rate control in the over-80s?"


def _start_thread_with_poll(page, forum, *, scan: bool = True) -> None:
    page.goto(f"/forums/{forum.slug}/new/")
    page.get_by_label("Title").fill("Rate control in the very old")
    page.get_by_label("Your post").fill("What do you start with, and why?")
    page.get_by_text("Add a poll").click()
    page.get_by_label("Poll question").fill(QUESTION)
    options = page.get_by_label("Poll options, one per line")
    options.fill("Beta blocker")
    page.get_by_label("Show the results").select_option(label="Once the member has voted")
    page.get_by_role("button", name="Start thread").click()
    # One option is no poll: the message sits under the field, the text stays, nothing posted.
    expect(page.get_by_text("Give 2 to 20 options, one per line; this has 1.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Rate control in the very old")
    expect(page.get_by_label("Poll question")).to_have_value(QUESTION)
    assert options.get_attribute("aria-invalid") == "true"
    if scan:  # axe runs in the page: not with JavaScript off
        assert violations_in_both_schemes(page) == {}
    options.fill("Beta blocker\nDiltiazem\nDigoxin")
    page.get_by_role("button", name="Start thread").click()
    expect(page.get_by_role("heading", name=f"Poll {QUESTION}")).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_member_votes_by_keyboard_and_sees_the_chart_without_a_reload(page, viewport, screenshot):
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    author = UserFactory(email="starter@example.org", handle="starter")
    voter = UserFactory(email="voter@example.org", handle="voter")
    sign_in(page, author.email)
    _start_thread_with_poll(page, forum)
    poll = Poll.objects.get(thread__author=author)
    assert poll.results == PollResults.VOTED
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, voter.email)
    page.goto(poll.thread.get_absolute_url())
    section = page.locator("#poll")
    expect(section.get_by_text("The results show once you have voted")).to_be_visible()
    assert section.locator(".poll-results").count() == 0
    page.evaluate("() => { window.notReloaded = true; }")

    keys = page.keyboard
    # Tab enters the radio group on its first option; the arrow keys choose; Space votes.
    tab_to(page, section.get_by_label("Beta blocker"))
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    assert has_focus(section.get_by_label("Digoxin"))
    assert section.get_by_label("Digoxin").is_checked()
    keys.press("Tab")
    vote = section.get_by_role("button", name="Vote")
    assert has_focus(vote)
    assert_focus_visible(page)
    keys.press("Space")

    status = page.locator("#poll .poll-status")
    expect(status).to_have_text("Your vote is counted.")
    assert has_focus(status)  # a screen reader says so
    assert page.evaluate("() => window.notReloaded === true")  # the poll alone was replaced
    results = page.locator("#poll .poll-results")
    expect(results).to_be_visible()
    digoxin = results.locator("li", has_text="Digoxin")
    expect(digoxin).to_contain_text("1 vote · 100%")
    expect(results.locator("li", has_text="Beta blocker")).to_contain_text("0 votes · 0%")
    assert digoxin.locator("rect.poll-bar-fill").get_attribute("width") == "100%"
    expect(page.locator("#poll .poll-own-vote")).to_have_text("Your vote: Digoxin")
    assert scrolls_sideways(page) == 0
    assert violations_in_both_schemes(page) == {}
    screenshot(page, "thread-poll")

    poll.refresh_from_db()
    assert (poll.counts, poll.voter_count) == ([0, 0, 1], 1)


def test_without_javascript_a_vote_is_a_form_and_a_redirect_back_to_the_poll(browser, live_server):
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    author = UserFactory(email="starter@example.org", handle="starter")
    voter = UserFactory(email="voter@example.org", handle="voter")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, author.email)
        _start_thread_with_poll(page, forum, scan=False)
        page.get_by_role("button", name="Sign out").click()
        sign_in(page, voter.email)
        thread = Poll.objects.get().thread
        page.goto(thread.get_absolute_url())
        page.locator("#poll").get_by_role("button", name="Vote").click()  # nothing chosen
        assert page.url.endswith(f"{thread.get_absolute_url()}#poll")
        expect(page.locator("#poll [role=alert]")).to_have_text(
            "Your vote was not counted: Choose an option before voting."
        )
        page.locator("#poll").get_by_label("Diltiazem").check()
        page.locator("#poll").get_by_role("button", name="Vote").click()
        assert page.url.endswith("#poll")
        expect(page.locator("#poll .poll-results li", has_text="Diltiazem")).to_contain_text(
            "1 vote · 100%"
        )
        expect(page.locator("#poll [role=alert]")).to_have_count(0)
    finally:
        context.close()
