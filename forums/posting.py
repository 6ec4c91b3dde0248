"""Writing to the forums: starting threads and replying. One transaction per call."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from forums.models import Category, Post, Thread
from forums.rendering import render_markdown


def _thread_slug(title: str) -> str:
    return slugify(title)[:200] or "thread"


@transaction.atomic
def create_thread(
    *,
    category: Category,
    author: User,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    at=None,
) -> Thread:
    """Start a thread with its first post. Renders the body; raises RenderError on bad input."""
    html = render_markdown(body)
    now = at or timezone.now()
    thread = Thread.objects.create(
        category=category,
        title=title.strip(),
        slug=_thread_slug(title),
        author=author,
        created_at=now,
        last_posted_at=now,
        last_poster=author,
        post_count=1,
    )
    Post.objects.create(
        thread=thread, number=1, author=author, source=body, html=html, created_at=now
    )
    if tags:
        thread.tags.set(list(tags))
    Category.objects.filter(pk=category.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + 1, last_thread=thread
    )
    return thread


@transaction.atomic
def create_reply(*, thread: Thread, author: User, body: str, at=None) -> Post:
    """Add a post at the end of a thread, numbered after the last one."""
    html = render_markdown(body)
    now = at or timezone.now()
    # Lock the thread row so concurrent replies take consecutive numbers.
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    number = locked.post_count + 1
    post = Post.objects.create(
        thread=locked, number=number, author=author, source=body, html=html, created_at=now
    )
    Thread.objects.filter(pk=thread.pk).update(
        post_count=number, last_posted_at=now, last_poster=author
    )
    Category.objects.filter(pk=locked.category_id).update(
        post_count=F("post_count") + 1, last_thread=locked
    )
    thread.post_count, thread.last_posted_at, thread.last_poster = number, now, author
    return post
