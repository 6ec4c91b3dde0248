"""Moderating cases: review (approve, return), patient-privacy flags, redaction, restoring.

Each function is one transaction and writes ``accounts.audit.record``. Site views, the Django
admin actions and commands all call these.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from cases import contributions
from cases.emails import queue_case_email
from cases.models import (
    TEXT_FIELD_NAMES,
    Case,
    CaseRevision,
    CaseStatus,
    KeptFinding,
    PrivacyFlag,
)
from cases.permissions import can_view_case
from cases.review import review_changed
from cases.search import index_cases
from forums.models import Category, Post, PostRevision, Thread
from forums.notifications import notify_member_followers, recount_thread_readers
from forums.posting import SITE, create_thread, link_quotes_of_case_discussion
from forums.posting.activity import recount_after_moderation
from forums.posting.moderation import refresh_last_threads
from forums.recognition import events as recognition_events
from forums.rendering import render_markdown
from forums.search.index import index_posts
from forums.sharing.cache import content_changed
from forums.sharing.own_pages import own_pages_changed

CASE_FORUM_SLUG = "case-discussions"
REDACTED = "[redacted]"


def case_forum() -> Category:
    """The verified-only forum for case threads. Migration 0004 creates it; get_or_create
    keeps publishing working where it was removed (a flushed test database, an admin's slip)."""
    forum, _created = Category.objects.get_or_create(
        slug=CASE_FORUM_SLUG,
        defaults={
            "name": _("Case discussions"),
            "description": _("Discussion of published case studies."),
            "visibility": "verified",
            "position": 1000,
        },
    )
    return forum


# How long a moderator holds a case they opened for review; every action on the review page
# renews it, so only a moderator who walked away loses it.
CLAIM_MINUTES = 15


class CaseClaimed(ValidationError):
    """Another moderator is reviewing the case; ``holder`` and ``until`` say who and how long."""

    def __init__(self, case: Case):
        self.holder, self.until = case.claimed_by, case.claimed_until
        local = timezone.localtime(case.claimed_until)
        super().__init__(
            _("Being reviewed by @%(handle)s until %(time)s.")
            % {"handle": getattr(case.claimed_by, "handle", "?"), "time": f"{local:%H:%M}"}
        )


def claim_holder(case: Case) -> User | None:
    """Who holds a live claim on the case (no query when ``claimed_by`` is selected)."""
    if case.claimed_by_id and case.claimed_until and case.claimed_until > timezone.now():
        return case.claimed_by
    return None


def _check_claim(case: Case, *, by: User) -> None:
    """Refuse when another moderator holds a live claim (``case`` locked by the caller)."""
    if case.claimed_by_id and case.claimed_by_id != by.pk:
        holder = claim_holder(case)
        if holder is not None:
            raise CaseClaimed(case)


@transaction.atomic
def claim_case(case: Case, *, by: User, take_over: bool = False) -> Case:
    """Hold the case for ``by`` for CLAIM_MINUTES from now (renewing their own claim).

    Raises CaseClaimed when another moderator holds it, unless ``take_over``: then the claim
    moves to ``by`` and the take-over is in the audit log."""
    case = Case.objects.select_for_update(of=("self",)).select_related("claimed_by").get(pk=case.pk)
    previous = claim_holder(case)
    if previous is not None and previous.pk != by.pk:
        if not take_over:
            raise CaseClaimed(case)
        record(actor=by, action="case.take_over", target=case, member=previous)
    case.claimed_by, case.claimed_until = by, timezone.now() + timedelta(minutes=CLAIM_MINUTES)
    case.save(update_fields=["claimed_by", "claimed_until"])
    return case


def release_case(case: Case, *, by: User) -> None:
    """Let go of one's own claim (after deciding, or leaving the page)."""
    Case.objects.filter(pk=case.pk, claimed_by=by).update(claimed_by=None, claimed_until=None)
    review_changed(case.pk)  # an update sends no signal: the kept review pages show the claim


def _release(case: Case) -> None:
    case.claimed_by, case.claimed_until = None, None


def _tell_followers(case: Case) -> None:
    """The author's followers hear of the published case if they may read the case
    (``can_view_case``: verified professionals), never from the discussion's forum alone."""
    first = case.thread.posts.filter(number=1).select_related("thread__category").first()
    if first is None or case.author_id is None:
        return
    published = case  # the status is set; the row is saved after this call, in this transaction
    notify_member_followers(first, may_see=lambda user: can_view_case(user, published))


@transaction.atomic
def approve_case(case: Case, *, by: User) -> Case:
    """Publish a submitted case and open its discussion thread (a link back, no content, marked
    as a case's discussion: ``Thread.is_case_discussion``); the author is emailed after commit
    (that it was approved, never its title)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.PENDING:
        raise ValidationError(_("Only a case waiting for review can be approved."))
    _check_claim(case, by=by)
    _release(case)
    now = timezone.now()
    case.status = CaseStatus.PUBLISHED
    case.published_at = case.published_at or now
    case.reviewed_at, case.reviewed_by = now, by
    if case.thread_id is None:
        url = reverse("cases:detail", kwargs={"pk": case.pk, "slug": case.slug})
        case.thread = create_thread(
            category=case_forum(),
            author=case.author or by,
            title=case.title,
            body=_("Discussion of a case study: [read the case](%(url)s).") % {"url": url},
            origin=SITE,  # the site opens the discussion; the author's limits were counted
            at=now,
            to_author_followers=False,  # told below, by the case's own rule
            # Its title is the case's: emails and feeds must know to leave it out.
            is_case_discussion=True,
        )
        _tell_followers(case)
    case.save()
    recognition_events.case_published(author_id=case.author_id, at=now)
    contributions.note_published(case)
    record(actor=by, action="case.approve", target=case, member=case.author)
    if case.author:
        queue_case_email(template="approved", case=case, to=case.author, event=now.isoformat())
    own_pages_changed([case.author_id])  # the author's case list (their own cases)
    return case


@transaction.atomic
def return_case(case: Case, *, by: User, reason: str) -> Case:
    """Send a submitted case back to its author with a reason. The author is emailed after
    commit that it was returned; the reason is shown on the case page to them alone, never
    emailed (moderators quote the identifying text)."""
    if not reason.strip():
        raise ValidationError(_("Give the author a reason."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.PENDING:
        raise ValidationError(_("Only a case waiting for review can be returned."))
    _check_claim(case, by=by)
    # The text as returned is kept as a revision, so the review of the resubmission shows what
    # the author changed (cases.review.case_diff).
    CaseRevision.objects.keep(case, editor=case.author)
    case.status = CaseStatus.RETURNED
    case.return_reason = reason.strip()
    case.reviewed_at, case.reviewed_by = timezone.now(), by
    _release(case)
    case.save(
        update_fields=[
            "status",
            "return_reason",
            "reviewed_at",
            "reviewed_by",
            "claimed_by",
            "claimed_until",
        ]
    )
    record(actor=by, action="case.return", target=case, member=case.author, reason=reason)
    if case.author:
        queue_case_email(
            template="returned", case=case, to=case.author, event=case.reviewed_at.isoformat()
        )
    own_pages_changed([case.author_id])  # the author's case list (their own cases)
    return case


# --- patient-privacy flags -------------------------------------------------------------------


@transaction.atomic
def flag_case(case: Case, *, by: User, reason: str, post: Post | None = None) -> PrivacyFlag:
    """Any verified member may flag; the case (or the reply) is hidden at once, the case with
    its discussion (``_hide_discussion``)."""
    flag = PrivacyFlag.objects.create(case=case, post=post, flagged_by=by, reason=reason.strip())
    if post is not None:
        Post.objects.filter(pk=post.pk).update(is_hidden=True)
        index_posts(post_ids=[post.pk])
        content_changed()
        post.is_hidden = True
        recount_after_moderation(thread_ids=[post.thread_id], user_ids=[post.author_id])
        record(actor=by, action="case.flag_reply_hidden", target=post, member=post.author)
    else:
        Case.objects.filter(pk=case.pk).update(is_hidden=True)
        content_changed()  # shared case lists and previews drop it at once
        _hide_discussion(case, hidden=True)
        case.is_hidden = True
        contributions.recount_authors([case.author_id])
        record(actor=by, action="case.flag_hidden", target=case, member=case.author)
    return flag


def _hide_discussion(case: Case, *, hidden: bool) -> None:
    """Hide the case's discussion with it, or show it again: one UPDATE of
    ``Thread.hidden_by_case``, which ``forums.permissions`` reads everywhere (thread page,
    lists, search, feeds, notifications, digests, email). Then what showed it is retired here,
    in the same transaction: its posts' search vectors (NULL while hidden), every shared and
    visitors' page (``content_changed``), the forum's "latest thread", and the cached unread
    counts of members notified in it."""
    if case.thread_id is None:
        return
    Thread.objects.filter(pk=case.thread_id).update(hidden_by_case=hidden)
    if hidden:
        # Quotes of its replies elsewhere (stored before quotes became links) go too.
        link_quotes_of_case_discussion(case.thread_id)
    index_posts(thread_ids=[case.thread_id])
    content_changed()
    category_id = Thread.objects.filter(pk=case.thread_id).values_list("category_id", flat=True)
    refresh_last_threads(*category_id)
    recount_thread_readers(case.thread_id)


def _resolve_flags(case: Case, *, by: User, post: Post | None, resolution: str) -> None:
    PrivacyFlag.objects.filter(case=case, post=post, resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=by, resolution=resolution
    )


@transaction.atomic
def restore_case(case: Case, *, by: User) -> Case:
    """Show the case again after review (usually after redaction); closes its open flags."""
    Case.objects.filter(pk=case.pk).update(is_hidden=False)
    content_changed()
    # Only what the case hid: a moderator's own hiding of the thread stays.
    _hide_discussion(case, hidden=False)
    case.is_hidden = False
    contributions.recount_authors([case.author_id])
    _resolve_flags(case, by=by, post=None, resolution="restored")
    record(actor=by, action="case.restore", target=case, member=case.author)
    return case


@transaction.atomic
def restore_reply(post: Post, *, by: User) -> Post:
    Post.objects.filter(pk=post.pk).update(is_hidden=False)
    index_posts(post_ids=[post.pk])
    content_changed()
    post.is_hidden = False
    recount_after_moderation(thread_ids=[post.thread_id], user_ids=[post.author_id])
    _resolve_flags(post.thread.case, by=by, post=post, resolution="restored")
    record(actor=by, action="case.restore_reply", target=post, member=post.author)
    return post


def redactable_text(case: Case) -> str:
    """Every text redact_case removes from, joined: a selection must be in it to do anything."""
    fields = [case.title, *(getattr(case, n) for n in TEXT_FIELD_NAMES), case.quiz_explanation]
    return "\n".join([*fields, *(option.text for option in case.quiz_options.all())])


def _redact(source: str, text: str) -> str:
    return source.replace(text, REDACTED)


def _redact_posts(text: str) -> list[Post]:
    """Every post holding the text (the reply itself and any quote of it), re-rendered, and
    every earlier version of a post that held it (the edit history shows those)."""
    posts = list(Post.objects.filter(source__contains=text))
    for post in posts:
        post.source = _redact(post.source, text)
        post.html = render_markdown(post.source)
    Post.objects.bulk_update(posts, ["source", "html"])
    revisions = list(PostRevision.objects.filter(source__contains=text))
    for revision in revisions:
        revision.source = _redact(revision.source, text)
        revision.html = render_markdown(revision.source)
    PostRevision.objects.bulk_update(revisions, ["source", "html"])
    return posts


def _redact_case_records(case: Case, text: str) -> None:
    for revision in case.revisions.all():
        revision.content = {k: _redact(v or "", text) for k, v in revision.content.items()}
        revision.save(update_fields=["content"])
    for kept in KeptFinding.objects.filter(case=case, text__contains=text):
        kept.text = _redact(kept.text, text)
        kept.save(update_fields=["text"])
    for flag in PrivacyFlag.objects.filter(case=case, reason__contains=text):
        flag.reason = _redact(flag.reason, text)
        flag.save(update_fields=["reason"])


def reindex_after_redaction(*, case: Case | None, posts: list[Post]) -> None:
    """Rewrite the stored search vectors of the redacted rows, so the removed text no longer
    finds them: the posts, and the case's discussion thread (its title may have changed)."""
    index_posts(
        post_ids=[post.pk for post in posts],
        thread_ids=[case.thread_id] if case is not None and case.thread_id else [],
    )
    content_changed()
    if case is not None:
        index_cases(case_ids=[case.pk])


@transaction.atomic
def redact_case(case: Case, *, by: User, text: str) -> Case:
    """Remove ``text`` from the case's fields and stored HTML, every revision, and every post
    that quotes it. The audit entry records the length only: it must not keep the text."""
    if len(text.strip()) < 2:
        raise ValidationError(_("Give the exact text to remove."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_claim(case, by=by)
    if text in case.title:
        case.title = _redact(case.title, text)
        # The slug is the title in every link to the case and its discussion; old links
        # redirect to the new one (both pages compare slugs).
        case.slug = slugify(case.title)[:200] or "case"
    for name in [*TEXT_FIELD_NAMES, "quiz_explanation"]:
        source = getattr(case, name)
        if text in source:
            setattr(case, name, _redact(source, text))
            setattr(case, f"{name}_html", render_markdown(getattr(case, name)))
    case.save()
    if case.thread_id:
        Thread.objects.filter(pk=case.thread_id).update(title=case.title, slug=case.slug)
    _redact_case_records(case, text)
    posts = _redact_posts(text)
    for option in case.quiz_options.filter(text__contains=text):
        option.text = _redact(option.text, text)
        option.save(update_fields=["text"])
    reindex_after_redaction(case=case, posts=posts)
    record(
        actor=by,
        action="case.redact",
        target=case,
        member=case.author,
        characters=len(text),
        posts=len(posts),
    )
    return case


@transaction.atomic
def redact_reply(post: Post, *, by: User, text: str) -> Post:
    """Remove ``text`` from a reply and from every post quoting it."""
    if len(text.strip()) < 2 or text not in post.source:
        raise ValidationError(_("Give exact text that appears in the reply."))
    posts = _redact_posts(text)
    case = post.thread.case
    _redact_case_records(case, text)
    reindex_after_redaction(case=None, posts=posts)
    record(
        actor=by,
        action="case.redact_reply",
        target=post,
        member=post.author,
        characters=len(text),
        posts=len(posts),
    )
    post.refresh_from_db()
    return post
