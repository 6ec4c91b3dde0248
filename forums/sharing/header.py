"""The header's signed-in part, cached per member and page: the "account" slot of every
shared member page, and the same part of every page rendered whole (base.html's
``{% account_nav %}``), so that no member page renders it from its template per request."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

from forums import notifications
from forums.consults import counts as consult_counts
from forums.sharing.fragments import CSRF_PLACEHOLDER, FRAGMENT_SECONDS, template_version


def account_links(request: HttpRequest) -> str:
    """The header's signed-in part (base.html's "account" slot), for this member: cached per
    member, page and language with the unread counts, handle and staff status it shows, and
    read together with the unread counts in one round trip."""
    user, match = request.user, request.resolver_match
    template_name = "includes/account_nav.html"
    count_keys = [notifications.unread_key(user.pk), consult_counts.unread_key(user.pk)]
    key = (
        f"account-links:{template_version((template_name,))}:{get_language()}:"
        f"{match.app_name}:{match.url_name}:{user.pk}"
    )
    found = cache.get_many([*count_keys, key])
    count, messages = consult_counts.header_counts(user, cached=found)
    # for forums.context_processors
    request._forums_unread_count, request._consults_unread_count = count, messages
    version = (count, messages, user.handle, user.is_staff)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        html = entry[1]
    else:
        html = render_to_string(
            template_name,
            {
                "app": match.app_name,
                "name": match.url_name,
                "user": user,
                "unread_notification_count": count,
                "unread_message_count": messages,
                "csrf_token": CSRF_PLACEHOLDER,
            },
        )
        cache.set(key, (version, html), FRAGMENT_SECONDS)
    return html.replace(CSRF_PLACEHOLDER, get_token(request))
