"""What the forums add to a member's contributions and to a thread's list of who took part.

Called by the posting services, inside their transaction:

- ``note_new_post`` (``create_thread``, ``create_reply``): one more thread or reply in the
  month, and its author among the thread's participants (once);
- ``note_helpful`` (``react_to_post``, ``remove_reaction``) and ``note_accepted``
  (``accept_answer``, ``unaccept_answer``): marks received, counted in the month of the post
  that received them, so a removal moves the same row back;
- ``recount_after_moderation`` (hiding, unhiding and deleting posts or threads): what a
  moderator or the author removed stops counting; the affected members' forum rows are
  counted again from their posts (a write, never a page view, pays for the count).

What counts: posts neither hidden nor deleted, in threads not hidden by a moderator. A case's
discussion opening is the case's (cases counts it as a case shared), not a thread; its
replies are replies, in the case's specialty (``forums.extensions.thread_areas``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC

from django.db import connection
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

from accounts.activity import note_activity, replace_activity
from config.writes import Writes, write
from forums import extensions
from forums.models import Post, Thread

THREADS, REPLIES, HELPFUL, ACCEPTED = "thread", "reply", "helpful", "accepted"
FORUM_KINDS = (THREADS, REPLIES, HELPFUL, ACCEPTED)


def _counts(post: Post, thread: Thread) -> bool:
    return not (post.is_hidden or post.is_deleted or thread.is_hidden)


def _area(thread: Thread) -> str:
    if not thread.is_case_discussion:
        return ""
    return extensions.thread_areas([thread.pk]).get(thread.pk, "")


def note_new_post(
    post: Post,
    thread: Thread,
    *,
    writes: Writes | None = None,
    thread_columns: Mapping[str, object] | None = None,
) -> None:
    """A new thread's opening post or a new reply: counted, and the thread's participants.

    ``writes``: add the statements to the service's (``config.writes``) instead of running
    them. ``thread_columns``: the service's own changes to the thread's row (a reply's
    counters), written by the same UPDATE as its participants."""
    if _counts(post, thread):
        at, author = post.created_at, post.author_id
        if post.number > 1:
            area = _area(thread)
            note_activity(user_id=author, kind=REPLIES, at=at, area=area, writes=writes)
        elif not thread.is_case_discussion:
            note_activity(user_id=author, kind=THREADS, at=at, writes=writes)
    joins = not (post.is_hidden or post.is_deleted) and post.author_id is not None
    if joins or thread_columns:
        _add_participant(post, joins=joins, also=thread_columns or {}, writes=writes)


def note_helpful(post: Post, *, delta: int) -> None:
    """A helpful mark given (``delta`` 1) or taken back (-1) on ``post``."""
    if _counts(post, post.thread):
        note_activity(user_id=post.author_id, kind=HELPFUL, at=post.created_at, delta=delta)


def note_accepted(post: Post | None, *, delta: int) -> None:
    """``post`` became (1) or stopped being (-1) its thread's accepted answer."""
    if post is not None and _counts(post, post.thread):
        note_activity(user_id=post.author_id, kind=ACCEPTED, at=post.created_at, delta=delta)


def recount_after_moderation(
    *, thread_ids: Iterable[int] = (), user_ids: Iterable[int | None] = ()
) -> None:
    """Posts or threads were hidden, shown again or deleted: count the forum contributions of
    ``user_ids`` and of everyone who wrote in ``thread_ids`` again, and those threads'
    participants."""
    thread_ids = list(thread_ids)
    members = {u for u in user_ids if u is not None}
    if thread_ids:
        members.update(
            Post.objects.filter(thread_id__in=thread_ids, author__isnull=False)
            .values_list("author_id", flat=True)
            .distinct()
        )
        recount_participants(thread_ids)
    recount_members(members)


