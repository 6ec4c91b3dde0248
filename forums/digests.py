"""Email digests: build one member's digest, and send a frequency's digests through the ledger.

``build_digest`` reads only what the member may see (``Thread.objects.visible_to``; other apps
add sections through ``register_digest_section``, owning their own permission checks), and
returns None when there is nothing new, so nobody gets an empty email.

``send_digests`` is the one sending path (the Celery task, the beat schedule and the
``send_digests`` command all call it). Each member's digest for a period is claimed in the
``DigestDelivery`` ledger before it is built and marked sent only once the SMTP server took it:
a rerun, a second beat or a retried task finds the row and sends nothing; a failed or abandoned
claim (a worker killed mid-batch) is picked up again by the next run.

``cases`` registers its section in ``CasesConfig.ready``::

    from forums.digests import register_digest_section
    register_digest_section("cases", "cases/email/digest_cases", new_cases_for_digest)

A provider takes ``(user, since, until)`` and returns a list of items for its template (a case
appears by title, specialty and link only), or an empty list.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import chain
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import DigestFrequency, Preferences, User
from accounts.permissions import visible_forum_levels
from accounts.selectors import digest_recipients
from accounts.unsubscribe import unsubscribe_headers, unsubscribe_url
from forums.models import (
    CategoryFollow,
    DigestDelivery,
    DigestStatus,
    Notification,
    TagFollow,
    Thread,
    ThreadState,
    WatchLevel,
)

logger = logging.getLogger(__name__)

# Members who have not signed in for this long stop getting digests; the last one says so.
INACTIVE_AFTER = timedelta(days=180)
# A claim older than this belongs to a worker that died mid-batch: the next run takes it over.
STALE_CLAIM = timedelta(minutes=15)
# Items per section: a digest is a pointer to the site, not a copy of it.
SECTION_LIMIT = 10
BATCH_SIZE = 200
PERIOD_LENGTH = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(7)}

SectionProvider = Callable[[User, datetime, datetime], list]
_sections: list[tuple[str, str, SectionProvider]] = []


def register_digest_section(name: str, template: str, provider: SectionProvider) -> None:
    """``template`` is a prefix: ``<template>.html`` and ``<template>.txt`` render the items."""
    if not any(existing == name for existing, _t, _p in _sections):
        _sections.append((name, template, provider))


@dataclass
class Digest:
    user: User
    since: datetime
    until: datetime
    new_threads: list[Thread] = field(default_factory=list)
    watched: list[Thread] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    unread_count: int = 0
    active: list[Thread] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    is_final: bool = False

    @property
    def has_news(self) -> bool:
        """Most active threads alone are not news for this member: they would fill every inbox."""
        return bool(
            self.new_threads
            or self.watched
            or self.unread_count
            or any(section["items"] for section in self.sections)
        )


# --- Building -----------------------------------------------------------------------------


def _last_seen(user: User) -> datetime:
    return user.last_login or user.date_joined


def is_inactive(user: User, *, now: datetime) -> bool:
    return _last_seen(user) < now - INACTIVE_AFTER


def build_digest(
    user: User,
    *,
    since: datetime,
    until: datetime,
    active_cache: dict | None = None,
) -> Digest | None:
    """What is new for ``user`` in (since, until], only what they may see; None if nothing.

    ``active_cache`` lets a batch compute the most active threads once per visibility level.
    """
    visible = Thread.objects.visible_to(user)
    window = Q(created_at__gt=since, created_at__lte=until)
    followed = Q(category__in=CategoryFollow.objects.filter(user=user).values("category_id")) | Q(
        tags__in=TagFollow.objects.filter(user=user).values("tag_id")
    )
    new_threads = list(
        visible.filter(window, followed)
        .exclude(author=user)
        .select_related("category")
        .distinct()
        .order_by("-created_at")[:SECTION_LIMIT]
    )
    new_ids = {thread.pk for thread in new_threads}
    watched = [
        thread
        for thread in visible.filter(
            pk__in=ThreadState.objects.filter(user=user, level=WatchLevel.WATCHING).values(
                "thread_id"
            ),
        )
        .annotate(
            new_posts=Count(
                "posts",
                filter=Q(
                    posts__created_at__gt=since,
                    posts__created_at__lte=until,
                    posts__is_hidden=False,
                    posts__is_deleted=False,
                )
                & ~Q(posts__author=user),
            )
        )
        .filter(new_posts__gt=0)
        .select_related("category")
        .order_by("-last_posted_at")[:SECTION_LIMIT]
        if thread.pk not in new_ids
    ]
    unread = (
        Notification.objects.filter(recipient=user, is_read=False, updated_at__gt=since)
        .filter(thread__in=visible)
        .select_related("actor", "thread")
    )
    notifications = list(unread[:SECTION_LIMIT])
    unread_count = len(notifications) if len(notifications) < SECTION_LIMIT else unread.count()
    sections = [
        {"name": name, "template": template, "items": items}
        for name, template, provider in _sections
        if (items := provider(user, since, until))
    ]
    digest = Digest(
        user=user,
        since=since,
        until=until,
        new_threads=new_threads,
        watched=watched,
        notifications=notifications,
        unread_count=unread_count,
        sections=sections,
        is_final=is_inactive(user, now=until),
    )
    if not digest.has_news and not digest.is_final:
        return None
    digest.active = _most_active(user, since=since, until=until, cache=active_cache)
    return digest


def _most_active(user: User, *, since: datetime, until: datetime, cache: dict | None) -> list:
    key = tuple(visible_forum_levels(user))
    if cache is not None and key in cache:
        return cache[key]
    active = list(
        Thread.objects.visible_to(user)
        .annotate(
            recent=Count(
                "posts",
                filter=Q(
                    posts__created_at__gt=since,
                    posts__created_at__lte=until,
                    posts__is_hidden=False,
                    posts__is_deleted=False,
                ),
            )
        )
        .filter(recent__gt=0, last_posted_at__gt=since)
        .select_related("category")
        .order_by("-recent", "-last_posted_at")[:5]
    )
    if cache is not None:
        cache[key] = active
    return active


def render_digest(digest: Digest, *, frequency: str) -> EmailMultiAlternatives:
    """The message, with HTML and text parts and the one-click unsubscribe headers."""
    user = digest.user
    context = {
        "digest": digest,
        "member": user,
        "frequency": frequency,
        "SITE_NAME": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url(user),
        "preferences_url": f"{settings.SITE_URL}/settings/preferences/",
    }
    prefix = "forums/email/digest"
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        render_to_string(f"{prefix}_message.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers=unsubscribe_headers(user),
    )
    message.attach_alternative(render_to_string(f"{prefix}_message.html", context), "text/html")
    return message


# --- Sending ------------------------------------------------------------------------------


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


def _preferences(user: User) -> Preferences:
    try:
        return user.preferences
    except Preferences.DoesNotExist:
        return Preferences.defaults_for(user)


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


def due_members(frequency: str, *, now: datetime) -> Iterator[tuple[User, date]]:
    """Members whose local hour is their chosen digest hour at ``now``, with their period.

    A weekly member is due at their hour every day; the ledger lets only the first send of the
    week through, so a missed Monday (beat down) is made up on Tuesday.
    """
    for user in digest_recipients(frequency=frequency).iterator(chunk_size=2000):
        prefs = _preferences(user)
        local = _local_now(prefs, now)
        if local.hour == prefs.digest_hour:
            yield user, digest_period(frequency, local)


def retry_members(frequency: str, *, now: datetime) -> Iterator[tuple[User, date]]:
    """Members whose digest for a recent period failed or was abandoned mid-batch: each run
    (hourly from the beat) tries them again, whatever their hour, so a long SMTP outage delays
    digests but loses none."""
    rows = (
        DigestDelivery.objects.filter(
            Q(status=DigestStatus.FAILED)
            | Q(status=DigestStatus.SENDING, claimed_at__lt=now - STALE_CLAIM),
            frequency=frequency,
            until__gt=now - PERIOD_LENGTH[frequency],
        )
        .select_related("user")
        .order_by("pk")
    )
    for row in rows:
        if row.user.is_active:
            yield row.user, row.period


def _claim(user: User, *, frequency: str, period: date, now: datetime) -> DigestDelivery | None:
    """Take the ledger row for this member and period, or None when another run owns it or it
    is done. Claiming is one INSERT or one conditional UPDATE, so two runs never both win."""
    last = (
        DigestDelivery.objects.filter(user=user, status__in=[DigestStatus.SENT, DigestStatus.EMPTY])
        .order_by("-until")
        .values_list("until", "is_final")
        .first()
    )
    if last and last[1] and _last_seen(user) < last[0]:
        return None  # the final digest went out: no more until the member comes back
    since = last[0] if last else now - PERIOD_LENGTH[frequency]
    row, created = DigestDelivery.objects.get_or_create(
        user=user,
        frequency=frequency,
        period=period,
        defaults={"status": DigestStatus.SENDING, "since": since, "until": now, "claimed_at": now},
    )
    if created:
        return row
    retake = Q(status=DigestStatus.FAILED) | Q(
        status=DigestStatus.SENDING, claimed_at__lt=timezone.now() - STALE_CLAIM
    )
    taken = DigestDelivery.objects.filter(retake, pk=row.pk).update(
        status=DigestStatus.SENDING, claimed_at=timezone.now()
    )
    if not taken:
        return None
    row.refresh_from_db()
    return row


def send_digests(frequency: str, *, now: datetime | None = None, progress=None) -> DigestRun:
    """Send the ``frequency`` digests due at ``now`` (default: this hour). Idempotent.

    Messages go out in batches of ``BATCH_SIZE`` over one SMTP connection per batch. A message
    the server refuses is recorded as failed (attempts, error) and retried by the next run.
    ``progress`` (optional) is called with the running ``DigestRun`` after each batch.
    """
    now = now or timezone.now()
    run = DigestRun()
    batch: list[tuple[DigestDelivery, EmailMultiAlternatives]] = []
    active_cache: dict = {}
    seen: set[tuple[int, date]] = set()
    for user, period in chain(due_members(frequency, now=now), retry_members(frequency, now=now)):
        if (user.pk, period) in seen:
            continue
        seen.add((user.pk, period))
        row = _claim(user, frequency=frequency, period=period, now=now)
        if row is None:
            run.skipped += 1
            continue
        with translation.override(settings.LANGUAGE_CODE):
            digest = build_digest(user, since=row.since, until=row.until, active_cache=active_cache)
            if digest is None:
                DigestDelivery.objects.filter(pk=row.pk).update(status=DigestStatus.EMPTY)
                run.empty += 1
                continue
            row.is_final = digest.is_final
            batch.append((row, render_digest(digest, frequency=frequency)))
        if len(batch) >= BATCH_SIZE:
            _deliver(batch, run)
            batch = []
            if progress:
                progress(run)
    if batch:
        _deliver(batch, run)
    if progress:
        progress(run)
    return run


def _deliver(batch: list[tuple[DigestDelivery, EmailMultiAlternatives]], run: DigestRun) -> None:
    """Send each message over one connection and record each outcome in the ledger."""
    connection = mail.get_connection(fail_silently=False)
    try:
        connection.open()
    except OSError as error:  # the server is down: every message in the batch waits for a retry
        for row, _message in batch:
            _record_failure(row, error)
            run.failed += 1
        return
    try:
        for row, message in batch:
            message.connection = connection
            try:
                message.send()
            except (OSError, mail.BadHeaderError) as error:  # smtplib errors are OSErrors
                _record_failure(row, error)
                run.failed += 1
                continue
            DigestDelivery.objects.filter(pk=row.pk).update(
                status=DigestStatus.SENT,
                sent_at=timezone.now(),
                attempts=row.attempts + 1,
                is_final=row.is_final,
                last_error="",
            )
            run.sent += 1
    finally:
        connection.close()


def _record_failure(row: DigestDelivery, error: Exception) -> None:
    logger.warning("digest %s for member %s failed: %s", row.period, row.user_id, error)
    DigestDelivery.objects.filter(pk=row.pk).update(
        status=DigestStatus.FAILED, attempts=row.attempts + 1, last_error=str(error)[:1000]
    )
