"""Form errors are announced with their field: the field is aria-invalid and its accessible
description (aria-describedby) is the error text, so a screen reader reads it on focus."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import sign_in
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Every aria-invalid field must name its error in aria-describedby, and every id named there must
# exist: otherwise the error is shown but never announced.
UNTIED_ERRORS = """() => [...document.querySelectorAll('[aria-invalid="true"]')].filter(field => {
    const ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    return !ids.length || ids.some(id => !document.getElementById(id))
      || !ids.some(id => document.getElementById(id).textContent.trim());
}).map(field => field.name)"""


def test_sign_up_errors_are_announced_with_their_fields(page):
    UserFactory(handle="grace_h")
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("grace-at-example.org")
    page.get_by_label("Handle").fill("grace_h")
    page.get_by_label("Display name").fill("Dr Grace")
    page.get_by_label("Password:", exact=True).fill("a-long-enough-passphrase")
    page.get_by_label("Password (again)").fill("another-long-passphrase")
    page.get_by_role("button", name="Sign Up").click()

    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("valid email", re.I))
    expect(email).to_have_value("grace-at-example.org")
    handle = page.get_by_label("Handle")
    expect(handle).to_have_attribute("aria-invalid", "true")
    expect(handle).to_have_accessible_description(re.compile("taken|already", re.I))
    again = page.get_by_label("Password (again)")
    expect(again).to_have_attribute("aria-invalid", "true")
    expect(again).to_have_accessible_description(re.compile("same password", re.I))
    expect(page.get_by_label("Display name")).not_to_have_attribute("aria-invalid", "true")
    assert page.evaluate(UNTIED_ERRORS) == []
    assert violations_in_both_schemes(page) == {}


def test_composer_errors_are_announced_with_their_fields(page, screenshot):
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    member = UserFactory(email="ada@example.org", handle="ada")
    sign_in(page, member.email)
    page.goto(forum.get_absolute_url() + "new/")
    page.get_by_label("Tags").fill("ecg")
    page.get_by_role("button", name="Start thread").click()

    title = page.get_by_label("Title")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_accessible_description(re.compile("required", re.I))
    body = page.get_by_label("Your post")
    expect(body).to_have_attribute("aria-invalid", "true")
    # The Markdown help the field always has, then the error.
    expect(body).to_have_accessible_description(re.compile("Markdown.*required", re.I))
    tags = page.get_by_label("Tags")
    expect(tags).not_to_have_attribute("aria-invalid", "true")
    expect(tags).to_have_value("ecg")
    assert page.evaluate(UNTIED_ERRORS) == []
    screenshot(page, "composer-errors")
    assert violations_in_both_schemes(page) == {}
