"""The Celery app. Configuration lives in Django settings under the CELERY_ prefix."""

import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


class DatabaseRetryTask(Task):
    """Every task's base: one that meets an unreachable PostgreSQL (a restart, a failover) is
    retried with backoff instead of failing for good, whatever ``autoretry_for`` it declares.

    Tasks take IDs and their services are idempotent (the mail ledgers skip what was sent), so
    running one again is safe. The worker's connection is closed after the failed run (Celery's
    Django fixup) and checked before the next, so the retry connects afresh.
    """

    # 1, 2, 4 ... 60 s, for about ten minutes: past a restart or a failover; a longer outage is
    # an incident, and the task's failure is then logged with the database's error.
    database_retry_max = 14
    database_retry_backoff_max = 60

    def __call__(self, *args, **kwargs):
        from config.outages import database_unavailable

        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            # In-process (eager) and direct calls fail with their caller, as without a broker.
            request = self.request
            if not database_unavailable(exc) or request.called_directly or request.is_eager:
                raise
            retries = self.request.retries or 0
            countdown = min(2**retries, self.database_retry_backoff_max)
            raise self.retry(
                exc=exc, countdown=countdown, max_retries=self.database_retry_max
            ) from exc


app = Celery("rounds", task_cls=DatabaseRetryTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A debugging aid, off unless ROUNDS_WORKER_TRACEMALLOC is set (config/worker_memory.py).
from config.worker_memory import connect as _trace_worker_memory  # noqa: E402

_trace_worker_memory(app)
