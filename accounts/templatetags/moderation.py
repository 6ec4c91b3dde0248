"""``{% moderation_dashboard as lines %}`` for the admin index (templates/admin/index.html)."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext

from accounts.moderation import dashboard_lines, has_member_notice
from accounts.permissions import is_moderator, is_suspended

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_dashboard(context) -> list:
    request = context.get("request")
    if request is None or not is_moderator(request.user):
        return []
    return dashboard_lines()


@register.inclusion_tag("includes/member_notice.html", takes_context=True)
def member_notice(context) -> dict:
    """The suspension or unread warnings notice under the header of every page. base.html asks
    only on pages rendered for this member alone (never in one rendered to be shared), and members
    with a notice are never served shared pages (``has_member_notice``)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_member_notice(user):
        return {"show": False}
    return {
        "show": True,
        "suspended": is_suspended(user),
        "until": user.suspended_until,
        "reason": user.suspension_reason,
        "warnings": user.unread_warnings,
    }


@register.filter
def duration_words(value) -> str:
    """A timedelta as the two largest units ("2 days, 3 hours"; "4 minutes")."""
    from datetime import timedelta

    from django.utils.timesince import timesince

    now = timezone.now()
    if not isinstance(value, timedelta):
        return ""
    if value < timedelta(minutes=1):
        return gettext("under a minute")
    return timesince(now - value, now)
