"""``{% load members %}``: how a member's name appears everywhere, badge included.

Query-free: reads only fields on the user row (select_related the author in your selector).
"""

from __future__ import annotations

from django import template

from accounts import permissions
from accounts.selectors import role_of

register = template.Library()


@register.inclusion_tag("accounts/includes/member_name.html")
def member_name(member, link: bool = True) -> dict:
    """Display name, @handle and the "verified" badge; "Former member" for a deleted author."""
    return {
        "member": member,
        "verified": member is not None and permissions.has_verified_badge(member),
        "link": link,
    }


@register.filter
def verified_badge(member) -> bool:
    return member is not None and permissions.has_verified_badge(member)


@register.inclusion_tag("accounts/includes/member_role.html")
def member_role(member, inline: bool = True) -> dict:
    """The member's profession and specialty, discreetly beside their name."""
    profession, specialty = role_of(member)
    return {"profession": profession, "specialty": specialty, "inline": inline}
