"""The header's unread counts, only for members: notifications and conversations with unread
messages (cached together, one query on a miss: ``forums.consults.counts``).

They are lazy: the header itself takes them from its own cache entry in the same round trip
(``forums.sharing.header``), so a page asks for them here only if a template reads them."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from forums.consults.counts import header_counts
from forums.sharing.fragments import CSRF_PLACEHOLDER, RENDERING_OWN_PAGE, csrf_token_for


def unread_counts(request: HttpRequest) -> tuple[int, int]:
    """The member's unread notifications and conversations, read once per request."""
    if not hasattr(request, "_forums_unread_count"):
        request._forums_unread_count, request._consults_unread_count = header_counts(request.user)
    return request._forums_unread_count, getattr(request, "_consults_unread_count", 0)


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notification_count": SimpleLazyObject(lambda: unread_counts(request)[0]),
        "unread_message_count": SimpleLazyObject(lambda: unread_counts(request)[1]),
    }


def csrf_token(request: HttpRequest) -> dict:
    """``{% csrf_token %}``: masked once a request with the page's other tokens
    (``forums.sharing.fragments.csrf_token_for``), and the placeholder while a member's own
    page is rendered to be kept (``forums.sharing.own_pages``): no token is stored."""
    if getattr(request, RENDERING_OWN_PAGE, False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {"csrf_token": SimpleLazyObject(lambda: csrf_token_for(request))}
