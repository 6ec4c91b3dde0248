"""In-app notifications: the one place that creates them (posting, reactions, answers, cases).

Rules: nobody is notified of their own action, of a thread they muted, of a member they
blocked (``accounts.blocking``), or of a thread they may not read (a forum above their level, a
thread hidden, or hidden with its case). Those already notified of a thread later hidden with
its case stop seeing those notifications, on the page and in the count, until the case is
restored. A member gets at most one notification per post: a
mention beats a quote, which beats a reply in a watched thread, which beats a new thread in a
followed forum or tag, which beats a new thread by a followed member. Emails read these rows
(``forums.mail.notification_emails``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.blocking import blocked_sql, blockers_of
from accounts.models import FollowLevel, MemberFollow, User
from config.writes import Writes
from forums.models import (
    CategoryFollow,
    Notification,
    NotificationKind,
    Post,
    TagFollow,
    Thread,
    ThreadState,
    WatchLevel,
)
from forums.permissions import can_read_thread, notification_visibility_filter
from forums.sharing.own_pages import own_pages_changed

# Lower is stronger: the kind a member receives when several apply to one post.
_PRIORITY = [
    NotificationKind.MENTION,
    NotificationKind.QUOTE,
    NotificationKind.REPLY,
    NotificationKind.NEW_THREAD,
    NotificationKind.FOLLOWED,
]


def _muted_user_ids(thread: Thread) -> set[int]:
    return set(
        ThreadState.objects.filter(thread=thread, level=WatchLevel.MUTED).values_list(
            "user_id", flat=True
        )
    )


# The thread's watchers but the author and those who blocked the author, as members: written
# out, because every reply asks it and the ORM took longer to compile it than PostgreSQL to
# answer it (0.9 ms of 1.4, issue 28).
_WATCHERS = f"""
SELECT u.* FROM forums_threadstate AS s JOIN accounts_user AS u ON u.id = s.user_id
WHERE s.thread_id = %(thread)s AND s.level = %(level)s AND s.user_id IS DISTINCT FROM %(blocked)s
  AND NOT {blocked_sql("s.user_id")}
