"""An author uploads an image with a patient's name in its pixels, sees it boxed, draws a box
over it and applies; the stored image is clean; a moderator sees the clean image in admin and
approves the case. Real tesseract, real OpenCV, real chromium."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from accounts.roles import ensure_moderators_group, grant_to_moderators
from cases import authoring
from cases.images import find_image_identifiers
from cases.management.image_samples import font
from cases.models import CaseImage, CaseStatus, ImageCheck
from tests.browser.helpers import sign_in, sign_in_to_admin, sign_out
from tests.cases.conftest import CASE_VALUES
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed"),
]


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    return settings.CASES_PRIVATE_ROOT


def _label(tmp_path):
    img = Image.new("RGB", (800, 300), (250, 250, 250))
    ImageDraw.Draw(img).text((40, 120), "John Smith MRN 48213377", font=font(40), fill=(0, 0, 0))
    path = tmp_path / "label.png"
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_an_author_redacts_a_name_in_an_image_and_a_moderator_approves(
    page, tmp_path, screenshot, private_images
):
    ensure_moderators_group()
    grant_to_moderators(app_label="cases", codenames=["view_case", "change_case"])
    author = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    moderator = UserFactory(is_staff=True, email="mod@example.org", handle="mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    case = authoring.create_case(author=author, values=CASE_VALUES, tags=[])

    sign_in(page, author.email)
    page.goto(f"/cases/{case.pk}/images/")
    page.get_by_label("Image (JPEG, PNG or WebP)").set_input_files(str(_label(tmp_path)))
    page.get_by_label(re.compile("alt text")).fill("Ward label")
    page.get_by_role("button", name="Add image").click()
    expect(page.get_by_text("It may identify the patient")).to_be_visible()
    expect(page.locator("rect.redact-finding").first).to_be_visible()
    screenshot(page, "image-findings")

    # Draw a box over the whole label with the mouse, and black out every suggestion.
    overlay = page.locator("svg.redact-overlay")
    box = overlay.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.02, box["y"] + box["height"] * 0.3)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.7, steps=5)
    page.mouse.up()
    expect(page.locator("textarea.redact-boxes")).not_to_have_value("")
    expect(page.locator("rect.redact-drawn")).to_have_count(1)
    # The keyboard adds a box too: focus the drawing area, move, Enter.
    overlay.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.locator("rect.redact-drawn")).to_have_count(2)
    page.get_by_role("button", name="Apply: black out and keep").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    image = CaseImage.objects.get(case=case)
    assert image.check_state == ImageCheck.CLEAR
    assert find_image_identifiers(image.file.read()) == []
    assert len([p for p in private_images.rglob("*") if p.is_file()]) == 1

    page.goto(f"/cases/{case.pk}/submit/")
    page.get_by_label(re.compile("consent", re.I)).first.check()
    page.locator("input[name=attest]").check()
    page.get_by_role("button", name="Submit for review").click()
    case.refresh_from_db()
    assert case.status == CaseStatus.PENDING
    sign_out(page)

    sign_in_to_admin(page, moderator.email, secret)
    page.goto(f"/admin/cases/case/{case.pk}/change/")
    admin_image = page.locator("#case-images img")
    expect(admin_image).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", admin_image.element_handle()) == 800
    screenshot(page, "image-admin")
    page.goto("/admin/cases/case/")
    page.locator(f"input[name=_selected_action][value='{case.pk}']").check()
    page.locator("select[name=action]").select_option(label="Approve and publish")
    page.get_by_title("Run the selected action").click()
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED
    assert page.csp_violations == []
