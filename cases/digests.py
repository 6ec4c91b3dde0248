"""The case section of the email digest, registered with ``forums.digests`` (forums never
imports cases). Case content never leaves the site: only title, specialty and link."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings

from accounts.models import Preferences
from cases.models import Case
from cases.permissions import can_view_case
from forums.digests import SECTION_LIMIT, Item, Window

DIGEST_CASES_TEMPLATE = "cases/email/digest_cases"


def new_cases_for_digests(windows: list[Window]) -> dict[int, list[Item]]:
    """For each member of a digest batch: cases published in their window in the specialties
    they follow, that they may read (``can_view_case``), not their own; title, specialty and
    link only. Two queries for the whole batch."""
    followed: dict[int, set[str]] = defaultdict(set)
    for user_id, slug in Preferences.followed_specialties.through.objects.filter(
        preferences__user_id__in=[window.user.pk for window in windows]
    ).values_list("preferences__user_id", "specialty__slug"):
        followed[user_id].add(slug)
    if not followed:
        return {}
    cases = list(
        Case.objects.published()
        .filter(
            published_at__gt=min(window.since for window in windows),
            published_at__lte=max(window.until for window in windows),
            specialty__in=set().union(*followed.values()),
        )
        .only(
            "id", "title", "slug", "specialty", "published_at", "author_id", "status", "is_hidden"
        )
        .order_by("-published_at")
    )
    items = {
        case.pk: Item(
            title=case.title,
            url=f"{settings.SITE_URL}{case.get_absolute_url()}",
            label=case.specialty_name,
        )
        for case in cases
    }
    found: dict[int, list[Item]] = {}
    for window in windows:
        member = window.user
        mine = followed.get(member.pk)
        if not mine:
            continue
        found[member.pk] = [
            items[case.pk]
            for case in cases
            if case.specialty in mine
            and window.covers(case.published_at)
            and case.author_id != member.pk
            and can_view_case(member, case)
        ][:SECTION_LIMIT]
    return found