"""  # noqa: S608 - the SQL is ours; values are parameters


def notify_new_post(
    post: Post,
    *,
    mentioned: Iterable[User] = (),
    quoted: Iterable[User] = (),
    new_thread: bool = False,
    to_author_followers: bool = True,
    writes: Writes | None = None,
) -> list[Notification]:
    """Notify about a new post: mentions, quotes, watchers, and followers for a new thread
    (of the forum, of its tags and, unless ``to_author_followers`` is False, of its author:
    a case's discussion is announced by cases, through ``notify_member_followers``).
    ``writes``: the post's own small writes, not yet sent (``config.writes``), sent here with
    the watchers' query as one statement.

    ``post.thread.category`` should be loaded. Returns the notifications created.
    """
    thread = post.thread
    candidates: dict[int, tuple[User, str]] = {}

    def offer(users: Iterable[User], kind: str) -> None:
        for user in users:
            held = candidates.get(user.pk)
            if held is None or _PRIORITY.index(kind) < _PRIORITY.index(held[1]):
                candidates[user.pk] = (user, kind)

    offer(mentioned, NotificationKind.MENTION)
    offer(quoted, NotificationKind.QUOTE)
    # The reply's own writes go first in the same statement when the caller has them: the
    # watchers' query reads none of their rows (the author's watch is left out anyway).
    query, params = (
        _WATCHERS,
        {
            "thread": thread.pk,
            "level": WatchLevel.WATCHING,
            "blocked": post.author_id,
        },
    )
    if writes is not None:
        query, params = writes.before(query, params)
    watching = list(User.objects.raw(query, params))
    offer(watching, NotificationKind.REPLY)
    if new_thread:
        tag_ids = [tag.pk for tag in thread.tags.all()]
        forum_followers = CategoryFollow.objects.filter(category_id=thread.category_id)
        offer(
            (follow.user for follow in forum_followers.select_related("user")),
            NotificationKind.NEW_THREAD,
        )
        if tag_ids:
            tag_followers = TagFollow.objects.filter(tag_id__in=tag_ids).select_related("user")
            offer((follow.user for follow in tag_followers), NotificationKind.NEW_THREAD)
        if to_author_followers and post.author_id:
            offer(_notified_followers(post.author_id), NotificationKind.FOLLOWED)
    # A watcher has one row for the thread, so has not muted it, and the query left out those
    # who blocked the author: only the others need asking (a reply often has no others).
    return _deliver(post, candidates.values(), cleared={user.pk for user in watching})


def _notified_followers(member_id: int) -> Iterable[User]:
    """Followers of ``member_id`` who asked to be notified (in-app or by email)."""
    follows = MemberFollow.objects.filter(
        followed_id=member_id, level__in=[FollowLevel.IN_APP, FollowLevel.EMAIL]
    ).select_related("follower")
    return [follow.follower for follow in follows]


def notify_member_followers(post: Post, *, may_see: Callable[[User], bool]) -> list[Notification]:
    """Tell the followers of ``post``'s author about it (a published case's discussion opened
    by cases), those ``may_see`` allows only (the higher app's own permission, e.g.
    ``cases.permissions.can_view_case``) on top of the thread's rules; nobody already
    notified of this post hears twice."""
    if post.author_id is None:
        return []
    already = set(Notification.objects.filter(post=post).values_list("recipient_id", flat=True))
    followers = [
        user
        for user in _notified_followers(post.author_id)
        if user.pk not in already and may_see(user)
    ]
    return _deliver(post, [(user, NotificationKind.FOLLOWED) for user in followers])


def notify_mentions(post: Post, *, mentioned: Iterable[User]) -> list[Notification]:
    """Mentions added by an edit: only those, as mentions (the thread's watchers heard of the
    post when it was written)."""
    return _deliver(post, [(user, NotificationKind.MENTION) for user in mentioned])


def _deliver(
    post: Post, candidates: Iterable[tuple[User, str]], *, cleared: Iterable[int] = ()
) -> list[Notification]:
    """Create one notification per (member, kind), leaving out the author, members who muted
    the thread or blocked the author, inactive members and those who may not read it; emails
    follow on commit. ``cleared``: members the caller found neither muting the thread nor
    blocking the author."""
    candidates = list(candidates)
    if not candidates:
        return []
    thread = post.thread
    cleared = set(cleared)
    unchecked = [user.pk for user, _kind in candidates if user.pk not in cleared]
    muted = _muted_user_ids(thread) if unchecked else set()
    # A member who blocked the author hears nothing of them: no mention, quote or reply.
    muted |= blockers_of(post.author_id, among=unchecked)
    now = timezone.now()
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            actor_id=post.author_id,
            thread=thread,
            post=post,
            created_at=now,
            updated_at=now,
        )
        for user, kind in candidates
        if user.pk != post.author_id
        and user.pk not in muted
        and user.is_active
        and can_read_thread(user, thread)
    ]
    created = Notification.objects.bulk_create(rows)
    _recount(row.recipient_id for row in created)
    # Mention and reply emails, per the members' preferences, after the commit.
    from forums.mail.notification_emails import queue_notification_emails

    queue_notification_emails(created)
    return created


@transaction.atomic
def notify_reaction(post: Post, *, actor: User) -> Notification | None:
    """Reactions are grouped: an unread reaction notification for the post counts one more."""
    if post.author_id is None or post.author_id == actor.pk:
        return None
    if post.author_id in _muted_user_ids(post.thread):
        return None
    if blockers_of(actor.pk, among=[post.author_id]):
        return None
    grouped = (
        Notification.objects.select_for_update()
        .filter(
            recipient_id=post.author_id,
            kind=NotificationKind.REACTION,
            post=post,
            is_read=False,
        )
        .first()
    )
    now = timezone.now()
    _recount([post.author_id])
    if grouped is not None:
        Notification.objects.filter(pk=grouped.pk).update(
            actor=actor, actor_count=F("actor_count") + 1, updated_at=now
        )
        grouped.refresh_from_db()
        return grouped
    return Notification.objects.create(
        recipient_id=post.author_id,
        kind=NotificationKind.REACTION,
        actor=actor,
        thread_id=post.thread_id,
        post=post,
        created_at=now,
        updated_at=now,
    )


def notify_accepted(post: Post, *, actor: User) -> Notification | None:
    if post.author_id is None or post.author_id == actor.pk:
        return None
    _recount([post.author_id])
    return Notification.objects.create(
        recipient_id=post.author_id,
        kind=NotificationKind.ACCEPTED,
        actor=actor,
        thread_id=post.thread_id,
        post=post,
    )


def notify_badge(*, user_id: int, badge: str) -> Notification:
    """Tell a member they earned a badge (``forums.recognition.granting.grant``, once per badge): on
    the site, and in the batched notification email if they chose it (``email_on_badge``).
    No thread, no actor: nothing about a case or a post is named."""
    from forums.mail.notification_emails import queue_notification_emails

    _recount([user_id])
    row = Notification.objects.create(
        recipient_id=user_id, kind=NotificationKind.BADGE, thread=None, badge=badge
    )
    queue_notification_emails([row])
    return row


def notify_report_decided(report, *, resolved: bool) -> Notification | None:
    """Tell the reporter that moderators decided their report, on the site only (never by
    email: a case's title must not leave the site). No actor: moderators act as a team.

    Needs the thread the reported content lives in (a post's, a thread, a case's discussion);
    content without one (a case never published) gets no notification.
    """
    target = report.target
    if report.reporter_id is None or target is None:
        return None
    if isinstance(target, Thread):
        thread_id, post = target.pk, None
    elif isinstance(target, Post):
        thread_id, post = target.thread_id, target
    else:
        thread_id, post = getattr(target, "thread_id", None), None
    if thread_id is None:
        return None
    kind = NotificationKind.REPORT_RESOLVED if resolved else NotificationKind.REPORT_DISMISSED
    _recount([report.reporter_id])
    return Notification.objects.create(
        recipient_id=report.reporter_id, kind=kind, thread_id=thread_id, post=post, actor=None
    )


REPORT_KINDS = {NotificationKind.REPORT_RESOLVED, NotificationKind.REPORT_DISMISSED}


def mark_notification_read(notification: Notification, *, user: User) -> None:
    Notification.objects.filter(pk=notification.pk, recipient=user).update(is_read=True)
    _recount([user.pk])


def mark_all_notifications_read(*, user: User) -> int:
    marked = Notification.objects.filter(recipient=user, is_read=False).update(is_read=True)
    _recount([user.pk])
    return marked


# The header shows every member their unread count on every page, so it is kept in the shared
# cache (one query saved a page) and dropped whenever this module creates or reads one. Rows
# that leave with a deleted post or thread are not signalled: the time limit bounds that.
UNREAD_COUNT_SECONDS = 300


def unread_key(user_id: int) -> str:
    """Where the member's unread count is cached (read with other keys by
    ``forums.pages.shared.account_links``)."""
    return f"notifications:unread:{user_id}"


def _recount(user_ids: Iterable[int]) -> None:
    """Drop the cached counts now, and again on commit: a page read in between may have cached
    the count from before the change."""
    ids = {pk for pk in user_ids if pk is not None}
    keys = [unread_key(pk) for pk in ids]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
        own_pages_changed(ids)  # their notifications page, and the count in every header


def recount_thread_readers(thread_id: int) -> None:
    """Drop the cached unread counts of the members with unread notifications in a thread
    that was just hidden or shown again with its case: the count leaves out what they may no
    longer open (``forums.permissions.notification_visibility_filter``)."""
    _recount(
        Notification.objects.filter(thread_id=thread_id, is_read=False)
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def unread_count(user: User) -> int:
    """From the shared cache, else one query on the partial index of unread rows (joined to
    the threads, to leave out those hidden with their case)."""
    return cache.get_or_set(
        unread_key(user.pk),
        lambda: Notification.objects.filter(
            notification_visibility_filter(user), is_read=False
        ).count(),
        UNREAD_COUNT_SECONDS,
    )
