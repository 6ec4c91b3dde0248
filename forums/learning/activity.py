"""What a member did in a thread, read from the rows their actions left, and how long it took.

Nothing here is asked of the member: reading is their read position (``ThreadState``, kept by
the thread page), replying and starting are their posts, a poll vote is their ``PollVote``; a
higher app adds what it owns through ``forums.extensions.learning_sources`` (cases: the quiz
vote, the case and its outcome posted, the case's own text).

The time is an estimate the member may change: the words they read at ``READING_WPM`` plus the
words they wrote at ``WRITING_WPM`` plus ``VOTE_MINUTES`` per vote, rounded up to the next
``ROUND_TO`` minutes and at least that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from accounts.models import User
from forums import extensions
from forums.models import Activity, LearningKind, PollVote, Post, Thread, ThreadState

# Careful reading of clinical text (plain prose is read at 200-250 words a minute).
READING_WPM = 200
# Writing a considered reply: thinking, checking and typing, well below typing speed.
WRITING_WPM = 20
VOTE_MINUTES = 2  # weighing a quiz's or a poll's options
ROUND_TO = 5


@dataclass
class Derived:
    """A thread or case as the log records it for one member, before any reflection."""

    kind: str
    ref_id: int
    specialty: str
    url: str
    activities: list[str] = field(default_factory=list)
    words_read: int = 0
    words_written: int = 0
    votes: int = 0
    last_active: date | None = None

    @property
    def minutes(self) -> int:
        return estimate_minutes(
            words_read=self.words_read, words_written=self.words_written, votes=self.votes
        )


def estimate_minutes(*, words_read: int, words_written: int, votes: int = 0) -> int:
    """Minutes for reading and writing so many words and casting so many votes, rounded up to
    the next ``ROUND_TO`` and never below it."""
    raw = words_read / READING_WPM + words_written / WRITING_WPM + votes * VOTE_MINUTES
    return max(ROUND_TO, math.ceil(raw / ROUND_TO) * ROUND_TO)


def _words(text: str) -> int:
    return len(text.split())


def derive(*, user: User, thread: Thread) -> Derived:
    """What ``user`` did in ``thread`` (and, through the extensions, in the case it discusses).

    Reading counts the other members' visible posts up to the member's read position, or all
    of them when the thread page never recorded one (they add it from the page that shows
    them). A few queries, whatever the thread's size (one reads the posts' text)."""
    last_read = (
        ThreadState.objects.filter(user=user, thread=thread)
        .values_list("last_read_number", flat=True)
        .first()
    )
    posts = Post.objects.filter(thread=thread, is_deleted=False, is_hidden=False)
    read_up_to = last_read or thread.post_count
    rows = posts.filter(number__lte=max(read_up_to, 1)).values_list(
        "author_id", "number", "source", "created_at"
    )
    own_rows = posts.filter(author=user).values_list("number", "source", "created_at")
    words_read = sum(_words(source) for author, _n, source, _at in rows if author != user.pk)
    own = list(own_rows)
    activities: list[str] = [Activity.READ]
    moments = [created for _n, _s, created in own]
    if any(number == 1 for number, _s, _c in own):
        activities.append(Activity.STARTED)
    if any(number > 1 for number, _s, _c in own):
        activities.append(Activity.REPLIED)
    votes = 0
    poll_vote = PollVote.objects.filter(poll__thread=thread, user=user).values_list(
        "created_at", flat=True
    )
    if voted_at := poll_vote.first():
        activities.append(Activity.POLL_VOTED)
        moments.append(voted_at)
        votes += 1
    derived = Derived(
        kind=LearningKind.THREAD,
        ref_id=thread.pk,
        specialty=thread.category.name,
        url=thread.get_absolute_url(),
        activities=activities,
        words_read=words_read,
        words_written=sum(_words(source) for _n, source, _c in own),
        votes=votes,
        last_active=max(timezone.localdate(m) for m in moments) if moments else None,
    )
    for source in extensions.learning_sources():
        item = source.describe(user=user, thread_ids=[thread.pk]).get(thread.pk)
        if item is None:
            continue
        # A case's discussion is the case: its reference, specialty and link replace the
        # thread's (whose title is the case's), and what the member did there adds up.
        derived.kind, derived.ref_id, derived.url = item.kind, item.ref_id, item.url
        derived.specialty = item.specialty
        if Activity.STARTED in derived.activities:  # the site posts a case's first post
            derived.activities.remove(Activity.STARTED)
        derived.activities += [a for a in item.activities if a not in derived.activities]
        derived.words_read += item.words_read
        derived.words_written += item.words_written
        derived.votes += Activity.QUIZ_VOTED in item.activities
        if item.last_active:
            derived.last_active = max(filter(None, (derived.last_active, item.last_active)))
    return derived
