"""Email digests: build the digests of a batch of members, and send a frequency's digests
through the ledger.

The work is done per batch of ``BATCH_SIZE`` members, never per member: one set of queries
reads what the whole batch follows and what is new in it, and each member's digest is then
picked out in Python through the permission functions (``forums.permissions.can_read_thread``;
sections other apps add through ``register_digest_section`` own their checks). So the queries
per digest are a constant divided by the batch size, whatever the number of members. A member
with nothing new gets no email.

``send_digests`` is the one sending path (the Celery task, the beat schedule and the
``send_digests`` command all call it). Each member's digest for a period is claimed in the
``DigestDelivery`` ledger before it is built and marked sent once the SMTP server took it:
a rerun, a second beat or a retried task finds the row and sends nothing; a failed or abandoned
claim (a worker killed mid-batch) is picked up again by the next run.

``cases`` registers its section in ``CasesConfig.ready``::

    from forums.digests import register_digest_section
    register_digest_section("cases", "cases/email/digest_cases", new_cases_for_digests)

A provider takes the batch's ``Window`` list and returns ``{user id: [items]}`` for its
template (the cases section counts new cases per specialty, with a link: no case's title leaves
the site); members without items may be left out.
"""

from __future__ import annotations

import logging
import uuid
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import chain, islice
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.db.models import Count, F, Q
from django.template.loader import get_template
from django.utils import timezone, translation

from accounts.models import DigestFrequency, Preferences, User
from accounts.permissions import is_moderator, visible_forum_levels
from accounts.selectors import digest_recipients
from accounts.unsubscribe import unsubscribe_links
from forums.emails import CASE_DISCUSSION, thread_url
from forums.models import (
    CategoryFollow,
    DigestDelivery,
    DigestStatus,
    Notification,
    Post,
    TagFollow,
    Thread,
    ThreadState,
    WatchLevel,
)
from forums.permissions import can_read_thread, listed_in_levels

logger = logging.getLogger(__name__)

# Members who have not signed in for this long stop getting digests; the last one says so.
INACTIVE_AFTER = timedelta(days=180)
# A claim older than this belongs to a worker that died mid-batch: the next run takes it over.
STALE_CLAIM = timedelta(minutes=15)
# Items per section: a digest is a pointer to the site, not a copy of it.
SECTION_LIMIT = 10
# Members per batch: one set of queries and one SMTP connection each. Bigger batches mean fewer
# queries per digest but more memory and more work redone when a worker dies mid-batch.
BATCH_SIZE = 500
# Sent digests are marked in the ledger this many at a time (one UPDATE): a worker killed
# between the SMTP server's "250 OK" and that UPDATE re-sends at most this many.
MARK_EVERY = 20
PERIOD_LENGTH = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(7)}
# A digest looks back at most this far, however long ago the last one went (a member who paused
# digests for a year gets what is recent, not a year's catalogue). It also bounds what one
# batch reads.
LOOKBACK = {DigestFrequency.DAILY: timedelta(days=7), DigestFrequency.WEEKLY: timedelta(days=28)}


@dataclass(frozen=True)
class Window:
    """One member's digest covers (since, until]."""

    user: User
    since: datetime
    until: datetime

    def covers(self, moment: datetime) -> bool:
        return self.since < moment <= self.until


SectionProvider = Callable[[list[Window]], dict[int, list]]
_sections: list[tuple[str, str, SectionProvider]] = []


def register_digest_section(name: str, template: str, provider: SectionProvider) -> None:
    """``template`` is a prefix: ``<template>.html`` and ``<template>.txt`` render the items."""
    if not any(existing == name for existing, _t, _p in _sections):
        _sections.append((name, template, provider))


@dataclass(frozen=True)
class Item:
    """A line of a digest: a title, an absolute link, a label (the forum, the specialty) and a
    count if any. Plain values, so a batch builds each link once and templates only print."""

    title: str
    url: str
    label: str = ""
    count: int = 0


@dataclass
class Digest:
    user: User
    since: datetime
    until: datetime
    new_threads: list[Item] = field(default_factory=list)
    watched: list[Item] = field(default_factory=list)
    unread_count: int = 0
    active: list[Item] = field(default_factory=list)
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


