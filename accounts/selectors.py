"""Reads for the accounts pages: one selector per page owns every join."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from accounts import permissions
from accounts.models import DigestFrequency, Preferences, Profile, User, VerificationRequest

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
