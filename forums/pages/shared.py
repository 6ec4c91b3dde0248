"""What the shared member pages (``forums.sharing.member_pages``) have in common: who may be
served them, the per-state variants of a member's controls, and the header's account links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

from accounts.moderation import has_member_notice
from accounts.permissions import can_post, is_moderator
from forums import notifications
from forums.consults import counts as consult_counts
from forums.sharing.fragments import CSRF_PLACEHOLDER, FRAGMENT_SECONDS, template_version


def reads_as_any_member(user) -> bool:
    """A member whose pages show the same actions as every member of their forum levels: who
    can post and is no moderator (moderators see hidden posts and moderation tools), with no
    notice of their own at the top of every page (an unread warning)."""
    return can_post(user) and not is_moderator(user) and not has_member_notice(user)


def for_each_state(
    template_name: str, context: dict, obj, attr: str, values: Iterable
) -> dict[Any, str]:
    """``template_name`` rendered once for each value of a member's own ``obj.attr`` (a watch
    level, a follow), with the CSRF placeholder: what fills that slot, per member, after."""
    rendered = {}
    for value in values:
        setattr(obj, attr, value)
        rendered[value] = render_to_string(
            template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}
        )
    setattr(obj, attr, None)  # nobody's, in what is shared
    return rendered


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
