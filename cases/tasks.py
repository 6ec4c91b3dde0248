"""Celery tasks for cases: thin wrappers over the services of the same name."""

from celery import shared_task

from accounts.mail.send import RETRYING
from cases import emails, reminders


@shared_task(name="cases.send_outcome_reminders")
def send_outcome_reminders() -> int:
    """Daily. Idempotent: each case is reminded once (``outcome_reminder_sent_at``)."""
    return reminders.send_outcome_reminders()


@shared_task(name="cases.send_case_email", **RETRYING)
def send_case_email(template: str, case_id: int, member_id: int, event: str | dict = "") -> int:
    """Queued after commit by ``cases.emails.queue_case_email``."""
    return emails.send_case_email(template, case_id, member_id, event)
