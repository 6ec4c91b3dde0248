"""The case section of the email digest, plugged into the forums by ``cases/plugins.py``
(forums never imports cases). Nothing derived from a case leaves the site, not even its title:
the section counts the new cases in each followed specialty and links to the case list of that
specialty."""

from __future__ import annotations

from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from accounts.models import Preferences
from cases.models import SPECIALTY_NAMES, Case
from cases.permissions import can_view_case
from forums.mail.digests import SECTION_LIMIT, Item, Window

DIGEST_CASES_TEMPLATE = "cases/email/digest_cases"


def _specialty_item(slug: str, count: int) -> Item:
    path = f"{reverse('cases:list')}?{urlencode({'specialty': slug})}"
    return Item(
        title=str(SPECIALTY_NAMES.get(slug, slug)), url=f"{settings.SITE_URL}{path}", count=count
    )


def new_cases_for_digests(windows: list[Window]) -> dict[int, list[Item]]:
    """For each member of a digest batch: how many cases were published in their window in each
    specialty they follow, counting those they may read (``can_view_case``) and not their own;
    one line per specialty (its name, the count, a link to its list). Two queries for the whole
    batch."""
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
        .only("id", "specialty", "published_at", "author_id", "status", "is_hidden")
    )
    found: dict[int, list[Item]] = {}
    for window in windows:
        member = window.user
        mine = followed.get(member.pk)
        if not mine:
            continue
        counts = Counter(
            case.specialty
            for case in cases
            if case.specialty in mine
            and window.covers(case.published_at)
            and case.author_id != member.pk
            and can_view_case(member, case)
        )
        if counts:
            found[member.pk] = [
                _specialty_item(slug, count)
                for slug, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            ][:SECTION_LIMIT]
    return found


DIGEST_FOLLOWED_CASES_TEMPLATE = "cases/email/digest_followed_cases"


def followed_cases_for_digests(windows: list[Window]) -> dict[int, list[Item]]:
    """For each member of a batch: how many cases the members they follow published in their
    window, counting those they may read (``can_view_case``: an unverified follower counts
    none), as one line linking to the home page's Following tab. Like every case section, no
    title leaves the site. Two queries for the whole batch."""
    from forums.mail.digests.followed import followed_of

    followed = followed_of(windows)
    if not followed:
        return {}
    cases = list(
        Case.objects.published()
        .filter(
            published_at__gt=min(window.since for window in windows),
            published_at__lte=max(window.until for window in windows),
            author_id__in=set().union(*followed.values()),
        )
        .only("id", "published_at", "author_id", "status", "is_hidden")
    )
    url = f"{settings.SITE_URL}{reverse('forums:home_following')}"
    found: dict[int, list[Item]] = {}
    for window in windows:
        member, mine = window.user, followed.get(window.user.pk, set())
        count = sum(
            1
            for case in cases
            if case.author_id in mine
            and window.covers(case.published_at)
            and can_view_case(member, case)
        )
        if count:
            found[member.pk] = [Item(title="", url=url, count=count)]
    return found
