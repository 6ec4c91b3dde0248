"""Template tags of the private consult parts shown on other apps' pages (the profile)."""

from __future__ import annotations

from django import template

from accounts.blocking import has_blocked

register = template.Library()


@register.simple_tag
def blocked_by_viewer(member, viewer) -> bool:
    """Whether ``viewer`` blocked ``member`` (one query; False for visitors)."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    return has_blocked(blocker_id=viewer.pk, blocked_id=member.pk)
