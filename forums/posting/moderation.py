"""Moderator actions on threads and posts. Each writes the audit log in its transaction.

The site's buttons call these today; the admin pages (moderation issue) will call the same.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_moderator
from forums.models import Category, Draft, Post, PostRevision, Thread
from forums.posting.activity import recount_after_moderation
from forums.search.index import index_posts
from forums.sharing.cache import content_changed


def _require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied


def _set_thread(thread: Thread, *, by: User, field: str, value: bool, action: str, reason: str):
    _require_moderator(by)
    Thread.objects.filter(pk=thread.pk).update(**{field: value})
    if field == "is_hidden":
        # Posts of a hidden thread leave the search index; unhiding puts them back.
        index_posts(thread_ids=[thread.pk])
        # Its posts stop (or start again) counting for their authors and as participants.
        recount_after_moderation(thread_ids=[thread.pk])
    content_changed()  # hidden, locked or pinned: shared pages and lists show it at once
    setattr(thread, field, value)
    record(actor=by, action=action, target=thread, member=thread.author, reason=reason)
    return thread


@transaction.atomic
def lock_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_locked", value=True, action="thread.lock", reason=reason
    )


@transaction.atomic
def unlock_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_locked", value=False, action="thread.unlock", reason=reason
    )


@transaction.atomic
def pin_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_pinned", value=True, action="thread.pin", reason=reason
    )


@transaction.atomic
def unpin_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_pinned", value=False, action="thread.unpin", reason=reason
    )


@transaction.atomic
def hide_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_hidden", value=True, action="thread.hide", reason=reason
    )


@transaction.atomic
def unhide_thread(thread: Thread, *, by: User, reason: str = "") -> Thread:
    return _set_thread(
        thread, by=by, field="is_hidden", value=False, action="thread.unhide", reason=reason
    )


@transaction.atomic
def hide_post(post: Post, *, by: User, reason: str = "") -> Post:
    _require_moderator(by)
    Post.objects.filter(pk=post.pk).update(is_hidden=True)
    index_posts(post_ids=[post.pk])
    content_changed()
    Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(accepted_post=None)
    post.is_hidden = True
    recount_after_moderation(thread_ids=[post.thread_id], user_ids=[post.author_id])
    record(actor=by, action="post.hide", target=post, member=post.author, reason=reason)
    return post


@transaction.atomic
def unhide_post(post: Post, *, by: User, reason: str = "") -> Post:
    _require_moderator(by)
    Post.objects.filter(pk=post.pk).update(is_hidden=False)
    index_posts(post_ids=[post.pk])
    content_changed()
    post.is_hidden = False
    recount_after_moderation(thread_ids=[post.thread_id], user_ids=[post.author_id])
    record(actor=by, action="post.unhide", target=post, member=post.author, reason=reason)
    return post


# --- Moderation issue: moving threads, deleting a member's spam -------------------------------


# What the Moderators group needs in forums (migration 0003 grants a frozen copy): view only;
# every change is an admin action calling a service here or in forums.posting.reports.
MODERATOR_PERMISSIONS = [
    "view_category",
    "view_thread",
    "view_post",
    "view_postrevision",
    "view_report",
]


def ensure_moderator_permissions() -> None:
    """Grant forums' moderation permissions to the Moderators group at runtime (idempotent):
    for tests, whose flushed database lost what the migration granted, and for seeding."""
    from accounts.roles import ensure_moderators_group, grant_to_moderators

    ensure_moderators_group()
    grant_to_moderators(app_label="forums", codenames=MODERATOR_PERMISSIONS)
    grant_to_moderators(app_label="accounts", codenames=["view_profile"])


def _last_thread(category_id: int) -> Thread | None:
    return (
        Thread.objects.filter(category_id=category_id, is_hidden=False, hidden_by_case=False)
        .order_by("-last_posted_at", "-pk")
        .first()
    )


def refresh_last_threads(*category_ids: int) -> None:
    """Point each forum's "latest thread" (shown on forum lists) at its newest listed thread,
    after a thread moved, or was hidden or shown again."""
    for category_id in category_ids:
        Category.objects.filter(pk=category_id).update(last_thread=_last_thread(category_id))


@transaction.atomic
def move_thread(thread: Thread, *, to: Category, by: User, reason: str = "") -> Thread:
    """Move a thread to another forum, carrying its counts across and fixing both forums'
    "latest thread" so forum lists stay right without a recount."""
    _require_moderator(by)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    source_id = thread.category_id
    if source_id == to.pk:
        raise ValidationError(_("The thread is already in that forum."))
    Thread.objects.filter(pk=thread.pk).update(category=to)
    Post.objects.filter(thread=thread).update(category=to)  # its copy, for forum searches
    Category.objects.filter(pk=source_id).update(
        thread_count=F("thread_count") - 1, post_count=F("post_count") - thread.post_count
    )
    Category.objects.filter(pk=to.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + thread.post_count
    )
    refresh_last_threads(source_id, to.pk)
    index_posts(thread_ids=[thread.pk])  # the vectors carry the forum's visibility
    content_changed()
    thread.category = to
    record(
        actor=by,
        action="thread.move",
        target=thread,
        member=thread.author,
        reason=reason,
        from_forum=source_id,
        to_forum=to.pk,
    )
    return thread


@transaction.atomic
def hide_member_posts(member: User, *, by: User, reason: str = "") -> int:
    """Delete a member's spam in bulk: hide every visible post and every thread they started.

    Hidden rather than removed so a mistake can be undone; one audit entry for the batch, with
    the counts. Returns the number of posts hidden.
    """
    _require_moderator(by)
    posts = Post.objects.filter(author=member, is_hidden=False, is_deleted=False)
    post_ids = list(posts.values_list("pk", flat=True))
    touched = set(posts.values_list("thread_id", flat=True).distinct())
    Post.objects.filter(pk__in=post_ids).update(is_hidden=True)
    Thread.objects.filter(accepted_post_id__in=post_ids).update(accepted_post=None)
    thread_ids = list(
        Thread.objects.filter(author=member, is_hidden=False).values_list("pk", flat=True)
    )
    threads = Thread.objects.filter(pk__in=thread_ids).update(is_hidden=True)
    recount_after_moderation(thread_ids=touched | set(thread_ids), user_ids=[member.pk])
    # Hidden content leaves the search index (its vectors become NULL).
    index_posts(post_ids=post_ids, thread_ids=thread_ids)
    content_changed()
    record(
        actor=by,
        action="member.hide_all_posts",
        target=member,
        member=member,
        reason=reason,
        posts=len(post_ids),
        threads=threads,
    )
    return len(post_ids)


# --- Redaction: take a post's text out of the site entirely -----------------------------------

_QUOTE_DEPTH = re.compile(r"^(?:[ \t]*>)+")


def _depth(line: str) -> int:
    found = _QUOTE_DEPTH.match(line)
    return found.group().count(">") if found else 0


def _quote_start(post: Post) -> re.Pattern:
    """The attribution line ``quote_markdown`` writes for ``post``, at any quote depth and
    whatever the thread's slug was then: ``> [Ada wrote in #2](/t/12-slug/2):``."""
    return re.compile(
        rf"^(?:[ \t]*>)+[ \t]*\[[^\]\n]*\]\(/t/{post.thread_id}-[\w-]*/{post.number}\)[^\n]*$"
    )


