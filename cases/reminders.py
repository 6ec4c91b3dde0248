"""Reminding authors to post the outcome four weeks after publication."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from cases.emails import queue_case_email
from cases.models import Case, CaseStatus

OUTCOME_REMINDER_AFTER = timedelta(weeks=4)


def cases_due_outcome_reminder(*, now: datetime):
    return Case.objects.filter(
        status=CaseStatus.PUBLISHED,
        published_at__lte=now - OUTCOME_REMINDER_AFTER,
        outcome_posted_at=None,
        outcome_reminder_sent_at=None,
        author__isnull=False,
        # Nothing is sent about a case hidden for a privacy review; restored, it is due again.
        is_hidden=False,
    ).select_related("author")


def send_outcome_reminders(*, now: datetime | None = None) -> int:
    """Email each author whose case has waited four weeks for an outcome, once. Idempotent:
    the sent time is written in the same transaction that queues the email."""
    now = now or timezone.now()
    sent = 0
    for case in cases_due_outcome_reminder(now=now).iterator():
        with transaction.atomic():
            updated = Case.objects.filter(pk=case.pk, outcome_reminder_sent_at=None).update(
                outcome_reminder_sent_at=now
            )
            if updated:
                queue_case_email(
                    template="outcome_reminder", case=case, to=case.author, event=now.isoformat()
                )
                sent += 1
    return sent
