"""Who may see and do what: the one place views, search, feeds, digests and admin ask.

Roles, from least to most trusted: visitor (anonymous), member (signed in, email verified, not
suspended), verified professional (a moderator approved their registration and it has not
expired), moderator (in the "Moderators" group), admin (superuser).

Every check reads fields on the user row (denormalised on purpose), so asking costs no query.
This module must not import forums or cases (imports flow cases -> forums -> accounts); it
answers in plain values and ``Q`` objects over field names those apps agree to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar

from django.db.models import Q
from django.utils import timezone

PUBLIC, MEMBERS, VERIFIED = "public", "members", "verified"
MODERATORS_GROUP = "Moderators"


@dataclass(frozen=True)
class Reader:
    """A signed-in reader of some standing who is nobody in particular: whom a page shared
    between members is rendered for (``forums.sharing``). Every check here and in the apps'
    permission modules answers for it as for a member of the same standing (active, email
    verified, verified professional until, suspended until, staff) who wrote, reacted to and
    bookmarked nothing: its ``pk`` is 0, an id no row has (None would match what a member
    who left wrote)."""

    is_active: bool
    email_verified: bool
    is_staff: bool
    is_superuser: bool
    professional_verified_until: date | None
    suspended_until: datetime | None
    pk: int = field(default=0, init=False)
    is_authenticated: ClassVar[bool] = True
    is_anonymous: ClassVar[bool] = False

    @property
    def id(self) -> int:
        return self.pk

    @classmethod
    def like(cls, member) -> Reader:
        """A reader with ``member``'s standing and none of their own content."""
        return cls(
            is_active=member.is_active,
            email_verified=member.email_verified,
            is_staff=member.is_staff,
            is_superuser=member.is_superuser,
            professional_verified_until=member.professional_verified_until,
            suspended_until=member.suspended_until,
        )


def is_suspended(user) -> bool:
    until = getattr(user, "suspended_until", None)
    return bool(until and until > timezone.now())


def is_member(user) -> bool:
    """Signed in, active and with a verified email address. Suspended members still read."""
    return bool(user.is_authenticated and user.is_active and user.email_verified)


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_moderator(user) -> bool:
    """Staff are moderators: the "Moderators" group grants them the admin permissions moderation
    needs, and nothing more. Admins (superusers) are moderators too."""
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def is_verified_professional(user) -> bool:
    if not is_member(user):
        return False
    until = user.professional_verified_until
    return bool(until and until >= timezone.localdate()) or is_moderator(user)


def can_post(user) -> bool:
    """May start threads and reply: a member with a verified email who is not suspended."""
    return is_member(user) and not is_suspended(user)


def visible_forum_levels(user) -> list[str]:
    """The forum visibility levels this user may read."""
    if is_verified_professional(user):
        return [PUBLIC, MEMBERS, VERIFIED]
    if is_member(user):
        return [PUBLIC, MEMBERS]
    return [PUBLIC]


def case_visibility_filter(user) -> Q:
    """Published cases are for verified professionals; authors always see their own.

    A case hidden by a patient-privacy flag disappears for everyone but its author and the
    moderators until a moderator has reviewed it.
    """
    if is_moderator(user):
        return Q()
    if not is_member(user):
        return Q(pk__in=[])
    own = Q(author_id=user.pk)
    if is_verified_professional(user):
        return own | Q(status="published", is_hidden=False)
    return own


# --- Profiles, verification and the staff two-factor rule (accounts issue) --------------------


def has_verified_badge(user) -> bool:
    """Show the "verified" badge: a moderator approved this member's registration and it has not
    expired. Unlike ``is_verified_professional`` this is never implied by staff status: the badge
    tells peers a registration was checked."""
    until = getattr(user, "professional_verified_until", None)
    return bool(until and until >= timezone.localdate() and user.is_active)


def can_view_profile(viewer, member) -> bool:
    """Profiles of active members are public (a pseudonym is allowed); moderators see all."""
    return bool(member.is_active) or is_moderator(viewer)


def can_see_institution(viewer, member, profile) -> bool:
    """The institution is private unless the member chose to show it."""
    return bool(
        profile.show_institution
        or (viewer.is_authenticated and viewer.pk == member.pk)
        or is_moderator(viewer)
    )


def can_request_verification(user) -> bool:
    """Members with a verified email may ask; suspended members wait until it ends."""
    return is_member(user) and not is_suspended(user)


def can_review_verification(user) -> bool:
    """Moderators decide verification requests and may open the evidence."""
    return is_moderator(user)


def require_mfa_for_staff(user) -> bool:
    """Moderators and admins must have two-factor authentication before moderation or admin.

    The rule only; ``accounts.middleware.require_mfa_for_staff`` looks up whether they have it.
    """
    return is_moderator(user)
