"""The header's unread counts, only for members: notifications and conversations with unread
messages (cached together, one query on a miss: ``forums.consults.counts``)."""

from __future__ import annotations

from django.http import HttpRequest

from forums.consults.counts import header_counts


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Cached on the request: templates rendered more than once per request ask once.
    if not hasattr(request, "_forums_unread_count"):
        request._forums_unread_count, request._consults_unread_count = header_counts(user)
    return {
        "unread_notification_count": request._forums_unread_count,
        "unread_message_count": getattr(request, "_consults_unread_count", 0),
    }
