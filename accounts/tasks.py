"""Thin tasks: take IDs, call the function of the same name. Queued after commit."""

from __future__ import annotations

from celery import shared_task

from accounts import outbox, verification
from accounts.mail.send import RETRYING


@shared_task(**RETRYING)
def send_verification_decision(request_id: int) -> int:
    return verification.send_verification_decision(request_id)


@shared_task(name="accounts.sweep_outbox")
def sweep_outbox() -> int:
    return outbox.sweep_outbox()
