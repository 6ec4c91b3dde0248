"""Steps the browser journeys share, written as a person would do them."""

from __future__ import annotations

import re

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
    page.get_by_label(re.compile("code", re.I)).fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
