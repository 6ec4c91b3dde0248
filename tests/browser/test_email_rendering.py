"""Every kind of site email as a mail client shows it (issue 23, "Designed"): the HTML part in
Chromium at 600 and 375 pixels wide, in the light and dark colour schemes, written to
tests/_screenshots/email-<kind>-<width>-<scheme>.png; at 375 pixels nothing scrolls sideways,
and in the dark scheme the text is light on a dark background."""

from __future__ import annotations

import pytest

from tests.browser.helpers import scrolls_sideways
from tests.digests.email_kinds import every_kind
from tests.fixtures.browser import SCREENSHOTS, SETTLED

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = (600, 375)
LUMINANCE = """(selector) => {
  const rgb = getComputedStyle(document.querySelector(selector)).backgroundColor.match(/\\d+/g);
  const [r, g, b] = rgb.map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


def test_every_email_renders_at_600_and_375_pixels_in_light_and_dark(
    browser, moderator, django_capture_on_commit_callbacks
):
    kinds = every_kind(django_capture_on_commit_callbacks, moderator)
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 600, "height": 800})
    page = context.new_page()
    # The email is loaded as it is: no site behind it, and nothing may be fetched.
    page.route("**/*", lambda route: route.abort())
    try:
        for kind, message in kinds.items():
            page.set_content(message.alternatives[0][0])
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 800})
                    page.evaluate(SETTLED)
                    page.screenshot(
                        path=str(SCREENSHOTS / f"email-{kind}-{width}-{scheme}.png"),
                        full_page=True,
                    )
                    if width == 375:
                        overflow = scrolls_sideways(page)
                        assert overflow == 0, f"{kind} scrolls sideways by {overflow}px ({scheme})"
                card = page.evaluate(LUMINANCE, ".card")
                assert (card < 0.3) == (scheme == "dark"), (kind, scheme, card)
                frame = page.evaluate(
                    "() => document.querySelector('.frame').getBoundingClientRect().width"
                )
                assert frame <= 375, (kind, frame)
    finally:
        context.close()
