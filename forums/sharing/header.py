"""The header's signed-in part, cached per member and page: the "account" slot of every
shared member page, and the same part of every page rendered whole (base.html's
``{% account_nav %}``), so that no member page renders it from its template per request."""

from __future__ import annotations

from typing import Any, cast

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import ResolverMatch
from django.utils.translation import get_language

from forums import notifications
from forums.consults import counts as consult_counts
from forums.sharing.fragments import (
    CSRF_PLACEHOLDER,
    FRAGMENT_SECONDS,
    csrf_token_for,
    template_version,
)

TEMPLATE = "includes/account_nav.html"
# Where a shared member page leaves what it read of the header's keys with its own copy.
PREFETCHED = "_rounds_header_prefetched"


def _member_and_view(request: HttpRequest) -> tuple[Any, ResolverMatch]:
    """The signed-in member and the resolved view: every page with a header has both."""
    return request.user, cast(ResolverMatch, request.resolver_match)


def header_keys(request: HttpRequest) -> tuple[list[str], str]:
    """The cache keys of the member's unread counts and of their account links here."""
    user, match = _member_and_view(request)
    count_keys = [notifications.unread_key(user.pk), consult_counts.unread_key(user.pk)]
    key = (
        f"account-links:{template_version((TEMPLATE,))}:{get_language()}:"
        f"{match.app_name}:{match.url_name}:{user.pk}"
    )
    return count_keys, key


def prefetch_header(request: HttpRequest) -> dict:
    """The header's keys for a shared member page to read with its own copy (``prefetch`` of
    ``forums.sharing.cache.shared_by_level``): ``account_links`` then needs no round trip."""
    count_keys, key = header_keys(request)
    prefetched = dict.fromkeys([*count_keys, key])
    setattr(request, PREFETCHED, prefetched)
    return prefetched


def account_links(request: HttpRequest) -> str:
    """The header's signed-in part (base.html's "account" slot), for this member: cached per
    member, page and language with the unread counts, handle and staff status it shows, and
    read together with the unread counts in one round trip (none when a shared member page
    read them with its copy: ``prefetch_header``)."""
    user, match = _member_and_view(request)
    count_keys, key = header_keys(request)
    found = request.__dict__.pop(PREFETCHED, None)
    if found is None:
        found = cache.get_many([*count_keys, key])
    else:
        found = {name: value for name, value in found.items() if value is not None}
    count, messages = consult_counts.header_counts(user, cached=found)
    # for forums.context_processors
    setattr(request, "_forums_unread_count", count)  # noqa: B010 - set on the request, as
    setattr(request, "_consults_unread_count", messages)  # noqa: B010 - the processor reads
    version = (count, messages, user.handle, user.is_staff)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        html = entry[1]
    else:
        html = render_to_string(
            TEMPLATE,
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
    return html.replace(CSRF_PLACEHOLDER, csrf_token_for(request))
