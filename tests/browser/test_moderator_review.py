"""A moderator works from the keyboard (issue 21): the dashboard, a case review (redact a
selection or typed text, return with a reason template), the report queue (hide in one key
press), suspending a member, who sees the notice at once; and two-factor set up on the way to
admin with no second password prompt and a way back."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import ReasonKind, ReasonTemplate
from accounts.roles import ensure_moderators_group, grant_to_moderators
from cases.admin import MODERATOR_PERMISSIONS as CASES_PERMISSIONS
from cases.models import Case, CaseStatus
from forums.models import Post, ReportReason
from forums.posting.moderation import ensure_moderator_permissions
from forums.posting.reports import report_content
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import sign_in, sign_in_to_admin, sign_out, tab_to
from tests.cases.conftest import make_case, submit
from tests.factories import PASSWORD, UserFactory, make_thread, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

ONE_LINE = """(th) => { const r = document.createRange(); r.selectNodeContents(th);
  return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"""


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"


def _moderator(*, totp: bool = True):
    ensure_moderators_group()
    ensure_moderator_permissions()
    grant_to_moderators(app_label="cases", codenames=CASES_PERMISSIONS)
    moderator = UserFactory(is_staff=True, email="lee@example.org", handle="mod_lee")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    secret = generate_totp_secret()
    if totp:
        TOTP.activate(moderator, secret)
    return moderator, secret


def test_a_moderator_reviews_a_case_from_the_keyboard(page, screenshot):
    moderator, secret = _moderator()
    author = UserFactory(professional=True, email="author@example.org", handle="author")
    case = make_case(author)
    submit(case, author)
    ReasonTemplate.objects.create(
        kind=ReasonKind.RETURN, title="Dates", text="Please turn every date into Day +n."
    )

    sign_in_to_admin(page, moderator.email, secret)
    expect(page.get_by_role("heading", name="Moderation: waiting for you")).to_be_visible()
    for header in page.locator(".moderation-dashboard thead th").all():
        assert header.evaluate(ONE_LINE) == 1, header.inner_text()  # no letter-by-letter wrap
    screenshot(page, "moderator-dashboard")

    page.goto(f"/admin/cases/case/{case.pk}/review/")
    expect(page.get_by_text("You are reviewing this case until")).to_be_visible()
    assert violations_in_both_schemes(page) == {}
    screenshot(page, "moderator-case-review")

    # Selecting rendered words fills the form with the author's source, Markdown and all.
    page.evaluate(
        """() => { const p = document.querySelector('#section-presenting_complaint .post-body p');
        const text = p.textContent; const r = document.createRange();
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); const nodes = [];
        while (walker.nextNode()) nodes.push(walker.currentNode);
        r.setStart(nodes[0], text.indexOf('running')); r.setEnd(nodes[nodes.length - 1],
          nodes[nodes.length - 1].textContent.indexOf('prodrome') + 'prodrome'.length);
        getSelection().removeAllRanges(); getSelection().addRange(r);
        document.dispatchEvent(new MouseEvent('mouseup')); }"""
    )
    expect(page.get_by_label("Or the exact text")).to_have_value("running, **no** prodrome")
    expect(page.locator("#review-selection")).to_contain_text("Ready to redact")

    # From here on, the keyboard only.
    page.get_by_label("Or the exact text").fill("")
    tab_to(page, page.get_by_role("link", name="Go to the decision"), backwards=True, limit=200)
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Or the exact text"), limit=40)
    page.keyboard.type("similar episodes")
    tab_to(page, page.get_by_role("button", name="Redact"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("Removed 16 characters"))).to_be_visible()
    assert "similar episodes" not in Case.objects.get(pk=case.pk).history

    tab_to(page, page.get_by_label("Reason template"), limit=120)
    page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_label(re.compile("Your words to the author")))
    page.keyboard.type("Also the ward name.")
    tab_to(page, page.get_by_role("button", name="Return to the author"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Returned to the author.")).to_be_visible()
    returned = Case.objects.get(pk=case.pk)
    assert returned.status == CaseStatus.RETURNED
    assert returned.return_reason == "Please turn every date into Day +n.\n\nAlso the ward name."
    assert page.csp_violations == []


def test_a_moderator_clears_the_queue_and_suspends_from_the_keyboard(page, screenshot):
    moderator, secret = _moderator()
    sam = UserFactory(email="sam@example.org", handle="sam_rivera")
    post = make_thread(
        title="Chest pain at 3 am", author=sam, body="Cheap watches here"
    ).posts.get()
    for reporter in UserFactory.create_batch(2):
        report_content(post, by=reporter, reason=ReportReason.SPAM, text="an advert")

    sign_in_to_admin(page, moderator.email, secret)
    page.goto("/admin/queue/")
    expect(page.get_by_text("2 reports, the first")).to_be_visible()
    assert violations_in_both_schemes(page) == {}
    screenshot(page, "moderator-queue")
    tab_to(page, page.get_by_role("button", name="Hide"), limit=60)
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("2 report\\(s\\) closed"))).to_be_visible()
    assert Post.objects.get(pk=post.pk).is_hidden

    page.goto(f"/admin/accounts/user/{sam.pk}/moderate/")
    assert violations_in_both_schemes(page) == {}
    screenshot(page, "moderator-member")
    tab_to(page, page.get_by_label("1 day"), limit=60)
    page.keyboard.press("ArrowRight")  # 3 days
    expect(page.get_by_label("3 days")).to_be_checked()
    # The custom end date is next: Chromium does not count its fields as :focus-visible, so
    # that one stop is checked for its ring alone (admin_moderation.css rings it on :focus).
    page.keyboard.press("Tab")
    until = page.get_by_label("Until (for a date you choose)")
    expect(until).to_be_focused()
    assert until.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    template = page.locator("#id_suspend-template")
    for _press in range(8):  # through the date's own fields (day, month, year, hour, minute)
        page.keyboard.press("Tab")
        if template.evaluate("el => el === document.activeElement"):
            break
    expect(template).to_be_focused()
    tab_to(page, page.locator("#id_suspend-text"))
    page.keyboard.type("Advertising in clinical threads.")
    tab_to(page, page.get_by_role("button", name="Suspend", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("is suspended until"))).to_be_visible()
    expect(page.get_by_text(re.compile("@mod_lee suspended @sam_rivera until"))).to_be_visible()
    page.goto("/")
    sign_out(page)

    sign_in(page, sam.email)
    page.goto("/forums/")
    expect(page.get_by_text(re.compile("Your account is suspended until"))).to_be_visible()
    expect(page.get_by_text("Advertising in clinical threads.")).to_be_visible()
    assert page.csp_violations == []


def test_two_factor_set_up_on_the_way_to_admin_then_back(page):
    moderator, _secret = _moderator(totp=False)
    page.goto("/admin/cases/case/?status__exact=pending")
    page.get_by_label("Email").fill(moderator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Straight to the set-up: no second password prompt.
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    secret = page.get_by_label(re.compile("secret", re.I)).input_value()
    tab_to(page, page.get_by_label(re.compile("code", re.I)), limit=40)
    page.keyboard.type(totp_code(secret))
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="continue where you were going")
    tab_to(page, link, limit=80)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/cases/case/\?status__exact=pending$"))
