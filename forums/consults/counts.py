"""The header's counts: unread notifications and conversations with unread messages.

Every member's header shows both on every page, so both live in the shared cache, fetched
together in one round trip; on a miss one query answers both (two subqueries on partial
indexes: ``forums_notification_unread`` and ``forums_participant_unread``). A page therefore
costs no query for the counts when they are cached and one when either is not, as it did
before conversations existed.

The conversation count (conversations with anything unread, not messages) is dropped by the
consult services whenever a member's ``Participant.unread`` changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Func, IntegerField, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from forums import notifications
from forums.consults.models import Participant
from forums.models import Notification
from forums.permissions import notification_visibility_filter
from forums.sharing.own_pages import own_pages_changed

UNREAD_SECONDS = notifications.UNREAD_COUNT_SECONDS


def unread_key(user_id: int) -> str:
    return f"consults:unread:{user_id}"


def drop_counts(user_ids: Iterable[int | None]) -> None:
    """Drop the cached conversation counts now, and again on commit (a page read in between
    may have cached the count from before the change)."""
    ids = {pk for pk in user_ids if pk is not None}
    keys = [unread_key(pk) for pk in ids]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
        own_pages_changed(ids)


def _count(queryset) -> Coalesce:
    """``SELECT COUNT(*) ... `` as a subquery (a plain function, so no GROUP BY is added)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def header_counts(user, *, cached: dict | None = None) -> tuple[int, int]:
    """(unread notifications, conversations with unread messages) for ``user``. ``cached``:
    what the caller already fetched from the cache in its own round trip."""
    note_key, consult_key = notifications.unread_key(user.pk), unread_key(user.pk)
    found = cached if cached is not None else cache.get_many([note_key, consult_key])
    notes, consults = found.get(note_key), found.get(consult_key)
    if notes is not None and consults is not None:
        return notes, consults
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            unread_notes=_count(
                Notification.objects.filter(notification_visibility_filter(user), is_read=False)
            ),
            unread_consults=_count(
                Participant.objects.filter(user_id=user.pk, left_at=None, unread__gt=0)
            ),
        )
        .values_list("unread_notes", "unread_consults")
        .first()
    )
    notes, consults = row or (0, 0)
    cache.set_many({note_key: notes, consult_key: consults}, UNREAD_SECONDS)
    return notes, consults


def unread_conversations(user) -> int:
    return header_counts(user)[1]