def remove_quotes_of(source: str, post: Post, *, notice: str) -> str:
    """Replace every quote of ``post`` in ``source`` (nested quotes too) by its attribution line
    and ``notice``: the quoted block is every following line quoted at least as deeply."""
    start = _quote_start(post)
    lines, out, i = source.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        if not start.match(line):
            out.append(line)
            i += 1
            continue
        depth = _depth(line)
        out += [line, "> " * depth, "> " * depth + notice]
        i += 1
        while i < len(lines) and lines[i].strip() and _depth(lines[i]) >= depth:
            i += 1
    return "\n".join(out)


def _quote_marker(post: Post) -> str:
    # A cheap prefilter for the quoting rows; remove_quotes_of decides exactly.
    return f"](/t/{post.thread_id}-"


@transaction.atomic
def redact_post(post: Post, *, by: User, reason: str) -> Post:
    """Replace a post's text with a redaction notice everywhere it is kept: the post, its
    revisions, quotes of it in other posts (and their revisions and unsent drafts), and the
    search index. Those posts are re-rendered from their redacted source.

    The audit entry keeps the reason and counts, never the text. A thread's title is not
    touched (hide the thread, or edit its title, if the title itself must go).
    """
    from forums.posting import render_post

    _require_moderator(by)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the redaction.")})
    post = Post.objects.select_for_update().get(pk=post.pk)
    notice = _("[This post was redacted by a moderator.]")
    html = render_post(notice)[0]
    post.source, post.html = notice, html
    post.save(update_fields=["source", "html"])
    revisions = PostRevision.objects.filter(post=post).update(source=notice, html=html)

    quote_notice = _("[The quoted post was redacted by a moderator.]")
    marker = _quote_marker(post)
    quoting = []
    for other in Post.objects.filter(source__contains=marker).exclude(pk=post.pk):
        redacted = remove_quotes_of(other.source, post, notice=quote_notice)
        if redacted != other.source:
            other.source, other.html = redacted, render_post(redacted)[0]
            quoting.append(other)
    Post.objects.bulk_update(quoting, ["source", "html"])
    old_versions = []
    for revision in PostRevision.objects.filter(source__contains=marker).exclude(post=post):
        redacted = remove_quotes_of(revision.source, post, notice=quote_notice)
        if redacted != revision.source:
            revision.source, revision.html = redacted, render_post(redacted)[0]
            old_versions.append(revision)
    PostRevision.objects.bulk_update(old_versions, ["source", "html"])
    drafts = []
    for draft in Draft.objects.filter(body__contains=marker):
        redacted = remove_quotes_of(draft.body, post, notice=quote_notice)
        if redacted != draft.body:
            draft.body = redacted
            drafts.append(draft)
    Draft.objects.bulk_update(drafts, ["body"])

    index_posts(post_ids=[post.pk, *(other.pk for other in quoting)])
    content_changed()
    record(
        actor=by,
        action="post.redact",
        target=post,
        member=post.author,
        reason=reason.strip(),
        revisions=revisions + len(old_versions),
        quoting_posts=len(quoting),
        drafts=len(drafts),
    )
    return post
