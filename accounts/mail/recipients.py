"""Who wants which email: the member's preferences, or the defaults if they never saved them."""

from __future__ import annotations

from accounts.models import Preferences, User


def preferences_of(member: User) -> Preferences:
    """The member's saved preferences, or an unsaved row of the defaults. Reads
    ``member.preferences``: select it with the member when reading many."""
    try:
        return member.preferences
    except Preferences.DoesNotExist:
        return Preferences.defaults_for(member)


def wants_review_emails(member: User) -> bool:
    """Emails about the member's own case studies and verification (``email_on_review``)."""
    return preferences_of(member).email_on_review


def can_be_emailed(member: User) -> bool:
    """An active member with an address."""
    return bool(member.is_active and member.email)
