"""The audit log: every moderation service calls ``record`` inside its transaction."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from accounts.models import AuditEntry, User


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    member: User | None = None,
    reason: str = "",
    **details,
) -> AuditEntry:
    """Write one audit entry. ``action`` is a short verb phrase such as ``post.hide``."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        member=member,
        reason=reason,
        details=details,
    )
