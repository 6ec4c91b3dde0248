"""Two-factor for moderators (issue 21 part 6): no second password prompt right after signing
in, and after setting up TOTP the way back to the admin page they were going to."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator

from tests.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def test_right_after_signing_in_setting_up_totp_asks_for_no_password(client, moderator):
    client.post("/accounts/login/", {"login": moderator.email, "password": PASSWORD})
    response = client.get("/admin/cases/case/?status__exact=pending", follow=True)
    assert response.redirect_chain == [
        (
            "/accounts/2fa/totp/activate/?next=%2Fadmin%2Fcases%2Fcase%2F%3Fstatus__exact%3Dpending",
            302,
        )
    ]
    assert "reauthenticate" not in response.request["PATH_INFO"]
    assert "form" in response.context
    assert hasattr(response.context["form"], "secret")


def test_after_setting_up_totp_the_moderator_is_shown_the_way_back(client, moderator):
    client.post("/accounts/login/", {"login": moderator.email, "password": PASSWORD})
    page = client.get("/admin/cases/case/", follow=True)
    secret = page.context["form"].secret
    response = client.post(
        "/accounts/2fa/totp/activate/?next=/admin/cases/case/",
        {"code": totp_code(secret)},
        follow=True,
    )
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()
    html = response.content.decode()
    assert "continue where you were going" in html
    assert '<a href="/admin/cases/case/">' in html
    # Once: the next recovery-codes visit says nothing more.
    assert (
        "continue where you were going"
        not in client.get("/accounts/2fa/recovery-codes/").content.decode()
    )


def test_a_sign_in_counts_as_fresh_only_for_a_few_minutes(client, moderator, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 1
    client.post("/accounts/login/", {"login": moderator.email, "password": PASSWORD})
    time.sleep(1.1)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
