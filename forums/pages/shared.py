"""What the shared member pages (``forums.sharing.member_pages``) have in common: who may be
served them, the per-state variants of a member's controls, and the header's account links
(``forums.sharing.header``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.template.loader import render_to_string

from accounts.moderation import has_member_notice
from accounts.permissions import can_post, is_moderator
from forums.sharing.fragments import CSRF_PLACEHOLDER
from forums.sharing.header import account_links

__all__ = ["account_links", "for_each_state", "reads_as_any_member"]


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
