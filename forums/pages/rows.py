"""Thread rows of the lists (home, forums, tags): each row's HTML cached by everything it shows
(``forums.sharing.fragments``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from forums.models import Thread
from forums.sharing.fragments import render_rows


def age_bucket(moment, now) -> int:
    """A number that changes whenever ``naturaltime(moment)`` may read differently at ``now``:
    its text counts seconds under a minute, minutes under an hour and at most hours beyond
    (whole days and calendar months are whole hours in UTC). A fragment key needs only that;
    formatting the text itself for thirty rows cost about a millisecond a page."""
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        return seconds
    if seconds < 60 * 60:
        return 100 + seconds // 60
    return 200 + seconds // (60 * 60)


def is_new_to(user, last_posted_at, last_read: int | None) -> bool:
    """A thread is "new" to a member: never opened, and active since they joined."""
    return last_read is None and last_posted_at > user.date_joined


def thread_rows(
    request: HttpRequest,
    threads: list[Thread],
    *,
    show_category: bool,
    signed_in: bool | None = None,
    new: bool | None = None,
) -> list[str]:
    """Each thread row's HTML, cached by everything ``includes/thread_row.html`` shows: for the
    viewer, or (``signed_in``, ``new``) for any member whose rows are read, or new to them."""
    user = request.user
    if signed_in is None:
        signed_in = user.is_authenticated
    new = {
        thread.pk: signed_in
        and (
            is_new_to(user, thread.last_posted_at, getattr(thread, "viewer_last_read", None))
            if new is None
            else new
        )
        for thread in threads
    }

    now = timezone.now()

    def version(thread: Thread) -> tuple:
        return (
            thread.pk,
            thread.title,
            thread.slug,
            thread.is_pinned,
            thread.is_locked,
            thread.accepted_post_id,
            thread.post_count,
            thread.last_posted_at,
            age_bucket(thread.last_posted_at, now),  # "3 minutes ago" moves with the clock
            thread.last_poster and thread.last_poster.name,
            show_category and (thread.category.slug, thread.category.name),
            [(tag.slug, tag.name) for tag in thread.tags.all()],
            signed_in,
            signed_in and thread.unread_count,
            new[thread.pk],
        )

    return render_rows(
        request,
        "includes/thread_row.html",
        threads,
        version=version,
        context=lambda thread: {
            "thread": thread,
            "show_category": show_category,
            "is_authenticated": signed_in,
            "is_new": new[thread.pk],
        },
    )
