"""Setting up roles: the "Moderators" group and what it may do in Django admin.

Role *checks* live in ``accounts.permissions`` (query-free); this module only writes groups.
Migration 0004 creates the group with the same accounts permissions (a frozen copy of the list).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.permissions import MODERATORS_GROUP

# Look members up, decide verification requests, read the audit log and the specialty list.
# Not change_user: the user form edits staff status and groups (admins only).
MODERATOR_PERMISSIONS = [
    "view_user",
    "view_verificationrequest",
    "change_verificationrequest",
    "view_auditentry",
    "view_specialty",
    "view_reasontemplate",
    "add_reasontemplate",
    "change_reasontemplate",
    "delete_reasontemplate",
]


@transaction.atomic
def grant_to_moderators(*, app_label: str, codenames: list[str]) -> Group:
    """Give the Moderators group these permissions of one app (idempotent).

    forums and cases call this (or do the same in a data migration) with the permissions their
    moderation admin needs.
    """
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise ValueError(f"No such permissions in {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)
    return group


def ensure_moderators_group() -> Group:
    """The group with accounts' moderation permissions (what migration 0004 does, at runtime:
    for tests, whose database may have been flushed, and for seeding)."""
    return grant_to_moderators(app_label="accounts", codenames=MODERATOR_PERMISSIONS)
