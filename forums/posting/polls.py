"""Polls in threads: attach (or change) one, vote, close, remove; and the results to show.

Each service checks its own permissions (``forums.permissions``) and retires the shared pages
(``content_changed``): counts show on thread pages. Votes are anonymous: pages show counts and
percentages, never who voted for what. Clinicians answer "what would you do?" polls about their
own practice; a named vote can be read as a colleague's clinical judgement out of context, so
a poll shows counts only, as a ward's show of hands would not be minuted (see README, Polls).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_moderator
from forums.models import Poll, PollResults, PollVote, Thread
from forums.permissions import can_attach_poll, can_close_poll, can_remove_poll, can_vote
from forums.sharing.cache import content_changed

MIN_OPTIONS, MAX_OPTIONS = 2, 20
MAX_QUESTION_CHARS, MAX_OPTION_CHARS = 300, 200


class PollError(ValueError):
    """Input the poll cannot take; ``field`` names the form field the message belongs to."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PollSpec:
    """What the author asks for; ``closes_at`` is aware (the form reads it in their zone)."""

    question: str
    options: tuple[str, ...]
    multiple: bool = False
    max_choices: int = 1
    results: str = PollResults.ALWAYS
    changeable: bool = True
    closes_at: datetime | None = None


def check_spec(spec: PollSpec) -> None:
    """Raise PollError, naming the field, for a poll that cannot be asked as written."""
    question = spec.question.strip()
    if not question:
        raise PollError(_("Write the poll's question."), field="question")
    if len(question) > MAX_QUESTION_CHARS:
        raise PollError(
            _("The question may have at most %(limit)d characters.")
            % {"limit": MAX_QUESTION_CHARS},
            field="question",
        )
    options = spec.options
    if len(options) < MIN_OPTIONS or len(options) > MAX_OPTIONS:
        raise PollError(
            _("Give %(min)d to %(max)d options, one per line; this has %(count)d.")
            % {"min": MIN_OPTIONS, "max": MAX_OPTIONS, "count": len(options)},
            field="options",
        )
    if any(not option.strip() or len(option) > MAX_OPTION_CHARS for option in options):
        raise PollError(
            _("Each option may have at most %(limit)d characters.") % {"limit": MAX_OPTION_CHARS},
            field="options",
        )
    if len({option.strip().casefold() for option in options}) < len(options):
        raise PollError(_("Each option must differ from the others."), field="options")
    if spec.results not in PollResults.values:
        raise PollError(_("Choose when the results show."), field="results")
    if spec.multiple and not 1 <= spec.max_choices <= len(options):
        raise PollError(
            _("Allow between 1 and %(count)d choices (the number of options).")
            % {"count": len(options)},
            field="max_choices",
        )


def _check_close_date(closes_at: datetime | None, now: datetime) -> None:
    if closes_at is not None and closes_at <= now:
        raise PollError(_("Choose a close date in the future."), field="closes_at")


@transaction.atomic
def attach_poll(*, thread: Thread, by: User, spec: PollSpec) -> Poll:
    """Attach ``spec`` as the thread's poll, or change the poll it has. Once anyone has voted,
    the question and options stay as voted on: only when results show, whether votes may change
    and the close date still may (a changed close date must lie ahead)."""
    if not can_attach_poll(by, thread):
        raise PermissionDenied(_("Only the thread's author may add or change its poll."))
    check_spec(spec)
    now = timezone.now()
    options = [option.strip() for option in spec.options]
    max_choices = spec.max_choices if spec.multiple else 1
    poll = Poll.objects.select_for_update().filter(thread=thread).first()
    if poll is None:
        _check_close_date(spec.closes_at, now)
        poll = Poll(thread=thread, counts=[0] * len(options), created_at=now)
    else:
        if spec.closes_at != poll.closes_at:
            _check_close_date(spec.closes_at, now)
        asked = (spec.question.strip(), options, spec.multiple, max_choices)
        if poll.voter_count and asked != (
            poll.question,
            poll.options,
            poll.multiple,
            poll.max_choices,
        ):
            raise PollError(
                ngettext(
                    "%(count)d member has voted, so the question, options and choices stay "
                    "as they were voted on. You can still change the close date and when "
                    "results show.",
                    "%(count)d members have voted, so the question, options and choices stay "
                    "as they were voted on. You can still change the close date and when "
                    "results show.",
                    poll.voter_count,
                )
                % {"count": poll.voter_count},
                field="options",
            )
        if options != poll.options:
            poll.counts = [0] * len(options)
    poll.question = spec.question.strip()
    poll.options = options
    poll.multiple = spec.multiple
    poll.max_choices = max_choices
    poll.results = spec.results
    poll.changeable = spec.changeable
    poll.closes_at = spec.closes_at
    poll.save()
    content_changed()  # the poll shows on the thread's shared pages
    return poll


