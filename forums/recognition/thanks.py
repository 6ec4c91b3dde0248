"""The digests' monthly "thank you": the members whose posts colleagues marked helpful most
last month, per specialty, in the first digest each member gets in a new month.

Only members listed in the member directory (``Profile.listed_in_directory``: naming a member
to others is what the directory is for, and those who opted out are left out), active, with a
specialty on their profile; marks on posts since hidden or deleted do not count. Names, profile
links and counts only: no thread or case is named. Not news on its own: a member with nothing
else new gets no digest for it (``DigestSection.news``).

Plugged in by ``forums/plugins.py`` as a ``forums.extensions.DigestSection``; for a batch, two
queries (the members' specialties) and one per month its windows open (nearly always one).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from accounts.models import Preferences, Profile
from forums.mail.digests.build import Window
from forums.models import Reaction, ReactionKind

TEMPLATE = "forums/email/digest_thanks"
PER_SPECIALTY = 3


@dataclass(frozen=True)
class Thanked:
    name: str
    url: str
    count: int


@dataclass(frozen=True)
class SpecialtyThanks:
    specialty: str
    people: list[Thanked]


def month_start(moment: datetime) -> datetime:
    moment = moment.astimezone(UTC)
    return datetime(moment.year, moment.month, 1, tzinfo=UTC)


def previous_month(start: datetime) -> datetime:
    return datetime(start.year - (start.month == 1), (start.month - 2) % 12 + 1, 1, tzinfo=UTC)


def most_helpful(start: datetime, end: datetime) -> dict[str, list[Thanked]]:
    """Per specialty slug, the listed members whose posts got the most helpful marks in
    [start, end), at most ``PER_SPECIALTY`` each. One query."""
    rows = (
        Reaction.objects.filter(
            kind=ReactionKind.HELPFUL,
            created_at__gte=start,
            created_at__lt=end,
            post__is_hidden=False,
            post__is_deleted=False,
            post__author__is_active=True,
            post__author__profile__listed_in_directory=True,
            post__author__profile__specialty__isnull=False,
        )
        .values(
            "post__author_id",
            "post__author__display_name",
            "post__author__handle",
            "post__author__profile__specialty__slug",
        )
        .annotate(marks=Count("pk"))
        .order_by("-marks", "post__author_id")
    )
    found: dict[str, list[Thanked]] = defaultdict(list)
    for row in rows:
        people = found[row["post__author__profile__specialty__slug"]]
        if len(people) < PER_SPECIALTY:
            handle = row["post__author__handle"]
            people.append(
                Thanked(
                    name=row["post__author__display_name"] or handle,
                    url=f"{settings.SITE_URL}{reverse('accounts:profile', args=[handle])}",
                    count=row["marks"],
                )
            )
    return found


def thanks_for_digests(windows: list[Window]) -> dict[int, list[SpecialtyThanks]]:
    """For each member whose window opens a new month (UTC): last month's most helpful
    colleagues in each of their specialties (profile and followed)."""
    due = {
        window.user.pk: month_start(window.until)
        for window in windows
        if window.since < month_start(window.until) <= window.until
    }
    if not due:
        return {}
    specialties: dict[int, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for user_id, slug, name in Profile.objects.filter(
        user_id__in=list(due), specialty__isnull=False
    ).values_list("user_id", "specialty__slug", "specialty__name"):
        specialties[user_id].add(slug)
        names[slug] = name
    for user_id, slug, name in Preferences.followed_specialties.through.objects.filter(
        preferences__user_id__in=list(due)
    ).values_list("preferences__user_id", "specialty__slug", "specialty__name"):
        specialties[user_id].add(slug)
        names[slug] = name
    by_month = {start: most_helpful(previous_month(start), start) for start in set(due.values())}
    found: dict[int, list[SpecialtyThanks]] = {}
    for user_id, start in due.items():
        helpful = by_month[start]
        items = [
            SpecialtyThanks(specialty=names[slug], people=helpful[slug])
            for slug in sorted(specialties.get(user_id, ()), key=lambda slug: names[slug])
            if helpful.get(slug)
        ]
        if items:
            found[user_id] = items
    return found
