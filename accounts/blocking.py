"""Members blocking members: the blocker hears nothing more from the blocked member (no private
consults, no notifications of their mentions, quotes or replies). The blocked member is not
told; to them the blocker simply does not accept messages.

Services (typed, keyword-only, one transaction each) and the reads the other apps ask:
``blockers_of`` (whom not to notify of a member's post; ``blocked_sql``, the same inside a
statement) and ``blocked_by`` (a member's list).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import MemberBlock, User
from accounts.network import relations_changed


class BlockError(ValueError):
    """A block refused for a reason the member can act on; the message is for them."""


@transaction.atomic
def block_member(*, blocker: User, blocked: User) -> MemberBlock:
    """Block ``blocked`` (idempotent). Moderators cannot be blocked: members must be able to
    hear from the people who moderate them."""
    from accounts.permissions import is_moderator

    if blocker.pk == blocked.pk:
        raise BlockError(_("You cannot block yourself."))
    if is_moderator(blocked):
        raise BlockError(_("Moderators cannot be blocked. Report a problem instead."))
    relations_changed(user_id=blocker.pk)
    try:
        with transaction.atomic():
            return MemberBlock.objects.create(blocker=blocker, blocked=blocked)
    except IntegrityError:  # blocked already (or a double click)
        return MemberBlock.objects.get(blocker=blocker, blocked=blocked)


@transaction.atomic
def unblock_member(*, blocker: User, blocked: User) -> bool:
    """Lift a block; False when there was none."""
    deleted, _rows = MemberBlock.objects.filter(blocker=blocker, blocked=blocked).delete()
    relations_changed(user_id=blocker.pk)
    return bool(deleted)


def has_blocked(*, blocker_id: int, blocked_id: int) -> bool:
    return MemberBlock.objects.filter(blocker_id=blocker_id, blocked_id=blocked_id).exists()


def blockers_of(member_id: int | None, *, among: Iterable[int]) -> set[int]:
    """Which of the members ``among`` blocked ``member_id`` (one query; none when empty)."""
    ids = {pk for pk in among if pk is not None}
    if member_id is None or not ids:
        return set()
    return set(
        MemberBlock.objects.filter(blocked_id=member_id, blocker_id__in=ids).values_list(
            "blocker_id", flat=True
        )
    )


def blocked_sql(blocker: str) -> str:
    """``blockers_of`` inside a statement of one's own: SQL true where the member whose id is
    the column ``blocker`` blocked the member given as the parameter ``%(blocked)s`` (never for
    NULL, a former member)."""
    return (
        "EXISTS (SELECT 1 FROM accounts_memberblock AS block"  # noqa: S608 - a column of ours
        f" WHERE block.blocker_id = {blocker} AND block.blocked_id = %(blocked)s)"
    )


def blocked_by(user: User) -> QuerySet[MemberBlock]:
    """The members ``user`` blocked, newest first, with their user rows."""
    return (
        MemberBlock.objects.filter(blocker=user)
        .select_related("blocked")
        .order_by("-created_at", "-pk")
    )
