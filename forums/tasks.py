"""Thin Celery tasks for forums: take plain values or IDs, call the service of the same name.
Mail tasks retry with backoff while the SMTP server refuses (``accounts.mail.send.RETRYING``);
the ledgers make a retry send only what was not sent."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from accounts.mail.send import RETRYING
from forums.consults.images import delete_unattached_message_images
from forums.consults.mail import send_message_emails as send_consult_emails
from forums.learning.prompts import send_learning_prompts as send_learning_prompts_service
from forums.mail.digests.send import queue_digests as queue_digests_service
from forums.mail.digests.send import send_digests as send_digests_service
from forums.mail.notification_emails import send_notification_emails as send_notifications
from forums.uploads import delete_unattached_images as delete_unattached_images_service


@shared_task(name="forums.queue_digests")
def queue_digests(frequency: str, now: str | None = None) -> int:
    """Hourly from the beat for each frequency: one ``forums.send_digests`` task per shard."""
    return queue_digests_service(frequency, now=_moment(now))


# A run may take most of its hour on a big site (the settings' 5 minutes are for ordinary
# tasks); a run cut short loses nothing: its claims go stale and the next run retakes them.
# Retries past the hour are harmless: the next hourly run also takes up what is still failed
# (forums.mail.digests.ledger.retry_members), and the ledger sends each digest once.
@shared_task(name="forums.send_digests", soft_time_limit=50 * 60, time_limit=55 * 60, **RETRYING)
def send_digests(
    frequency: str, now: str | None = None, shard: int = 0, shards: int = 1
) -> dict[str, int]:
    """``now`` is ISO-8601 (JSON has no datetimes), pinned by ``queue_digests`` so that a retry
    completes the same periods."""
    return send_digests_service(frequency, now=_moment(now), shard=shard, shards=shards).checked()


@shared_task(name="forums.send_notification_emails", **RETRYING)
def send_notification_emails(notification_ids: list[int]) -> int:
    """Queued after commit by ``forums.mail.notification_emails.queue_notification_emails``."""
    return send_notifications(notification_ids)


@shared_task(name="forums.delete_unattached_images", acks_late=True)
def delete_unattached_images() -> int:
    """Daily from the beat: uploads no post or private message shows, a day after they were
    made."""
    return delete_unattached_images_service() + delete_unattached_message_images()


def _moment(now: str | None) -> datetime | None:
    return datetime.fromisoformat(now) if now else None


@shared_task(name="forums.send_learning_prompts", **RETRYING)
def send_learning_prompts() -> int:
    """Weekly from the beat. Idempotent: the ledger sends each member's prompt once a week."""
    return send_learning_prompts_service()


@shared_task(name="forums.send_message_emails", **RETRYING)
def send_message_emails(message_ids: list[int]) -> int:
    """Queued after commit by ``forums.consults.mail.queue_message_emails``."""
    return send_consult_emails(message_ids)
