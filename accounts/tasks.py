"""Thin tasks: take IDs, call the function of the same name. Queued after commit."""

from __future__ import annotations

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_verification_decision(request_id: int) -> None:
    from accounts.verification import send_verification_decision as send

    send(request_id)


@shared_task(name="accounts.sweep_outbox")
def sweep_outbox() -> int:
    from accounts.outbox import sweep_outbox as sweep

    return sweep()
