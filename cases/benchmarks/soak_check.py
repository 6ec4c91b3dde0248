"""The soak's data: its own database, the members and pages it uses, and what it checks after.

Reads the database directly (this process is connected to the soak's database once
``switch_database`` has run), never through the site under test.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone

from accounts.mail.models import EmailDelivery, EmailStatus
from accounts.models import Preferences, User
from accounts.permissions import PUBLIC
from cases.benchmarks.soak_load import Member, Site
from cases.models import Case, CaseStatus
from forums.mail.notification_emails import EMAILED_KINDS, wants_email
from forums.mail.notification_emails import KIND as NOTIFICATION_KIND
from forums.models import Category, Notification, Post, Thread, ThreadState
from forums.permissions import can_read_thread

_ORIGINAL: dict[str, str] = {}
_TOKEN = re.compile(r"Reference (soak[a-z]{12})")


def _use(name: str) -> None:
    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


def switch_database(name: str, *, posts: int = 0, drop: bool = False, stdout=None) -> None:
    """Create ``name`` afresh on the configured server, migrate and seed it, and connect this
    process to it; with ``drop``, connect back to the configured database and drop ``name``."""
    _ORIGINAL.setdefault("name", settings.DATABASES["default"]["NAME"])
    if name == _ORIGINAL["name"]:
        raise ValueError("the soak never runs in the configured database itself")
    if drop:
        _use(_ORIGINAL["name"])
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            cursor.execute(f'CREATE DATABASE "{name}"')
    if drop:
        return
    _use(name)
    call_command("migrate", verbosity=0, stdout=stdout)
    if stdout is not None:
        stdout.write(f"[{time.strftime('%H:%M:%S')}] migrated; seeding ...")
    call_command(
        "seed_bench",
        users=max(posts // 10, 300),
        threads=max(posts // 20, 100),
        posts=posts,
        cases=max(posts // 1000, 5),
        stdout=stdout,
    )


def database_url() -> str:
    """The soak database as a DATABASE_URL for the processes it starts."""
    db = settings.DATABASES["default"]
    auth = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or ""
    name = quote(db["NAME"], safe="")
    if host.startswith("/"):
        return f"postgres://{auth}@/{name}?host={quote(host, safe='/')}"
    return f"postgres://{auth}@{host}:{db.get('PORT') or 5432}/{name}"


def site_plan(*, port: int, members: int) -> tuple[Site, list[Member]]:
    """Pages to read and threads to reply in (public ones), and the members who sign in: the
    most prolific, so that none is a "new member" with tighter limits."""
    forums = list(
        Category.objects.filter(visibility=PUBLIC).order_by("-thread_count")[:5]
    )  # fmt: skip
    open_threads = Thread.objects.filter(
        category__visibility=PUBLIC, is_hidden=False, is_locked=False, is_case_discussion=False
    )
    read = list(open_threads.order_by("?")[:40])
    replies = list(open_threads.order_by("?")[:60])
    cases = Case.objects.filter(status=CaseStatus.PUBLISHED, is_hidden=False).order_by("?")[:5]
    site = Site(
        host="127.0.0.1",
        port=port,
        reads=["/", "/forums/", "/cases/"]
        + [forum.get_absolute_url() for forum in forums]
        + [thread.get_absolute_url() for thread in read],
        member_reads=[case.get_absolute_url() for case in cases],
        threads=[thread.get_absolute_url() for thread in replies],
        handles=[],
    )
    writers = (
        User.objects.filter(is_active=True, is_staff=False, email_verified=True)
        .annotate(written=Count("posts", filter=Q(posts__is_deleted=False)))
        .filter(written__gte=settings.ROUNDS_NEW_MEMBER_POSTS)
        .order_by("-written", "pk")[:members]
    )
    chosen = []
    for number, user in enumerate(writers):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        ip = f"10.{number // 250}.{number % 250}.2"
        chosen.append(Member(handle=user.handle, session=session, ip=ip))
    if len(chosen) < 2:
        raise ValueError("the seeded corpus has too few established members for a soak")
    site.handles = [member.handle for member in chosen]
    return site, chosen


def establish_members(members: list[Member]) -> None:
    """Established, verified members who want their mention and reply emails."""
    handles = [member.handle for member in members]
    users = User.objects.filter(handle__in=handles)
    users.update(
        date_joined=timezone.now() - timedelta(days=60),
        professional_verified_until=timezone.localdate() + timedelta(days=365),
    )
    for user in users:
        Preferences.objects.update_or_create(
            user=user, defaults={"email_on_mention": True, "email_on_reply": True}
        )


@dataclass
class Kept:
    once: int
    missing: int
    doubled: int


def posts_kept(tokens: list[str]) -> Kept:
    """Each accepted reply's token, counted in the posts table."""
    found = Counter(
        match
        for source in Post.objects.filter(source__contains="Reference soak").values_list(
            "source", flat=True
        )
        for match in _TOKEN.findall(source)
    )
    return Kept(
        once=sum(1 for token in tokens if found[token] == 1),
        missing=sum(1 for token in tokens if found[token] == 0),
        doubled=sum(1 for token in tokens if found[token] > 1),
    )


