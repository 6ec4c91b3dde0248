"""Writing to the forums: threads, replies, edits, soft deletes and drafts.

One transaction per call. Each write renders the Markdown once (``forums.rendering``), resolves
@mentions and quotes at write time, watches the thread for its author, clears the author's draft
and creates notifications (``forums.notifications``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from forums import notifications
from forums.following import watch_after_posting
from forums.models import Category, Draft, Post, PostRevision, Thread
from forums.permissions import can_delete_post, can_edit_post, is_listed
from forums.quoting import link_case_quotes
from forums.rendering import RenderError, find_mentions, render
from forums.search import index_posts
from forums.sharing.cache import content_changed

# Handles looked up per post; more mentions than this are left as text (and notify nobody).
MAX_MENTIONS = 20
# Autosaved drafts are cut here; the form refuses over-long text with a clear message anyway.
MAX_DRAFT_CHARS = 100_000

# A quote is a blockquote whose first line links to the quoted post: ``> [...](/t/12-slug/3)``.
_QUOTE_LINK = re.compile(r"^>\s*\[[^\]\n]*\]\(/t/(\d+)-[\w-]*/(\d+)\)", re.MULTILINE)


class PostingError(ValueError):
    """A write refused for a reason the author can act on; the message is for them."""


# Checks other apps run on text written in the forums composer (forums must not import them).
# A check takes the thread and the text and returns messages for the author; any message
# refuses the submit. cases registers one: replies in a case discussion are scanned for patient
# identifiers (its own case-page form lets the author keep a finding with a reason).
TextCheck = Callable[[Thread, str], list[str]]
_text_checks: list[TextCheck] = []


def register_text_check(check: TextCheck) -> None:
    if check not in _text_checks:
        _text_checks.append(check)


def check_text(*, thread: Thread, body: str) -> None:
    """Raise PostingError with every registered check's messages, if any."""
    messages = [message for check in _text_checks for message in check(thread, body)]
    if messages:
        raise PostingError(" ".join(messages))


def _text(value: str) -> str:
    """PostgreSQL text cannot hold NUL, and it is never meant as text: drop it."""
    return value.replace("\x00", "")


def _thread_slug(title: str) -> str:
    return slugify(title)[:200] or "thread"


def _mentioned_members(body: str) -> dict[str, User]:
    handles = sorted(find_mentions(body))[:MAX_MENTIONS]
    if not handles:
        return {}
    users = User.objects.annotate(lower_handle=Lower("handle")).filter(
        lower_handle__in=handles, is_active=True
    )
    return {user.lower_handle: user for user in users}


def render_post(body: str) -> tuple[str, list[User]]:
    """Render a post body; return its HTML and the members it mentions (linked)."""
    members = _mentioned_members(body)
    rendered = render(body, handles={key: user.handle for key, user in members.items()})
    return rendered.html, [members[key] for key in sorted(rendered.mentions)]


def quoted_authors(body: str, *, exclude: int | None = None) -> list[User]:
    """Authors of the posts a body quotes (by their ``/t/<id>-<slug>/<n>`` attribution link)."""
    pairs = {(int(t), int(n)) for t, n in _QUOTE_LINK.findall(body)}
    if not pairs:
        return []
    condition = Q(pk__in=[])
    for thread_id, number in list(pairs)[:MAX_MENTIONS]:
        condition |= Q(thread_id=thread_id, number=number)
    posts = Post.objects.filter(condition, author__isnull=False).select_related("author")
    return list(
        {
            p.author_id: p.author for p in posts if p.author is not None and p.author_id != exclude
        }.values()
    )


def quote_attribution(post: Post) -> str:
    """The link text of a quote of ``post``: "Ada wrote in #2" (its author, a member)."""
    author = post.author.name if post.author else _("Former member")
    attribution = _("%(author)s wrote in #%(number)s") % {"author": author, "number": post.number}
    # Brackets in a display name would end the link text early.
    return attribution.replace("[", "(").replace("]", ")")


def quote_markdown(post: Post) -> str:
    """The Markdown a composer starts with to quote ``post``: attributed, linking back."""
    lines = [f"> [{quote_attribution(post)}]({post.get_absolute_url()}):", ">"]
    lines += [f"> {line}" if line else ">" for line in post.source.splitlines()]
    return "\n".join(lines) + "\n\n"


def _clean_tags(tags: Iterable[str]) -> list[str]:
    return sorted({tag.strip().lower()[:50] for tag in tags if tag.strip()})


@transaction.atomic
def create_thread(
    *,
    category: Category,
    author: User,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    at=None,
) -> Thread:
    """Start a thread with its first post. Renders the body; raises RenderError on bad input.
    Quotes of case-discussion posts keep their link, not their text (forums.quoting)."""
    body, title = link_case_quotes(_text(body), thread_id=None), _text(title)
    html, mentioned = render_post(body)
    now = at or timezone.now()
    thread = Thread.objects.create(
        category=category,
        title=title.strip(),
        slug=_thread_slug(title),
        author=author,
        created_at=now,
        last_posted_at=now,
        last_poster=author,
        post_count=1,
    )
    post = Post.objects.create(
        thread=thread, number=1, author=author, source=body, html=html, created_at=now
    )
    index_posts(post_ids=[post.pk])
    content_changed()
    tags = _clean_tags(tags)
    if tags:
        thread.tags.set(tags)
    Category.objects.filter(pk=category.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + 1, last_thread=thread
    )
    watch_after_posting(thread, user=author, number=1)
    Draft.objects.filter(user=author, thread=None, category=category).delete()
    thread.category = category
    notifications.notify_new_post(
        post,
        mentioned=mentioned,
        quoted=quoted_authors(body, exclude=author.pk),
        new_thread=True,
    )
    return thread


