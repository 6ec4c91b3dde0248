"""The one service that grants a badge.

Never called for a hand-edited count: each caller is the rule of one badge in
``forums.recognition.events``, run by the service of the event that earns it.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Func, Value
from django.utils import timezone

from accounts.models import User
from forums import notifications
from forums.models import Award
from forums.recognition.badges import BADGES
from forums.sharing.cache import content_changed


@transaction.atomic
def grant(*, user_id: int | None, badge: str, at: datetime | None = None) -> Award | None:
    """Award ``badge`` to the member once. Returns the new row, or None when they already
    had it (or there is no member: a deleted author).

    Side effects, on the first grant only: the code is appended to ``User.badges`` (bylines
    read it from the user row), the member is notified (``NotificationKind.BADGE``, emailed
    in the batched notification email if they want it) and ``CONTENT`` is retired (bylines on
    shared thread pages).
    """
    if badge not in BADGES:
        raise ValueError(f"No badge {badge!r}")
    if user_id is None:
        return None
    try:
        # A savepoint: the unique constraint answers "already earned", even between two
        # transactions that both saw no row.
        with transaction.atomic():
            award = Award.objects.create(
                user_id=user_id, badge=badge, earned_at=at or timezone.now()
            )
    except IntegrityError:
        return None
    User.objects.filter(pk=user_id).exclude(badges__contains=[badge]).update(
        badges=Func(
            F("badges"),
            Value(badge),
            function="array_append",
            output_field=ArrayField(CharField(max_length=32)),
        )
    )
    notifications.notify_badge(user_id=user_id, badge=badge)
    content_changed()
    return award
