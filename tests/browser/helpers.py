"""Steps the browser journeys share, written as a person would do them."""

from __future__ import annotations

import re
import time

from allauth.mfa import app_settings as mfa_settings

from tests.factories import PASSWORD, totp_code


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def sign_in_to_admin(page, email: str, secret: str) -> None:
    """Open admin, which sends staff through allauth's sign-in and asks for the TOTP code."""
    page.goto("/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    field = page.get_by_label(re.compile("code", re.I))
    field.wait_for()
    # As a person would, wait for a fresh code when the one shown is about to change: with no
    # tolerance (allauth's default), a code typed in a period's last seconds reaches the server
    # in the next period and is refused.
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.5)
    field.fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


# What the focused element shows: its outline or box-shadow while it has the focus, and whether
# it matches :focus-visible (Chromium's rule for "focused from the keyboard").
FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        element: el.outerHTML.slice(0, 120),
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
              || style.boxShadow !== 'none',
        focusVisible: el.matches(':focus-visible'),
    };
}"""


def assert_focus_visible(page) -> None:
    focused = page.evaluate(FOCUS)
    assert focused is not None, "the focus was lost to the page itself"
    assert focused["focusVisible"], f"not :focus-visible: {focused['element']}"
    assert focused["ring"], f"no focus ring on {focused['element']}"


def tab_to(page, target, *, backwards: bool = False, limit: int = 80) -> int:
    """Press Tab (or Shift+Tab) until ``target`` has the focus, checking that every control the
    focus passes shows a visible focus ring; return the number of presses."""
    key = "Shift+Tab" if backwards else "Tab"
    handle = target.element_handle()
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("() => document.activeElement !== document.body"):
            assert_focus_visible(page)
        if handle.evaluate("el => el === document.activeElement"):
            return presses
    raise AssertionError(f"{key} pressed {limit} times never reached {target}")


def scrolls_sideways(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return max(0, page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def publish_case(author, *, title: str = "Syncope on exertion in a runner"):
    """A case through the real services: drafted, submitted with consent, approved."""
    from django.contrib.auth.models import Group

    from accounts.roles import ensure_moderators_group
    from cases import authoring, moderation
    from tests.factories import UserFactory

    ensure_moderators_group()
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    values = {
        "title": title,
        "specialty": "cardiology",
        "age_band": "30-39",
        "sex": "male",
        "care_setting": "emergency",
        "presenting_complaint": "Collapse while running, **no** prodrome.",
        "history": "Two similar episodes. Family history of sudden death.",
        "examination": "Ejection systolic murmur louder on standing.",
        "diagnosis": "Hypertrophic obstructive cardiomyopathy.",
        "question": "Would you allow him to keep running?",
    }
    case = authoring.create_case(author=author, values=values, tags=["ecg"])
    authoring.submit_case(case, by=author, consent_basis="patient", attest=True)
    return moderation.approve_case(case, by=moderator)
