"""Listed members for the directory and following tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import Profile, Specialty
from tests.factories import UserFactory


def specialty_named(slug: str) -> Specialty:
    """The specialty migration 0004 made, or made again where a transactional test flushed
    the database before this one."""
    return Specialty.objects.get_or_create(slug=slug, defaults={"name": slug.capitalize()})[0]


def listed(
    *,
    specialty: str = "cardiology",
    profession: str = "physician",
    country: str = "Ireland",
    career_stage: str = "established",
    active_days_ago: int | None = 1,
    contributions: int = 0,
    listed: bool = True,
    **user_fields,
):
    """A member with a profile, listed in the directory unless ``listed=False``."""
    member = UserFactory(**user_fields)
    Profile.objects.create(
        user=member,
        profession=profession,
        specialty=specialty_named(specialty) if specialty else None,
        country=country,
        career_stage=career_stage,
        listed_in_directory=listed,
        contributions=contributions,
        last_active_at=(
            timezone.now() - timedelta(days=active_days_ago)
            if active_days_ago is not None
            else None
        ),
    )
    return member
