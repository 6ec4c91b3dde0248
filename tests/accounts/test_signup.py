from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts import permissions
from accounts.models import Preferences, Profile, User
from tests.accounts.helpers import last_link
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new@example.org",
    "handle": "newbie",
    "display_name": "New Person",
    "password1": "a-long-enough-passphrase",
    "password2": "a-long-enough-passphrase",
}


def test_sign_up_verify_by_the_emailed_link_then_sign_in(client):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    member = User.objects.get(email="new@example.org")
    assert member.handle == "newbie"
    assert not member.email_verified
    # The rows digests and the profile page read exist from the start.
    assert Profile.objects.filter(user=member).exists()
    assert Preferences.objects.get(user=member).digest_frequency == "weekly"

    path = last_link(r"accounts/confirm-email/\S+/")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    member.refresh_from_db()
    assert member.email_verified

    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "New@Example.org", "password": "a-long-enough-passphrase"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == member


def test_posting_is_blocked_until_the_email_is_verified(client):
    client.post("/accounts/signup/", SIGNUP)
    member = User.objects.get(email="new@example.org")
    assert not permissions.can_post(member)
    assert not permissions.can_request_verification(member)
    client.post(last_link(r"accounts/confirm-email/\S+/"))
    member.refresh_from_db()
    assert permissions.can_post(member)


def test_a_taken_handle_is_refused_on_the_form_and_the_rest_is_kept(client, user):
    response = client.post("/accounts/signup/", {**SIGNUP, "handle": user.handle.upper()})
    assert response.status_code == 200
    assert response.context["form"].errors["handle"] == ["That handle is taken."]
    assert 'value="new@example.org"' in response.content.decode()


def test_a_taken_email_answers_like_any_sign_up_and_tells_its_owner_whatever_its_case(client, user):
    """No enumeration (issue 9): the page cannot tell; the address's owner hears by email."""
    response = client.post("/accounts/signup/", {**SIGNUP, "email": "ADA@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    assert "already" in mail.outbox[0].body


def test_a_weak_password_is_refused_on_the_form(client):
    response = client.post(
        "/accounts/signup/", {**SIGNUP, "password1": "password", "password2": "password"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert any("too common" in e for e in errors)
    assert any("too short" in e for e in errors)
    assert 'value="newbie"' in response.content.decode()
    assert not User.objects.exists()


def test_password_reset_by_the_emailed_link(client, user):
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    path = last_link(r"accounts/password/reset/key/\S+/")
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_path, {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase")


def test_a_new_email_replaces_the_old_only_once_verified(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/email/", {"action_add": "", "email": "ada.new@example.org"}, follow=True
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email == "ada@example.org"  # not yet
    page = client.get("/accounts/email/").content.decode()
    assert "ada.new@example.org" in page
    assert " style=" not in page  # allauth's pending-change form, restyled for the strict CSP
    client.post(last_link(r"accounts/confirm-email/\S+/"))
    user.refresh_from_db()
    assert user.email == "ada.new@example.org"
    assert user.email_verified
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "ada.new@example.org"
    ]


def test_changing_the_password_needs_the_old_one(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "wrong",
            "password1": "another-long-one-1",
            "password2": "another-long-one-1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["oldpassword"]
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-one-1",
            "password2": "another-long-one-1",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-one-1")


def test_rate_limits_are_on_in_the_real_settings():
    from config.settings import base

    assert base.ACCOUNT_RATE_LIMITS["login_failed"]
    assert base.ACCOUNT_EMAIL_VERIFICATION == "mandatory"


def test_failed_sign_ins_are_rate_limited(client, user, settings):
    from django.core.cache import cache

    from config.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS  # the test settings turn them off
    cache.clear()
    try:
        for _ in range(5):
            response = client.post("/accounts/login/", {"login": user.email, "password": "nope"})
            assert response.status_code == 200
        # Even the right password is refused until the window passes.
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code in {200, 429}
        assert "_auth_user_id" not in client.session
        assert "Too many failed login attempts" in response.content.decode()
    finally:
        cache.clear()
