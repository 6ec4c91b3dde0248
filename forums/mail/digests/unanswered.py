"""The digest's "Unanswered in your specialty" section: threads nobody has answered yet, in
the member's specialties, so a member who knows the field can help.

A thread is in a specialty when its forum's slug, or one of its tags' slugs, is the specialty's
slug (an admin names the cardiology forum or tag ``cardiology``, as the specialty). The
member's specialties are their profile's and the ones they follow. Only threads they may read
(``can_read_thread``), not theirs, not a case's discussion (cases have their own section, by
count), that crossed the unanswered mark within the digest's window (opened
``UNANSWERED_AFTER_HOURS`` before it: a question is listed once, not in every digest until
someone answers, and not before colleagues had time to answer on the site) and still without a
reply when it is sent. The
opening post's excerpt follows the rule of every email (``forums.mail.excerpts``).

Plugged in by ``forums/plugins.py`` as a ``forums.extensions.DigestSection``; four queries a batch.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from accounts.models import Preferences, Profile
from forums.mail.digests.build import SECTION_LIMIT, Item, Window, thread_item
from forums.mail.excerpts import excerpt, may_quote
from forums.models import Post, Thread
from forums.permissions import can_read_thread

TEMPLATE = "forums/email/digest_unanswered"


def unanswered_for_digests(windows: list[Window]) -> dict[int, list[Item]]:
    """For each member of the batch, the unanswered threads in their specialties, newest
    first, at most ``SECTION_LIMIT``."""
    user_ids = [window.user.pk for window in windows]
    specialties: dict[int, set[str]] = defaultdict(set)
    for user_id, slug in Profile.objects.filter(
        user_id__in=user_ids, specialty__isnull=False
    ).values_list("user_id", "specialty__slug"):
        specialties[user_id].add(slug)
    for user_id, slug in Preferences.followed_specialties.through.objects.filter(
        preferences__user_id__in=user_ids
    ).values_list("preferences__user_id", "specialty__slug"):
        specialties[user_id].add(slug)
    if not specialties:
        return {}
    slugs = set().union(*specialties.values())
    delay = timedelta(hours=settings.UNANSWERED_AFTER_HOURS)
    low = min(window.since for window in windows) - delay
    high = max(window.until for window in windows) - delay
    tagged = Thread.tags.through.objects.filter(
        content_type=ContentType.objects.get_for_model(Thread), tag__slug__in=slugs
    )
    threads = list(
        Thread.objects.filter(
            Q(category__slug__in=slugs) | Q(pk__in=tagged.values("object_id")),
            post_count__lte=1,
            is_case_discussion=False,
            is_hidden=False,
            created_at__gt=low,
            created_at__lte=high,
        )
        .select_related("category")
        .order_by("-created_at")[:200]
    )
    if not threads:
        return {}
    thread_slugs: dict[int, set[str]] = defaultdict(set)
    for thread_id, slug in tagged.filter(object_id__in=[t.pk for t in threads]).values_list(
        "object_id", "tag__slug"
    ):
        thread_slugs[thread_id].add(slug)
    openings = {
        post.thread_id: post
        for post in Post.objects.filter(
            thread__in=[t for t in threads if may_quote(t)], number=1
        ).only("thread_id", "html", "is_hidden", "is_deleted")
    }
    found: dict[int, list[Item]] = {}
    lines: dict[int, Item] = {}  # each thread's line, built once for the batch
    for window in windows:
        mine = specialties.get(window.user.pk)
        if not mine:
            continue
        items = []
        for thread in threads:
            if (
                thread.author_id != window.user.pk
                and window.covers(thread.created_at + delay)
                and ({thread.category.slug} | thread_slugs.get(thread.pk, set())) & mine
                and can_read_thread(window.user, thread)
            ):
                if thread.pk not in lines:
                    lines[thread.pk] = thread_item(
                        thread, excerpt=excerpt(openings.get(thread.pk), thread=thread)
                    )
                items.append(lines[thread.pk])
                if len(items) == SECTION_LIMIT:
                    break
        if items:
            found[window.user.pk] = items
    return found
