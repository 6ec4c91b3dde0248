"""Fixtures for the digest tests: a subscriber due for their daily digest at ``now``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import DigestFrequency, Preferences
from tests.factories import CategoryFactory, UserFactory


@pytest.fixture
def now():
    """A moment just ahead of the clock, so content made in the test falls inside the digest."""
    return timezone.now() + timedelta(minutes=1)


def subscribe(user, now, *, frequency=DigestFrequency.DAILY, time_zone="UTC"):
    local_hour = now.astimezone(timezone.get_default_timezone()).hour
    Preferences.objects.update_or_create(
        user=user,
        defaults={"digest_frequency": frequency, "digest_hour": local_hour, "time_zone": time_zone},
    )
    return user


@pytest.fixture
def subscriber(db, now):
    user = UserFactory(handle="reader", email="reader@example.org", display_name="Reader")
    return subscribe(user, now)


@pytest.fixture
def poster(db):
    return UserFactory(handle="poster", email="poster@example.org", professional=True)


@pytest.fixture
def forum(db):
    return CategoryFactory(name="Cardiology talk", slug="cardiology-talk")
