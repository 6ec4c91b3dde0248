"""Immediate notification emails: a mention, a quote, or a reply in my thread, per the
member's preferences (``email_on_mention``, ``email_on_reply``).

``forums.notifications`` calls ``queue_notification_emails`` with the new rows; after the
commit the task ``forums.send_notification_emails`` calls ``send_notification_emails`` with
their IDs, which sends them once each through the ledger (``accounts.mail.ledger``, kind
``forums.notification``, one row per notification) over one connection. Emails carry the
thread title and a link, never the post.

A case's discussion is named for what it is ("@x replied in the discussion of your case") and
linked without its slug (``forums.mail.links``); while the case is hidden
(``Thread.hidden_by_case``) nothing about it is sent at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from accounts.mail.compose import Composer, Message
from accounts.mail.ledger import OnceEmail, send_once
from accounts.mail.recipients import preferences_of
from accounts.models import Preferences
from accounts.outbox import queue_after_commit
from forums.mail.links import thread_url
from forums.models import Notification, NotificationKind
from forums.permissions import can_read_thread

EMAILED_KINDS = {NotificationKind.MENTION, NotificationKind.REPLY, NotificationKind.QUOTE}
KIND = "forums.notification"  # the ledger's kind: one email per notification


def queue_notification_emails(notifications: Iterable[Notification]) -> None:
    """After the commit, hand the IDs of the notifications that may need an email to the task."""
    ids = [n.pk for n in notifications if n.kind in EMAILED_KINDS]
    if ids:
        queue_after_commit("forums.send_notification_emails", ids)


def wants_email(notification: Notification, prefs: Preferences) -> bool:
    if notification.kind == NotificationKind.MENTION:
        return prefs.email_on_mention
    # A reply or quote emails only the thread's author ("replies to my threads").
    return prefs.email_on_reply and notification.thread.author_id == notification.recipient_id


def send_notification_emails(notification_ids: list[int]) -> int:
    """Email, once each, the notifications that the recipients want and may still read, over
    one connection. Returns how many were sent now. Raises ``MailNotSent`` when the SMTP
    server refused any, after recording them (the task retries those)."""
    rows = (
        Notification.objects.filter(pk__in=notification_ids, kind__in=EMAILED_KINDS)
        .select_related("recipient__preferences", "thread__category", "actor")
        .order_by("pk")
    )
    composer = Composer()
    emails = [
        OnceEmail(
            recipient_id=notification.recipient_id,
            kind=KIND,
            object_id=notification.pk,
            build=partial(_compose, composer, notification),
        )
        for notification in rows
        if _should_email(notification)
    ]
    return send_once(emails) if emails else 0


def _should_email(notification: Notification) -> bool:
    member = notification.recipient
    return bool(
        member.is_active
        and member.email_verified
        and member.email
        and wants_email(notification, preferences_of(member))
        and can_read_thread(member, notification.thread)
        # Nothing about a case's discussion while the case is hidden, until its review.
        and not notification.thread.hidden_by_case
    )


def _compose(composer: Composer, notification: Notification) -> Message:
    thread = notification.thread
    return composer.compose(
        "forums/email/notification",
        to=notification.recipient,
        context={
            "notification": notification,
            "actor": notification.actor,
            "thread": thread,
            "is_mention": notification.kind == NotificationKind.MENTION,
            # A case's discussion is never named by its title (the case's): the templates say so.
            "is_case_discussion": thread.is_case_discussion,
            "url": thread_url(thread),
        },
        unsubscribe="notifications",
    )
