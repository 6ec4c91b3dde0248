"""Each badge's rule, called by the service of the event that earns it (never on a page view,
never from a hand-edited counter). A rule reads what the event wrote, in the event's
transaction, and asks ``grant`` (idempotent) when it holds.

Callers: ``forums.posting.writing.create_reply`` (``replied``), ``forums.posting.reactions``
(``marked_helpful``, ``answer_accepted``), cases' ``approve_case`` (``case_published``) and
``post_outcome`` (``outcome_posted``, which counts the author's outcomes: forums cannot read
cases), accounts' ``approve_verification`` through ``accounts.extensions`` (``verified``).
"""

from __future__ import annotations

from datetime import datetime

from forums.models import Award, Post, Reaction, ReactionKind, Thread
from forums.recognition import badges
from forums.recognition.granting import grant


def case_published(*, author_id: int | None, at: datetime | None = None) -> None:
    """A case study of ``author_id`` was published (its first one earns the badge)."""
    grant(user_id=author_id, badge=badges.FIRST_CASE, at=at)


def outcome_posted(*, author_id: int | None, outcomes: int) -> None:
    """The author posted an outcome; ``outcomes`` is how many of their cases now have one."""
    if outcomes >= badges.OUTCOMES_NEEDED:
        grant(user_id=author_id, badge=badges.OUTCOMES)


def marked_helpful(*, post: Post) -> None:
    """A member marked ``post`` helpful: its author earns the badge at the tenth mark their
    posts hold (marks taken back do not count)."""
    author_id = post.author_id
    if author_id is None:
        return
    if Award.objects.filter(user_id=author_id, badge=badges.HELPFUL).exists():
        return  # one indexed lookup instead of counting a prolific author's marks each time
    received = Reaction.objects.filter(post__author_id=author_id, kind=ReactionKind.HELPFUL)
    if received.count() >= badges.HELPFUL_NEEDED:
        grant(user_id=author_id, badge=badges.HELPFUL)


def answer_accepted(*, post: Post, thread: Thread) -> None:
    """A reply was accepted as the thread's answer; accepting one's own does not count."""
    if post.author_id != thread.author_id:
        grant(user_id=post.author_id, badge=badges.ACCEPTED)


def replied(*, post: Post, thread: Thread) -> None:
    """A reply was added. In a case's discussion, the first reply by someone other than the
    case's author (the case was unanswered until then) earns the badge; not while the
    discussion is hidden with its case (only moderators write there, reviewing it)."""
    if not thread.is_case_discussion or thread.hidden_by_case:
        return
    if post.author_id in (None, thread.author_id):
        return
    earlier = Post.objects.filter(thread_id=thread.pk, number__gt=1, number__lt=post.number)
    if not earlier.exclude(author_id=thread.author_id).exists():
        grant(user_id=post.author_id, badge=badges.FIRST_RESPONDER, at=post.created_at)


def verified(*, user_id: int) -> None:
    """A moderator approved the member's professional verification."""
    grant(user_id=user_id, badge=badges.VERIFIED)
