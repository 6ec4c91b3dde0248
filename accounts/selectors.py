"""Reads for the accounts pages: one selector per page owns every join."""

from __future__ import annotations

from typing import NamedTuple

from django.core.cache import cache
from django.db import connections, router
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from accounts import network, permissions
from accounts.models import (
    DigestFrequency,
    MemberBlock,
    MemberFollow,
    Preferences,
    Profile,
    User,
    VerificationRequest,
)
from config.cache import start_generation

# forums fills the member's recent threads and posts on the profile page with this template
# (optional: the page works without it). It receives ``member`` and ``viewer``.
PROFILE_ACTIVITY_TEMPLATE = "forums/includes/profile_activity.html"
# What forums adds under the follow form of a profile: "Send a private message" and "Block".
PROFILE_ACTIONS_TEMPLATE = "forums/consults/includes/profile_actions.html"


def public_profile(*, handle: str, viewer) -> tuple[User, Profile | None]:
    """The member behind ``/u/<handle>/`` with profile and specialty, in one query."""
    member = (
        User.objects.select_related("profile", "profile__specialty")
        # lower(handle) = ..., not iexact's upper(): that is what the unique index covers.
        .alias(handle_lower=Lower("handle"))
        .filter(handle_lower=handle.lower())
        .first()
    )
    if member is None or not permissions.can_view_profile(viewer, member):
        raise Http404("No such member.")
    try:
        profile = member.profile
    except Profile.DoesNotExist:
        profile = None
    return member, profile


class Relation(NamedTuple):
    """What a signed-in viewer of a profile has to do with its member: their follow's watch
    level (None: not following) and whether they blocked them."""

    follow_level: str | None = None
    blocked: bool = False


def relation_to(*, viewer, member_id: int) -> Relation:
    """The viewer's follow of the member (its level) and whether they blocked them, in one
    query of two index probes; no query for visitors and oneself."""
    if not viewer.is_authenticated or viewer.pk == member_id:
        return Relation()
    # Written out: compiling the two subqueries took the ORM ten times the query's own time,
    # on a page that makes no other query.
    with connections[router.db_for_read(MemberFollow)].cursor() as cursor:
        cursor.execute(_RELATION, {"viewer": viewer.pk, "member": member_id})
        level, blocked = cursor.fetchone()
    return Relation(follow_level=level, blocked=blocked)


def cached_relation_to(*, viewer, member_id: int) -> Relation:
    """``relation_to`` from the cache where it is still current: kept per viewer and member
    under the viewer's relations generation, which their follows and blocks move
    (``accounts.network.relations_changed``), so a page shared between members can fill the
    viewer's follow form and block without a query."""
    if not viewer.is_authenticated or viewer.pk == member_id:
        return Relation()
    generation_key = network.RELATIONS_GENERATION.format(viewer.pk)
    key = f"relation:{viewer.pk}:{member_id}"
    found = cache.get_many([generation_key, key])
    generation, entry = found.get(generation_key), found.get(key)
    if generation is None:
        generation = start_generation(cache, generation_key)
    elif entry is not None and entry[0] == generation:
        return entry[1]
    # Read after the generation: a change committed meanwhile moves it past this entry's.
    relation = relation_to(viewer=viewer, member_id=member_id)
    cache.set(key, (generation, relation), network.RELATION_SECONDS)
    return relation


_RELATION = f"""
SELECT (SELECT level FROM {MemberFollow._meta.db_table}
        WHERE follower_id = %(viewer)s AND followed_id = %(member)s),
       EXISTS (SELECT 1 FROM {MemberBlock._meta.db_table}
               WHERE blocker_id = %(viewer)s AND blocked_id = %(member)s)
"""  # noqa: S608 - table names from the models, values as parameters


def profile_activity_template() -> str | None:
    return _existing(PROFILE_ACTIVITY_TEMPLATE)


def profile_actions_template() -> str | None:
    return _existing(PROFILE_ACTIONS_TEMPLATE)


def _existing(name: str) -> str | None:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


# A profile's fields a page beside a member's name never shows (lists shared from the cache
# carry no more than they show): defer them when joining ``author__profile``.
PROFILE_DEFERRED = tuple(
    f"author__profile__{name}"
    for name in ("institution", "bio", "conflicts_of_interest", "avatar", "updated_at")
)


def role_of(member) -> tuple[str, str]:
    """(profession, specialty) shown beside ``member``'s name: only from a profile the selector
    already joined (``select_related("author__profile__specialty")``), never a query of its
    own, so a list that forgot the join shows no role rather than one query per row."""
    if member is None:
        return "", ""
    profile = member._state.fields_cache.get("profile")
    if profile is None:
        return "", ""
    specialty = profile._state.fields_cache.get("specialty")
    return (
        str(profile.get_profession_display()) if profile.profession else "",
        specialty.name if specialty is not None else "",
    )


def own_profile(*, user: User) -> Profile:
    """The member's profile for the settings form (an unsaved blank one if never created)."""
    return Profile.objects.select_related("specialty").filter(user=user).first() or Profile(
        user=user
    )


def own_preferences(*, user: User) -> Preferences:
    prefs = Preferences.objects.filter(user=user).first()
    return prefs or Preferences.defaults_for(user)


def own_verification_requests(*, user: User) -> list[VerificationRequest]:
    return list(VerificationRequest.objects.filter(user=user).order_by("-created_at"))


def digest_recipients(*, frequency: str) -> QuerySet[User]:
    """Members who get the ``frequency`` digest: active, email verified, and with that setting
    (members who never saved their preferences get the default, weekly). ``preferences`` is
    joined, so ``user.preferences.digest_hour`` / ``time_zone`` cost nothing more, but may be
    missing for those default members: use ``Preferences.defaults_for(user)`` then."""
    chosen = Q(preferences__digest_frequency=frequency)
    if frequency == DigestFrequency.WEEKLY:
        chosen |= Q(preferences__isnull=True)
    return (
        User.objects.filter(chosen, is_active=True, email_verified=True)
        .select_related("preferences")
        .order_by("pk")
    )
