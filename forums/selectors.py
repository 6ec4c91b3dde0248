"""Reads for the forum pages: one selector per page owns every join and prefetch."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from forums.models import Category, Post, Thread

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 20


def _thread_list(qs: QuerySet[Thread]) -> QuerySet[Thread]:
    return qs.select_related("category", "author", "last_poster").prefetch_related("tags")


def latest_threads(*, user, limit: int = 20) -> list[Thread]:
    return list(_thread_list(Thread.objects.visible_to(user)).order_by("-last_posted_at")[:limit])


def forum_index(*, user) -> list[Category]:
    """Top-level forums the user may read, each with its visible sub-forums."""
    visible = Category.objects.visible_to(user)
    return list(
        visible.filter(parent=None)
        .select_related("last_thread", "last_thread__last_poster")
        .prefetch_related(Prefetch("children", queryset=visible, to_attr="visible_children"))
    )


@dataclass(frozen=True)
class Page:
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1


def page_count(total: int, per_page: int) -> int:
    return max((total + per_page - 1) // per_page, 1)


def category_threads(*, category: Category, user, page: int) -> tuple[list[Thread], Page]:
    """Pinned first, then by last activity. Counts come from the denormalised column."""
    pages = page_count(category.thread_count, THREADS_PER_PAGE)
    page = min(max(page, 1), pages)
    start = (page - 1) * THREADS_PER_PAGE
    threads = list(
        _thread_list(Thread.objects.visible_to(user).filter(category=category)).order_by(
            "-is_pinned", "-last_posted_at", "-pk"
        )[start : start + THREADS_PER_PAGE]
    )
    return threads, Page(page, pages)


def thread_posts(*, thread: Thread, page: int) -> tuple[list[Post], Page]:
    """A page of posts by number range: stable numbers make this a keyset, not an OFFSET."""
    pages = page_count(thread.post_count, POSTS_PER_PAGE)
    page = min(max(page, 1), pages)
    first = (page - 1) * POSTS_PER_PAGE + 1
    posts = list(
        Post.objects.filter(thread=thread, number__gte=first, number__lt=first + POSTS_PER_PAGE)
        .select_related("author")
        .order_by("number")
    )
    return posts, Page(page, pages)


def page_of_post(number: int) -> int:
    return (number - 1) // POSTS_PER_PAGE + 1
