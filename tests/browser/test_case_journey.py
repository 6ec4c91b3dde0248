"""A verified clinician writes a case, fixes an identifier the scanner highlights, adds an image
with alt text and submits; a moderator signs in to admin with two-factor and approves it; another
member votes in the quiz; the author reveals the diagnosis."""

from __future__ import annotations

import io
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from accounts.roles import ensure_moderators_group, grant_to_moderators
from cases.models import Case, CaseStatus
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import sign_in, sign_in_to_admin, sign_out
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people():
    ensure_moderators_group()
    grant_to_moderators(app_label="cases", codenames=["view_case", "change_case"])
    author = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    peer = UserFactory(professional=True, email="ben@example.org", handle="dr_ben")
    moderator = UserFactory(is_staff=True, email="mod@example.org", handle="mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    return author, peer, moderator, secret


def _png(tmp_path):
    path = tmp_path / "ecg.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (240, 240, 240)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_case_from_draft_to_revealed_diagnosis(page, people, tmp_path, screenshot):
    author, peer, moderator, secret = people

    # The clinician writes the case, with a date that identifies the patient.
    sign_in(page, author.email)
    page.goto("/cases/new/")
    page.get_by_label("Title").fill("Syncope on exertion in a runner")
    page.get_by_label("Specialty").select_option(label="Cardiology")
    page.get_by_label("Age band").select_option(index=4)
    page.get_by_label("Sex").select_option(index=1)
    page.get_by_label("Care setting").select_option(index=1)
    page.get_by_label(re.compile(r"^Presenting complaint")).fill(
        "Collapse while running, no prodrome."
    )
    page.get_by_label(re.compile(r"^History")).fill("First collapse on 12/03/2024 during a race.")
    page.get_by_label(re.compile(r"^Diagnosis")).fill("Hypertrophic obstructive cardiomyopathy.")
    page.get_by_label("Question").fill("Would you let him keep running?")
    screenshot(page, "case-composer")
    assert violations_in_both_schemes(page) == {}
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Syncope on exertion in a runner")).to_be_visible()

    # An image with alt text.
    page.get_by_role("link", name="Images").click()
    page.get_by_label("Image (JPEG, PNG or WebP)").set_input_files(str(_png(tmp_path)))
    page.get_by_label(re.compile("alt text")).fill("Twelve-lead ECG with deep septal Q waves")
    page.get_by_role("button", name="Add image").click()
    expect(page.get_by_role("img", name="Twelve-lead ECG with deep septal Q waves")).to_be_visible()

    # A quiz, then submit: the scanner highlights the date and offers a relative day.
    case = Case.objects.get(title="Syncope on exertion in a runner")
    page.goto(f"/cases/{case.pk}/quiz/")
    page.get_by_label("Options, one per line").fill("HOCM\nLong QT syndrome\nVasovagal syncope")
    page.get_by_label(re.compile("Number of the correct option")).fill("1")
    page.get_by_label("Explanation, shown at the reveal").fill("Murmur louder on standing.")
    page.get_by_role("button", name="Save quiz").click()
    page.goto(f"/cases/{case.pk}/submit/")
    expect(page.locator("mark", has_text="12/03/2024")).to_be_visible()
    screenshot(page, "case-scanner")
    assert violations_in_both_schemes(page) == {}
    page.get_by_label(re.compile(r"Replace with")).first.check()
    page.get_by_label(re.compile("consent", re.I)).first.check()
    page.locator("input[name=attest]").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("link", name="Submit for review")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING
    assert "12/03/2024" not in case.history
    sign_out(page)

    # The moderator signs in to admin with a password and a TOTP code, and approves.
    sign_in_to_admin(page, moderator.email, secret)
    page.goto("/admin/cases/case/")
    page.locator(f"input[name=_selected_action][value='{case.pk}']").check()
    page.locator("select[name=action]").select_option(label="Approve and publish")
    page.get_by_title("Run the selected action").click()
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED
    page.goto("/")
    sign_out(page)

    # Another verified member votes; results stay hidden until the reveal.
    sign_in(page, peer.email)
    page.goto(case.get_absolute_url())
    page.get_by_label("Long QT syndrome").check()
    page.get_by_role("button", name="Vote").click()
    expect(
        page.get_by_text("The distribution and the answer appear at the reveal.")
    ).to_be_visible()
    screenshot(page, "case")
    assert violations_in_both_schemes(page) == {}
    sign_out(page)

    # The author reveals: everyone sees the distribution and the answer.
    sign_in(page, author.email)
    page.goto(case.get_absolute_url())
    page.get_by_role("button", name="Reveal the answer").click()
    expect(page.get_by_text("correct answer")).to_be_visible()
    expect(page.get_by_text("Murmur louder on standing.")).to_be_visible()
    assert page.csp_violations == []
