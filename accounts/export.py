""" "My data": everything Rounds holds about a member, as one JSON-ready dict.

Other apps add their sections (e.g. forums: threads and posts) as ``ExportSection``s of their
extension (``accounts.extensions``), from their plugins file.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts import extensions
from accounts.blocking import blocked_by
from accounts.models import MemberFollow, Preferences, Profile, User, VerificationRequest


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "handle": user.handle,
        "display_name": user.display_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_verified": user.email_verified,
        "professional_verified_until": _iso(user.professional_verified_until),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _profile(user: User) -> dict[str, Any] | None:
    profile = Profile.objects.select_related("specialty").filter(user=user).first()
    if profile is None:
        return None
    return {
        "profession": profile.profession,
        "specialty": profile.specialty.name if profile.specialty else None,
        "career_stage": profile.career_stage,
        "country": profile.country,
        "institution": profile.institution,
        "show_institution": profile.show_institution,
        "bio": profile.bio,
        "conflicts_of_interest": profile.conflicts_of_interest,
        "avatar": bool(profile.avatar),
        "listed_in_directory": profile.listed_in_directory,
        "directory_shows": [
            name
            for name in ("career_stage", "country", "bio")
            if getattr(profile, f"directory_shows_{name}")
        ],
    }


def _following(user: User) -> list[dict[str, Any]]:
    """The members this member follows, with the level chosen for each."""
    return [
        {
            "handle": follow.followed.handle,
            "level": follow.level,
            "since": follow.created_at.isoformat(),
        }
        for follow in MemberFollow.objects.filter(follower=user)
        .select_related("followed")
        .order_by("created_at")
    ]


def _preferences(user: User) -> dict[str, Any]:
    prefs = Preferences.objects.prefetch_related("followed_specialties").filter(
        user=user
    ).first() or Preferences.defaults_for(user)
    return {
        # Kept on the member's row (accounts.languages); "" is "as my browser asks".
        "language": user.language,
        "digest_frequency": prefs.digest_frequency,
        "digest_hour": prefs.digest_hour,
        "time_zone": prefs.time_zone,
        "email_on_mention": prefs.email_on_mention,
        "email_on_reply": prefs.email_on_reply,
        "email_on_review": prefs.email_on_review,
        "email_on_message": prefs.email_on_message,
        "messages_from_followed_only": prefs.messages_from_followed_only,
        "followed_specialties": (
            [s.name for s in prefs.followed_specialties.all()] if prefs.pk else []
        ),
    }


def _verification_requests(user: User) -> list[dict[str, Any]]:
    return [
        {
            "registration_number": r.registration_number,
            "registering_body": r.registering_body,
            "country": r.country,
            "status": r.status,
            "requested": _iso(r.created_at),
            "decided": _iso(r.decided_at),
            "reason": r.reason,
            "valid_until": _iso(r.valid_until),
        }
        for r in VerificationRequest.objects.filter(user=user).order_by("created_at")
    ]


def export_user_data(user: User) -> dict[str, Any]:
    """The member's own data. The sections other apps plugged in follow the core ones."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": _account(user),
        "profile": _profile(user),
        "preferences": _preferences(user),
        "verification_requests": _verification_requests(user),
        "following": _following(user),
        "blocked_members": [
            {"handle": block.blocked.handle, "since": block.created_at.isoformat()}
            for block in blocked_by(user).order_by("created_at")
        ],
    }
    for name, section in extensions.export_sections().items():
        data[name] = section(user)
    return data
