"""``{% moderation_dashboard as lines %}`` for the admin index (templates/admin/index.html)."""

from django import template

from accounts.moderation import dashboard_lines
from accounts.permissions import is_moderator

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_dashboard(context) -> list:
    request = context.get("request")
    if request is None or not is_moderator(request.user):
        return []
    return dashboard_lines()
