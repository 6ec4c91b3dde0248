"""Reads for @mention completion in the composer (``forums.pages.composer.mentions``)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Lower

from accounts.models import User
from forums.models import Category, Thread
from forums.permissions import mention_candidates_filter

MENTION_RESULTS = 8


def mention_candidates(
    *, prefix: str, writer: User, thread: Thread | None = None, category: Category | None = None
) -> QuerySet:
    """(handle, display name) of the first MENTION_RESULTS members, by handle, whose handle
    starts with ``prefix`` (any case) and whom ``writer`` may mention where they write. The
    prefix match walks the ``accounts_user_handle_prefix`` index (lower(handle)
    text_pattern_ops, made by forums migration 0011) in order, so the LIMIT stops it early
    however many members there are."""
    return (
        User.objects.annotate(lower_handle=Lower("handle"))
        .filter(mention_candidates_filter(thread=thread, category=category))
        .filter(lower_handle__startswith=prefix.lower())
        .exclude(pk=writer.pk)
        .order_by("lower_handle")
        .values_list("handle", "display_name")[:MENTION_RESULTS]
    )
