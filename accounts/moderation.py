"""Suspending members and lifting a suspension. Each is one transaction and writes the audit log.

A suspended member still signs in and reads; ``accounts.permissions.can_post`` says no until
``suspended_until`` has passed, and the composer shows them why and until when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Aggregate, Count, DurationField, F, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import extensions
from accounts.audit import record
from accounts.extensions import DashboardQueue
from accounts.models import (
    MemberWarning,
    StaffNote,
    User,
    VerificationRequest,
    VerificationStatus,
)
from accounts.permissions import is_moderator, is_suspended


@transaction.atomic
def suspend_member(member: User, *, by: User, until: datetime, reason: str) -> User:
    """Suspend ``member`` until an aware datetime in the future, with a reason they will see.

    Moderators cannot suspend moderators or admins (an admin removes staff status first).
    """
    if not is_moderator(by):
        raise PermissionDenied
    if is_moderator(member):
        raise ValidationError(_("Moderators and admins cannot be suspended."))
    if timezone.is_naive(until):
        raise ValueError("until must be an aware datetime")
    if until <= timezone.now():
        raise ValidationError({"until": _("The end of the suspension must be in the future.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the member a reason.")})
    User.objects.filter(pk=member.pk).update(
        suspended_until=until, suspension_reason=reason.strip()
    )
    member.suspended_until, member.suspension_reason = until, reason.strip()
    record(
        actor=by,
        action="member.suspend",
        target=member,
        member=member,
        reason=member.suspension_reason,
        until=until.isoformat(),
    )
    return member


@transaction.atomic
def lift_suspension(member: User, *, by: User, reason: str = "") -> User:
    """End a suspension now. The old reason stays in the audit log, not on the member."""
    if not is_moderator(by):
        raise PermissionDenied
    User.objects.filter(pk=member.pk).update(suspended_until=None, suspension_reason="")
    member.suspended_until, member.suspension_reason = None, ""
    record(actor=by, action="member.lift_suspension", target=member, member=member, reason=reason)
    return member


# The lengths offered when suspending (a custom date is always possible).
SUSPENSION_LENGTHS: dict[str, timedelta] = {
    "1d": timedelta(days=1),
    "3d": timedelta(days=3),
    "1w": timedelta(weeks=1),
    "30d": timedelta(days=30),
}


@transaction.atomic
def add_staff_note(member: User, *, by: User, text: str) -> StaffNote:
    """A note on a member for staff only; the member never sees it (nor does their export)."""
    if not is_moderator(by):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    note = StaffNote.objects.create(member=member, author=by, text=text.strip())
    record(actor=by, action="member.note", target=member, member=member)
    return note


@transaction.atomic
def warn_member(member: User, *, by: User, reason: str) -> MemberWarning:
    """An official warning: the member sees it on every page until they have read it
    (``User.unread_warnings``, read by the site notice without a query)."""
    if not is_moderator(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the member a reason.")})
    warning = MemberWarning.objects.create(member=member, issued_by=by, reason=reason.strip())
    User.objects.filter(pk=member.pk).update(unread_warnings=F("unread_warnings") + 1)
    member.unread_warnings += 1
    record(actor=by, action="member.warn", target=member, member=member, reason=warning.reason)
    return warning


@transaction.atomic
def acknowledge_warnings(member: User) -> int:
    """The member has read their warnings: the notice goes. Returns how many were unread."""
    count = (
        MemberWarning.objects.unread().filter(member=member).update(acknowledged_at=timezone.now())
    )
    User.objects.filter(pk=member.pk).update(unread_warnings=0)
    member.unread_warnings = 0
    return count


def has_member_notice(user) -> bool:
    """A notice the member must see on every page (a suspension, an unread warning): such a
    member is never served a page shared with others. No query."""
    return bool(
        user.is_authenticated and (is_suspended(user) or getattr(user, "unread_warnings", 0))
    )


# --- The moderation dashboard at the top of the admin index -----------------------------------
# Each app plugs its queues in through accounts.extensions (imports flow cases -> forums ->
# accounts, so accounts knows nothing of forums or cases).


@dataclass(frozen=True)
class DashboardLine:
    label: str
    count: int
    oldest: datetime | None
    url: str
    median_wait: timedelta | None = None  # first review, over the last MEDIAN_DAYS


# "This week": the median is taken over what was decided in the last seven days.
MEDIAN_DAYS = 7


class Median(Aggregate):
    """PostgreSQL's exact median (``percentile_cont``), of intervals here."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def median_wait(queue: DashboardQueue) -> timedelta | None:
    """The median time from arrival to first decision, for rows decided in the last week."""
    if queue.decided is None:
        return None
    since = timezone.now() - timedelta(days=MEDIAN_DAYS)
    return (
        queue.decided()
        .filter(**{f"{queue.decided_field}__gte": since})
        .aggregate(m=Median(F(queue.decided_field) - F(queue.date_field)))["m"]
    )


# accounts' own queue; forums and cases plug theirs in (``accounts.extensions``).
VERIFICATION_QUEUE = DashboardQueue(
    key="verification",
    label=gettext_lazy("Verification requests"),
    queryset=lambda: VerificationRequest.objects.filter(status=VerificationStatus.PENDING),
    date_field="created_at",
    viewname="admin:accounts_verificationrequest_changelist",
    query="status__exact=pending&o=4",  # o=4: created_at, oldest first
    order=40,
    decided=lambda: VerificationRequest.objects.all(),
    decided_field="decided_at",
)


def _url(queue: DashboardQueue) -> str:
    query = queue.query() if callable(queue.query) else queue.query
    return f"{reverse(queue.viewname)}?{query}" if query else reverse(queue.viewname)


def dashboard_lines() -> list[DashboardLine]:
    """Every queue's count and oldest waiting date (one aggregate query per queue) and, where
    the queue has decisions, the median wait for one this week (one more)."""
    lines = []
    for queue in extensions.dashboard_queues():
        numbers = queue.queryset().aggregate(count=Count("pk"), oldest=Min(queue.date_field))
        lines.append(
            DashboardLine(
                label=str(queue.label),
                count=numbers["count"],
                oldest=numbers["oldest"],
                url=_url(queue),
                median_wait=median_wait(queue),
            )
        )
    return lines