def _item(thread: Thread, count: int = 0) -> Item:
    """A thread's line. A case's discussion is named for what it is, never by its title (the
    case's title), and linked without its slug (the title again): ``forums.emails.thread_url``."""
    return Item(
        title=str(CASE_DISCUSSION) if thread.is_case_discussion else thread.title,
        url=thread_url(thread),
        label=thread.category.name,
        count=count,
    )


def _pairs(queryset) -> dict[int, set[int]]:
    """``(user id, other id)`` rows as {user id: {other ids}}."""
    found: dict[int, set[int]] = defaultdict(set)
    for user_id, other_id in queryset:
        found[user_id].add(other_id)
    return found


def build_digests(windows: list[Window], *, active_cache: dict | None = None) -> dict[int, Digest]:
    """The digests of a batch of members, by user id, each holding only what that member may
    see in their window; members with nothing new (and not due a final digest) are left out.

    A constant number of queries for the whole batch: follows (2), new threads (2), watched
    threads and their new posts (3), unread notifications (1), each registered section (its
    own, usually 1-2), the most active threads (1 per visibility level, cached in
    ``active_cache`` across batches).
    """
    if not windows:
        return {}
    user_ids = [w.user.pk for w in windows]
    low = min(w.since for w in windows)
    high = max(w.until for w in windows)
    levels = set(chain.from_iterable(visible_forum_levels(w.user) for w in windows))
    # The threads listed at any of the batch's levels; each member's by ``can_read`` below.
    readable = Thread.objects.filter(listed_in_levels(levels))

    # Forums and tags the batch follows, and the new threads in them.
    forums = _pairs(
        CategoryFollow.objects.filter(user_id__in=user_ids).values_list("user_id", "category_id")
    )
    tags = _pairs(TagFollow.objects.filter(user_id__in=user_ids).values_list("user_id", "tag_id"))
    all_forums = set(chain.from_iterable(forums.values()))
    all_tags = set(chain.from_iterable(tags.values()))
    threads: dict[int, Thread] = {}
    thread_tags: dict[int, set[int]] = defaultdict(set)
    if all_forums or all_tags:
        tagged_item = Thread.tags.through
        thread_type = ContentType.objects.get_for_model(Thread)
        tagged = tagged_item.objects.filter(content_type=thread_type, tag_id__in=all_tags)
        threads = {
            thread.pk: thread
            # New cases are the cases section's, by specialty: their discussions open with them.
            for thread in readable.filter(created_at__gt=low, created_at__lte=high)
            .filter(is_case_discussion=False)
            .filter(Q(category_id__in=all_forums) | Q(pk__in=tagged.values("object_id")))
            .select_related("category")
            .order_by("-created_at")
        }
        if all_tags and threads:
            for thread_id, tag_id in tagged.filter(object_id__in=list(threads)).values_list(
                "object_id", "tag_id"
            ):
                thread_tags[thread_id].add(tag_id)
    new_threads = list(threads.values())  # newest first

    # Replies in watched threads: (thread, author, moment) of every new post, counted per member.
    watching = _pairs(
        ThreadState.objects.filter(user_id__in=user_ids, level=WatchLevel.WATCHING).values_list(
            "user_id", "thread_id"
        )
    )
    posts_by_thread: dict[int, list[tuple[int | None, datetime]]] = defaultdict(list)
    watched_ids = set(chain.from_iterable(watching.values()))
    if watched_ids:
        for thread_id, author_id, created in (
            Post.objects.filter(
                thread_id__in=watched_ids,
                created_at__gt=low,
                created_at__lte=high,
                is_hidden=False,
                is_deleted=False,
            )
            .order_by()
            .values_list("thread_id", "author_id", "created_at")
        ):
            posts_by_thread[thread_id].append((author_id, created))

    # Unread notifications, counted per member and thread in SQL (the digest links to the
    # inbox). Members of a batch mostly share their ``since`` (the last run's moment), so one
    # condition per distinct ``since`` keeps each member's own window.
    by_since: dict[datetime, list[int]] = defaultdict(list)
    for window in windows:
        by_since[window.since].append(window.user.pk)
    in_window = Q()
    for since, members in by_since.items():
        in_window |= Q(recipient_id__in=members, updated_at__gt=since)
    unread = list(
        Notification.objects.filter(in_window, is_read=False)
        .order_by()
        .values_list("recipient_id", "thread_id")
        .annotate(count=Count("pk"))
    )
    wanted = (set(posts_by_thread) | {thread_id for _r, thread_id, _n in unread}) - set(threads)
    if wanted:
        threads.update(readable.filter(pk__in=wanted).select_related("category").in_bulk())
    unread_by_user: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for recipient_id, thread_id, count in unread:
        unread_by_user[recipient_id].append((thread_id, count))

    sections = [(name, template, provider(windows) or {}) for name, template, provider in _sections]

    items: dict[int, Item] = {}  # each thread's line, built once for the batch

    def item(thread: Thread) -> Item:
        if thread.pk not in items:
            items[thread.pk] = _item(thread)
        return items[thread.pk]

    readable_by = _ReadCache()
    digests: dict[int, Digest] = {}
    for window in windows:
        user = window.user
        uid = user.pk
        can_read = readable_by.reader(user)
        my_forums, my_tags = forums.get(uid, set()), tags.get(uid, set())
        mine = []
        for thread in new_threads:  # newest first: stop at the section's limit
            if (
                window.covers(thread.created_at)
                and thread.author_id != uid
                and (thread.category_id in my_forums or thread_tags.get(thread.pk, set()) & my_tags)
                and can_read(thread)
            ):
                mine.append(thread)
                if len(mine) == SECTION_LIMIT:
                    break
        new_ids = {thread.pk for thread in mine}
        watched = []
        for thread_id in watching.get(uid, ()):
            thread = threads.get(thread_id)
            if thread is None or thread_id in new_ids or not can_read(thread):
                continue
            count = sum(
                1
                for author_id, created in posts_by_thread.get(thread_id, ())
                if author_id != uid and window.covers(created)
            )
            if count:
                watched.append((thread, count))
        watched.sort(key=lambda pair: pair[0].last_posted_at, reverse=True)
        unread_count = sum(
            count
            for thread_id, count in unread_by_user.get(uid, ())
            if thread_id in threads and can_read(threads[thread_id])
        )
        digest = Digest(
            user=user,
            since=window.since,
            until=window.until,
            new_threads=[item(thread) for thread in mine],
            watched=[
                replace(item(thread), count=count) for thread, count in watched[:SECTION_LIMIT]
            ],
            unread_count=unread_count,
            sections=[
                {"name": name, "template": template, "items": found[uid]}
                for name, template, found in sections
                if found.get(uid)
            ],
            is_final=is_inactive(user, now=window.until),
        )
        if not digest.has_news and not digest.is_final:
            continue
        digest.active = _most_active(
            user, since=window.since, until=window.until, cache=active_cache
        )
        digests[uid] = digest
    return digests


