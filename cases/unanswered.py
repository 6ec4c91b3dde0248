"""Cases in "Unanswered in your specialty", plugged into forums by ``cases/plugins.py``:

- on the home page and behind the participation prompt (``unanswered_cases``, a
  ``forums.extensions.UnansweredSource``), read through ``Case.objects.visible_to``, so a
  verified-only case never reaches a member who is not a verified professional;
- in the digests (``unanswered_cases_for_digests``), counted per specialty with a link to
  that specialty's unanswered cases: no case title leaves the site.

A case is unanswered while its discussion has no reply (``thread.post_count <= 1``, as the
case list's "Unanswered" filter) ``UNANSWERED_AFTER_HOURS`` after it was published.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Preferences, Profile
from cases.models import SPECIALTY_NAMES, Case
from cases.permissions import can_view_case
from forums.extensions import FollowedItem
from forums.mail.digests import SECTION_LIMIT, Item, Window

DIGEST_UNANSWERED_CASES_TEMPLATE = "cases/email/digest_unanswered_cases"


def unanswered_cases(
    *, user, specialties: set[str], since: datetime, older_than: datetime, limit: int
) -> list[FollowedItem]:
    """Published cases ``user`` may read in these specialties, published in (``since``,
    ``older_than``], with no reply yet, not theirs, newest first. One query."""
    cases = (
        Case.objects.visible_to(user)
        .published()
        .filter(
            specialty__in=specialties,
            thread__post_count__lte=1,
            published_at__gt=since,
            published_at__lte=older_than,
        )
        .exclude(author_id=user.pk)
        .only("id", "title", "slug", "published_at")
        .order_by("-published_at")[:limit]
    )
    return [
        FollowedItem(
            created_at=case.published_at,
            title=case.title,
            url=case.get_absolute_url(),
            author=None,
            kind=_("Case"),
        )
        for case in cases
    ]


def _specialties(windows: list[Window]) -> dict[int, set[str]]:
    """Each member's profile and followed specialties (two queries for the batch)."""
    user_ids = [window.user.pk for window in windows]
    found: dict[int, set[str]] = defaultdict(set)
    for user_id, slug in Profile.objects.filter(
        user_id__in=user_ids, specialty__isnull=False
    ).values_list("user_id", "specialty__slug"):
        found[user_id].add(slug)
    for user_id, slug in Preferences.followed_specialties.through.objects.filter(
        preferences__user_id__in=user_ids
    ).values_list("preferences__user_id", "specialty__slug"):
        found[user_id].add(slug)
    return found


def _item(slug: str, count: int) -> Item:
    query = urlencode({"specialty": slug, "status": "unanswered"})
    return Item(
        title=str(SPECIALTY_NAMES.get(slug, slug)),
        url=f"{settings.SITE_URL}{reverse('cases:list')}?{query}",
        count=count,
    )


def unanswered_cases_for_digests(windows: list[Window]) -> dict[int, list[Item]]:
    """For each member of a digest batch: how many cases in their specialties crossed the
    unanswered mark in their window (published ``UNANSWERED_AFTER_HOURS`` before it) and
    still have no reply, counting those they may read (``can_view_case``) and not their own;
    one line per specialty. Three queries for the whole batch."""
    specialties = _specialties(windows)
    if not specialties:
        return {}
    delay = timedelta(hours=settings.UNANSWERED_AFTER_HOURS)
    cases = list(
        Case.objects.published()
        .filter(
            published_at__gt=min(window.since for window in windows) - delay,
            published_at__lte=max(window.until for window in windows) - delay,
            specialty__in=set().union(*specialties.values()),
            thread__post_count__lte=1,
        )
        .only("id", "specialty", "published_at", "author_id", "status", "is_hidden")
    )
    found: dict[int, list[Item]] = {}
    for window in windows:
        member, mine = window.user, specialties.get(window.user.pk)
        if not mine:
            continue
        counts = Counter(
            case.specialty
            for case in cases
            if case.specialty in mine
            and window.covers(case.published_at + delay)
            and case.author_id != member.pk
            and can_view_case(member, case)
        )
        if counts:
            found[member.pk] = [
                _item(slug, count)
                for slug, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            ][:SECTION_LIMIT]
    return found
