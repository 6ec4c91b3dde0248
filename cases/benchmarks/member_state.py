"""The benchmark member's own state: more of everything than one page holds.

``bench`` measures the member pages of the performance issue (notifications, bookmarks, the
following tab, the inbox and a conversation, the learning log, profiles, the directory), which
are only worth measuring when they are full: this gives the bench member more notifications,
bookmarks, follows, conversations, messages and learning entries than each page shows, once
(it is idempotent: what is there already is kept). Conversations go through the consults'
service, as members write them; the rest is bulk-created in the services' shape.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import MemberFollow
from accounts.network import follow_member
from accounts.permissions import PUBLIC
from forums.consults.models import Conversation
from forums.consults.selectors import INBOX_PAGE_SIZE, MESSAGES_PAGE_SIZE
from forums.consults.writing import send_message, start_conversation
from forums.learning.selectors import PAGE_SIZE as LEARNING_PAGE_SIZE
from forums.models import (
    Bookmark,
    LearningEntry,
    Notification,
    NotificationKind,
    Post,
    Thread,
)
from forums.posting import SITE
from forums.posting.following import follow_category
from forums.selectors.common import NOTIFICATIONS_PER_PAGE

MORE = 10  # rows beyond a page, everywhere


@transaction.atomic
def fill(user) -> Conversation:
    """Give ``user`` full pages; return the longest of their conversations (for its page)."""
    members = list(
        get_user_model()
        .objects.filter(is_active=True, professional_verified_until__isnull=False)
        .exclude(pk=user.pk)
        .order_by("pk")[:40]
    ) or list(get_user_model().objects.exclude(pk=user.pk).order_by("pk")[:40])
    followed = set(MemberFollow.objects.filter(follower=user).values_list("followed_id", flat=True))
    for other in members[:30]:
        if other.pk not in followed:  # a follow counts against the hourly limit even if kept
            follow_member(follower=user, followed=other)
    threads = list(
        Thread.objects.filter(is_hidden=False, category__visibility=PUBLIC).order_by(
            "-last_posted_at"
        )[: NOTIFICATIONS_PER_PAGE + MORE]
    )
    for thread in threads[:5]:
        follow_category(thread.category, user=user)
    if not Notification.objects.filter(recipient=user).exists():
        now = timezone.now()
        Notification.objects.bulk_create(
            Notification(
                recipient=user,
                kind=NotificationKind.REPLY if i % 3 else NotificationKind.MENTION,
                actor=members[i % len(members)],
                thread=thread,
                post=Post.objects.filter(thread=thread).order_by("-number").first(),
                is_read=i % 4 == 0,
                created_at=now - timedelta(minutes=i),
                updated_at=now - timedelta(minutes=i),
            )
            for i, thread in enumerate(threads)
        )
    if not Bookmark.objects.filter(user=user).exists():
        posts = Post.objects.filter(thread__in=threads, is_hidden=False).order_by("-pk")
        Bookmark.objects.bulk_create(Bookmark(user=user, post=post) for post in posts[:60])
    if not LearningEntry.objects.filter(user=user).exists():
        LearningEntry.objects.bulk_create(
            LearningEntry(
                user=user,
                thread=thread,
                kind="thread",
                ref_id=thread.pk,
                specialty="Cardiology",
                activities=["read", "replied"],
                date=timezone.localdate() - timedelta(days=3 * i),
                minutes=15 + i,
                category="clinical",
                what_learned="Troponin rises later than I thought.",
                what_learned_html="<p>Troponin rises later than I thought.</p>",
            )
            for i, thread in enumerate(threads[: LEARNING_PAGE_SIZE + MORE])
        )
    mine = Conversation.objects.filter(participants__user=user)
    if mine.count() < INBOX_PAGE_SIZE + MORE:
        for i in range(INBOX_PAGE_SIZE + MORE):
            start_conversation(
                by=user,
                recipients=[members[i % len(members)], members[(i + 1) % len(members)]],
                subject=f"Second opinion on an ECG ({i + 1})",
                body="Would you read this ECG with me? Sinus rhythm, QTc 480.",
                origin=SITE,
            )
    longest = mine.order_by("pk").first()
    others = list(longest.participants.exclude(user=user).select_related("user"))
    while longest.messages.count() < MESSAGES_PAGE_SIZE + MORE:
        for author in [user, *(p.user for p in others)]:
            send_message(
                conversation=longest,
                by=author,
                body="Agree; repeat the ECG in the morning and check potassium.",
                origin=SITE,
            )
    return longest
