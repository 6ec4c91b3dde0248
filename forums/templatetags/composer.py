"""The composer's parts shared by the forums composer and a case discussion's reply form:
``{% composer_attributes thread_id=thread.pk %}`` (or ``forum_id=category.pk``) on the
``<form>``, ``{% composer_toolbar body_id %}`` just before the body textarea and
``{% composer_preview body_id %}`` after it (static/js/composer.js brings them to life)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html

from forums import uploads
from forums.rendering import MAX_SOURCE_CHARS

register = template.Library()


@register.simple_tag
def composer_attributes(*, thread_id: int | None = None, forum_id: int | None = None) -> str:
    """``data-*`` attributes naming where the composer's helpers are and where it writes (ids,
    so that a page that has only the id asks no query)."""
    if not (thread_id or forum_id):
        return ""
    place, place_id = ("thread", thread_id) if thread_id else ("forum", forum_id)
    return format_html(
        'data-composer data-place="{}" data-place-id="{}" data-preview-url="{}" '
        'data-mentions-url="{}" data-upload-url="{}" data-max-chars="{}" '
        'data-image-max-bytes="{}"',
        place,
        place_id,
        reverse("forums:preview"),
        reverse("forums:mentions"),
        reverse("forums:upload_image"),
        MAX_SOURCE_CHARS,
        uploads.MAX_BYTES,
    )


@register.inclusion_tag("forums/includes/composer_toolbar.html")
def composer_toolbar(body_id: str) -> dict:
    return {"body_id": body_id, "image_limit": filesizeformat(uploads.MAX_BYTES)}


@register.inclusion_tag("forums/includes/composer_preview.html")
def composer_preview(body_id: str) -> dict:
    """The live preview beside the textarea (below it on a phone), and the mention announcer."""
    return {"body_id": body_id}
