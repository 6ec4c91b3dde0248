from __future__ import annotations

import pytest

from accounts.models import Preferences, Specialty
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_defaults_are_a_weekly_digest_and_both_immediate_emails():
    prefs = Preferences.defaults_for(UserFactory())
    assert prefs.digest_frequency == "weekly"
    assert prefs.email_on_mention
    assert prefs.email_on_reply


def test_a_member_saves_digest_time_zone_emails_and_specialties(auth_client, user):
    cardio, neuro = Specialty.objects.filter(slug__in=["cardiology", "neurology"])
    response = auth_client.post(
        "/settings/preferences/",
        {
            "digest_frequency": "daily",
            "digest_hour": "18",
            "time_zone": "Europe/Dublin",
            "email_on_mention": "on",
            "followed_specialties": [cardio.pk, neuro.pk],
        },
    )
    assert response.status_code == 302
    prefs = Preferences.objects.get(user=user)
    assert (prefs.digest_frequency, prefs.digest_hour, prefs.time_zone) == (
        "daily",
        18,
        "Europe/Dublin",
    )
    assert prefs.email_on_mention
    assert not prefs.email_on_reply
    assert set(prefs.followed_specialties.all()) == {cardio, neuro}


@pytest.mark.parametrize(
    ("field", "value"),
    [("time_zone", "Mars/Olympus"), ("digest_hour", "24"), ("digest_frequency", "hourly")],
)
def test_bad_preferences_are_refused_on_the_form(auth_client, user, field, value):
    data = {"digest_frequency": "weekly", "digest_hour": "7", "time_zone": "UTC"}
    response = auth_client.post("/settings/preferences/", {**data, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Preferences.objects.filter(user=user).exists()


def test_digest_recipients_follow_preferences_with_weekly_for_members_who_never_chose(
    django_assert_num_queries,
):
    from accounts import profiles, selectors

    never_chose = UserFactory()
    daily = UserFactory()
    off = UserFactory()
    unverified = UserFactory(email_verified=False)
    for member, frequency in [(daily, "daily"), (off, "off"), (unverified, "weekly")]:
        profiles.update_preferences(
            member,
            digest_frequency=frequency,
            digest_hour=7,
            time_zone="UTC",
            email_on_mention=True,
            email_on_reply=True,
            followed_specialties=[],
        )
    with django_assert_num_queries(1):
        weekly = list(selectors.digest_recipients(frequency="weekly"))
    assert weekly == [never_chose]
    assert list(selectors.digest_recipients(frequency="daily")) == [daily]
    assert list(selectors.digest_recipients(frequency="off")) == [off]
