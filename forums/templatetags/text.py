"""Text filters: ``{{ post.html|plain_text|truncatewords:30 }}`` for excerpts of stored HTML."""

from __future__ import annotations

from django import template

from forums.rendering import plain_text as _plain_text

register = template.Library()


@register.filter(is_safe=False)
def plain_text(html: str) -> str:
    """What a reader sees in stored HTML, as text: the template escapes it once when shown."""
    return _plain_text(str(html or ""))
