"""Immediate notification emails: a mention, a quote, a reply in my thread, or a badge earned,
per the member's preferences (``email_on_mention``, ``email_on_reply``, ``email_on_badge``),
batched.

``forums.notifications`` calls ``queue_notification_emails`` with the new rows; after the
commit the task ``forums.send_notification_emails`` runs ``NOTIFICATION_EMAIL_WINDOW`` seconds
later (default 10 minutes) and calls ``send_notification_emails`` with their IDs. For each of
their recipients it takes every notification still waiting for an email (not in the ledger, at
most ``LOOKBACK`` old, none made after ``now``), leaves out what the member has read on the site
meanwhile (the notification, or the thread past that post: ``ThreadState.last_read_number``),
and sends the rest as one email. The email claims each notification's ledger row
(``accounts.mail.ledger.OnceBatch``, kind ``forums.notification``), so a notification goes in
one email only, whichever task reaches it first; the tasks of the others find nothing left.

Emails carry an excerpt of the post where emails may quote it (``forums.mail.excerpts``):
forums everyone or every member reads. A case's discussion is named for what it is ("@x
replied in the discussion of your case"), linked without its slug (``forums.mail.links``) and
never quoted; while the case is hidden (``Thread.hidden_by_case``) nothing about it is sent.
A single forum thread's email can be answered by email (``forums.mail.replies``).
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.mail.compose import Composer, Message
from accounts.mail.ledger import OnceBatch, send_once
from accounts.mail.models import EmailDelivery, EmailStatus
from accounts.mail.recipients import preferences_of
from accounts.models import FollowLevel, MemberFollow, Preferences, User
from accounts.outbox import queue_after_commit
from forums.mail.excerpts import excerpt
from forums.mail.links import thread_url
from forums.mail.replies import reply_address
from forums.models import Notification, NotificationKind, Thread, ThreadState
from forums.permissions import can_read_thread
from forums.recognition.badges import BADGES

EMAILED_KINDS = {
    NotificationKind.MENTION,
    NotificationKind.REPLY,
    NotificationKind.QUOTE,
    # only to followers who chose email for that member (``wants_email``)
    NotificationKind.FOLLOWED,
    # a badge earned (forums.recognition): no thread, named by the badge alone
    NotificationKind.BADGE,
}
KIND = "forums.notification"  # the ledger's kind: one row per notification
# A notification older than this when its task runs is left to the digest (a worker that was
# down for days does not flood inboxes with stale news).
LOOKBACK = timedelta(days=2)
_AUTHOR_ONLY = {NotificationKind.REPLY, NotificationKind.QUOTE}


def queue_notification_emails(notifications: Iterable[Notification]) -> None:
    """After the commit, hand the IDs of the notifications that may need an email to the task,
    to run once the batching window has passed."""
    # A reply or quote is emailed to the thread's author only (``wants_email``): the other
    # watchers' rows need no task.
    notifications = list(notifications)
    authors = _thread_authors(notifications)
    ids = [
        n.pk
        for n in notifications
        if n.kind in EMAILED_KINDS
        and (
            n.kind not in _AUTHOR_ONLY
            or (n.thread_id is not None and authors.get(n.thread_id) == n.recipient_id)
        )
    ]
    if ids:
        queue_after_commit(
            "forums.send_notification_emails", ids, countdown=settings.NOTIFICATION_EMAIL_WINDOW
        )


def _thread_authors(notifications: list[Notification]) -> dict[int, int | None]:
    """The author of each reply's or quote's thread, by thread ID: from the thread a row
    carries (the posting services make their rows with it), else one query for the rest, so
    rows loaded without their thread cost one query together, not one each."""
    authors: dict[int, int | None] = {}
    unloaded = set()
    for n in notifications:
        if n.kind not in _AUTHOR_ONLY or n.thread_id is None:
            continue
        if Notification.thread.is_cached(n):
            authors[n.thread_id] = n.thread.author_id if n.thread is not None else None
        else:
            unloaded.add(n.thread_id)
    unloaded -= authors.keys()
    if unloaded:
        authors.update(Thread.objects.filter(pk__in=unloaded).values_list("pk", "author_id"))
    return authors


def wants_email(notification: Notification, prefs: Preferences) -> bool:
    if notification.kind == NotificationKind.MENTION:
        return prefs.email_on_mention
    if notification.kind == NotificationKind.BADGE:
        return prefs.email_on_badge
    if notification.kind == NotificationKind.FOLLOWED:
        # The follower's choice for this member (one query, in the task, for these rare rows).
        return MemberFollow.objects.filter(
            follower_id=notification.recipient_id,
            followed_id=notification.actor_id,
            level=FollowLevel.EMAIL,
        ).exists()
    # A reply or quote emails only the thread's author ("replies to my threads").
    thread = notification.thread
    return bool(
        prefs.email_on_reply
        and thread is not None
        and thread.author_id == notification.recipient_id
    )


def waiting_for_email(recipients: Iterable[int], *, now: datetime) -> QuerySet[Notification]:
    """The notifications of ``recipients`` that still wait for an email, as far as SQL can tell
    (``_should_email`` checks each again): unread, younger than ``LOOKBACK``, not emailed yet,
    not read on the site meanwhile (the thread past its post), and wanted by email
    (``wants_email``: a mention, a reply or quote in the member's own thread, a followed
    member's new thread at the email level, a badge earned, as the member's preferences say).

    Only these: a member's notifications that will never be emailed (replies in threads they
    watch but did not start, mentions they read on the site) stay unread for days and grow with
    every reply, and a task that loaded them all held more memory each time (issue 20's soak:
    the workers' RSS doubled in ten minutes)."""
    return (
        Notification.objects.filter(
            recipient_id__in=recipients,
            kind__in=EMAILED_KINDS,
            is_read=False,
            created_at__gt=now - LOOKBACK,
            created_at__lte=now,
            recipient__is_active=True,
            recipient__email_verified=True,
        )
        .exclude(recipient__email="")
        .filter(_wanted_by_email())
        .exclude(
            Exists(
                ThreadState.objects.filter(
                    user_id=OuterRef("recipient_id"),
                    thread_id=OuterRef("thread_id"),
                    last_read_number__gte=OuterRef("post__number"),
                )
            )
        )
        .exclude(
            pk__in=EmailDelivery.objects.filter(
                kind=KIND, recipient_id__in=recipients, status=EmailStatus.SENT
            ).values("object_id")
        )
    )


def _chose(field: str) -> Q:
    """The recipient turned ``field`` of their preferences on, or keeps its default (on)."""
    chose = Q(**{f"recipient__preferences__{field}": True})
    if getattr(Preferences(), field):  # a member who never saved the page has the defaults
        chose |= Q(recipient__preferences__isnull=True)
    return chose


def _wanted_by_email() -> Q:
    """``wants_email`` in SQL."""
    follows_by_email = MemberFollow.objects.filter(
        follower_id=OuterRef("recipient_id"),
        followed_id=OuterRef("actor_id"),
        level=FollowLevel.EMAIL,
    )
    return (
        (Q(kind=NotificationKind.MENTION) & _chose("email_on_mention"))
        | (Q(kind=NotificationKind.BADGE) & _chose("email_on_badge"))
        | (Q(kind=NotificationKind.FOLLOWED) & Q(Exists(follows_by_email)))
        | (
            Q(kind__in=[NotificationKind.REPLY, NotificationKind.QUOTE])
            & Q(thread__author_id=F("recipient_id"))
            & _chose("email_on_reply")
        )
    )


@dataclass(frozen=True)
class Line:
    """One notification as an email tells it."""

    actor: User | None
    thread: Thread | None  # None for a badge
    is_mention: bool
    is_case_discussion: bool
    is_followed: bool  # a new thread or case by a member the recipient follows
    url: str
    excerpt: str
    badge: str = ""  # the name of a badge earned

    @property
    def quoted(self) -> str:
        """The excerpt as a plain-text email quotes: wrapped, each line behind "> "."""
        return "\n".join(f"> {row}" for row in textwrap.wrap(self.excerpt, 72))


def send_notification_emails(notification_ids: list[int], *, now: datetime | None = None) -> int:
    """Email the recipients of these notifications what waits for them, one email each, once
    per notification. Returns how many emails were sent now. Raises ``MailNotSent`` when the
    SMTP server refused any, after recording them (the task retries those)."""
    now = now or timezone.now()
    recipients = set(
        Notification.objects.filter(pk__in=notification_ids, kind__in=EMAILED_KINDS).values_list(
            "recipient_id", flat=True
        )
    )
    if not recipients:
        return 0
    rows = list(
        waiting_for_email(recipients, now=now)
        .select_related("recipient__preferences", "thread__category", "actor", "post")
        # An email needs the post's number, state and HTML (its excerpt), not its Markdown or
        # its search vector.
        .defer("post__source", "post__search_vector")
        .order_by("created_at", "pk")
    )
    waiting: dict[int, list[Notification]] = defaultdict(list)
    for notification in rows:
        if _should_email(notification):
            waiting[notification.recipient_id].append(notification)
    composer = Composer()
    emails = [
        OnceBatch(
            recipient_id=member_id,
            kind=KIND,
            object_ids=tuple(n.pk for n in batch),
            build=partial(_compose, composer, {n.pk: n for n in batch}),
        )
        for member_id, batch in waiting.items()
    ]
    return send_once(emails) if emails else 0


def _should_email(notification: Notification) -> bool:
    member = notification.recipient
    wanted = bool(
        member.is_active
        and member.email_verified
        and member.email
        and wants_email(notification, preferences_of(member))
    )
    if notification.thread is None:  # a badge: about the member, nothing to read
        return wanted
    return bool(
        wanted
        and can_read_thread(member, notification.thread)
        # Nothing about a case's discussion while the case is hidden, until its review.
        and not notification.thread.hidden_by_case
    )


def line(notification: Notification) -> Line:
    thread = notification.thread
    if thread is None:  # a badge: its name and the member's profile, nothing else
        member = notification.recipient
        return Line(
            actor=None,
            thread=None,
            is_mention=False,
            is_case_discussion=False,
            is_followed=False,
            url=f"{settings.SITE_URL}{reverse('accounts:profile', args=[member.handle])}#badges",
            excerpt="",
            badge=str(BADGES[notification.badge].name) if notification.badge in BADGES else "",
        )
    return Line(
        actor=notification.actor,
        thread=thread,
        is_mention=notification.kind == NotificationKind.MENTION,
        is_followed=notification.kind == NotificationKind.FOLLOWED,
        # A case's discussion is never named by its title (the case's): the templates say so.
        is_case_discussion=thread.is_case_discussion,
        url=thread_url(thread),
        excerpt=excerpt(notification.post, thread=thread),
    )


def _compose(composer: Composer, found: dict[int, Notification], claimed: list[int]) -> Message:
    """The email of the notifications this call claimed, oldest first."""
    notifications = [found[pk] for pk in claimed]
    member = notifications[0].recipient
    lines = [line(n) for n in notifications]
    threads = {n.thread_id for n in notifications}
    context: dict[str, Any] = {"items": lines, "first": lines[0], "more": len(lines) - 1}
    reply_to = ""
    if len(threads) == 1 and notifications[0].thread is not None:
        reply_to = reply_address(member, notifications[0].thread)
    context["reply_by_email"] = bool(reply_to)
    forum = notifications[0].thread.category if notifications[0].thread is not None else None
    same_forum = forum is not None and all(
        n.thread is not None and n.thread.category_id == forum.pk for n in notifications
    )
    return composer.compose(
        "forums/email/notification",
        to=member,
        context=context,
        unsubscribe="notifications",
        # Filed per forum where one forum's (a case discussion's forum is named, never the case).
        list_name=f"{forum.slug}.notifications" if forum and same_forum else "notifications",
        reply_to=reply_to,
        # Which notifications this email carries: support can trace a complaint to its rows,
        # and the soak test counts each notification's email exactly once at its SMTP sink.
        headers={"X-Rounds-Notifications": " ".join(str(n.pk) for n in notifications)},
    )
