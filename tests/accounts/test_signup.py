from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_sign_up_verify_by_the_emailed_link_then_sign_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "handle": "newbie",
            "display_name": "New Person",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302
    member = User.objects.get(email="new@example.org")
    assert member.handle == "newbie"
    assert not member.email_verified

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}").status_code == 200
    assert client.post(f"/{path}").status_code == 302
    member.refresh_from_db()
    assert member.email_verified

    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new@example.org", "password": "a-long-enough-passphrase"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == member


def test_a_taken_handle_is_refused_on_the_form_and_the_rest_is_kept(client, user):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "other@example.org",
            "handle": user.handle.upper(),
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["handle"] == ["That handle is taken."]
    assert 'value="other@example.org"' in response.content.decode()
