"""Immediate notification emails: a mention, or a reply in my thread, per the member's
preferences (``email_on_mention``, ``email_on_reply``).

``forums.notifications`` queues ``queue_notification_emails`` with the new rows; after the
commit the task ``forums.send_notification_emails`` takes their IDs and calls
``send_notification_emails``, which claims each email in ``NotificationEmail`` before sending,
so a retried task sends nothing twice. Emails carry the thread title and a link, never the post.

A case's discussion (``Thread.is_case_discussion``) is different: its title is the case's title,
and nothing derived from a case leaves the site by email. Its emails say what happened ("@x
replied in the discussion of your case") and link to it without the slug (``thread_url``);
while the case is hidden (``Thread.hidden_by_case``) nothing about it is sent at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Preferences
from accounts.unsubscribe import unsubscribe_links
from forums.models import (
    DigestStatus,
    Notification,
    NotificationEmail,
    NotificationKind,
    Thread,
)
from forums.permissions import can_read_thread

logger = logging.getLogger(__name__)

EMAILED_KINDS = {NotificationKind.MENTION, NotificationKind.REPLY, NotificationKind.QUOTE}

# How emails and digests name a case's discussion instead of by its title.
CASE_DISCUSSION = _("A case discussion")
# The slug that stands in for a case discussion's own (its title) in emailed links: the thread
# page redirects it to the real one.
CASE_SLUG = "case"


def thread_url(thread: Thread) -> str:
    """The absolute address an email gives a thread: a case's discussion without its slug."""
    if not thread.is_case_discussion:
        return f"{settings.SITE_URL}{thread.get_absolute_url()}"
    path = reverse("forums:thread", kwargs={"pk": thread.pk, "slug": CASE_SLUG})
    return f"{settings.SITE_URL}{path}"


def queue_notification_emails(notifications: Iterable[Notification]) -> None:
    """After the commit, hand the IDs of the notifications that may need an email to the task."""
    ids = [n.pk for n in notifications if n.kind in EMAILED_KINDS]
    if ids:
        from accounts.outbox import queue_after_commit

        queue_after_commit("forums.send_notification_emails", ids)


def wants_email(notification: Notification, prefs: Preferences) -> bool:
    if notification.kind == NotificationKind.MENTION:
        return prefs.email_on_mention
    # A reply or quote emails only the thread's author ("replies to my threads").
    return prefs.email_on_reply and notification.thread.author_id == notification.recipient_id


def send_notification_emails(notification_ids: list[int]) -> int:
    """Email the notifications that the recipients want and may still read. Returns how many
    were sent. Raises OSError on SMTP failure after recording it (the task retries)."""
    rows = (
        Notification.objects.filter(pk__in=notification_ids, kind__in=EMAILED_KINDS)
        .select_related("recipient__preferences", "thread__category", "actor")
        .order_by("pk")
    )
    messages = []
    for notification in rows:
        member = notification.recipient
        try:
            prefs = member.preferences
        except Preferences.DoesNotExist:
            prefs = Preferences.defaults_for(member)
        if not (member.is_active and member.email_verified and member.email):
            continue
        if not wants_email(notification, prefs) or not can_read_thread(member, notification.thread):
            continue
        if notification.thread.hidden_by_case:  # nothing about it until the case's review
            continue
        if not _claim(notification):
            continue
        messages.append((notification, _render(notification)))
    if not messages:
        return 0
    sent = 0
    failure: OSError | None = None
    with mail.get_connection(fail_silently=False) as connection:
        for notification, message in messages:
            message.connection = connection
            try:
                message.send()
            except OSError as error:  # smtplib's errors are OSErrors
                logger.warning("notification email %s failed: %s", notification.pk, error)
                NotificationEmail.objects.filter(pk=notification.pk).update(
                    status=DigestStatus.FAILED, last_error=str(error)[:1000]
                )
                failure = error
                continue
            NotificationEmail.objects.filter(pk=notification.pk).update(
                status=DigestStatus.SENT, sent_at=timezone.now()
            )
            sent += 1
    if failure is not None:
        raise failure
    return sent


def _claim(notification: Notification) -> bool:
    try:
        with transaction.atomic():
            NotificationEmail.objects.create(notification=notification, status=DigestStatus.SENDING)
        return True
    except IntegrityError:
        # Sent already, or in another worker's hands; a failed one is taken again.
        return bool(
            NotificationEmail.objects.filter(pk=notification.pk, status=DigestStatus.FAILED).update(
                status=DigestStatus.SENDING, claimed_at=timezone.now()
            )
        )


def _render(notification: Notification) -> EmailMultiAlternatives:
    member = notification.recipient
    thread = notification.thread
    unsubscribe_url, headers = unsubscribe_links(member, scope="notifications")
    context = {
        "notification": notification,
        "member": member,
        "actor": notification.actor,
        "thread": thread,
        "is_mention": notification.kind == NotificationKind.MENTION,
        # A case's discussion is never named by its title (the case's): the templates say so.
        "is_case_discussion": thread.is_case_discussion,
        "url": thread_url(thread),
        "SITE_NAME": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": f"{settings.SITE_URL}/settings/preferences/",
    }
    prefix = "forums/email/notification"
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        render_to_string(f"{prefix}_message.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [member.email],
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"{prefix}_message.html", context), "text/html")
    return message
