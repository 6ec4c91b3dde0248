"""Who may see and do what. The one place views, search, feeds and digests ask.

Roles, from least to most trusted: visitor (anonymous), member (signed in,
email verified), verified professional, moderator, admin. This module must
not import forums or cases (imports flow cases -> forums -> accounts); it
answers in terms of plain values and ``Q`` objects over field names.
"""

from __future__ import annotations

from django.db.models import Q

PUBLIC, MEMBERS, VERIFIED = "public", "members", "verified"


def is_member(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_verified_professional(user) -> bool:
    # Professional verification arrives with the accounts issue; until then nobody is verified
    # except staff, who can see everything anyway.
    return is_moderator(user)


def is_moderator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def visible_forum_levels(user) -> list[str]:
    """The forum visibility levels this user may read."""
    if is_verified_professional(user):
        return [PUBLIC, MEMBERS, VERIFIED]
    if is_member(user):
        return [PUBLIC, MEMBERS]
    return [PUBLIC]


def case_visibility_filter(user) -> Q:
    """Cases are for verified professionals (published ones) and their own author."""
    if is_moderator(user):
        return Q()
    if not is_member(user):
        return Q(pk__in=[])
    own = Q(author_id=user.pk)
    if is_verified_professional(user):
        return own | Q(status="published")
    return own