@transaction.atomic
def create_reply(*, thread: Thread, author: User, body: str, at=None) -> Post:
    """Add a post at the end of a thread, numbered after the last one. Quotes of posts from
    another thread's case discussion keep their link, not their text (forums.quoting)."""
    body = link_case_quotes(_text(body), thread_id=thread.pk)
    html, mentioned = render_post(body)
    now = at or timezone.now()
    # Lock the thread row so concurrent replies take consecutive numbers.
    locked = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    number = locked.post_count + 1
    post = Post.objects.create(
        thread=locked, number=number, author=author, source=body, html=html, created_at=now
    )
    index_posts(post_ids=[post.pk])
    content_changed()
    Thread.objects.filter(pk=thread.pk).update(
        post_count=number, last_posted_at=now, last_poster=author
    )
    # A hidden thread (a moderator writing in it) never becomes the forum's "latest thread".
    Category.objects.filter(pk=locked.category_id).update(
        post_count=F("post_count") + 1,
        last_thread=locked if is_listed(locked) else F("last_thread"),
    )
    thread.post_count, thread.last_posted_at, thread.last_poster = number, now, author
    watch_after_posting(locked, user=author, number=number)
    Draft.objects.filter(user=author, thread=locked).delete()
    notifications.notify_new_post(
        post, mentioned=mentioned, quoted=quoted_authors(body, exclude=author.pk)
    )
    return post


@transaction.atomic
def edit_post(post: Post, *, by: User, body: str) -> Post:
    """Replace a post's text, keeping the previous version as a revision.

    Members newly mentioned by the edit are notified; those already mentioned are not again.
    Raises PermissionDenied, or RenderError on bad input (nothing is written then).
    """
    if not can_edit_post(by, post):
        raise PermissionDenied(_("You may not edit this post."))
    body = link_case_quotes(_text(body), thread_id=post.thread_id)
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
    title = _text(title)
    thread.title, thread.slug = title.strip(), _thread_slug(title)
    Thread.objects.filter(pk=thread.pk).update(title=thread.title, slug=thread.slug)
    index_posts(post_ids=[first.pk])
    content_changed()
    thread.tags.set(_clean_tags(tags))
    if by.pk != thread.author_id:
        record(actor=by, action="thread.edit", target=thread, member=thread.author)
    return thread


@transaction.atomic
def delete_post(post: Post, *, by: User) -> Post:
    """Soft delete: the post keeps its number (links stay valid) and shows as removed."""
    if not can_delete_post(by, post):
        raise PermissionDenied(_("You may not delete this post."))
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    index_posts(post_ids=[post.pk])
    content_changed()
    Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(accepted_post=None)
    post.is_deleted = True
    if by.pk != post.author_id:
        record(actor=by, action="post.delete", target=post, member=post.author)
    return post


# --- Drafts: saved before a submit is validated, so nothing the author wrote is lost. ---


def _draft_lookup(*, user: User, thread: Thread | None, category: Category | None) -> dict:
    if thread is not None:
        return {"user": user, "thread": thread}
    if category is None:
        raise ValueError("A draft belongs to a thread or a forum.")
    return {"user": user, "thread": None, "category": category}


def save_draft(
    *,
    user: User,
    body: str,
    thread: Thread | None = None,
    category: Category | None = None,
    title: str = "",
    tags: str = "",
) -> Draft | None:
    """Keep what the member is writing (an empty body and title discards the draft)."""
    body, title, tags = _text(body), _text(title), _text(tags)
    lookup = _draft_lookup(user=user, thread=thread, category=category)
    if not body.strip() and not title.strip():
        Draft.objects.filter(**lookup).delete()
        return None
    draft, _created = Draft.objects.update_or_create(
        **lookup,
        defaults={
            "body": body,
            "title": title[:200],
            "tags": tags[:300],
            "updated_at": timezone.now(),
            "category": category if thread is None else None,
        },
    )
    return draft


def get_draft(
    *, user: User, thread: Thread | None = None, category: Category | None = None
) -> Draft | None:
    return Draft.objects.filter(
        **_draft_lookup(user=user, thread=thread, category=category)
    ).first()


def discard_draft(
    *, user: User, thread: Thread | None = None, category: Category | None = None
) -> None:
    Draft.objects.filter(**_draft_lookup(user=user, thread=thread, category=category)).delete()


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


__all__ = [
    "PostingError",
    "RenderError",
    "create_reply",
    "create_thread",
    "delete_post",
    "discard_draft",
    "edit_post",
    "edit_thread",
    "get_draft",
    "link_quotes_of_case_discussion",
    "quote_attribution",
    "quote_markdown",
    "render_post",
    "save_draft",
]
