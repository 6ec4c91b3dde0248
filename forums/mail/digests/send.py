"""Sending a frequency's digests: the one sending path (the Celery task, the beat and the
``send_digests`` command all call ``send_digests``), and the hourly fan-out into shard tasks
(``queue_digests``).

Members go in batches of ``BATCH_SIZE``: claimed in the ledger (``ledger.claim_batch``), built
(``build.build_digests``), rendered through the mail pipeline with templates compiled once per
run, then sent over one SMTP connection (``accounts.mail.send.send_batch``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from accounts.mail.compose import Composer, Message
from accounts.mail.send import AddressStopped, MailNotSent, send_batch
from accounts.outbox import registered_task
from forums.mail.digests.build import Digest, Window, build_digests
from forums.mail.digests.ledger import (
    MARK_EVERY,
    batches,
    claim_batch,
    due_members,
    mark_sent,
    record_failure,
    retry_members,
)
from forums.models import DigestDelivery, DigestStatus

# Members per batch: one set of queries and one SMTP connection each. Bigger batches mean fewer
# queries per digest but more memory and more work redone when a worker dies mid-batch.
BATCH_SIZE = 500
# A shard task not started within the hour is dropped: the next hour's run retries its members.
SHARD_EXPIRES = 55 * 60


@dataclass
class DigestRun:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    empty: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "skipped": self.skipped,
            "failed": self.failed,
            "empty": self.empty,
        }

    def checked(self) -> dict[str, int]:
        """The counts; raises ``MailNotSent`` when any digest was refused, so the task retries
        (the ledger sends only those)."""
        if self.failed:
            raise MailNotSent(f"{self.failed} digests failed; retrying")
        return self.as_dict()


def queue_digests(frequency: str, *, now: datetime | None = None) -> int:
    """Queue one ``forums.send_digests`` task per shard (``DIGEST_SHARDS``: set it to the
    worker's concurrency), each for its share of the members, all pinned to ``now`` (default:
    this moment) so that their retries complete the same periods. Returns how many."""
    moment = (now or timezone.now()).isoformat()
    count = settings.DIGEST_SHARDS
    task = registered_task("forums.send_digests")
    for shard in range(count):
        task.apply_async((frequency, moment, shard, count), expires=SHARD_EXPIRES)
    return count


class DigestRenderer:
    """Renders digests through the mail pipeline (``accounts.mail.compose.Composer``), whose
    templates are looked up and compiled once per renderer, i.e. per run."""

    def __init__(self, *, frequency: str) -> None:
        self.frequency = frequency
        self.composer = Composer()

    def render(self, digest: Digest) -> Message:
        """The message, with HTML and text parts and the one-click unsubscribe headers."""
        sections = [
            {
                **section,
                "html": self.composer.template(f"{section['template']}.html"),
                "text": self.composer.template(f"{section['template']}.txt"),
            }
            for section in digest.sections
        ]
        context: dict[str, Any] = {
            "digest": digest,
            "sections": sections,
            "frequency": self.frequency,
        }
        return self.composer.compose(
            "forums/email/digest",
            to=digest.user,
            context=context,
            unsubscribe="digest",
            list_name=f"digest-{self.frequency}",
            # A digest is the same mailing to many (RFC 2076): autoresponders stay quiet.
            headers={"Precedence": "bulk"},
        )


def send_digests(
    frequency: str,
    *,
    now: datetime | None = None,
    progress: Callable[[DigestRun], None] | None = None,
    shard: int = 0,
    shards: int = 1,
) -> DigestRun:
    """Send the ``frequency`` digests due at ``now`` (default: this hour). Idempotent.

    Members go in batches of ``BATCH_SIZE``: claimed, built and rendered together, then sent
    over one SMTP connection. A message the server refuses is recorded as failed (attempts,
    error) and retried by the task's retry or the next run. ``progress`` (optional) is called
    with the running ``DigestRun`` after each batch. ``shard``/``shards`` split the members
    between parallel runs (``ledger.due_members``).
    """
    now = now or timezone.now()
    run = DigestRun()
    active_cache: dict = {}
    renderer = DigestRenderer(frequency=frequency)
    members = chain(
        due_members(frequency, now=now, shard=shard, shards=shards),
        retry_members(frequency, now=now, shard=shard, shards=shards),
    )
    for batch in batches(members, BATCH_SIZE):
        claimed, skipped = claim_batch(batch, frequency=frequency, now=now)
        run.skipped += skipped
        with translation.override(settings.LANGUAGE_CODE):
            built = build_digests(
                [Window(user, row.since, row.until) for user, row in claimed],
                active_cache=active_cache,
            )
            outgoing = []
            for user, row in claimed:
                digest = built.get(user.pk)
                if digest is not None:
                    row.is_final = digest.is_final
                    outgoing.append((row, renderer.render(digest)))
        empty = [row.pk for user, row in claimed if user.pk not in built]
        if empty:
            DigestDelivery.objects.filter(pk__in=empty).update(status=DigestStatus.EMPTY)
            run.empty += len(empty)
        if outgoing:
            _deliver(outgoing, run)
        if progress:
            progress(run)
    return run


def _deliver(batch: list[tuple[DigestDelivery, Message]], run: DigestRun) -> None:
    """Send the batch over one connection and record each outcome in the ledger: the sent
    ones ``MARK_EVERY`` at a time, and whatever was sent when anything interrupts the batch."""
    sent: list[DigestDelivery] = []
    try:
        for row, error in send_batch(batch):
            if isinstance(error, AddressStopped):  # bounced too often: not a failure to retry
                DigestDelivery.objects.filter(pk=row.pk).update(status=DigestStatus.EMPTY)
                run.skipped += 1
                continue
            if error is not None:
                record_failure(row, error)
                run.failed += 1
                continue
            sent.append(row)
            run.sent += 1
            if len(sent) >= MARK_EVERY:
                mark_sent(sent)
                sent = []
    finally:
        mark_sent(sent)
