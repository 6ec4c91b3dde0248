"""Finding and following a colleague in a real browser (issue 24, parts 1, 2 and 7): a member
finds a cardiologist in the member directory by specialty, follows them from their profile,
and sees their new thread in the home page's Following tab. The directory, the profile and
the tab pass the accessibility scan in both colour schemes, at desktop and phone width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import MemberFollow, Profile, Specialty
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import scrolls_sideways, sign_in
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _listed(handle: str, name: str, specialty: str):
    member = UserFactory(handle=handle, email=f"{handle}@example.org", display_name=name)
    Profile.objects.create(
        user=member,
        profession="physician",
        # transaction=True flushes the rows migrations made: the specialty is made again
        specialty=Specialty.objects.get_or_create(
            slug=specialty, defaults={"name": specialty.capitalize()}
        )[0],
        country="Ireland",
        listed_in_directory=True,
    )
    return member


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_find_a_colleague_by_specialty_follow_them_and_see_their_new_thread(
    page, viewport, screenshot
):
    reader = UserFactory(email="reader@example.org", handle="reader")
    cardiologist = _listed("heartdoc", "Dr Heart", "cardiology")
    _listed("braindoc", "Dr Brain", "neurology")
    sign_in(page, reader.email)

    page.goto("/members/")
    page.get_by_label("Specialty").select_option(label="Cardiology")
    page.get_by_role("button", name="Find").click()
    results = page.locator(".member-list")
    expect(results.get_by_role("link", name="Dr Heart")).to_be_visible()
    expect(results.get_by_text("Dr Brain")).to_have_count(0)
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "directory")

    results.get_by_role("link", name="Dr Heart").click()
    page.get_by_label("How you want to hear of their new threads and cases").select_option(
        label="Notify me on the site"
    )
    page.get_by_role("button", name="Follow Dr Heart").click()
    expect(page.get_by_text("You follow Dr Heart.")).to_be_visible()
    expect(page.get_by_text("1 follower", exact=True)).to_be_visible()
    assert MemberFollow.objects.filter(follower=reader, followed=cardiologist).exists()
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0

    make_thread(
        author=cardiologist,
        category=CategoryFactory(name="Cardiology", slug=f"cardiology-{viewport}"),
        title="Anticoagulation after a first AF episode",
    )
    page.goto("/")
    page.get_by_role("navigation", name="Home page views").get_by_role(
        "link", name="Following"
    ).click()
    expect(
        page.get_by_role("link", name="Anticoagulation after a first AF episode")
    ).to_be_visible()
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "following")
