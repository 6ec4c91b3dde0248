"""Account security (issue 9, item 6), through the real allauth pages.

Password rules on sign-up, a new session key at sign-in, throttled failed sign-ins, CSRF on
every form, and answers that never tell whether an address has an account.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from config.settings import base
from tests.factories import PASSWORD, UserFactory, make_thread

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new@example.org",
    "handle": "newbie",
    "display_name": "New Person",
    "password1": "a-long-enough-passphrase",
    "password2": "a-long-enough-passphrase",
}


@pytest.fixture
def rate_limits_on(settings):
    """The test settings turn rate limits off; these tests turn the real ones back on."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


# --- passwords --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-1", "too short"),
        ("password123", "too common"),
        ("48151623424", "entirely numeric"),
        ("new@example.org", "too similar"),
    ],
)
def test_sign_up_refuses_weak_passwords_on_the_field(client, password, message):
    response = client.post(
        "/accounts/signup/", {**SIGNUP, "password1": password, "password2": password}
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["password1"])
    assert message in errors
    assert not User.objects.exists()


def test_the_password_rules_are_the_four_validators_with_ten_characters():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] >= 10


def test_changing_the_password_applies_the_same_rules(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "12345678901", "password2": "12345678901"},
    )
    assert response.status_code == 200
    assert "entirely numeric" in " ".join(response.context["form"].errors["password1"])
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# --- sessions ---------------------------------------------------------------------------------


def test_signing_in_gives_a_new_session_key_and_the_old_one_is_dead(client, user):
    """No session fixation: a key planted before sign-in is worthless after it."""
    planted = client.session
    planted["planted"] = True
    planted.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    before = planted.session_key

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert client.session["_auth_user_id"] == str(user.pk)

    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = before
    assert attacker.get("/settings/profile/").status_code == 302  # sent to sign in


def test_signing_out_ends_the_session_on_the_server(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get("/settings/profile/").status_code == 302


def test_session_cookies_are_http_only_and_expire():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE in {"Lax", "Strict"}
    assert 0 < settings.SESSION_COOKIE_AGE <= 60 * 60 * 24 * 30


# --- throttling -------------------------------------------------------------------------------


def test_repeated_failed_sign_ins_lock_the_address_even_for_the_right_password(
    client, user, rate_limits_on
):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_failed_sign_ins_from_many_addresses_still_lock_the_account(user, rate_limits_on):
    """The per-key limit: rotating the client IP does not buy more guesses at one account."""
    for n in range(5):
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(
            "/accounts/login/", {"login": user.email, "password": "wrong-1"}
        )
    fresh = Client(REMOTE_ADDR="198.51.100.7")
    response = fresh.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in fresh.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_requests_are_throttled_per_address(client, user, rate_limits_on):
    for _ in range(3):
        client.post("/accounts/password/reset/", {"email": user.email})
    sent = len(mail.outbox)
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 429
    assert len(mail.outbox) == sent


# --- CSRF -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/logout/",
        "/settings/profile/",
        "/settings/data/",
        "/settings/data/export.json",
        "/forums/{forum}/new/",
        "{thread}reply/",
        "{thread}report/",
        "/cases/new/",
    ],
)
def test_every_form_refuses_a_post_without_a_csrf_token(path):
    user = UserFactory(professional=True)
    thread = make_thread()
    strict = Client(enforce_csrf_checks=True)
    if not path.startswith("/accounts/"):
        strict.force_login(user)
    url = path.format(forum=thread.category.slug, thread=thread.get_absolute_url())
    response = strict.post(url, {"body": "Hello", "email": user.email, "password": PASSWORD})
    assert response.status_code == 403, url
    # The site's CSRF failure page (which gives any text back), not some other refusal.
    assert "This form had expired" in response.content.decode(), url


def test_csrf_middleware_is_on_and_nothing_but_unsubscribe_and_csp_reports_are_exempt():
    from django.urls import get_resolver

    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    exempt = set()

    def walk(resolver):
        for entry in resolver.url_patterns:
            if hasattr(entry, "url_patterns"):
                walk(entry)
            elif getattr(entry.callback, "csrf_exempt", False):
                exempt.add(entry.name)

    walk(get_resolver())
    # RFC 8058 one-click unsubscribe: a mail client POSTs with no cookie; the signed token is
    # the authority and the only effect is less email (the learning log's weekly reminder has
    # its own stop link of the same kind). Browsers send CSP violation reports without a
    # token; the endpoint only logs (rate-limited) and changes nothing.
    assert exempt == {"unsubscribe", "stop_prompt", "csp_report"}


# --- no enumeration ---------------------------------------------------------------------------


def _visible(response) -> str:
    """What a person sees, without tokens that differ on every request."""
    text = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_sign_up_with_a_taken_address_answers_like_a_new_one(user):
    taken = Client().post("/accounts/signup/", {**SIGNUP, "email": user.email.upper()})
    fresh = Client().post(
        "/accounts/signup/", {**SIGNUP, "email": "someone-new@example.org", "handle": "other"}
    )
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email__iexact=user.email).count() == 1
    # The owner of the taken address learns of it by email, and only they do.
    to_owner = [m for m in mail.outbox if m.to == [user.email]]
    assert len(to_owner) == 1


def test_sign_in_answers_the_same_for_an_unknown_address_and_a_wrong_password(user):
    unknown = Client().post(
        "/accounts/login/", {"login": "nobody@example.org", "password": "wrong-pass-1"}
    )
    wrong = Client().post("/accounts/login/", {"login": user.email, "password": "wrong-pass-1"})
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors
    assert _visible(unknown).replace("nobody@example.org", user.email) == _visible(wrong)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(user):
    known = Client().post("/accounts/password/reset/", {"email": user.email})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert _visible(Client().get(known["Location"])) == _visible(Client().get(unknown["Location"]))
    # Only the real member gets a reset link.
    links = [m for m in mail.outbox if "/accounts/password/reset/key/" in m.body]
    assert [m.to for m in links] == [[user.email]]
