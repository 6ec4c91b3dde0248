"""Changing what was written: a post's text (the previous version kept as a revision), a
thread's title and tags. Each checks who may, runs the text checks and limits on the new text,
and retires ``CONTENT``."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from forums import notifications
from forums.models import Post, PostRevision, Thread
from forums.permissions import can_edit_post
from forums.posting import limits
from forums.posting.checks import MEMBER, Origin, check_text
from forums.posting.text import clean_tags, render_post, thread_slug, without_nul
from forums.quoting import link_case_quotes
from forums.search.index import index_posts
from forums.sharing.cache import content_changed
from forums.uploads import attach_images


@transaction.atomic
def edit_post(post: Post, *, by: User, body: str, origin: Origin = MEMBER) -> Post:
    """Replace a post's text, keeping the previous version as a revision.

    Members newly mentioned by the edit are notified; those already mentioned are not again.
    Raises PermissionDenied, PostingError (a text check), TextLimitError (a new member's
    limits), or RenderError on bad input; nothing is written then.
    """
    if not can_edit_post(by, post):
        raise PermissionDenied(_("You may not edit this post."))
    body = link_case_quotes(without_nul(body), thread_id=post.thread_id)
    check_text(thread=post.thread, body=body)
    limits.check_edit(user=by, origin=origin, body=body)
    if body == post.source:
        return post
    html, mentioned = render_post(body)
    _html, before = render_post(post.source)
    already = {user.pk for user in before}
    now = timezone.now()
    PostRevision.objects.create(
        post=post,
        source=post.source,
        html=post.html,
        written_at=post.edited_at or post.created_at,
        replaced_at=now,
        editor=by,
    )
    post.source, post.html, post.edited_at = body, html, now
    post.edit_count = F("edit_count") + 1
    post.save(update_fields=["source", "html", "edited_at", "edit_count"])
    post.refresh_from_db(fields=["edit_count"])
    attach_images(post=post, by=by)
    index_posts(post_ids=[post.pk])
    content_changed()
    notifications.notify_mentions(post, mentioned=[u for u in mentioned if u.pk not in already])
    return post


@transaction.atomic
def edit_thread(thread: Thread, *, by: User, title: str, tags: Iterable[str]) -> Thread:
    """Change a thread's title and tags: whoever may edit its first post may do this.

    The slug follows the title; old links keep working (the thread page redirects them).
    """
    first = Post.objects.select_related("thread__category").get(thread=thread, number=1)
    if not can_edit_post(by, first):
        raise PermissionDenied(_("You may not edit this thread."))
    title = without_nul(title)
    thread.title, thread.slug = title.strip(), thread_slug(title)
    Thread.objects.filter(pk=thread.pk).update(title=thread.title, slug=thread.slug)
    index_posts(post_ids=[first.pk])
    content_changed()
    thread.tags.set(clean_tags(tags))
    if by.pk != thread.author_id:
        record(actor=by, action="thread.edit", target=thread, member=thread.author)
    return thread


def link_quotes_of_case_discussion(thread_id: int) -> list[int]:
    """Cut every quote of the case discussion ``thread_id`` held in other threads' posts (and
    their earlier versions) down to its link, re-rendered and re-indexed; the ids of the
    posts changed. For quotes stored before posting did this itself: called when the case is
    hidden, so what it hides is not still readable elsewhere."""
    marker = f"](/t/{thread_id}-"
    changed = []
    for post in Post.objects.filter(source__contains=marker).exclude(thread_id=thread_id):
        source = link_case_quotes(post.source, thread_id=post.thread_id)
        if source != post.source:
            post.source, post.html = source, render_post(source)[0]
            changed.append(post)
    Post.objects.bulk_update(changed, ["source", "html"])
    revisions = []
    for revision in (
        PostRevision.objects.filter(source__contains=marker)
        .exclude(post__thread_id=thread_id)
        .select_related("post")
    ):
        source = link_case_quotes(revision.source, thread_id=revision.post.thread_id)
        if source != revision.source:
            revision.source, revision.html = source, render_post(source)[0]
            revisions.append(revision)
    PostRevision.objects.bulk_update(revisions, ["source", "html"])
    if changed:
        index_posts(post_ids=[post.pk for post in changed])
        content_changed()
    return [post.pk for post in changed]
