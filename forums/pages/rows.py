"""Thread rows of the lists (home, forums, tags): each row's HTML cached by everything it shows
(``forums.sharing.fragments``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from forums.models import Thread
from forums.sharing.fragments import render_rows

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def age_bucket(moment, now) -> int:
    """A number that changes whenever ``naturaltime(moment)`` may read differently at ``now``:
    its text counts seconds under a minute, minutes under an hour and at most hours beyond
    (whole days are whole hours; past four weeks the moment's date counts too). A fragment key
    needs only that; formatting the text itself for thirty rows cost about a millisecond a
    page."""
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        return seconds
    if seconds < 60 * 60:
        return 100 + seconds // 60
    hours = 200 + seconds // (60 * 60)
    if seconds < 28 * 24 * 60 * 60:
        return hours
    # Past four weeks the text counts calendar months, which clamp to a month's last day: its
    # reading can change when the moment's date does, not at a whole hour since ``now``.
    return hours * 1_000_000 + moment.toordinal()


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


class SharedRows(NamedTuple):
    """A list's rows in a shared member page: what each member's rows are made from. Kept as
    bytes and numbers, which unpickle about eight times faster than the same rows as text and
    times (30 rows of text with a "·" in them, and 30 aware datetimes: ~120 µs a request for a
    forum page, now ~15 µs); nothing here is decoded unless a member has unread posts."""

    threads: tuple[tuple[int, int, int], ...]  # (id, post count, last activity in µs) per row
    read: tuple[bytes, ...]  # each row as a member who has read it (or never opened it) sees it
    new: tuple[bytes, ...]  # each row as a member to whom it is new sees it

    def html(self) -> list[SafeString]:
        """The rows as read, to render the shared copy with."""
        return [mark_safe(row.decode()) for row in self.read]  # noqa: S308 - rendered rows


def _microseconds(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def shared_rows(request: HttpRequest, threads: list[Thread], *, show_category: bool) -> SharedRows:
    """The rows of ``threads`` as any member sees them: read, and new to them."""
    variants = {
        new: thread_rows(request, threads, show_category=show_category, signed_in=True, new=new)
        for new in (False, True)
    }
    return SharedRows(
        threads=tuple((t.pk, t.post_count, _microseconds(t.last_posted_at)) for t in threads),
        read=tuple(row.encode() for row in variants[False]),
        new=tuple(row.encode() for row in variants[True]),
    )


def member_rows(
    request: HttpRequest,
    shared: SharedRows,
    states: dict[int, tuple[int, str]],
    reload: Callable[[], list[Thread]],
    *,
    show_category: bool,
) -> bytes | None:
    """This member's rows (as UTF-8) from ``shared`` and their read positions (``states``, from
    ``own_state.thread_states``): each row as read, as new, or, where they have unread posts,
    rendered (cached) with their count from the threads ``reload`` gives again. None when
    those are no longer the shared ones (the content moved between the two reads)."""
    user = request.user
    joined = _microseconds(user.date_joined)
    rows: list[bytes] = []
    unread = {}  # row index -> the member's read position, for rows with an unread count
    for i, (pk, post_count, last_posted_at) in enumerate(shared.threads):
        last_read = states.get(pk, (None, None))[0]
        if last_read is not None and post_count > last_read:
            unread[i] = last_read
            rows.append(b"")
        elif last_read is None and last_posted_at > joined:  # new to them (``is_new_to``)
            rows.append(shared.new[i])
        else:
            rows.append(shared.read[i])
    if unread:
        threads = reload()
        if [t.pk for t in threads] != [pk for pk, _count, _at in shared.threads]:
            return None
        shown = [threads[i] for i in unread]
        for thread, last_read in zip(shown, unread.values(), strict=True):
            thread.viewer_last_read = last_read
        rendered = thread_rows(request, shown, show_category=show_category)
        for i, html in zip(unread, rendered, strict=True):
            rows[i] = html.encode()
    return b"".join(rows)
