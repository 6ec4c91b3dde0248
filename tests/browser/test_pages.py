"""Every main page in light and dark colours, at phone and desktop width: axe finds no serious or
critical violation (colour contrast included), nothing scrolls sideways, and a screenshot of each
is written to tests/_screenshots/ for a person to look at."""

from __future__ import annotations

import pytest

from tests.browser.axe import serious_violations
from tests.browser.helpers import publish_case, scrolls_sideways, sign_in
from tests.factories import CategoryFactory, UserFactory, make_thread
from tests.fixtures.browser import SETTLED, VIEWPORTS, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# What breaks a careless layout on a phone: an unbroken word, a bare URL, a long line of code
# and a wide table.
AWKWARD_POST = "\n\n".join(
    [
        "Pneumonoultramicroscopicsilicovolcanoconiosis-and-hyperbetalipoproteinaemia-in-one.",
        "See https://example.org/guidelines/cardiology/2024/wide-complex-tachycardia/"
        "algorithm-version-2-final.pdf",
        "```\nECG: sinus rhythm 72/min, PR 160 ms, QRS 148 ms, QTc 470 ms, left axis deviation, "
        "RBBB + LAFB, no delta wave\n```",
        "| Criterion | Brugada | Vereckei | aVR | Lead II R-wave peak time | Sensitivity |\n"
        "|---|---|---|---|---|---|\n"
        "| Absence of RS in precordial leads | yes | no | no | no | 0.21 |\n"
        "| R to S interval over 100 ms | yes | no | no | no | 0.66 |",
    ]
)
# The page background of each scheme (site.css --bg): proves the scheme really applied.
BACKGROUND = {"light": "rgb(251, 251, 249)", "dark": "rgb(21, 25, 28)"}


@pytest.fixture
def urls(settings, tmp_path):
    """The listed pages: what a visitor sees, and what a signed-in clinician sees."""
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    forum = CategoryFactory(name="Cardiology", slug="cardiology", description="ECG puzzles.")
    thread = make_thread(
        category=forum, title="Wide-complex tachycardia", body=AWKWARD_POST, replies=2, tags=["ecg"]
    )
    make_thread(category=forum, title="Amiodarone and the thyroid", body="TSH every six months.")
    member = UserFactory(professional=True, email="ada@example.org", handle="dr_ada")
    case = publish_case(member)
    visitor = {
        "home": "/",
        "forum": forum.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "search": "/search/?q=amiodarone",
        "signup": "/accounts/signup/",
    }
    clinician = {
        "case": case.get_absolute_url(),
        "composer": forum.get_absolute_url() + "new/",
        "preferences": "/settings/preferences/",
    }
    return [(None, visitor), (member.email, clinician)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_and_fits_a_phone(browser, live_server, urls, scheme):
    problems = {}
    for email, pages in urls:
        context = browser.new_context(base_url=live_server.url, color_scheme=scheme)
        page = context.new_page()
        if email:
            sign_in(page, email)
        for name, url in pages.items():
            page.goto(url)
            assert (
                page.evaluate("() => getComputedStyle(document.body).backgroundColor")
                == (BACKGROUND[scheme])
            )
            for label, size in VIEWPORTS.items():
                page.set_viewport_size(size)
                page.evaluate(SETTLED)
                if found := serious_violations(page):
                    problems[f"{name} at {label} width: axe"] = found
                if overflow := scrolls_sideways(page):
                    problems[f"{name} at {label} width: scrolls sideways by"] = overflow
                save_screenshot(page, name, label, scheme)
        context.close()
    assert problems == {}
