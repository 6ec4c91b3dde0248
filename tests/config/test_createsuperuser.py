"""`python manage.py createsuperuser` makes an account that can sign in at once (README)."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_an_account_that_signs_in_without_a_confirmation_email(
    monkeypatch,
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-admin-passphrase-2026")
    call_command(
        "createsuperuser", "--noinput", email="Root@Example.org", handle="root", verbosity=0
    )
    user = User.objects.get(email="root@example.org")
    assert user.is_superuser
    assert user.email_verified
    address = EmailAddress.objects.get(user=user)
    assert address.verified
    assert address.primary
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"login": "root@example.org", "password": "a-long-admin-passphrase-2026"},
    )
    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    assert client.session.get("_auth_user_id") == str(user.pk)
