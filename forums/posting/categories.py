"""Forums themselves (the ``Category`` rows): added and changed by admins in Django admin."""

from __future__ import annotations

from django.db import transaction

from forums.models import Category
from forums.search.index import index_posts
from forums.sharing.cache import CONTENT, FORUMS, retire


@transaction.atomic
def save_forum(forum: Category) -> Category:
    """Add or change a forum.

    Retires the pages that show forums (``FORUMS``: the forum index, forum pages, the
    breadcrumbs of threads). A new visibility also re-indexes the forum's posts, whose search
    vectors carry it, so search applies the new rule at once; and it retires ``CONTENT``, since
    who may read what the forum holds changed.
    """
    before = (
        Category.objects.filter(pk=forum.pk).values_list("visibility", flat=True).first()
        if forum.pk
        else None
    )
    forum.save()
    retire(FORUMS)
    if before is not None and before != forum.visibility:
        index_posts(thread_ids=forum.threads.values_list("pk", flat=True))
        retire(CONTENT)
    return forum


@transaction.atomic
def delete_forum(forum: Category) -> None:
    """Delete an empty forum (threads protect theirs from deletion) and retire ``FORUMS``."""
    forum.delete()
    retire(FORUMS)
