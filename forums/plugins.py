"""Everything forums plugs in, in one place (called by ``ForumsConfig.ready``).

accounts may not import forums, so what forums adds there is declared here as one
``accounts.extensions.Extension``: its part of "my data" (threads, posts and the learning
log), the removal of what a member wrote when their account goes (the learning log always),
and its queues on the moderation dashboard.
Its own digest section (unanswered threads in the member's specialties) goes through the same
``forums.extensions`` point as the cases section, so the digests read one list.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts import extensions
from accounts.extensions import DashboardQueue, ExportSection
from accounts.models import AuditEntry
from forums import extensions as forums_extensions
from forums import member_data
from forums.learning.member_data import export_learning_log, remove_learning_log
from forums.mail.digests.followed import TEMPLATE as FOLLOWED_TEMPLATE
from forums.mail.digests.followed import followed_for_digests
from forums.mail.digests.unanswered import TEMPLATE as UNANSWERED_TEMPLATE
from forums.mail.digests.unanswered import unanswered_for_digests
from forums.models import Report

# What the "hidden recently" queue counts: every way content is hidden.
HIDE_ACTIONS = ["post.hide", "thread.hide", "report.privacy_hide", "member.hide_all_posts"]
HIDDEN_RECENTLY_DAYS = 7


def _hidden_since() -> datetime:
    return timezone.now() - timedelta(days=HIDDEN_RECENTLY_DAYS)


REPORTS_QUEUE = DashboardQueue(
    key="reports",
    label=_("Open reports"),
    queryset=lambda: Report.objects.open(),
    date_field="created_at",
    # One row per reported item, oldest first (cases.queue; the list of reports is
    # admin → Reports).
    viewname="admin:moderation_queue",
    order=30,
    decided=lambda: Report.objects.all(),
    decided_field="decided_at",
)

HIDDEN_QUEUE = DashboardQueue(
    key="hidden",
    label=_("Content hidden in the last 7 days"),
    queryset=lambda: AuditEntry.objects.filter(
        action__in=HIDE_ACTIONS, created_at__gte=_hidden_since()
    ),
    date_field="created_at",
    viewname="admin:accounts_auditentry_changelist",
    query=lambda: urlencode(
        {
            "action__in": ",".join(HIDE_ACTIONS),
            "created_at__gte": _hidden_since().replace(microsecond=0).isoformat(),
            "o": "0",
        }
    ),
    order=50,
)

INTO_ACCOUNTS = extensions.Extension(
    name="forums",
    export_sections=(
        ExportSection("threads", member_data.export_threads),
        ExportSection("posts", member_data.export_posts),
        ExportSection("learning_log", export_learning_log),
    ),
    deletion_hooks=(member_data.remove_forum_content, remove_learning_log),
    dashboard_queues=(REPORTS_QUEUE, HIDDEN_QUEUE),
)


INTO_FORUMS = forums_extensions.Extension(
    name="forums",
    digest_sections=(
        forums_extensions.DigestSection("unanswered", UNANSWERED_TEMPLATE, unanswered_for_digests),
        # New threads of the members the reader follows (cases adds its count of their cases).
        forums_extensions.DigestSection("followed", FOLLOWED_TEMPLATE, followed_for_digests),
    ),
)


def plug_in() -> None:
    extensions.plug_in(INTO_ACCOUNTS)
    forums_extensions.plug_in(INTO_FORUMS)
