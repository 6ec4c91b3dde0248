"""Celery tasks for cases: thin wrappers over the services of the same name."""

from celery import shared_task

from cases.reminders import send_outcome_reminders


@shared_task(name="cases.send_outcome_reminders")
def send_outcome_reminders_task() -> int:
    """Daily. Idempotent: each case is reminded once (``outcome_reminder_sent_at``)."""
    return send_outcome_reminders()
