"""Setting up roles: the "Moderators" group and what it may do in Django admin.

Role *checks* live in ``accounts.permissions`` (query-free); this module only writes groups.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.permissions import MODERATORS_GROUP


@transaction.atomic
def grant_to_moderators(*, app_label: str, codenames: list[str]) -> Group:
    """Give the Moderators group these permissions of one app (idempotent).

    forums and cases call this from their data migrations with the permissions their moderation
    admin needs (through ``apps.get_model`` there, or here at runtime).
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
