"""The case section of the email digest, registered with ``forums.digests`` (forums never
imports cases). Case content never leaves the site: only title, specialty and link."""

from __future__ import annotations

from datetime import datetime

from accounts.models import Preferences
from cases.models import Case

DIGEST_CASES_TEMPLATE = "cases/email/digest_cases"


def new_cases_for_digest(user, since: datetime, until: datetime) -> list[Case]:
    """Cases published in (since, until] in the specialties the member follows, that they may
    read (``Case.objects.visible_to``). One query."""
    followed = Preferences.followed_specialties.through.objects.filter(
        preferences__user=user
    ).values("specialty__slug")
    return list(
        Case.objects.visible_to(user)
        .published()
        .filter(published_at__gt=since, published_at__lte=until, specialty__in=followed)
        .exclude(author=user)
        .only("id", "title", "slug", "specialty", "published_at")
        .order_by("-published_at")[:10]
    )
