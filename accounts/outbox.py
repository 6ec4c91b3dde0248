"""Tasks queued after a commit reach the broker, or wait in PostgreSQL until it is back.

A task is queued once its transaction commits. If Redis (the broker) is down at that moment,
``apply_async`` raises after a short retry; the row the task was about is already committed,
so the task itself must not be lost either, nor the member's request fail. It is written to
``OutboxTask`` instead, and ``sweep_outbox`` (every minute, from beat) sends what waits there,
oldest first, once the broker answers. Tasks are idempotent (they take IDs and the mail
ledgers skip what was sent), so a task sent twice around a failure does no harm.
"""

from __future__ import annotations

import logging
from functools import partial

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

from accounts.models import OutboxTask

logger = logging.getLogger(__name__)
# What kombu raises when the broker cannot be reached (after CELERY_TASK_PUBLISH_RETRY_POLICY).
# Only that: in-process (eager) tasks raise their own errors, which are not the broker's.
BROKER_ERRORS = (OperationalError,)


def queue_after_commit(name: str, *args, countdown: int = 0) -> None:
    """Send the task registered as ``name`` with ``args`` once the current transaction commits
    (to run ``countdown`` seconds later); keep it if the broker is down (the outbox then sends
    it when the broker is back, without waiting further).

    By name, as the outbox stores it: a service never imports the tasks module that calls it
    back (``<app>.tasks`` imports its services), and Celery's registry joins the two.
    """
    transaction.on_commit(
        partial(send_or_keep, registered_task(name), list(args), countdown=countdown)
    )


def registered_task(name: str):
    """The task registered as ``name``; the apps' ``tasks`` modules are found the first time."""
    tasks = current_app.tasks
    if name not in tasks:
        current_app.loader.import_default_modules()  # autodiscovery (config/celery.py)
    return tasks[name]


def send_or_keep(task, args: list, *, countdown: int = 0) -> bool:
    """Send now; on a broker error keep it in the outbox. Whether it was sent."""
    try:
        task.apply_async(args=args, countdown=countdown or None)
    except BROKER_ERRORS as exc:
        OutboxTask.objects.create(name=task.name, args=args)
        logger.warning("Broker unreachable, %s kept in the outbox: %s", task.name, exc)
        return False
    return True


def sweep_outbox(*, limit: int = 500) -> int:
    """Send what waits in the outbox, oldest first; stop at the first broker error (it is
    still down). Rows are locked while sent, so two sweeps never send one twice. Returns how
    many were sent."""
    sent = 0
    with transaction.atomic():
        waiting = OutboxTask.objects.select_for_update(skip_locked=True).order_by("pk")[:limit]
        for row in waiting:
            task = registered_task(row.name)
            try:
                task.apply_async(args=row.args)
            except BROKER_ERRORS:
                OutboxTask.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
                break
            row.delete()
            sent += 1
    return sent
