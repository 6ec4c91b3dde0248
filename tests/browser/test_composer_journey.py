"""The composer in a real browser (issue 22): the toolbar and its shortcuts write Markdown, the
live preview follows the text as the server renders it, an image picked from disk is described
and shows in the posted reply, @mention completion works from the keyboard alone, and all of it
works at phone width and in a case discussion. Every state passes the accessibility scan."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import ensure_moderators_group
from forums.models import Post, PostImage
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import publish_case, scrolls_sideways, sign_in
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def writing(page):
    """A member on the reply composer of a thread in a public forum."""
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    peer = UserFactory(handle="dr_ben", display_name="Ben")
    thread = make_thread(category=forum, author=peer, title="Broad complex tachycardia")
    member = UserFactory(email="ada@example.org", handle="ada")
    sign_in(page, member.email)
    page.goto(f"{thread.get_absolute_url()}reply/")
    return thread, member


def _png(tmp_path, name="strip.png"):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (160, 90), (220, 40, 40)).save(out, "PNG")
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_toolbar_shortcuts_live_preview_and_an_image_make_the_reply(
    page, writing, tmp_path, screenshot
):
    thread, member = writing
    body = page.get_by_label("Your post")
    live = page.locator(".composer-live .post-body")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_be_visible()

    # A click on Bold with nothing selected writes the marks around a selected placeholder,
    # which typing replaces.
    toolbar.get_by_role("button", name="Bold").click()
    expect(body).to_have_value("**bold text**")
    page.keyboard.type("Vitals")
    expect(body).to_have_value("**Vitals**")
    body.press("End")
    body.press("Enter")
    # The shortcuts the buttons announce: Ctrl+I around a selection, Ctrl+Shift+8 a list.
    expect(toolbar.get_by_role("button", name="Italic")).to_have_attribute(
        "aria-keyshortcuts", re.compile("Control\\+I")
    )
    page.keyboard.type("stable")
    body.press("Shift+Home")
    body.press("Control+i")
    expect(body).to_have_value("**Vitals**\n_stable_")
    body.press("End")
    body.press("Enter")
    body.press("Control+Shift+Digit8")
    page.keyboard.type("BP 128/82")
    expect(body).to_have_value("**Vitals**\n_stable_\n- BP 128/82")

    # The live preview is the server's rendering, a moment after typing stops.
    expect(live.locator("strong")).to_have_text("Vitals")
    expect(live.locator("em")).to_have_text("stable")
    expect(live.locator("li")).to_have_text("BP 128/82")
    assert violations_in_both_schemes(page) == {}

    # An image from the file picker: refused without a description, then added.
    body.press("Control+End")
    body.press("Enter")
    toolbar.get_by_role("button", name="Image").click()
    dialog = page.get_by_role("dialog", name="Add an image")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Image file").set_input_files(str(_png(tmp_path)))
    dialog.get_by_role("button", name="Add image").click()
    alt = dialog.get_by_label("Image description (alt text)")
    expect(alt).to_have_attribute("aria-invalid", "true")
    expect(alt).to_have_accessible_description(re.compile("Image description \\(alt text\\)"))
    expect(alt).to_be_focused()
    assert violations_in_both_schemes(page) == {}
    alt.fill("Rhythm strip: broad complexes at 180 a minute")
    alt.press("Enter")  # adds the image; never submits the reply around the dialog
    expect(dialog).to_be_hidden()
    expect(body).to_have_value(
        re.compile(
            r"- BP 128/82\n\n!\[Rhythm strip: broad complexes at 180 a minute\]"
            r"\(/uploads/[0-9a-f]{32}\.png\)\n$"
        )
    )
    preview_image = live.get_by_role("img", name="Rhythm strip: broad complexes at 180 a minute")
    expect(preview_image).to_be_visible()
    assert preview_image.evaluate("img => img.naturalWidth") == 160
    screenshot(page, "composer-live-preview")

    page.get_by_role("button", name="Post reply").click()
    reply = page.locator("li.post").last
    posted = reply.get_by_role("img", name="Rhythm strip: broad complexes at 180 a minute")
    expect(posted).to_be_visible()
    assert posted.evaluate("img => img.complete && img.naturalWidth") == 160
    post = Post.objects.get(thread=thread, number=2)
    assert post.author == member
    assert PostImage.objects.get().post == post
    assert page.csp_violations == []


def test_mention_completion_with_the_keyboard_alone(page, writing):
    UserFactory(handle="bella_k", display_name="Bella")
    UserFactory(handle="bert_o", display_name="Bert")
    UserFactory(handle="bea_gone", is_active=False)
    body = page.get_by_label("Your post")
    body.focus()
    page.keyboard.type("Agreed, @be")
    listbox = page.get_by_role("listbox", name="Members to mention")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(body).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    assert violations_in_both_schemes(page) == {}
    page.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(body).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    page.keyboard.press("Enter")
    expect(body).to_have_value("Agreed, @bert_o ")
    expect(listbox).to_be_hidden()
    # Escape closes the list and leaves the text as typed.
    page.keyboard.type("and @bel")
    expect(listbox.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    page.keyboard.type("la_k.")
    expect(body).to_have_value("Agreed, @bert_o and @bella_k.")
    expect(page.locator(".composer-live .post-body a.mention")).to_have_count(2)


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_composer_at_phone_width(page, writing, viewport):
    body = page.get_by_label("Your post")
    toolbar = page.get_by_role("toolbar", name="Formatting")
    expect(toolbar).to_be_visible()
    body.fill("Plan:\n- aspirin")
    body.press("Control+a")
    toolbar.get_by_role("button", name="Quote").click()
    expect(body).to_have_value("> Plan:\n> - aspirin")
    live = page.locator(".composer-live")
    expect(live.locator("blockquote li")).to_have_text("aspirin")
    # The preview sits below the text on a phone, and nothing scrolls sideways.
    text_box, live_box = body.bounding_box(), live.bounding_box()
    assert live_box["y"] >= text_box["y"] + text_box["height"]
    assert scrolls_sideways(page) == 0
    # Every toolbar button is a real, labelled button large enough to tap.
    for button in toolbar.get_by_role("button").all():
        assert button.get_attribute("type") == "button"
        box = button.bounding_box()
        assert box["width"] >= 24
        assert box["height"] >= 24
    toolbar.get_by_role("button", name="Image").click()
    dialog = page.get_by_role("dialog", name="Add an image")
    expect(dialog).to_be_visible()
    assert dialog.bounding_box()["width"] <= 390
    assert violations_in_both_schemes(page) == {}
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(body).to_be_focused()


def test_the_composer_in_a_case_discussion(page, tmp_path):
    ensure_moderators_group()
    author = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    reader = UserFactory(professional=True, email="ben@example.org", handle="dr_ben")
    moderator = UserFactory(is_staff=True, handle="mod_case")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    case = publish_case(author)
    sign_in(page, reader.email)
    page.goto(case.get_absolute_url())
    body = page.get_by_label("Your reply")
    body.fill("Would you do an ")
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Code").click()
    page.keyboard.type("ECG")
    expect(body).to_have_value("Would you do an `ECG`")
    expect(page.locator(".composer-live .post-body code")).to_have_text("ECG")
    body.press("End")
    page.keyboard.type(" with @dr_a")
    expect(page.get_by_role("option", name="@dr_ada")).to_be_visible()
    page.keyboard.press("Enter")
    expect(body).to_have_value("Would you do an `ECG` with @dr_ada ")
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Image").click()
    dialog = page.get_by_role("dialog", name="Add an image")
    dialog.get_by_label("Image file").set_input_files(str(_png(tmp_path)))
    dialog.get_by_label("Image description (alt text)").fill("A plain red card")
    dialog.get_by_role("button", name="Add image").click()
    # Read for identifiers by the case scanner first (tesseract), then inserted.
    expect(body).to_have_value(re.compile(r"!\[A plain red card\]\(/uploads/[0-9a-f]{32}\.png\)"))
    assert violations_in_both_schemes(page) == {}
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("img", name="A plain red card")).to_be_visible()
    assert Post.objects.get(thread=case.thread, number=2).images.count() == 1
    assert page.csp_violations == []
