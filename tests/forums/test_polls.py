"""Polls in threads (issue 22): the services that attach, vote, change a vote, close and remove a
poll, with their limits and permissions; what they retire; what the audit log says."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import describe
from accounts.models import AuditEntry
from accounts.moderation import suspend_member
from forums.models import Poll, PollResults, PollVote
from forums.posting import moderation, polls
from forums.sharing.cache import CONTENT
from tests.factories import UserFactory, make_thread
from tests.retiring import assert_retires

pytestmark = pytest.mark.django_db

SPEC = polls.PollSpec(
    question="First-line agent for AF rate control in the over-80s?",
    options=("Beta blocker", "Diltiazem", "Digoxin"),
)


@pytest.fixture
def author():
    return UserFactory(handle="starter")


@pytest.fixture
def thread(author):
    return make_thread(author=author, title="Rate control in the very old")


@pytest.fixture
def poll(thread, author):
    return polls.attach_poll(thread=thread, by=author, spec=SPEC)


def test_the_author_attaches_a_poll_with_zero_counts(thread, author):
    with assert_retires(CONTENT):
        poll = polls.attach_poll(thread=thread, by=author, spec=SPEC)
    poll.refresh_from_db()
    assert poll.options == list(SPEC.options)
    assert poll.counts == [0, 0, 0]
    assert poll.voter_count == 0
    assert (poll.multiple, poll.max_choices, poll.results) == (False, 1, PollResults.ALWAYS)
    assert not poll.is_closed


def test_only_the_threads_author_attaches_a_poll(thread, moderator):
    for member in (UserFactory(), moderator):
        with pytest.raises(PermissionDenied):
            polls.attach_poll(thread=thread, by=member, spec=SPEC)
    assert not Poll.objects.exists()


def test_a_locked_thread_takes_no_new_poll(thread, author, moderator):
    moderation.lock_thread(thread, by=moderator)
    with pytest.raises(PermissionDenied):
        polls.attach_poll(thread=thread, by=author, spec=SPEC)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"question": "  "}, "question"),
        ({"question": "x" * 301}, "question"),
        ({"options": ("Only one",)}, "options"),
        ({"options": tuple(f"Option {i}" for i in range(21))}, "options"),
        ({"options": ("Same", "same ")}, "options"),
        ({"options": ("Fine", "y" * 201)}, "options"),
        ({"multiple": True, "max_choices": 4}, "max_choices"),
        ({"multiple": True, "max_choices": 0}, "max_choices"),
        ({"results": "sometimes"}, "results"),
        ({"closes_at": timezone.now() - timedelta(minutes=1)}, "closes_at"),
    ],
)
def test_a_poll_that_cannot_be_asked_is_refused_naming_its_field(thread, author, changes, field):
    spec = polls.PollSpec(**{**SPEC.__dict__, **changes})
    with pytest.raises(polls.PollError) as refused:
        polls.attach_poll(thread=thread, by=author, spec=spec)
    assert refused.value.field == field
    assert str(refused.value)
    assert not Poll.objects.exists()


def test_twenty_options_and_all_of_them_as_choices_are_allowed(thread, author):
    options = tuple(f"Option {i}" for i in range(20))
    spec = polls.PollSpec(question="Which?", options=options, multiple=True, max_choices=20)
    poll = polls.attach_poll(thread=thread, by=author, spec=spec)
    assert len(poll.counts) == 20


def test_a_vote_counts_once_and_shows_in_the_results(poll):
    member = UserFactory()
    with assert_retires(CONTENT):
        polls.vote(poll=poll, by=member, choices=[1])
    poll.refresh_from_db()
    assert poll.counts == [0, 1, 0]
    assert poll.voter_count == 1
    assert polls.own_choices(poll=poll, user=member) == (1,)
    shown = polls.results(poll, chosen=(1,))
    assert [(r.text, r.count, r.percent, r.chosen) for r in shown] == [
        ("Beta blocker", 0, 0, False),
        ("Diltiazem", 1, 100, True),
        ("Digoxin", 0, 0, False),
    ]


def test_percentages_are_of_the_members_who_voted(poll):
    for choice in (0, 0, 1):
        polls.vote(poll=poll, by=UserFactory(), choices=[choice])
    poll.refresh_from_db()
    assert [r.percent for r in polls.results(poll)] == [67, 33, 0]


def test_a_changed_vote_moves_its_count_and_stays_one_vote(poll):
    member = UserFactory()
    polls.vote(poll=poll, by=member, choices=[0])
    polls.vote(poll=poll, by=member, choices=[2])
    poll.refresh_from_db()
    assert poll.counts == [0, 0, 1]
    assert poll.voter_count == 1
    vote = PollVote.objects.get(poll=poll, user=member)
    assert vote.choices == [2]
    assert vote.changed_at is not None


def test_a_vote_cannot_change_when_the_author_said_so(thread, author):
    poll = polls.attach_poll(
        thread=thread, by=author, spec=polls.PollSpec(**{**SPEC.__dict__, "changeable": False})
    )
    member = UserFactory()
    polls.vote(poll=poll, by=member, choices=[0])
    with pytest.raises(polls.PollError, match="cannot be changed"):
        polls.vote(poll=poll, by=member, choices=[1])
    poll.refresh_from_db()
    assert poll.counts == [1, 0, 0]


def test_the_database_holds_one_vote_per_member(poll):
    member = UserFactory()
    polls.vote(poll=poll, by=member, choices=[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        PollVote.objects.create(poll=poll, user=member, choices=[1])


def test_multiple_choice_takes_up_to_its_maximum(thread, author):
    spec = polls.PollSpec(**{**SPEC.__dict__, "multiple": True, "max_choices": 2})
    poll = polls.attach_poll(thread=thread, by=author, spec=spec)
    member = UserFactory()
    with pytest.raises(polls.PollError, match="at most 2") as refused:
        polls.vote(poll=poll, by=member, choices=[0, 1, 2])
    assert refused.value.field == "choices"
    polls.vote(poll=poll, by=member, choices=[2, 0, 0])
    poll.refresh_from_db()
    assert poll.counts == [1, 0, 1]
    assert poll.voter_count == 1
    assert [r.percent for r in polls.results(poll)] == [100, 0, 100]


@pytest.mark.parametrize("choices", [[], [3], [0, 1]])
def test_a_single_choice_vote_needs_one_of_the_options(poll, choices):
    with pytest.raises(polls.PollError) as refused:
        polls.vote(poll=poll, by=UserFactory(), choices=choices)
    assert refused.value.field == "choices"
    poll.refresh_from_db()
    assert poll.voter_count == 0


def test_who_may_not_reply_may_not_vote(poll, thread, moderator):
    suspended = UserFactory()
    suspend_member(suspended, by=moderator, until=timezone.now() + timedelta(days=1), reason="x")
    with pytest.raises(PermissionDenied):
        polls.vote(poll=poll, by=suspended, choices=[0])
    moderation.lock_thread(thread, by=moderator)
    with pytest.raises(PermissionDenied):
        polls.vote(poll=poll, by=UserFactory(), choices=[0])
    polls.vote(poll=poll, by=moderator, choices=[0])  # moderators still reply in locked threads
    poll.refresh_from_db()
    assert poll.voter_count == 1


def test_a_poll_closes_at_its_date_with_nothing_to_run(poll, author):
    member = UserFactory()
    soon = timezone.now() + timedelta(hours=1)
    spec = polls.PollSpec(**{**SPEC.__dict__, "closes_at": soon})
    polls.attach_poll(thread=poll.thread, by=author, spec=spec)
    poll.refresh_from_db()
    assert not poll.is_closed
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    poll.refresh_from_db()
    assert poll.is_closed
    with pytest.raises(polls.PollError, match="closed"):
        polls.vote(poll=poll, by=member, choices=[0])


def test_the_author_closes_the_poll_and_nobody_votes_after(poll, author):
    with assert_retires(CONTENT):
        polls.close_poll(poll=poll, by=author)
    poll.refresh_from_db()
    assert poll.is_closed
    assert poll.closed_by == author
    with pytest.raises(polls.PollError, match="closed"):
        polls.vote(poll=poll, by=UserFactory(), choices=[0])
    assert not AuditEntry.objects.exists()  # the author's own poll: not a moderation


def test_another_member_may_not_close_the_poll(poll):
    with pytest.raises(PermissionDenied):
        polls.close_poll(poll=poll, by=UserFactory())
    assert not poll.is_closed


def test_a_moderator_closes_and_removes_a_poll_in_the_audit_log(poll, thread, moderator):
    polls.vote(poll=poll, by=UserFactory(), choices=[0])
    polls.close_poll(poll=poll, by=moderator, reason="Off topic")
    with assert_retires(CONTENT):
        polls.remove_poll(thread=thread, by=moderator, reason="Leading question")
    assert not Poll.objects.exists()
    assert not PollVote.objects.exists()
    sentences = [describe(e) for e in AuditEntry.objects.select_related("actor", "member")]
    assert sorted(sentences) == [
        "@mod closed the poll in “Rate control in the very old” by @starter: Off topic",
        "@mod removed the poll from “Rate control in the very old” by @starter: Leading question",
    ]


def test_the_author_removes_their_poll_and_others_may_not(poll, thread, author):
    with pytest.raises(PermissionDenied):
        polls.remove_poll(thread=thread, by=UserFactory())
    polls.remove_poll(thread=thread, by=author)
    assert not Poll.objects.exists()
    assert not AuditEntry.objects.exists()


def test_once_voted_on_the_question_and_options_stay(poll, author):
    polls.vote(poll=poll, by=UserFactory(), choices=[0])
    changed = polls.PollSpec(**{**SPEC.__dict__, "options": ("Beta blocker", "Amiodarone")})
    with pytest.raises(polls.PollError, match="1 member has voted") as refused:
        polls.attach_poll(thread=poll.thread, by=author, spec=changed)
    assert refused.value.field == "options"
    later = timezone.now() + timedelta(days=3)
    polls.attach_poll(
        thread=poll.thread,
        by=author,
        spec=polls.PollSpec(**{**SPEC.__dict__, "results": PollResults.CLOSED, "closes_at": later}),
    )
    poll.refresh_from_db()
    assert (poll.results, poll.closes_at, poll.counts) == (PollResults.CLOSED, later, [1, 0, 0])


def test_options_changed_before_any_vote_start_from_zero(poll, author):
    changed = polls.PollSpec(**{**SPEC.__dict__, "options": ("Yes", "No")})
    polls.attach_poll(thread=poll.thread, by=author, spec=changed)
    poll.refresh_from_db()
    assert (poll.options, poll.counts) == (["Yes", "No"], [0, 0])


@pytest.mark.parametrize(
    ("results", "voted", "closed", "shown"),
    [
        (PollResults.ALWAYS, False, False, True),
        (PollResults.VOTED, False, False, False),
        (PollResults.VOTED, True, False, True),
        (PollResults.VOTED, False, True, True),
        (PollResults.CLOSED, True, False, False),
        (PollResults.CLOSED, False, True, True),
    ],
)
def test_results_show_by_the_authors_rule(poll, results, voted, closed, shown):
    poll.results = results
    poll.closed_at = timezone.now() if closed else None
    assert poll.shows_results(voted=voted) is shown


def test_a_departed_members_vote_stays_counted_as_nobodys(poll):
    member = UserFactory()
    polls.vote(poll=poll, by=member, choices=[1])
    member.delete()
    poll.refresh_from_db()
    assert poll.counts == [0, 1, 0]
    assert PollVote.objects.get(poll=poll).user is None