@transaction.atomic
def vote(*, poll: Poll, by: User, choices: Collection[int]) -> PollVote:
    """Record ``by``'s vote (positions of ``poll.options``), or change it while the poll is open
    and allows that. The poll row is locked while its counts move, so they always equal the
    votes; one vote per member is also the database's rule (forums_pollvote_one_per_member)."""
    locked = (
        Poll.objects.select_for_update(of=("self",))
        .select_related("thread", "thread__category")
        .get(pk=poll.pk)
    )
    if not can_vote(by, locked.thread):
        raise PermissionDenied(_("You may not vote in this thread."))
    if locked.is_closed:
        raise PollError(_("This poll has closed; votes are no longer taken."), field="choices")
    chosen = sorted(set(choices))
    if not chosen:
        raise PollError(_("Choose an option before voting."), field="choices")
    if any(not 0 <= choice < len(locked.options) for choice in chosen):
        raise PollError(_("Choose among the poll's options."), field="choices")
    allowed = locked.max_choices if locked.multiple else 1
    if len(chosen) > allowed:
        raise PollError(
            ngettext(
                "Choose at most %(count)d option.", "Choose at most %(count)d options.", allowed
            )
            % {"count": allowed},
            field="choices",
        )
    now = timezone.now()
    counts = list(locked.counts)
    ballot = PollVote.objects.filter(poll=locked, user=by).first()
    if ballot is None:
        ballot = PollVote.objects.create(poll=locked, user=by, choices=chosen, created_at=now)
        locked.voter_count += 1
    else:
        if not locked.changeable:
            raise PollError(_("Votes in this poll cannot be changed."), field="choices")
        for choice in ballot.choices:
            counts[choice] -= 1
        ballot.choices, ballot.changed_at = chosen, now
        ballot.save(update_fields=["choices", "changed_at"])
    for choice in chosen:
        counts[choice] += 1
    locked.counts = counts
    locked.save(update_fields=["counts", "voter_count"])
    content_changed()
    poll.counts, poll.voter_count = locked.counts, locked.voter_count
    return ballot


@transaction.atomic
def close_poll(*, poll: Poll, by: User, reason: str = "") -> Poll:
    """Close the poll now (its author or a moderator); a closed poll stays closed."""
    thread = poll.thread
    if not can_close_poll(by, thread):
        raise PermissionDenied(_("Only the thread's author or a moderator may close its poll."))
    if poll.is_closed:
        return poll
    poll.closed_at, poll.closed_by = timezone.now(), by
    poll.save(update_fields=["closed_at", "closed_by"])
    content_changed()
    if is_moderator(by) and by.pk != thread.author_id:
        record(actor=by, action="poll.close", target=thread, member=thread.author, reason=reason)
    return poll


@transaction.atomic
def remove_poll(*, thread: Thread, by: User, reason: str = "") -> None:
    """Delete the thread's poll and its votes: a moderator (written to the audit log), or its
    author while they may edit the thread's first post."""
    if not can_remove_poll(by, thread):
        raise PermissionDenied(_("You may not remove this poll."))
    deleted, _rows = Poll.objects.filter(thread=thread).delete()
    if not deleted:
        return
    content_changed()
    if is_moderator(by) and by.pk != thread.author_id:
        record(actor=by, action="poll.remove", target=thread, member=thread.author, reason=reason)


# --- Reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    position: int
    text: str
    count: int
    percent: int  # of the members who voted (a multiple-choice poll's may add up past 100)
    chosen: bool  # in the viewer's own vote


def results(poll: Poll, *, chosen: Collection[int] = ()) -> list[Result]:
    """Each option with its count and share of the voters, rounded to whole percents."""
    voters = poll.voter_count
    return [
        Result(
            position=i,
            text=text,
            count=count,
            percent=round(100 * count / voters) if voters else 0,
            chosen=i in chosen,
        )
        for i, (text, count) in enumerate(zip(poll.options, poll.counts, strict=True))
    ]


def thread_poll(thread: Thread) -> Poll | None:
    """The thread's poll as its page loaded it (``select_related("poll")``: no query)."""
    try:
        return thread.poll
    except Poll.DoesNotExist:
        return None


def own_choices(*, poll: Poll, user: User) -> tuple[int, ...]:
    """``user``'s vote in ``poll`` (one query; thread pages read it with the member's other
    state instead: ``forums.selectors.own_state.post_viewer_state``)."""
    if not user.is_authenticated:
        return ()
    found = PollVote.objects.filter(poll=poll, user=user).values_list("choices", flat=True).first()
    return tuple(sorted(found or ()))