@dataclass
class Delivered:
    due: int
    received: int  # notifications carried by the messages at the sink (a batch carries several)
    messages: int
    read_first: int  # read on the site before their email went: the site sends none (batching)
    once: int
    missing: int
    extra: int
    unsent: int


def _due(since: datetime) -> list[Notification]:
    """The soak replies' notifications that the site should email (the rules of
    forums.mail.notification_emails: an active, verified recipient who wants it and may
    read the thread)."""
    rows = (
        Notification.objects.filter(
            created_at__gte=since,
            kind__in=EMAILED_KINDS,
            post__source__contains="Reference soak",
        )
        .select_related("recipient", "thread__category", "post")
        .order_by("pk")
    )
    due = []
    for notification in rows:
        member = notification.recipient
        prefs = Preferences.objects.filter(user=member).first() or Preferences.defaults_for(member)
        if not (member.is_active and member.email_verified and member.email):
            continue
        if not wants_email(notification, prefs) or not can_read_thread(member, notification.thread):
            continue
        if not notification.thread.hidden_by_case:
            due.append(notification)
    return due


def delivered_once(sink, *, since: float, wait: float) -> Delivered:
    """Wait (up to ``wait`` s) for the worker to send every due email, then count at the sink
    how many messages carried each due notification (``X-Rounds-Notifications``: a batch email
    carries several)."""
    moment = datetime.fromtimestamp(since, tz=UTC)
    due = _due(moment)
    ids = [notification.pk for notification in due]
    sent_rows = EmailDelivery.objects.filter(
        kind=NOTIFICATION_KIND, object_id__in=ids, status=EmailStatus.SENT
    )
    deadline = time.monotonic() + wait
    last = -1
    while time.monotonic() < deadline:
        if sent_rows.count() == len(ids) and sink.count() == last:
            break  # all sent, and nothing more arrived in the last round
        last = sink.count()
        time.sleep(2)
    sent_ids = set(sent_rows.values_list("object_id", flat=True))
    received = sink.notification_ids()
    # A mention the member read on the site while its email waited is not emailed (issue 23's
    # batching): not due after all, if nothing went and the member has read past its post.
    read_first = _read_on_the_site(
        [n for n in due if n.pk not in sent_ids and n.pk not in received]
    )
    due = [n for n in due if n.pk not in read_first]
    ids = [n.pk for n in due]
    keys = set(ids) | set(received)
    expected = Counter(ids)
    return Delivered(
        due=len(due),
        received=sum(received.values()),
        messages=sink.count(),
        once=sum(min(expected[k], received.get(k, 0)) for k in keys),
        missing=sum(max(expected[k] - received.get(k, 0), 0) for k in keys),
        extra=sum(max(received.get(k, 0) - expected[k], 0) for k in keys),
        unsent=len(set(ids) - sent_ids),
        read_first=len(read_first),
    )


def _read_on_the_site(notifications: list[Notification]) -> set[int]:
    """Those of ``notifications`` whose recipient has read the thread past the post."""
    if not notifications:
        return set()
    positions = {
        (user_id, thread_id): number
        for user_id, thread_id, number in ThreadState.objects.filter(
            user_id__in={n.recipient_id for n in notifications},
            thread_id__in={n.thread_id for n in notifications},
        ).values_list("user_id", "thread_id", "last_read_number")
    }
    return {
        n.pk
        for n in notifications
        if n.post is not None and positions.get((n.recipient_id, n.thread_id), 0) >= n.post.number
    }
