"""A member follows a forum and asks for a daily digest; the digest is sent; the email's
unsubscribe link turns it off, without signing in."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Preferences
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import sign_in, sign_out
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_daily_digest_is_sent_and_its_link_unsubscribes(page, screenshot):
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    member = UserFactory(email="ada@example.org", handle="ada", last_login=timezone.now())
    sign_in(page, member.email)

    page.goto(forum.get_absolute_url())
    page.get_by_role("button", name="Follow").click()
    page.goto("/settings/preferences/")
    page.get_by_label("Daily", exact=True).check()
    page.get_by_label("Hour to send the digest").select_option(label="07:00")
    page.get_by_label("Time zone").select_option("UTC")
    screenshot(page, "preferences")
    assert violations_in_both_schemes(page) == {}
    page.get_by_role("button", name="Save preferences").click()
    assert Preferences.objects.get(user=member).digest_frequency == "daily"
    sign_out(page)

    make_thread(category=forum, title="Digoxin levels in the elderly", body="When to check?")
    # The next 07:00 UTC, within a day of the thread (a daily digest covers the last 24 hours;
    # "tomorrow at 07:00" is more than a day away when the suite runs after midnight).
    now = timezone.now()
    seven = now.replace(hour=7, minute=0, second=0, microsecond=0)
    if seven <= now:
        seven += timedelta(days=1)
    call_command(
        "send_digests",
        frequency="daily",
        now=seven.isoformat(),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    (digest,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "Digoxin levels in the elderly" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.search(r"https?://\S+/email/unsubscribe/\S+/", digest.body).group(0)

    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("link", name=re.compile("preferences", re.I)).first).to_be_visible()
    assert Preferences.objects.get(user=member).digest_frequency == "off"
    assert page.csp_violations == []
