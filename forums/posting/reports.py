"""Members report posts, threads (and, through the same model, cases); moderators decide.

Every function is one transaction and writes the audit log (``accounts.audit.record``). Site
views and the admin actions both call these.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_member, is_moderator
from forums import extensions
from forums.models import Message, Post, Report, ReportReason, ReportStatus, Thread
from forums.notifications import notify_report_decided
from forums.posting import limits
from forums.posting.activity import recount_after_moderation
from forums.posting.checks import MEMBER, Origin
from forums.search.index import index_posts
from forums.sharing.cache import content_changed
from forums.sharing.own_pages import conversation_changed


def _author(target: models.Model) -> User | None:
    return getattr(target, "author", None)


def _already_reported() -> str:
    return _(
        "You have already reported this. A moderator will look at it; "
        "there is no need to report it again."
    )


def can_report(user) -> bool:
    """Members report; suspended members still may (they can see abuse too)."""
    return is_member(user)


def _hide_for_privacy(target: models.Model, *, by: User, reason: str) -> None:
    """Hide at once, before any moderator has looked: a patient's privacy cannot wait.

    Not ``forums.posting.moderation.hide_*``: those are for moderators and the reporter is a member.
    """
    # Content forums cannot import (cases) is hidden the way its app plugged in.
    hider = extensions.privacy_hider(type(target))
    if hider is not None:
        hider(target, by=by, reason=reason)
        return
    if isinstance(target, Message):
        # A private message is hidden from every participant until a moderator decides; it
        # was never on a shared page or in search, so nothing else moves.
        Message.objects.filter(pk=target.pk).update(is_hidden=True)
        target.is_hidden = True
        conversation_changed(target.conversation_id)
        record(actor=by, action="report.privacy_hide", target=target, member=_author(target))
        return
    if isinstance(target, Post):
        Post.objects.filter(pk=target.pk).update(is_hidden=True)
        Thread.objects.filter(pk=target.thread_id, accepted_post=target).update(accepted_post=None)
        index_posts(post_ids=[target.pk])
        recount_after_moderation(thread_ids=[target.thread_id], user_ids=[target.author_id])
    elif isinstance(target, Thread):
        Thread.objects.filter(pk=target.pk).update(is_hidden=True)
        index_posts(thread_ids=[target.pk])
        recount_after_moderation(thread_ids=[target.pk])
    else:
        return
    # Like a moderator's hide: out of search, and off every shared page at once.
    content_changed()
    target.is_hidden = True
    record(actor=by, action="report.privacy_hide", target=target, member=_author(target))


@transaction.atomic
def report_content(
    target: models.Model, *, by: User, reason: str, text: str = "", origin: Origin = MEMBER
) -> Report:
    """File a report. A patient-privacy report on a post or thread hides it in the same
    transaction; the report stays open for a moderator to resolve (unhide or redact).

    Raises ValidationError (reason "other" needs text, or the member's earlier report of
    it is still open), PermissionDenied (not a member) or RateLimited (the reporting rates
    for ``origin``).
    """
    if not can_report(by):
        raise PermissionDenied
    limits.check_report(user=by, origin=origin)
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    text = text.strip()
    if reason == ReportReason.OTHER and not text:
        raise ValidationError({"text": _("Tell the moderators what is wrong.")})
    target_type = ContentType.objects.get_for_model(target)
    already = Report.objects.open().filter(
        reporter=by, target_type=target_type, target_id=target.pk
    )
    if already.exists():
        raise ValidationError(_already_reported())
    try:
        with transaction.atomic():  # a savepoint: two submits at once meet the constraint
            report = Report.objects.create(
                target_type=target_type,
                target_id=target.pk,
                target_repr=str(target)[:200],
                member=_author(target),
                reporter=by,
                reason=reason,
                text=text,
            )
    except IntegrityError as exc:
        raise ValidationError(_already_reported()) from exc
    record(actor=by, action="report.create", target=target, member=_author(target), reason=reason)
    if reason == ReportReason.PRIVACY:
        _hide_for_privacy(target, by=by, reason=text or _("Reported for patient privacy."))
    return report


def _decide(report: Report, *, by: User, status: str, note: str) -> Report:
    if not is_moderator(by):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ValidationError(_("This report has already been decided."))
    report.status = status
    report.decided_by, report.decided_at = by, timezone.now()
    report.decision_note = note.strip()
    report.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record(
        actor=by,
        action=f"report.{'resolve' if status == ReportStatus.RESOLVED else 'dismiss'}",
        target=report,
        member=report.member,
        reason=report.decision_note,
        report_reason=report.reason,
    )
    notify_report_decided(report, resolved=status == ReportStatus.RESOLVED)
    return report


@transaction.atomic
def resolve_report(report: Report, *, by: User, note: str = "") -> Report:
    """The report was right; the moderator acted on the content (separately, via its service).
    The reporter is told on the site (the note stays in the log)."""
    return _decide(report, by=by, status=ReportStatus.RESOLVED, note=note)


@transaction.atomic
def dismiss_report(report: Report, *, by: User, note: str = "") -> Report:
    """The report was unfounded; the reporter is told on the site. Content hidden by a privacy
    report is not unhidden here: a moderator unhides it with ``unhide_post``/``unhide_thread``."""
    return _decide(report, by=by, status=ReportStatus.DISMISSED, note=note)
