"""One-click unsubscribe: signed link, no session, POST unsubscribes, GET offers preferences."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import DigestFrequency, Preferences
from accounts.unsubscribe import make_token, read_token, unsubscribe_headers

pytestmark = pytest.mark.django_db


def test_the_one_click_post_unsubscribes_without_a_session_or_csrf_token(subscriber):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # as a mail client would POST: no cookie, no token
    url = reverse("unsubscribe", kwargs={"token": make_token(subscriber)})

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    prefs = Preferences.objects.get(user=subscriber)
    assert prefs.digest_frequency == DigestFrequency.OFF
    assert prefs.email_on_mention  # the digest link turns off only the digest


def test_the_footer_link_shows_a_page_offering_the_preferences_and_changes_nothing(
    client, subscriber
):
    url = reverse("unsubscribe", kwargs={"token": make_token(subscriber)})

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post"' in page
    assert reverse("accounts:settings_preferences") in page
    assert "reader@example.org" in page
    assert Preferences.objects.get(user=subscriber).digest_frequency == DigestFrequency.DAILY


def test_the_notifications_link_turns_off_mention_and_reply_emails(client, subscriber):
    url = reverse("unsubscribe", kwargs={"token": make_token(subscriber, scope="notifications")})

    client.post(url)

    prefs = Preferences.objects.get(user=subscriber)
    assert (prefs.email_on_mention, prefs.email_on_reply) == (False, False)
    assert prefs.digest_frequency == DigestFrequency.DAILY


def test_a_tampered_token_is_refused(client, subscriber, other_user):
    token = make_token(subscriber)
    forged = token.replace(token.split(":")[0], make_token(other_user).split(":")[0])

    response = client.post(reverse("unsubscribe", kwargs={"token": forged}))

    assert response.status_code == 404
    assert read_token(forged) is None
    assert Preferences.objects.get(user=subscriber).digest_frequency == DigestFrequency.DAILY


def test_headers_carry_an_https_capable_url_a_mailto_and_the_one_click_marker(subscriber):
    headers = unsubscribe_headers(subscriber)

    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url, mailto = headers["List-Unsubscribe"].split(", ")
    assert url.startswith("<http")
    assert "/email/unsubscribe/" in url
    assert mailto.startswith("<mailto:")
