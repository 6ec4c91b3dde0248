"""What forums adds to "my data": the member's threads and posts in the export, and their
removal when an account is deleted without keeping posts (plugged into accounts by
``forums/plugins.py``).
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef

from accounts.models import User
from forums.models import Category, Post, PostRevision, Thread
from forums.posting.activity import recount_participants


def export_threads(user: User) -> list[dict]:
    return [
        {
            "id": t.pk,
            "title": t.title,
            "forum": t.category.name,
            "created_at": t.created_at.isoformat(),
            "tags": [tag.name for tag in t.tags.all()],
        }
        for t in Thread.objects.filter(author=user)
        .select_related("category")
        .prefetch_related("tags")  # type: ignore[misc]  # taggit's manager, unknown to the stubs
        .order_by("created_at")
    ]


def export_posts(user: User) -> list[dict]:
    return [
        {
            "thread": p.thread_id,
            "number": p.number,
            "created_at": p.created_at.isoformat(),
            "edited_at": p.edited_at.isoformat() if p.edited_at else None,
            "text": p.source,
        }
        for p in Post.objects.filter(author=user, is_deleted=False).order_by("created_at")
    ]


def remove_forum_content(user: User, *, keep_posts: bool) -> None:
    """Without ``keep_posts``: threads nobody answered go entirely; every other post of the
    member loses its text and earlier versions (the numbers stay, so links and other members'
    replies keep their place). Personal rows (bookmarks, follows, read state, drafts,
    notifications, reactions) cascade with the user row."""
    if keep_posts:
        return
    answered_by_others = Post.objects.filter(thread=OuterRef("pk")).exclude(author=user)
    unanswered = list(
        Thread.objects.filter(author=user)
        .exclude(Exists(answered_by_others))
        .values_list("pk", flat=True)
    )
    for thread in Thread.objects.filter(pk__in=unanswered):
        Category.objects.filter(pk=thread.category_id).update(
            thread_count=F("thread_count") - 1, post_count=F("post_count") - thread.post_count
        )
    Category.objects.filter(last_thread_id__in=unanswered).update(last_thread=None)
    Thread.objects.filter(pk__in=unanswered).delete()
    PostRevision.objects.filter(post__author=user).delete()
    touched = list(Post.objects.filter(author=user).values_list("thread_id", flat=True).distinct())
    Post.objects.filter(author=user).update(source="", html="", is_deleted=True)
    # The threads they took part in no longer count them (their own counts go with the user).
    recount_participants(touched)
