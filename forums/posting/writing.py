"""Writing new content: a thread with its first post, a reply at the end of a thread.

One transaction per call. Each runs its own checks first (``forums.posting.checks``: the text
checks of the thread, the limits for its ``origin``), renders the Markdown once, resolves
@mentions and quotes, watches the thread for its author, clears the author's draft, creates the
notifications (``forums.notifications``), counts the author's contribution for the member
directory (``accounts.network.note_contribution``) and their profile and the thread's
participants (``forums.posting.activity``), applies the badge rules of a reply
(``forums.recognition.events``) and retires ``CONTENT`` (every shared page
that lists threads or shows posts).

A reply is the most frequent write, so it is counted in statements (issue 28: under 10 ms for
a 2 KB post): the thread locked, the post inserted with its search vector
(``forums.search.index.vector_of_new_post``), then its counters and rows as one statement
(``config.writes``) sent with the query for the thread's watchers, and their notifications: six
with the transaction's two (``tests/forums/test_reply_writes.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from accounts.network import note_contribution
from config.writes import Writes
from forums import notifications
from forums.models import Category, Draft, Post, Thread
from forums.permissions import is_listed
from forums.posting import limits
from forums.posting.activity import note_new_post
from forums.posting.checks import MEMBER, Origin, check_text
from forums.posting.drafts import discard_draft
from forums.posting.following import watch_after_posting
from forums.posting.text import clean_tags, quoted_authors, render_post, thread_slug, without_nul
from forums.quoting import link_case_quotes
from forums.recognition import events as recognition_events
from forums.search.index import index_posts, vector_of_new_post
from forums.sharing.cache import content_changed
from forums.uploads import attach_images


@transaction.atomic
def create_thread(
    *,
    category: Category,
    author: User,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    origin: Origin = MEMBER,
    at: datetime | None = None,
    to_author_followers: bool = True,
    is_case_discussion: bool = False,
) -> Thread:
    """Start a thread with its first post. ``to_author_followers`` False leaves telling the
    author's followers to the caller (cases announces a published case with its own rules);
    ``is_case_discussion`` opens a case's discussion (cases counts it as the case shared).

    Raises TextLimitError or RateLimited (``forums.posting.limits``) before anything is written,
    RenderError on text the pipeline refuses. Quotes of case-discussion posts keep their link,
    not their text (``forums.quoting``).
    """
    body, title = link_case_quotes(without_nul(body), thread_id=None), without_nul(title)
    limits.check_post(user=author, origin=origin, body=body)
    html, mentioned = render_post(body)
    now = at or timezone.now()
    thread = Thread.objects.create(
        category=category,
        title=title.strip(),
        slug=thread_slug(title),
        author=author,
        created_at=now,
        last_posted_at=now,
        last_poster=author,
        post_count=1,
        is_case_discussion=is_case_discussion,
    )
    post = Post.objects.create(
        thread=thread, number=1, author=author, source=body, html=html, created_at=now
    )
    attach_images(post=post, by=author)
    index_posts(post_ids=[post.pk])
    content_changed()
    tag_names = clean_tags(tags)
    if tag_names:
        thread.tags.set(tag_names)
    Category.objects.filter(pk=category.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + 1, last_thread=thread
    )
    watch_after_posting(thread, user=author, number=1)
    note_contribution(user_id=author.pk, at=now)
    note_new_post(post, thread)
    Draft.objects.filter(user=author, thread=None, category=category).delete()
    thread.category = category
    notifications.notify_new_post(
        post,
        mentioned=mentioned,
        quoted=quoted_authors(body, exclude=author.pk),
        new_thread=True,
        to_author_followers=to_author_followers,
    )
    return thread


_FORUM_GOT_A_REPLY = """
UPDATE forums_category
SET post_count = post_count + 1,
    last_thread_id = CASE WHEN %(listed)s THEN %(thread)s ELSE last_thread_id END
WHERE id = %(forum)s
"""


# The thread's row locked, so concurrent replies take consecutive numbers, with what of it may
# have changed since the caller read it. Written out: the ORM took 1.2 ms to build and read
# this query with the forum joined, PostgreSQL 0.3 ms to answer it (issue 28).
_LOCK_THREAD = """
SELECT post_count, category_id, is_hidden, hidden_by_case, is_locked
FROM forums_thread WHERE id = %s FOR UPDATE
"""


def _lock(thread: Thread) -> Thread:
    """``thread`` with its row locked for this transaction and its counters and moderation
    flags as they are now; read again whole, with its forum, when the caller's copy lacks the
    forum or the thread moved to another since."""
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_THREAD, [thread.pk])
        row = cursor.fetchone()
    if row is None:
        raise Thread.DoesNotExist(f"thread {thread.pk} is gone")
    post_count, category_id, is_hidden, hidden_by_case, is_locked = row
    if category_id != thread.category_id or not Thread.category.is_cached(thread):
        return Thread.objects.select_related("category").get(pk=thread.pk)
    thread.post_count, thread.is_hidden = post_count, is_hidden
    thread.hidden_by_case, thread.is_locked = hidden_by_case, is_locked
    return thread


@transaction.atomic
def create_reply(
    *,
    thread: Thread,
    author: User,
    body: str,
    kept: Mapping[str, str] | None = None,
    origin: Origin = MEMBER,
    at: datetime | None = None,
) -> Post:
    """Add a post at the end of a thread, numbered after the last one.

    Raises PostingError when a text check refuses the body (``kept``: the findings the author
    kept with a reason, see ``forums.extensions.TextCheck``), TextLimitError or RateLimited,
    all before anything is written; RenderError on text the pipeline refuses. Quotes of posts
    from another thread's case discussion keep their link, not their text (``forums.quoting``).
    """
    body = link_case_quotes(without_nul(body), thread_id=thread.pk)
    check_text(thread=thread, body=body, kept=kept)
    limits.check_post(user=author, origin=origin, body=body)
    html, mentioned = render_post(body)
    now = at or timezone.now()
    locked = _lock(thread)
    number = locked.post_count + 1
    post = Post.objects.create(
        thread=locked,
        number=number,
        author=author,
        source=body,
        html=html,
        created_at=now,
        search_vector=vector_of_new_post(thread_id=locked.pk, number=number, source=body),
    )
    del post.search_vector  # the database's expression, not a value: read again if asked for
    attach_images(post=post, by=author)
    content_changed()
    # The counters, the author's watch, contribution and month, the thread's participants and
    # the forum's counts need nothing from one another: one statement (``config.writes``).
    writes = Writes()
    thread_columns = {"post_count": number, "last_posted_at": now, "last_poster_id": author.pk}
    note_new_post(post, locked, writes=writes, thread_columns=thread_columns)
    # A hidden thread (a moderator writing in it) never becomes the forum's "latest thread".
    listed = is_listed(locked)
    writes.add(
        _FORUM_GOT_A_REPLY, {"forum": locked.category_id, "thread": locked.pk, "listed": listed}
    )
    watch_after_posting(locked, user=author, number=number, writes=writes)
    note_contribution(user_id=author.pk, at=now, writes=writes)
    discard_draft(user=author, thread=locked, writes=writes)
    thread.post_count, thread.last_posted_at, thread.last_poster = number, now, author
    # The writes go with the query for the thread's watchers: one statement.
    notifications.notify_new_post(
        post, mentioned=mentioned, quoted=quoted_authors(body, exclude=author.pk), writes=writes
    )
    recognition_events.replied(post=post, thread=locked)
    return post
