"""Writing profiles and preferences. One transaction per call; forms validate before."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from accounts.images import clean_image, image_format
from accounts.models import Preferences, Profile, Specialty, User
from config.cache import next_generation

# The generation of what a member's profile shows to others (name, avatar, facts, follower
# count, listing in the directory, being active): pages shared between readers are built under
# it (``forums.sharing.cache`` names it ``MEMBERS``) and dropped when ``members_changed`` moves it.
GENERATION_KEY = "members:generation"

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_SIDE = 512
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def members_changed() -> None:
    """Once the current transaction commits, every shared page built before is out of date: what
    a profile or the directory shows of a member changed. Called by the service that changed it
    (a member's choice in their own state, a follow level or a block, retires nothing)."""
    transaction.on_commit(lambda: next_generation(cache, GENERATION_KEY))


@transaction.atomic
def ensure_member_rows(user: User, *, time_zone: str = "") -> Profile:
    """Create the profile and preferences rows of a new account (idempotent). ``time_zone``
    (given at sign-up) is the new preferences row's; an existing row keeps its own."""
    profile, _ = Profile.objects.get_or_create(user=user)
    Preferences.objects.get_or_create(
        user=user, defaults={"time_zone": time_zone} if time_zone else {}
    )
    return profile


@transaction.atomic
def update_profile(
    user: User,
    *,
    display_name: str,
    profession: str,
    specialty: Specialty | None,
    career_stage: str,
    country: str,
    institution: str,
    show_institution: bool,
    bio: str,
    conflicts_of_interest: str,
    listed_in_directory: bool | None = None,
    directory_shows: Iterable[str] | None = None,
) -> Profile:
    """Save what the member tells peers. Bio and COI are stored as typed (plain text).

    ``listed_in_directory`` and ``directory_shows`` (of "career_stage", "country", "bio"): the
    member's choice for ``/members/``; None keeps what was chosen."""
    user.display_name = display_name.strip()
    user.save(update_fields=["display_name"])
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    profile.profession = profession
    profile.specialty = specialty
    profile.career_stage = career_stage
    profile.country = country.strip()
    profile.institution = institution.strip()
    profile.show_institution = show_institution
    profile.bio = bio.strip()
    profile.conflicts_of_interest = conflicts_of_interest.strip()
    if listed_in_directory is not None:
        profile.listed_in_directory = listed_in_directory
    if directory_shows is not None:
        shown = set(directory_shows)
        profile.directory_shows_career_stage = "career_stage" in shown
        profile.directory_shows_country = "country" in shown
        profile.directory_shows_bio = "bio" in shown
    profile.save()
    members_changed()
    return profile


def clean_avatar(data: bytes) -> bytes:
    """Validate and re-encode an avatar (raises ValidationError with a message for the member)."""
    return clean_image(data, max_bytes=AVATAR_MAX_BYTES, max_side=AVATAR_SIDE)


@transaction.atomic
def set_avatar(user: User, *, data: bytes) -> Profile:
    """Store already-cleaned avatar bytes (``clean_avatar``) under a fresh random name.

    The new name changes the URL, so browsers may cache avatars for good; the old file is
    deleted after commit.
    """
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    old = profile.avatar.name
    name = f"{secrets.token_urlsafe(12)}.{_EXTENSIONS[image_format(data)]}"
    profile.avatar.save(name, ContentFile(data), save=False)
    profile.save(update_fields=["avatar", "updated_at"])
    members_changed()
    if old:
        transaction.on_commit(lambda: default_storage.delete(old))
    return profile


@transaction.atomic
def remove_avatar(user: User) -> None:
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    old = profile.avatar.name
    if old:
        profile.avatar = ""
        profile.save(update_fields=["avatar", "updated_at"])
        members_changed()
        transaction.on_commit(lambda: default_storage.delete(old))


@transaction.atomic
def update_preferences(
    user: User,
    *,
    digest_frequency: str,
    digest_hour: int,
    time_zone: str,
    email_on_mention: bool,
    email_on_reply: bool,
    followed_specialties: Iterable[Specialty],
    email_on_review: bool | None = None,
    email_on_badge: bool | None = None,
    participation_prompts: bool | None = None,
    email_on_message: bool | None = None,
    messages_from_followed_only: bool | None = None,
) -> Preferences:
    prefs, _ = Preferences.objects.select_for_update().get_or_create(user=user)
    prefs.digest_frequency = digest_frequency
    prefs.digest_hour = digest_hour
    prefs.time_zone = time_zone
    prefs.email_on_mention = email_on_mention
    prefs.email_on_reply = email_on_reply
    if email_on_review is not None:  # None: left as it is
        prefs.email_on_review = email_on_review
    if email_on_badge is not None:
        prefs.email_on_badge = email_on_badge
    if participation_prompts is not None:
        prefs.participation_prompts = participation_prompts
    if email_on_message is not None:
        prefs.email_on_message = email_on_message
    if messages_from_followed_only is not None:
        prefs.messages_from_followed_only = messages_from_followed_only
    prefs.save()
    prefs.followed_specialties.set(list(followed_specialties))
    return prefs
