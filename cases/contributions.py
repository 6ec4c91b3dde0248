"""What case studies add to a member's contributions (``accounts.activity``).

Two kinds, counted for the case's author while the case is published and not hidden: a case
shared (in the month it was published) and an outcome posted (in the month of the outcome),
each in the case's specialty. The services that publish a case or post its outcome move them
(``note_published``, ``note_outcome``); hiding a case for patient privacy or restoring it
counts the author's again (``recount_authors``), so a profile never counts a hidden case.
Replies in a case's discussion are the forums' (``forums.posting.activity``), placed in the
case's specialty through ``thread_areas``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from accounts.activity import note_activity, replace_activity
from accounts.extensions import ActivityAreas, ContributionKind
from cases.models import SPECIALTY_NAMES, Case, CaseStatus

CASES, OUTCOMES = "case", "outcome"
KINDS = (
    ContributionKind(CASES, _("Cases shared"), order=10),
    ContributionKind(OUTCOMES, _("Outcomes posted"), order=20),
)


def _counts(case: Case) -> bool:
    return case.status == CaseStatus.PUBLISHED and not case.is_hidden and case.author_id is not None


def note_published(case: Case) -> None:
    """``case`` was just published (``cases.moderation.approve_case``)."""
    if _counts(case):
        note_activity(user_id=case.author_id, kind=CASES, at=case.published_at, area=case.specialty)


def note_outcome(case: Case, *, before: datetime | None) -> None:
    """The outcome of ``case`` was posted (again: ``before`` is the earlier time, whose month
    gives its count back)."""
    if not _counts(case):
        return
    if before is not None:
        note_activity(
            user_id=case.author_id, kind=OUTCOMES, at=before, area=case.specialty, delta=-1
        )
    note_activity(
        user_id=case.author_id, kind=OUTCOMES, at=case.outcome_posted_at, area=case.specialty
    )


def recount_authors(user_ids: Iterable[int | None]) -> None:
    """Count these authors' cases and outcomes again (a case hidden or shown again)."""
    ids = sorted({u for u in user_ids if u is not None})
    if not ids:
        return
    counted = Case.objects.published().filter(author_id__in=ids)
    rows = []
    shared = counted.annotate(month=TruncMonth("published_at", tzinfo=UTC))
    for author, month, area, n in shared.values_list("author_id", "month", "specialty").annotate(
        n=Count("pk")
    ):
        rows.append((author, month.date(), CASES, area, n))
    outcomes = counted.exclude(outcome_posted_at=None).annotate(
        month=TruncMonth("outcome_posted_at", tzinfo=UTC)
    )
    for author, month, area, n in outcomes.values_list("author_id", "month", "specialty").annotate(
        n=Count("pk")
    ):
        rows.append((author, month.date(), OUTCOMES, area, n))
    replace_activity(user_ids=ids, kinds=(CASES, OUTCOMES), rows=rows)


def thread_areas(thread_ids: list[int]) -> Mapping[int, str]:
    """The specialty of each case discussion among ``thread_ids`` (one query)."""
    return dict(
        Case.objects.filter(thread_id__in=thread_ids)
        .exclude(specialty="")
        .values_list("thread_id", "specialty")
    )


def area_label(key: str) -> str:
    name = SPECIALTY_NAMES.get(key)
    return str(name) if name is not None else ""


AREAS = ActivityAreas(label=area_label)
