"""Slots: where a page shared between members holds each member's own parts.

A template marks them with ``{% slot "name" %}…{% endslot %}`` (``forums/templatetags/slots``):
rendered normally, a slot is its body; rendered to be shared (``render_to_share``), it is a
marker, and the page is cut at its markers so that each request only joins the parts with its
own fillings (``fill``). Templates keep one mode; which slots a page has is read from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

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


# A page cut at its slots: text (UTF-8), slot name, text, ..., text.
Parts = tuple[bytes | str, ...]


def cut(html: str) -> Parts:
    """``html`` cut at its markers, for ``fill``: text, slot name, text, ... (the form it is
    shared in, so each request only joins). The texts are kept encoded: a thread page's 57 KB
    cost ~30 microseconds to encode each time it went out (more with any character outside
    ASCII, which makes Python hold the whole page two bytes a character); joined as bytes
    they are only copied."""
    parts: list[bytes | str] = list(_MARK.split(html))
    parts[0::2] = [text.encode() for text in parts[0::2]]  # type: ignore[union-attr]
    return tuple(parts)


def slots_in(parts: Parts) -> frozenset[str]:
    return frozenset(cast(tuple[str, ...], parts[1::2]))


def fill(parts: Parts, values: Mapping[str, bytes | str]) -> bytes:
    """The page from ``cut`` with each slot replaced by its value (text, or text already
    encoded as UTF-8), as UTF-8: every slot must have one, so that a page never goes out
    with a marker in it."""
    pieces = list(parts)
    pieces[1::2] = [_utf8(values[name]) for name in cast(tuple[str, ...], parts[1::2])]
    return b"".join(cast(list[bytes], pieces))


def _utf8(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode()


def render_to_share(
    template_name: str, context: dict, *, request: HttpRequest | None = None
) -> Parts:
    """``template_name`` rendered with every slot as its marker, cut at them."""
    return cut(render_to_string(template_name, {**context, SHARING: True}, request=request))
