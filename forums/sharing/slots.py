"""Slots: where a page shared between members holds each member's own parts.

A template marks them with ``{% slot "name" %}…{% endslot %}`` (``forums/templatetags/slots``):
rendered normally, a slot is its body; rendered to be shared (``render_to_share``), it is a
marker, and the page is cut at its markers so that each request only joins the parts with its
own fillings (``fill``). Templates keep one mode; which slots a page has is read from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# The context flag that renders every slot as its marker.
SHARING = "rendering_to_share"

# A marker: NUL cannot come from a member (forms refuse it, and HTML parsing and the sanitiser
# replace it), so no text a member wrote can open or fill one.
_MARK = re.compile("\x00([a-z_]+)\x00")
NAME = re.compile("[a-z_]+")


def mark(name: str) -> SafeString:
    """The marker of slot ``name`` in a page rendered to be shared."""
    return mark_safe(f"\x00{name}\x00")  # noqa: S308 - a fixed marker, no input


def cut(html: str) -> tuple[str, ...]:
    """``html`` cut at its markers, for ``fill``: text, slot name, text, ... (the form it is
    shared in, so each request only joins)."""
    return tuple(_MARK.split(html))


def slots_in(parts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(parts[1::2])


def fill(parts: tuple[str, ...], values: Mapping[str, str]) -> str:
    """The page from ``cut`` with each slot replaced by its value: every slot must have one,
    so that a page never goes out with a marker in it."""
    return "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(parts))


def render_to_share(
    template_name: str, context: dict, *, request: HttpRequest | None = None
) -> tuple[str, ...]:
    """``template_name`` rendered with every slot as its marker, cut at them."""
    return cut(render_to_string(template_name, {**context, SHARING: True}, request=request))
