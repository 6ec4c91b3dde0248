"""``{% member_activity member viewer as activity %}`` for the profile page (accounts/profile.html).

accounts may not import forums, so its profile page includes a forums template that loads this.
"""

from __future__ import annotations

from django import template

from forums.selectors.forum_lists import member_activity as select_member_activity

register = template.Library()


@register.simple_tag
def member_activity(member, viewer) -> dict:
    return select_member_activity(member=member, viewer=viewer)
