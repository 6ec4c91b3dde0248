"""Sign-up is rate-limited per network address by allauth (ACCOUNT_RATE_LIMITS["signup"]),
counting the address our own limits use; a refused sign-up gets a 429 page saying which limit and
until when, with the email and handle typed (never the password) to copy."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase"


def _signup(client, n: int, **extra):
    data = {
        "email": f"new{n}@example.org",
        "handle": f"newbie{n}",
        "display_name": "New Person",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post("/accounts/signup/", data, **extra)


@pytest.fixture
def signup_limit(settings):
    # The test settings turn allauth's limits off; this test is about one of them.
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    cache.clear()
    yield
    cache.clear()


def test_the_real_settings_limit_sign_ups_per_address():
    from config.settings import base

    assert base.ACCOUNT_RATE_LIMITS["signup"].endswith("/ip")


def test_a_third_sign_up_from_one_address_gets_a_clear_429_keeping_the_email(client, signup_limit):
    for n in range(2):
        assert _signup(client, n, REMOTE_ADDR="10.9.9.9").status_code == 302
        client.logout()
    response = _signup(client, 3, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    page = response.content.decode()
    assert "2 sign-ups per hour from one network address" in page
    assert "You can send again after" in page
    assert 'value="new3@example.org"' in page
    assert 'value="newbie3"' in page
    assert PASSWORD not in page
    assert not User.objects.filter(email="new3@example.org").exists()
    # Someone at another address signs up normally.
    assert _signup(client, 4, REMOTE_ADDR="10.8.8.8").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, signup_limit, settings):
    settings.ROUNDS_TRUSTED_PROXY_COUNT = 1
    for n in range(2):
        _signup(client, n, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
        client.logout()
    # Same proxy, another client: not limited; the first client again: limited, whatever it
    # claims in the part of the header it controls.
    assert (
        _signup(client, 5, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code
        == 302
    )
    client.logout()
    refused = _signup(
        client, 6, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5"
    )
    assert refused.status_code == 429
