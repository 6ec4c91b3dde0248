"""Thin Celery tasks for forums: take plain values or IDs, call the service of the same name."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from django.conf import settings

from forums import digests


class DigestsFailed(Exception):
    """Some digests were refused by the SMTP server; the retry sends only those (the ledger)."""


@shared_task(
    name="forums.send_digests",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DigestsFailed, OSError),
    # 1, 2, 4 ... 512 s: past a short SMTP outage within the hour; beyond that the next hourly
    # run picks up what is still failed (forums.digests.retry_members).
    retry_backoff=True,
    retry_backoff_max=10 * 60,
    max_retries=9,
    # A run may take most of its hour on a big site (the settings' 5 minutes are for ordinary
    # tasks); a run cut short loses nothing: its claims go stale and the next run retakes them.
    soft_time_limit=50 * 60,
    time_limit=55 * 60,
)
def send_digests(
    self,
    frequency: str,
    now: str | None = None,
    shard: int | None = None,
    shards: int | None = None,
) -> dict[str, int]:
    """Hourly from the beat for each frequency. ``now`` is ISO-8601 (JSON has no datetimes);
    a retry reuses the first attempt's ``now`` so it completes the same periods.

    Called without a shard and with ``DIGEST_SHARDS`` > 1, it queues one task per shard (each
    worker process takes a share of the members) and returns ``{"queued": n}``.
    """
    moment = datetime.fromisoformat(now) if now else None
    if moment is None:
        from django.utils import timezone

        moment = timezone.now()
        # Pin the moment so that a retry of this run targets the same hour and periods.
        self.request.kwargs = {**(self.request.kwargs or {}), "now": moment.isoformat()}
    count = settings.DIGEST_SHARDS
    if shard is None and count > 1:
        for number in range(count):
            send_digests.apply_async(
                (frequency, moment.isoformat()),
                {"shard": number, "shards": count},
                expires=55 * 60,
            )
        return {"queued": count}
    run = digests.send_digests(frequency, now=moment, shard=shard or 0, shards=shards or 1)
    if run.failed:
        raise DigestsFailed(f"{run.failed} digests failed; retrying")
    return run.as_dict()


@shared_task(
    name="forums.send_notification_emails",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=10 * 60,
    max_retries=8,
)
def send_notification_emails(notification_ids: list[int]) -> int:
    """Queued after commit by ``forums.emails.queue_notification_emails``."""
    from forums.emails import send_notification_emails as send

    return send(notification_ids)


@shared_task(name="forums.delete_unattached_images", acks_late=True)
def delete_unattached_images() -> int:
    """Daily from the beat: uploads no post shows, a day after they were made."""
    from forums.uploads import delete_unattached_images as delete

    return delete()
