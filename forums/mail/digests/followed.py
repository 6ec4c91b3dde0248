"""The digest's "From colleagues you follow" section: new threads started in the digest's
window by the members the reader follows (accounts' ``MemberFollow``, at any level), only
those the reader may read (``can_read_thread``), never a case's discussion (cases adds its own
count of followed members' cases, with no title: ``cases.digests``). The opening post's excerpt
follows the rule of every email (``forums.mail.excerpts``).

Plugged in by ``forums/plugins.py`` as a ``forums.extensions.DigestSection``; three queries a
batch.
"""

from __future__ import annotations

from collections import defaultdict

from accounts.models import MemberFollow
from forums.mail.digests.build import SECTION_LIMIT, Item, Window, thread_item
from forums.mail.excerpts import excerpt, may_quote
from forums.models import Post, Thread
from forums.permissions import can_read_thread

TEMPLATE = "forums/email/digest_followed"


def followed_of(windows: list[Window]) -> dict[int, set[int]]:
    """Who each member of the batch follows (one query); shared with cases' section."""
    followed: dict[int, set[int]] = defaultdict(set)
    for follower_id, followed_id in MemberFollow.objects.filter(
        follower_id__in=[window.user.pk for window in windows]
    ).values_list("follower_id", "followed_id"):
        followed[follower_id].add(followed_id)
    return followed


def followed_for_digests(windows: list[Window]) -> dict[int, list[Item]]:
    """For each member of the batch, the new threads of the members they follow, newest
    first, at most ``SECTION_LIMIT``."""
    followed = followed_of(windows)
    if not followed:
        return {}
    threads = list(
        Thread.objects.filter(
            author_id__in=set().union(*followed.values()),
            is_case_discussion=False,
            is_hidden=False,
            created_at__gt=min(window.since for window in windows),
            created_at__lte=max(window.until for window in windows),
        )
        .select_related("category", "author")
        .order_by("-created_at")[:500]
    )
    if not threads:
        return {}
    openings = {
        post.thread_id: post
        for post in Post.objects.filter(
            thread__in=[t for t in threads if may_quote(t)], number=1
        ).only("thread_id", "html", "is_hidden", "is_deleted")
    }
    found: dict[int, list[Item]] = {}
    for window in windows:
        mine = followed.get(window.user.pk)
        if not mine:
            continue
        items = [
            _line(thread, openings)
            for thread in threads
            if thread.author_id in mine
            and window.covers(thread.created_at)
            and can_read_thread(window.user, thread)
        ][:SECTION_LIMIT]
        if items:
            found[window.user.pk] = items
    return found


def _line(thread: Thread, openings: dict[int, Post]) -> Item:
    item = thread_item(thread, excerpt=excerpt(openings.get(thread.pk), thread=thread))
    author = thread.author.name if thread.author else ""
    return Item(
        title=item.title,
        url=item.url,
        label=f"{author} · {item.label}" if author else item.label,
        excerpt=item.excerpt,
    )
