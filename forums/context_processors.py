"""The header's unread notification count, only for members (cached: forums.notifications)."""

from __future__ import annotations

from django.http import HttpRequest

from forums.notifications import unread_count


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Cached on the request: templates rendered more than once per request ask once.
    if not hasattr(request, "_forums_unread_count"):
        request._forums_unread_count = unread_count(user)
    return {"unread_notification_count": request._forums_unread_count}
