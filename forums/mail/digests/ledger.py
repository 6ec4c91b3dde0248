"""The digest ledger: who is due, and one row per member and period (``DigestDelivery``)
claimed before a digest is built and marked sent once the SMTP server took it.

A rerun, a second beat or a retried task finds the row and sends nothing; a failed or abandoned
claim (a worker killed mid-batch) is picked up again by the next run (``retry_members``).
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import islice

from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from accounts.mail.recipients import preferences_of
from accounts.models import DigestFrequency, Preferences, User
from accounts.selectors import digest_recipients
from forums.mail.digests.build import last_seen
from forums.models import DigestDelivery, DigestStatus

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-batch: the next run takes it over.
STALE_CLAIM = timedelta(minutes=15)
# Sent digests are marked in the ledger this many at a time (one UPDATE): a worker killed
# between the SMTP server's "250 OK" and that UPDATE re-sends at most this many.
MARK_EVERY = 20
PERIOD_LENGTH: dict[str, timedelta] = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(7),
}
# A digest looks back at most this far, however long ago the last one went (a member who paused
# digests for a year gets what is recent, not a year's catalogue). It also bounds what one
# batch reads.
LOOKBACK: dict[str, timedelta] = {
    DigestFrequency.DAILY: timedelta(days=7),
    DigestFrequency.WEEKLY: timedelta(days=28),
}


def _local_now(prefs: Preferences, now: datetime) -> datetime:
    try:
        zone = zoneinfo.ZoneInfo(prefs.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return now.astimezone(zone)


def digest_period(frequency: str, local_now: datetime) -> date:
    """The ledger key: the local day, or the Monday of the local week."""
    day = local_now.date()
    if frequency == DigestFrequency.WEEKLY:
        return day - timedelta(days=day.weekday())
    return day


def due_members(
    frequency: str, *, now: datetime, shard: int = 0, shards: int = 1
) -> Iterator[tuple[User, date]]:
    """Members whose local hour is their chosen digest hour at ``now``, with their period.

    A weekly member is due at their hour every day; the ledger lets only the first send of the
    week through, so a missed Monday (beat down) is made up on Tuesday. With ``shards`` > 1,
    only the members whose id is ``shard`` modulo ``shards``: parallel runs split the members
    without talking to each other (and the ledger would stop a double send if they overlapped).
    """
    members = digest_recipients(frequency=frequency)
    if shards > 1:
        members = members.alias(shard=F("pk") % shards).filter(shard=shard)
    for user in members.iterator(chunk_size=2000):
        prefs = preferences_of(user)
        local = _local_now(prefs, now)
        if local.hour == prefs.digest_hour:
            yield user, digest_period(frequency, local)


def retry_members(
    frequency: str, *, now: datetime, shard: int = 0, shards: int = 1
) -> Iterator[tuple[User, date]]:
    """Members whose digest for a recent period failed or was abandoned mid-batch: each run
    (hourly from the beat) tries them again, whatever their hour, so a long SMTP outage delays
    digests but loses none."""
    rows = (
        DigestDelivery.objects.filter(
            Q(status=DigestStatus.FAILED)
            | Q(status=DigestStatus.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM),
            frequency=frequency,
            until__gt=now - PERIOD_LENGTH[frequency],
        )
        .select_related("user")
        .order_by("pk")
    )
    if shards > 1:
        rows = rows.alias(shard=F("user_id") % shards).filter(shard=shard)
    for row in rows:
        if row.user.is_active:
            yield row.user, row.period


def batches(pairs: Iterable[tuple[User, date]], size: int) -> Iterator[list[tuple[User, date]]]:
    def unique() -> Iterator[tuple[User, date]]:
        seen: set[tuple[int, date]] = set()
        for user, period in pairs:
            if (user.pk, period) not in seen:
                seen.add((user.pk, period))
                yield user, period

    members = unique()
    while batch := list(islice(members, size)):
        yield batch


_RETURNING = "id, user_id, period, since, until, attempts"


def claim_batch(
    batch: list[tuple[User, date]], *, frequency: str, now: datetime
) -> tuple[list[tuple[User, DigestDelivery]], int]:
    """Take the ledger rows of a batch: ``([(member, row)], skipped)``. Members whose row
    another run owns or already finished, and members whose final digest went out while they
    stayed away, are skipped.

    Three queries for the batch: the members' last digests, one INSERT .. ON CONFLICT DO
    NOTHING for the new rows, and one conditional UPDATE taking over failed and stale rows.
    Each is a single statement, so two runs never both win a row.
    """
    users = {user.pk: user for user, _period in batch}
    last = {
        user_id: (until, is_final)
        for user_id, until, is_final in DigestDelivery.objects.filter(
            user_id__in=list(users), status__in=[DigestStatus.SENT, DigestStatus.EMPTY]
        )
        .order_by("user_id", "-until")
        .distinct("user_id")
        .values_list("user_id", "until", "is_final")
    }
    wanted = []
    skipped = 0
    for user, period in batch:
        until, is_final = last.get(user.pk, (None, False))
        if is_final and until is not None and last_seen(user) < until:
            skipped += 1  # the final digest went out: no more until the member comes back
            continue
        since = until or now - PERIOD_LENGTH[frequency]
        wanted.append((user.pk, period, max(since, now - LOOKBACK[frequency])))
    if not wanted:
        return [], skipped
    table = DigestDelivery._meta.db_table
    claimed_at = timezone.now()
    user_ids = [user_id for user_id, _p, _s in wanted]
    periods = [period for _u, period, _s in wanted]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table}
                (user_id, frequency, period, status, since, until, claimed_at, attempts,
                 last_error, is_final)
            SELECT w.user_id, %s, w.period, %s, w.since, %s, %s, 0, '', false
            FROM unnest(%s::bigint[], %s::date[], %s::timestamptz[]) AS w(user_id, period, since)
            ON CONFLICT (user_id, frequency, period) DO NOTHING
            RETURNING {_RETURNING}""",  # noqa: S608 - the table name is ours; values are params
            [
                frequency,
                DigestStatus.SENDING,
                now,
                claimed_at,
                user_ids,
                periods,
                [since for _u, _p, since in wanted],
            ],
        )
        rows = cursor.fetchall()
        inserted = {(user_id, period) for _pk, user_id, period, *_rest in rows}
        others = [(u, p) for u, p, _s in wanted if (u, p) not in inserted]
        if others:
            cursor.execute(
                f"""UPDATE {table} AS d SET status = %s, claimed_at = %s
                FROM unnest(%s::bigint[], %s::date[]) AS w(user_id, period)
                WHERE d.user_id = w.user_id AND d.period = w.period AND d.frequency = %s
                  AND (d.status = %s OR (d.status = %s AND d.claimed_at < %s))
                RETURNING {", ".join("d." + column for column in _RETURNING.split(", "))}""",  # noqa: S608
                [
                    DigestStatus.SENDING,
                    claimed_at,
                    [u for u, _p in others],
                    [p for _u, p in others],
                    frequency,
                    DigestStatus.FAILED,
                    DigestStatus.SENDING,
                    claimed_at - STALE_CLAIM,
                ],
            )
            rows += cursor.fetchall()
    claimed = [
        (
            users[user_id],
            DigestDelivery(
                pk=pk,
                user_id=user_id,
                frequency=frequency,
                period=period,
                since=since,
                until=until,
                attempts=attempts,
            ),
        )
        for pk, user_id, period, since, until, attempts in rows
    ]
    claimed.sort(key=lambda pair: pair[0].pk)
    return claimed, skipped + len(wanted) - len(claimed)


def mark_sent(rows: list[DigestDelivery]) -> None:
    """One UPDATE per kind (final or not) for rows whose messages the server accepted."""
    moment = timezone.now()
    for is_final in (False, True):
        ids = [row.pk for row in rows if row.is_final == is_final]
        if ids:
            DigestDelivery.objects.filter(pk__in=ids).update(
                status=DigestStatus.SENT,
                sent_at=moment,
                attempts=F("attempts") + 1,
                is_final=is_final,
                last_error="",
            )


def record_failure(row: DigestDelivery, error: Exception) -> None:
    logger.warning("digest %s for member %s failed: %s", row.period, row.user_id, error)
    DigestDelivery.objects.filter(pk=row.pk).update(
        status=DigestStatus.FAILED, attempts=F("attempts") + 1, last_error=str(error)[:1000]
    )
