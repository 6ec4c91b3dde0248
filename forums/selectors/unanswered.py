"""Reads for "Unanswered in your specialty": threads (here) and cases (plugged in by cases
through ``forums.extensions.UnansweredSource``) in the member's specialties with no reply
``UNANSWERED_AFTER_HOURS`` after they opened, shown on the home page
(``forums.participation``) and behind the participation prompt.

A thread is in a specialty when its forum's slug, or one of its tags' slugs, is the
specialty's slug (as in the digest's section, ``forums.mail.digests.unanswered``). The
member's specialties are their profile's and the ones they follow in their preferences.
Threads are read through ``Thread.objects.visible_to``; each source applies its own
permissions (cases: ``Case.objects.visible_to``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Preferences, Profile
from forums import extensions
from forums.extensions import FollowedItem
from forums.models import Thread

# Older questions have usually found their answer elsewhere, or lost their asker.
LOOK_BACK = timedelta(days=30)
HOME_LIMIT = 5


def waiting_since(now: datetime | None = None) -> datetime:
    """Opened before this and still without a reply: "unanswered"."""
    return (now or timezone.now()) - timedelta(hours=settings.UNANSWERED_AFTER_HOURS)


def member_specialties(user) -> set[str]:
    """The slugs of the member's profile specialty and followed specialties (two queries)."""
    slugs = set(
        Profile.objects.filter(user_id=user.pk, specialty__isnull=False).values_list(
            "specialty__slug", flat=True
        )
    )
    slugs.update(
        Preferences.followed_specialties.through.objects.filter(
            preferences__user_id=user.pk
        ).values_list("specialty__slug", flat=True)
    )
    return slugs


def unanswered_threads(
    *, user, specialties: set[str], since: datetime, older_than: datetime, limit: int
) -> list[FollowedItem]:
    """Threads the member may read in these specialties, without a reply, opened in
    (``since``, ``older_than``], not theirs and not a case's discussion (cases list their
    own), newest first. One query."""
    tagged = Thread.tags.through.objects.filter(
        content_type=ContentType.objects.get_for_model(Thread), tag__slug__in=specialties
    )
    threads = (
        Thread.objects.visible_to(user)
        .filter(
            Q(category__slug__in=specialties) | Q(pk__in=tagged.values("object_id")),
            post_count__lte=1,
            is_case_discussion=False,
            created_at__gt=since,
            created_at__lte=older_than,
        )
        .exclude(author_id=user.pk)
        .only("id", "slug", "title", "created_at")
        .order_by("-created_at")[:limit]
    )
    return [
        FollowedItem(
            created_at=thread.created_at,
            title=thread.title,
            url=thread.get_absolute_url(),
            author=None,
            kind=_("Thread"),
        )
        for thread in threads
    ]


def unanswered_for(
    user,
    *,
    specialties: set[str] | None = None,
    limit: int = HOME_LIMIT,
    now: datetime | None = None,
) -> list:
    """The member's unanswered threads and cases, newest first, at most ``limit``: one query
    per source (threads, cases), after two for their specialties unless the caller knows
    them; none without a specialty."""
    if not user.is_authenticated:
        return []
    if specialties is None:
        specialties = member_specialties(user)
    if not specialties:
        return []
    older_than = waiting_since(now)
    window = {
        "user": user,
        "specialties": specialties,
        "since": older_than - LOOK_BACK,
        "older_than": older_than,
        "limit": limit,
    }
    items = unanswered_threads(**window)
    for source in extensions.unanswered_sources():
        items.extend(source(**window))
    items.sort(key=lambda item: item.created_at, reverse=True)
    return items[:limit]
