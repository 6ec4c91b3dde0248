"""A new member in a real browser: sign up, confirm by the emailed link, fill in the profile with
an avatar, and see the public profile. Each page passes the accessibility scan and the CSP."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.accounts.helpers import image_bytes
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import scrolls_sideways, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def _specialties():
    """What accounts migration 0004 creates; transactional tests flush it between tests."""
    from accounts.models import Specialty

    for slug, name in [("cardiology", "Cardiology"), ("neurology", "Neurology")]:
        Specialty.objects.get_or_create(slug=slug, defaults={"name": name})


def test_a_new_member_signs_up_confirms_and_fills_in_the_profile(page, screenshot, tmp_path):
    page.goto("/accounts/signup/")
    assert violations_in_both_schemes(page) == {}
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Handle").fill("grace_h")
    page.get_by_label("Display name").fill("Dr Grace")
    page.get_by_label("Password:", exact=True).fill("a-long-enough-passphrase")
    page.get_by_label("Password (again)").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Confirm").click()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Password:", exact=True).fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    assert violations_in_both_schemes(page) == {}

    avatar = tmp_path / "me.jpg"
    avatar.write_bytes(image_bytes("JPEG", size=(800, 800)))
    page.get_by_label("Profession").select_option(label="Physician")
    page.get_by_label("Specialty").select_option(label="Cardiology")
    # (the directory's "Show my country" and "Show my short bio" boxes share the words: the
    # text boxes are meant)
    page.get_by_role("textbox", name="Country").fill("Ghana")
    page.get_by_role("textbox", name="Short bio").fill("Echo enthusiast.")
    page.get_by_label("Avatar:", exact=True).set_input_files(str(avatar))
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    screenshot(page, "settings-profile")

    page.get_by_role("link", name="@grace_h").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dr Grace")
    expect(page.get_by_text("Echo enthusiast.")).to_be_visible()
    expect(page.locator("img.avatar")).to_be_visible()
    screenshot(page, "profile")
    assert violations_in_both_schemes(page) == {}

    page.goto("/settings/verification/")
    page.get_by_label("Registration or licence number").fill("!!")
    page.get_by_label("Registering body").fill("Medical and Dental Council")
    page.get_by_label("Country of registration").fill("Ghana")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_text("Enter the number as it appears")).to_be_visible()
    expect(page.get_by_label("Registering body")).to_have_value("Medical and Dental Council")
    screenshot(page, "settings-verification")
    assert violations_in_both_schemes(page) == {}
    assert page.csp_violations == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_member_starts_a_thread_with_markdown_and_a_tag_then_quotes_and_mentions(
    page, screenshot
):
    from forums.models import Post
    from tests.factories import CategoryFactory, UserFactory, make_thread

    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    peer = UserFactory(handle="dr_ben", display_name="Ben")
    make_thread(
        category=forum,
        author=peer,
        title="Amiodarone and the thyroid",
        body="Check TSH every six months.",
    )
    member = UserFactory(handle="grace_h", email="grace@example.org")

    sign_in(page, member.email)

    page.goto(forum.get_absolute_url())
    page.get_by_role("link", name="New thread").click()
    page.get_by_label("Title").fill("Wide-complex tachycardia at the bedside")
    page.get_by_label("Tags").fill("ecg")
    page.get_by_label("Your post").fill("Which **criteria** do you use?\n\n- Brugada\n- Vereckei")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview strong", has_text="criteria")).to_be_visible()
    screenshot(page, "composer")
    assert violations_in_both_schemes(page) == {}
    page.get_by_role("button", name="Start thread").click()
    expect(
        page.get_by_role("heading", name="Wide-complex tachycardia at the bedside")
    ).to_be_visible()
    expect(page.locator(".post-body strong", has_text="criteria")).to_be_visible()
    expect(page.get_by_role("link", name="ecg")).to_be_visible()

    page.goto(forum.get_absolute_url())
    page.get_by_role("link", name="Amiodarone and the thyroid").click()
    page.get_by_role("link", name="Quote").first.click()
    body = page.get_by_label("Your post")
    body.press("End")
    body.press("Control+End")
    body.type("\n\nAgreed, @dr_ben. And free T4 too.")
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator("li.post").last
    expect(reply.locator("blockquote")).to_contain_text("Check TSH every six months.")
    expect(reply.get_by_role("link", name="@dr_ben")).to_be_visible()
    assert scrolls_sideways(page) == 0
    assert Post.objects.filter(author=member, number=2).exists()
    assert peer.notifications.filter(kind="mention").exists()
    assert page.csp_violations == []
