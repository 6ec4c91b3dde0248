"""Contributions and professions in a real browser (issue 24, parts 3, 5b, 6 and 7): a
physician reads a thread where a nurse answered, sees who took part and each author's
profession beside their name, opens the nurse's profile with its counts and activity chart,
reads the chart as a table, and filters the forum by the professions taking part. The pages
pass the accessibility scan in both colour schemes, at desktop and phone width; the chart is
drawn by the server, so it is there with JavaScript off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile, Specialty
from forums.posting import SITE, create_reply
from forums.posting.reactions import accept_answer, react_to_post
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import scrolls_sideways, sign_in
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _member(handle: str, name: str, profession: str, specialty: str):
    member = UserFactory(
        handle=handle, email=f"{handle}@example.org", display_name=name, professional=True
    )
    Profile.objects.create(
        user=member,
        profession=profession,
        # transaction=True flushes the rows migrations made: the specialty is made again
        specialty=Specialty.objects.get_or_create(
            slug=specialty, defaults={"name": specialty.capitalize()}
        )[0],
    )
    return member


def _busy_nurse(viewport: str):
    """A nurse who answered in a forum over the last months (marked helpful, one accepted)."""
    nurse = _member("heartnurse", "Nurse Nia", "nurse", "cardiology")
    doctor = _member("heartdoc", "Dr Heart", "physician", "cardiology")
    forum = CategoryFactory(name="Cardiology", slug=f"cardiology-{viewport}")
    for months_ago in (5, 3, 3, 1, 0):
        at = timezone.now() - timedelta(days=30 * months_ago)
        thread = make_thread(category=forum, author=doctor, title=f"Question {months_ago}")
        reply = create_reply(thread=thread, author=nurse, body="From the ward.", origin=SITE, at=at)
        react_to_post(reply, by=doctor)
    accept_answer(reply, by=doctor)
    make_thread(category=forum, author=doctor, title="Doctors only thread", replies=1)
    return nurse, doctor, forum, thread


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_see_who_took_part_open_a_nurses_contributions_and_filter_by_profession(
    page, viewport, screenshot
):
    _nurse, _doctor, forum, thread = _busy_nurse(viewport)
    reader = UserFactory(email="reader@example.org", handle="reader")
    sign_in(page, reader.email)

    page.goto(thread.get_absolute_url())
    expect(
        page.get_by_text("2 colleagues from 2 professions and 1 specialty took part")
    ).to_be_visible()
    byline = page.locator("#post-2-author")
    expect(byline).to_contain_text("Nurse Nia")
    expect(byline).to_contain_text("Nurse · Cardiology")
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0

    byline.get_by_role("link", name="Nurse Nia").click()
    expect(page.get_by_role("heading", name="Contributions")).to_be_visible()
    counts = page.locator(".contribution-counts")
    expect(counts).to_contain_text("Replies5")
    expect(counts).to_contain_text("Helpful marks received5")
    expect(counts).to_contain_text("Accepted answers1")
    chart = page.get_by_role("img", name="Activity by month")
    expect(chart).to_be_visible()
    page.get_by_text("Activity by month as a table").click()
    table = page.get_by_role("table", name="Activity by month")
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(13)  # the header and twelve months
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "profile-contributions")

    page.goto(forum.get_absolute_url())
    page.get_by_label("Professions taking part").select_option(label="Nurse")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Question 0")).to_be_visible()
    expect(page.get_by_role("link", name="Doctors only thread")).to_have_count(0)
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "forum-by-profession")


def test_the_chart_and_its_table_are_there_without_javascript(browser, live_server):
    _busy_nurse("nojs")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/u/heartnurse/")
        expect(page.get_by_role("img", name="Activity by month")).to_be_visible()
        page.get_by_text("Activity by month as a table").click()
        expect(page.get_by_role("table", name="Activity by month")).to_be_visible()
        expect(page.locator(".activity-chart rect.chart-bar")).to_have_count(4)  # 4 months
    finally:
        context.close()