def recount_members(user_ids: Iterable[int]) -> None:
    """The forum kinds of these members, counted again from their posts (grouped by month)."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return
    counted = Post.objects.filter(
        author_id__in=user_ids, is_hidden=False, is_deleted=False, thread__is_hidden=False
    ).annotate(month=TruncMonth("created_at", tzinfo=UTC))
    rows: list[tuple[int, object, str, str, int]] = []
    openings = counted.filter(number=1, thread__is_case_discussion=False)
    for author, month, n in openings.values_list("author_id", "month").annotate(n=Count("pk")):
        rows.append((author, month.date(), THREADS, "", n))
    replies = list(
        counted.filter(number__gt=1)
        .annotate(case_thread=_case_thread())
        .values_list("author_id", "month", "case_thread")
        .annotate(n=Count("pk"))
    )
    areas = extensions.thread_areas(sorted({t for _a, _m, t, _n in replies if t}))
    for author, month, case_thread, n in replies:
        rows.append((author, month.date(), REPLIES, areas.get(case_thread, ""), n))
    marks = counted.filter(helpful_count__gt=0).values_list("author_id", "month")
    for author, month, n in marks.annotate(n=Sum("helpful_count")):
        rows.append((author, month.date(), HELPFUL, "", n))
    accepted = counted.filter(thread__accepted_post=F("pk")).values_list("author_id", "month")
    for author, month, n in accepted.annotate(n=Count("pk")):
        rows.append((author, month.date(), ACCEPTED, "", n))
    _merge_and_replace(user_ids, rows)


def _case_thread():
    from django.db.models import Case, IntegerField, When

    return Case(
        When(thread__is_case_discussion=True, then=F("thread_id")),
        default=None,
        output_field=IntegerField(),
    )


def _merge_and_replace(user_ids: list[int], rows: list) -> None:
    # Two case threads of one specialty in one month are one row.
    merged: dict[tuple, int] = {}
    for author, month, kind, area, n in rows:
        merged[(author, month, kind, area)] = merged.get((author, month, kind, area), 0) + n
    replace_activity(
        user_ids=user_ids,
        kinds=FORUM_KINDS,
        rows=[(*key, n) for key, n in merged.items()],
    )


# A thread's participants counted again (moderation, account deletion): distinct authors of
# its visible posts, their professions and specialties from their profiles now. One UPDATE
# over the threads' posts: ~13 ms for a thread of 2,000 posts, so new posts add their author
# instead (``_ADD_PARTICIPANT``).
_PARTICIPANTS = """
UPDATE forums_thread AS t
SET (participant_count, participant_professions, participant_specialties) = (
    SELECT count(DISTINCT p.author_id),
           coalesce(array_agg(DISTINCT pr.profession ORDER BY pr.profession)
                    FILTER (WHERE pr.profession <> ''), '{}'),
           coalesce(array_agg(DISTINCT pr.specialty_id ORDER BY pr.specialty_id)
                    FILTER (WHERE pr.specialty_id IS NOT NULL), '{}')
    FROM forums_post AS p
    LEFT JOIN accounts_profile AS pr ON pr.user_id = p.author_id
    WHERE p.thread_id = t.id AND p.author_id IS NOT NULL
      AND NOT p.is_hidden AND NOT p.is_deleted
)
WHERE t.id = ANY(%s)
"""


# A new post's author joins its thread's participants unless another visible post of theirs is
# there already (the (thread, author) index): one statement, whatever the thread's length.
# Their profession and specialty are added in order, once. ``{also}``: other columns of the
# thread's row that the same UPDATE writes (a reply's counters: one statement may write a row
# once, ``config.writes``); with none, a member already taking part leaves the row alone.
_ADD_PARTICIPANT = """
UPDATE forums_thread AS t
SET {also}participant_count = t.participant_count + CASE WHEN a.joins THEN 1 ELSE 0 END,
    participant_professions = CASE
        WHEN NOT a.joins OR a.profession = '' OR a.profession = ANY(t.participant_professions)
        THEN t.participant_professions
        ELSE ARRAY(SELECT unnest(t.participant_professions || a.profession) ORDER BY 1) END,
    participant_specialties = CASE
        WHEN NOT a.joins OR a.specialty_id IS NULL
             OR a.specialty_id = ANY(t.participant_specialties)
        THEN t.participant_specialties
        ELSE ARRAY(SELECT unnest(t.participant_specialties || a.specialty_id::integer) ORDER BY 1)
        END
FROM (
    SELECT coalesce(pr.profession, '') AS profession, pr.specialty_id,
           %(joins)s AND NOT EXISTS (
               SELECT 1 FROM forums_post AS p
               WHERE p.thread_id = %(thread)s AND p.author_id = %(author)s AND p.id <> %(post)s
                 AND NOT p.is_hidden AND NOT p.is_deleted
           ) AS joins
    FROM (SELECT 1) AS one
    LEFT JOIN accounts_profile AS pr ON pr.user_id = %(author)s
) AS a
WHERE t.id = %(thread)s AND (a.joins OR %(always)s)
"""
_COLUMN = re.compile(r"[a-z_]+")


def _add_participant(
    post: Post, *, joins: bool, also: Mapping[str, object], writes: Writes | None
) -> None:
    if not all(_COLUMN.fullmatch(column) for column in also):  # names from code, never input
        raise ValueError(f"Not a column name: {list(also)!r}")
    sql = _ADD_PARTICIPANT.format(also="".join(f"{column} = %(set_{column})s, " for column in also))
    params = {"thread": post.thread_id, "author": post.author_id, "post": post.pk}
    params |= {"joins": joins, "always": bool(also)}
    write(sql, params | {f"set_{column}": value for column, value in also.items()}, writes)


def recount_participants(thread_ids: list[int]) -> None:
    if thread_ids:
        with connection.cursor() as cursor:
            cursor.execute(_PARTICIPANTS, [list(thread_ids)])


__all__ = [
    "FORUM_KINDS",
    "note_accepted",
    "note_helpful",
    "note_new_post",
    "recount_after_moderation",
    "recount_members",
    "recount_participants",
]
