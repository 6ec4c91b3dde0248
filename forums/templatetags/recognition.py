"""``{% load recognition %}``: badges beside a member's name and on their profile.

Query-free: reads ``User.badges`` (the codes, denormalised on the user row by
``forums.recognition.granting.grant``), so a byline costs nothing per post.
"""

from __future__ import annotations

from django import template

from forums.recognition.badges import BADGES, BYLINE_BADGES, badges_of

register = template.Library()


@register.filter
def badge_name(code: str) -> str:
    badge = BADGES.get(code)
    return str(badge.name) if badge else code


@register.inclusion_tag("forums/includes/byline_badges.html")
def byline_badges(member) -> dict:
    """The marks of the member's badges beside their name (not "verified": the name's own
    badge says that while it is valid)."""
    codes = getattr(member, "badges", None) or []
    return {"member": member, "badges": [b for b in badges_of(codes) if b.code in BYLINE_BADGES]}


@register.inclusion_tag("forums/includes/profile_badges_section.html")
def profile_badges(member) -> dict:
    return {"member": member, "badges": badges_of(getattr(member, "badges", None))}
