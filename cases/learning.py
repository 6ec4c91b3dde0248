"""What cases adds to the forums' learning log (plugged in by ``cases/plugins.py``).

- The identifier scanner for free text outside a thread (a reflection): the findings the text
  check ``cases.discussion.scan_forum_reply`` refuses with ``thread`` None, each with its key
  for keeping it with a reason and its suggested fix, and every fix applied at once.
- A case's discussion described for the log: "Rounds case <id>" and the specialty (never the
  title), the member's quiz vote, their posting of the case and its outcome, and the words of
  the case they read (or wrote).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.anonymising import apply_suggestions
from cases.authoring import _unresolved, finding_key
from cases.emails import CASE_SLUG
from cases.models import TEXT_FIELD_NAMES, Case, CaseStatus, QuizVote
from cases.scanning import scan_text
from forums.extensions import LearningItem, LearningSource, TextFinding, TextScanner
from forums.models import Activity, LearningKind

FIELD = "text"  # the key prefix of free text outside a thread (``scan_forum_reply``)


def find_in_text(*, body: str, kept: Mapping[str, str]) -> list[TextFinding]:
    """What the text check would refuse in ``body``: each finding not kept, with its fix."""
    findings = _unresolved({FIELD: scan_text(body)}, kept).get(FIELD, [])
    if not findings:
        return []
    applied = apply_suggestions(
        {FIELD: findings},
        {FIELD: body},
        keys=None,
        roles={},
        day_zero=None,
        today=timezone.localdate(),
    )
    fixes = {
        (fix.finding.start, fix.finding.end): replacement for fix, replacement in applied.fixed
    }
    return [
        TextFinding(
            key=finding_key(FIELD, f),
            label=str(f.label),
            text=f.text,
            fix=fixes.get((f.start, f.end), ""),
        )
        for f in findings
    ]


def fix_all(body: str) -> str:
    """``body`` with every suggested fix applied (dates counted from the first one's day)."""
    findings = scan_text(body)
    if not findings:
        return body
    applied = apply_suggestions(
        {FIELD: findings},
        {FIELD: body},
        keys=None,
        roles={},
        day_zero=None,
        today=timezone.localdate(),
    )
    return applied.values[FIELD]


TEXT_SCANNER = TextScanner(find=find_in_text, fix_all=fix_all)


def _words(text: str) -> int:
    return len(text.split())


def _day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def describe_cases(*, user: User, thread_ids: list[int]) -> dict[int, LearningItem]:
    """The case discussions among ``thread_ids``, for ``user``'s log. Two queries."""
    cases = list(
        Case.objects.filter(thread_id__in=thread_ids).only(
            "id",
            "thread_id",
            "author_id",
            "specialty",
            "published_at",
            "outcome_posted_at",
            "revealed_at",
            "reveal_at",
            "hide_diagnosis",
            "spoiler_fields",
            "has_quiz",
            "quiz_explanation",
            *TEXT_FIELD_NAMES,
        )
    )
    votes = dict(
        QuizVote.objects.filter(case__in=[c.pk for c in cases], voter=user).values_list(
            "case_id", "created_at"
        )
    )
    items: dict[int, LearningItem] = {}
    for case in cases:
        own = case.author_id == user.pk
        activities: list[str] = []
        moments = []
        if own:
            activities.append(Activity.POSTED_CASE)
            moments.append(case.published_at)
            if case.outcome_posted_at:
                activities.append(Activity.POSTED_OUTCOME)
                moments.append(case.outcome_posted_at)
        if case.pk in votes:
            activities.append(Activity.QUIZ_VOTED)
            moments.append(votes[case.pk])
        hidden = frozenset() if own or case.is_revealed else case.hidden_until_reveal()
        shown = [*TEXT_FIELD_NAMES, "quiz_explanation"]
        words = sum(_words(getattr(case, name)) for name in shown if name not in hidden)
        days = [d for d in map(_day, moments) if d]
        if case.thread_id is None:
            continue
        items[case.thread_id] = LearningItem(
            kind=LearningKind.CASE,
            ref_id=case.pk,
            specialty=case.specialty_name if case.specialty else "",
            # The stand-in slug, as in emails: the log never carries the case's title.
            url=reverse("cases:detail", kwargs={"pk": case.pk, "slug": CASE_SLUG}),
            activities=tuple(activities),
            words_read=0 if own else words,
            words_written=words if own else 0,
            last_active=max(days) if days else None,
        )
    return items


def cases_taken_part(*, user: User, since: datetime) -> QuerySet:
    """Ids of the discussions of cases ``user`` voted on, posted, or posted the outcome of,
    since ``since``: published and not hidden."""
    voted = QuizVote.objects.filter(voter=user, created_at__gte=since).values("case_id")
    own = Q(author=user) & (Q(published_at__gte=since) | Q(outcome_posted_at__gte=since))
    return (
        Case.objects.filter(status=CaseStatus.PUBLISHED, is_hidden=False, thread__isnull=False)
        .filter(own | Q(pk__in=voted))
        .values("thread_id")
    )


LEARNING_SOURCE = LearningSource(describe=describe_cases, taken_part=cases_taken_part)