class _ReadCache:
    """``can_read_thread`` answers, shared by the members of a batch who read alike.

    ``forums.permissions.can_read_thread`` depends on the member only through the forum levels
    they may read and whether they moderate (and authorship, for threads hidden with their case,
    which ``readable`` leaves out); members with the same pair get the same answer, so
    it is asked once per pair and thread instead of once per member and thread.
    """

    def __init__(self) -> None:
        self._answers: dict[tuple, bool] = {}

    def reader(self, user: User) -> Callable[[Thread], bool]:
        key = (tuple(visible_forum_levels(user)), is_moderator(user))

        def can_read(thread: Thread) -> bool:
            found = self._answers.get((key, thread.pk))
            if found is None:
                found = self._answers[key, thread.pk] = can_read_thread(user, thread)
            return found

        return can_read


def _most_active(user: User, *, since: datetime, until: datetime, cache: dict | None) -> list:
    key = tuple(visible_forum_levels(user))
    if cache is not None and key in cache:
        return cache[key]
    active = [
        _item(thread)
        # Not case discussions: shared by the whole batch, and nameless they say nothing.
        for thread in Thread.objects.visible_to(user)
        .filter(is_case_discussion=False)
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
    ]
    if cache is not None:
        cache[key] = active
    return active


_TEMPLATE_PREFIX = "forums/email/digest"


class _DigestMessage(EmailMultiAlternatives):
    """Sets its MIME boundary itself. Left unset, the standard library's generator picks a
    random one and compiles a regular expression for it to search the parts, once per
    message: a quarter of the cost of turning a digest into bytes."""

    def message(self, *args, **kwargs):
        msg = super().message(*args, **kwargs)
        if msg.is_multipart():
            parts = [self.body, *(content for content, _type in self.alternatives)]
            boundary = f"=={uuid.uuid4().hex}=="
            while any(boundary in part for part in parts):  # astronomically unlikely
                boundary = f"=={uuid.uuid4().hex}=="
            msg.set_boundary(boundary)
        return msg


