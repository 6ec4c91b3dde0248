"""Celery tasks for cases: thin wrappers over the services of the same name."""

from celery import shared_task

from cases.reminders import send_outcome_reminders


@shared_task(name="cases.send_outcome_reminders")
def send_outcome_reminders_task() -> int:
    """Daily. Idempotent: each case is reminded once (``outcome_reminder_sent_at``)."""
    return send_outcome_reminders()


@shared_task(
    name="cases.send_case_email",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),  # smtplib's errors are OSErrors
    retry_backoff=True,
    retry_backoff_max=10 * 60,
    max_retries=8,
)
def send_case_email(template: str, case_id: int, member_id: int, extra: dict) -> bool:
    """Queued after commit by ``cases.emails.send_case_email``."""
    from cases.emails import deliver_case_email

    return deliver_case_email(template, case_id, member_id, extra)
