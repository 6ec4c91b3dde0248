"""Everything forums plugs in, in one place (called by ``ForumsConfig.ready``).

accounts may not import forums, so what forums adds there is declared here as one
``accounts.extensions.Extension``: its part of "my data" (threads, posts, badges and the
learning log), the removal of what a member wrote when their account goes (the learning log
always), and its queues on the moderation dashboard.
Its own digest sections (unanswered threads in the member's specialties, followed members'
threads, the monthly thank-you) and home sections (the participation prompt, unanswered
threads and cases) go through the same ``forums.extensions`` point as cases' sections, so the
digests and the home page read one list; approved verifications earn a badge through
``accounts.extensions.verification_hooks``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts import extensions
from accounts.extensions import ContributionKind, DashboardQueue, ExportSection
from accounts.models import AuditEntry
from forums import extensions as forums_extensions
from forums import member_data
from forums.consults import data as consult_data
from forums.learning.member_data import export_learning_log, remove_learning_log
from forums.mail.digests.followed import TEMPLATE as FOLLOWED_TEMPLATE
from forums.mail.digests.followed import followed_for_digests
from forums.mail.digests.unanswered import TEMPLATE as UNANSWERED_TEMPLATE
from forums.mail.digests.unanswered import unanswered_for_digests
from forums.models import Award, Report
from forums.pages import profiles
from forums.participation import prompt_for_home, unanswered_for_home
from forums.recognition import events as recognition_events
from forums.recognition.thanks import TEMPLATE as THANKS_TEMPLATE
from forums.recognition.thanks import thanks_for_digests

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


def export_badges(user) -> list[dict]:
    """The member's badges in "my data": code and when it was earned."""
    return [
        {"badge": badge, "earned_at": earned_at.isoformat()}
        for badge, earned_at in Award.objects.filter(user=user)
        .order_by("earned_at")
        .values_list("badge", "earned_at")
    ]


INTO_ACCOUNTS = extensions.Extension(
    name="forums",
    export_sections=(
        ExportSection("threads", member_data.export_threads),
        ExportSection("posts", member_data.export_posts),
        ExportSection("learning_log", export_learning_log),
        ExportSection("badges", export_badges),
        # Private consults: the member's conversations and the messages they wrote.
        ExportSection("private_consults", consult_data.export_conversations),
    ),
    deletion_hooks=(
        member_data.remove_forum_content,
        remove_learning_log,
        consult_data.remove_messages,
    ),
    dashboard_queues=(REPORTS_QUEUE, HIDDEN_QUEUE),
    # An approved verification earns the "Verified clinician" badge (forums.recognition).
    verification_hooks=(recognition_events.verified,),
    # A profile's contributions (forums.posting.activity moves them): what the member wrote
    # is charted by month; the marks they received are counted beside it.
    contribution_kinds=(
        ContributionKind("thread", _("Threads started"), order=30),
        ContributionKind("reply", _("Replies"), order=40),
        ContributionKind("helpful", _("Helpful marks received"), order=50, charted=False),
        ContributionKind("accepted", _("Accepted answers"), order=60, charted=False),
    ),
    # The profile served as forums' own pages are: from shared pages (forums.sharing).
    page_servers={"profile": profiles.serve_profile, "directory": profiles.serve_directory},
)


INTO_FORUMS = forums_extensions.Extension(
    name="forums",
    # Against unequal participation: the prompt to readers who never posted, then what waits
    # for an answer in the member's specialties (cases add theirs as an unanswered source).
    home_sections=(
        forums_extensions.HomeProvider("forums/includes/home_prompt.html", prompt_for_home),
        forums_extensions.HomeProvider("forums/includes/home_unanswered.html", unanswered_for_home),
    ),
    digest_sections=(
        forums_extensions.DigestSection("unanswered", UNANSWERED_TEMPLATE, unanswered_for_digests),
        # New threads of the members the reader follows (cases adds its count of their cases).
        forums_extensions.DigestSection("followed", FOLLOWED_TEMPLATE, followed_for_digests),
        # Once a month: last month's most helpful members per specialty (listed members only).
        forums_extensions.DigestSection("thanks", THANKS_TEMPLATE, thanks_for_digests, news=False),
    ),
)


def plug_in() -> None:
    extensions.plug_in(INTO_ACCOUNTS)
    forums_extensions.plug_in(INTO_FORUMS)