class DigestRenderer:
    """Renders digests with templates looked up and compiled once (per renderer, i.e. per
    run): the per-digest cost is rendering, not finding and parsing templates."""

    def __init__(self, *, frequency: str) -> None:
        self.frequency = frequency
        self.subject = get_template(f"{_TEMPLATE_PREFIX}_subject.txt")
        self.text = get_template(f"{_TEMPLATE_PREFIX}_message.txt")
        self.html = get_template(f"{_TEMPLATE_PREFIX}_message.html")
        self._sections: dict[str, Any] = {}
        self.preferences_url = f"{settings.SITE_URL}/settings/preferences/"

    def _section_templates(self, name: str) -> tuple[Any, Any]:
        if name not in self._sections:
            self._sections[name] = (get_template(f"{name}.html"), get_template(f"{name}.txt"))
        return self._sections[name]

    def render(self, digest: Digest) -> EmailMultiAlternatives:
        """The message, with HTML and text parts and the one-click unsubscribe headers."""
        user = digest.user
        url, headers = unsubscribe_links(user)
        sections = [
            {**section, "html": pair[0], "text": pair[1]}
            for section in digest.sections
            for pair in [self._section_templates(section["template"])]
        ]
        context = {
            "digest": digest,
            "sections": sections,
            "member": user,
            "frequency": self.frequency,
            "SITE_NAME": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": url,
            "preferences_url": self.preferences_url,
        }
        subject = " ".join(self.subject.render(context).split())
        message = _DigestMessage(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            self.text.render(context),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            headers=headers,
        )
        message.attach_alternative(self.html.render(context), "text/html")
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
        prefs = _preferences(user)
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


def _batches(pairs: Iterable[tuple[User, date]], size: int) -> Iterator[list[tuple[User, date]]]:
    seen: set[tuple[int, date]] = set()
    unique = (
        pair
        for pair in pairs
        if (pair[0].pk, pair[1]) not in seen and not seen.add((pair[0].pk, pair[1]))
    )
    while batch := list(islice(unique, size)):
        yield batch


_RETURNING = "id, user_id, period, since, until, attempts"


def _claim_batch(
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
        if is_final and _last_seen(user) < until:
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
    error) and retried by the next run. ``progress`` (optional) is called with the running
    ``DigestRun`` after each batch. ``shard``/``shards`` split the members between parallel
    runs (``due_members``).
    """
    now = now or timezone.now()
    run = DigestRun()
    active_cache: dict = {}
    renderer = DigestRenderer(frequency=frequency)
    members = chain(
        due_members(frequency, now=now, shard=shard, shards=shards),
        retry_members(frequency, now=now, shard=shard, shards=shards),
    )
    for batch in _batches(members, BATCH_SIZE):
        claimed, skipped = _claim_batch(batch, frequency=frequency, now=now)
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


def _deliver(batch: list[tuple[DigestDelivery, EmailMultiAlternatives]], run: DigestRun) -> None:
    """Send each message over one connection and record each outcome in the ledger: the sent
    ones ``MARK_EVERY`` at a time, and whatever was sent when anything interrupts the batch."""
    connection = mail.get_connection(fail_silently=False)
    try:
        connection.open()
    except OSError as error:  # the server is down: every message in the batch waits for a retry
        for row, _message in batch:
            _record_failure(row, error)
            run.failed += 1
        return
    sent: list[DigestDelivery] = []
    try:
        for row, message in batch:
            message.connection = connection
            try:
                message.send()
            except (OSError, mail.BadHeaderError) as error:  # smtplib errors are OSErrors
                _record_failure(row, error)
                run.failed += 1
                continue
            sent.append(row)
            run.sent += 1
            if len(sent) >= MARK_EVERY:
                _mark_sent(sent)
                sent = []
    finally:
        _mark_sent(sent)
        connection.close()


def _mark_sent(rows: list[DigestDelivery]) -> None:
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


def _record_failure(row: DigestDelivery, error: Exception) -> None:
    logger.warning("digest %s for member %s failed: %s", row.period, row.user_id, error)
    DigestDelivery.objects.filter(pk=row.pk).update(
        status=DigestStatus.FAILED, attempts=F("attempts") + 1, last_error=str(error)[:1000]
    )
