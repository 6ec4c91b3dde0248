"""Members following members, and the activity counters the directory sorts by.

Services (typed, keyword-only, one transaction each): follow, unfollow, the follower's watch
level, and ``note_contribution``, which the posting services call for each thread, reply or
published case. Reads for the profile page (is the viewer following, the followers list shown
to the followed member only) are here too: they are accounts' own rows.
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import FollowLevel, MemberFollow, Profile, User
from accounts.profiles import members_changed
from accounts.ratelimit import consume, rates_for
from config.cache import next_generation
from config.writes import Writes, write

# Each member's follows and blocks of others, as pages read them (accounts.selectors.
# cached_relation_to): cached under this generation of theirs, moved by ``relations_changed``.
RELATIONS_GENERATION = "relations:generation:{}"
RELATION_SECONDS = 60 * 60


def relations_changed(*, user_id: int) -> None:
    """Once the transaction commits: ``user_id`` followed, unfollowed, blocked or unblocked
    someone, or changed a follow's level."""
    transaction.on_commit(lambda: next_generation(cache, RELATIONS_GENERATION.format(user_id)))


class FollowError(ValueError):
    """A follow refused for a reason the member can act on; the message is for them."""


@transaction.atomic
def follow_member(
    *, follower: User, followed: User, level: str = FollowLevel.IN_APP, ip: str | None = None
) -> MemberFollow:
    """Follow ``followed`` (idempotent: following again keeps the row and sets ``level``).

    Counts against the "follow" rate (``ROUNDS_RATE_LIMITS``; raises ``RateLimited``) so a
    script cannot follow the whole directory; keeps ``Profile.followers_count``.
    """
    from django.utils.translation import gettext as _

    if follower.pk == followed.pk:
        raise FollowError(_("You cannot follow yourself."))
    if not followed.is_active:
        raise FollowError(_("This account is deactivated."))
    if level not in FollowLevel.values:
        raise FollowError(_("Choose how you want to hear about their posts."))
    if rates := rates_for("follow"):
        consume("follow", rates=rates, what="follow", user=follower, ip=ip)
    relations_changed(user_id=follower.pk)
    existing = MemberFollow.objects.filter(follower=follower, followed=followed).first()
    if existing is not None:
        if existing.level != level:
            existing.level = level
            existing.save(update_fields=["level"])
        return existing
    try:
        with transaction.atomic():
            follow = MemberFollow.objects.create(follower=follower, followed=followed, level=level)
    except IntegrityError:  # a double click won the race: the row is there
        return MemberFollow.objects.get(follower=follower, followed=followed)
    Profile.objects.get_or_create(user=followed)
    Profile.objects.filter(user=followed).update(followers_count=F("followers_count") + 1)
    members_changed()  # their follower count (a new level alone changes nothing shown)
    return follow


@transaction.atomic
def unfollow_member(*, follower: User, followed: User) -> bool:
    """Stop following; True when a follow was removed (idempotent)."""
    deleted, _rows = MemberFollow.objects.filter(follower=follower, followed=followed).delete()
    relations_changed(user_id=follower.pk)
    if deleted:
        Profile.objects.filter(user=followed).update(
            followers_count=Greatest(F("followers_count") - 1, 0)
        )
        members_changed()
    return bool(deleted)


def forget_follows(*, user: User) -> None:
    """Before an account goes (``accounts.deletion``): the members it followed count one
    follower less (the rows themselves go with the user row, CASCADE)."""
    followed = MemberFollow.objects.filter(follower=user).values("followed_id")
    Profile.objects.filter(user_id__in=followed).update(
        followers_count=Greatest(F("followers_count") - 1, 0)
    )


_CONTRIBUTED = """
UPDATE accounts_profile
SET contributions = contributions + 1, last_active_at = GREATEST(last_active_at, %(at)s)
WHERE user_id = %(user)s
"""


def note_contribution(
    *, user_id: int, at: datetime | None = None, writes: Writes | None = None
) -> None:
    """One more contribution (a thread, a reply, a published case) by ``user_id``: the
    directory's two sort keys move (GREATEST skips a NULL: the first contribution sets it).
    One UPDATE; called inside the posting service's transaction, or added to its ``writes``
    (``config.writes``). A member without a profile row has nothing listed to sort."""
    write(_CONTRIBUTED, {"user": user_id, "at": at or timezone.now()}, writes)


def follow_of(*, follower, followed: User) -> MemberFollow | None:
    """The viewer's follow of ``followed`` (None for visitors and oneself)."""
    if not follower.is_authenticated or follower.pk == followed.pk:
        return None
    return MemberFollow.objects.filter(follower=follower, followed=followed).first()


def followers_of(*, member: User) -> QuerySet[MemberFollow]:
    """The followed member's own list (newest first); shown to them only."""
    return (
        MemberFollow.objects.filter(followed=member, follower__is_active=True)
        .select_related("follower__profile__specialty")
        .order_by("-created_at", "-pk")
    )


def followed_ids(*, follower: User) -> list[int]:
    return list(
        MemberFollow.objects.filter(follower=follower).values_list("followed_id", flat=True)
    )
