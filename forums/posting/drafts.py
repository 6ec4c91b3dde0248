"""Drafts: what a member is writing, saved before a submit is validated (and by the composer's
autosave), so nothing the author wrote is lost. Drafts show on no shared page: nothing retired."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from config.writes import Writes
from forums.models import Category, Draft, Thread
from forums.posting.text import without_nul

# Autosaved drafts are cut here; the form refuses over-long text with a clear message anyway.
MAX_DRAFT_CHARS = 100_000


def _draft_lookup(*, user: User, thread: Thread | None, category: Category | None) -> dict:
    if thread is not None:
        return {"user": user, "thread": thread}
    if category is None:
        raise ValueError("A draft belongs to a thread or a forum.")
    return {"user": user, "thread": None, "category": category}


def save_draft(
    *,
    user: User,
    body: str,
    thread: Thread | None = None,
    category: Category | None = None,
    title: str = "",
    tags: str = "",
) -> Draft | None:
    """Keep what the member is writing (an empty body and title discards the draft)."""
    body, title, tags = without_nul(body), without_nul(title), without_nul(tags)
    lookup = _draft_lookup(user=user, thread=thread, category=category)
    if not body.strip() and not title.strip():
        Draft.objects.filter(**lookup).delete()
        return None
    draft, _created = Draft.objects.update_or_create(
        **lookup,
        defaults={
            "body": body,
            "title": title[:200],
            "tags": tags[:300],
            "updated_at": timezone.now(),
            "category": category if thread is None else None,
        },
    )
    return draft


def get_draft(
    *, user: User, thread: Thread | None = None, category: Category | None = None
) -> Draft | None:
    return Draft.objects.filter(
        **_draft_lookup(user=user, thread=thread, category=category)
    ).first()


_DISCARD_REPLY = "DELETE FROM forums_draft WHERE user_id = %(user)s AND thread_id = %(thread)s"


def discard_draft(
    *,
    user: User,
    thread: Thread | None = None,
    category: Category | None = None,
    writes: Writes | None = None,
) -> None:
    """The draft is published (or given up). A reply's draft can go with the reply's other
    ``writes`` (``config.writes``): no row refers to a draft, so a plain DELETE is the ORM's."""
    if thread is not None and writes is not None:
        writes.add(_DISCARD_REPLY, {"user": user.pk, "thread": thread.pk})
        return
    Draft.objects.filter(**_draft_lookup(user=user, thread=thread, category=category)).delete()
