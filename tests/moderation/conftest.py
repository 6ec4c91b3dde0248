"""Fixtures for the moderation console: a Moderators-group member (not a superuser) with TOTP."""

from __future__ import annotations

import pytest


@pytest.fixture
def moderator_client(client, mfa_moderator):
    """Signed in as a moderator holding exactly the group's permissions (re-granted here because
    transactional tests flush what the migrations granted)."""
    from accounts.roles import grant_to_moderators
    from cases.admin import MODERATOR_PERMISSIONS as CASES_PERMISSIONS
    from forums.posting.moderation import ensure_moderator_permissions

    ensure_moderator_permissions()
    grant_to_moderators(app_label="cases", codenames=CASES_PERMISSIONS)
    assert not mfa_moderator.is_superuser
    client.force_login(mfa_moderator)
    return client
