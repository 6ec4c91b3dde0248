"""Two-factor authentication: open to every member, required for moderators and admins."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    generate_totp_secret,
)

from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def test_a_moderator_without_totp_is_sent_to_set_it_up_from_every_admin_page(client, moderator):
    client.force_login(moderator)
    for path in ["/admin/", "/admin/accounts/verificationrequest/", "/admin/accounts/user/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/2fa/totp/activate/?next=")


def test_an_admin_without_totp_is_sent_to_set_it_up_too(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2F"


def test_a_moderator_sets_up_totp_then_signs_in_with_a_code_and_reaches_admin(client, moderator):
    client.post("/accounts/login/", {"login": moderator.email, "password": PASSWORD})
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[0] == ("/accounts/2fa/totp/activate/?next=%2Fadmin%2F", 302)
    # Just signed in: allauth does not ask for the password again (accounts.adapter.post_login).
    page = response
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()
    client.logout()

    response = client.post("/accounts/login/", {"login": moderator.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in until the code is given
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_members_may_turn_on_totp_but_are_not_made_to(client, user):
    client.force_login(user)
    assert client.get("/accounts/2fa/").status_code == 200
    assert client.get("/settings/profile/").status_code == 200
    TOTP.activate(user, generate_totp_secret())
    assert Authenticator.objects.filter(user=user, type="totp").count() == 1


def test_staff_with_totp_reach_admin(client, moderator):
    TOTP.activate(moderator, generate_totp_secret())
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200


def test_pages_outside_admin_are_not_gated_for_staff(client, moderator):
    client.force_login(moderator)
    assert client.get("/").status_code == 200
    assert client.get("/settings/profile/").status_code == 200


def test_admin_sign_in_goes_through_allauth_so_the_code_is_asked(client, mfa_moderator, password):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Django's own admin login form can no longer sign anyone in with a password alone.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": mfa_moderator.email, "password": password}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
