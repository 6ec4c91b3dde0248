"""Everything cases plugs into forums and accounts, in one place (called by ``CasesConfig.ready``).

forums and accounts may not import cases (imports flow cases -> forums -> accounts), so what
case studies add to them is declared here, as one extension for each:

- forums (``forums.extensions``): the identifier scan of replies in a case discussion, of
  every private consult message and of learning-log reflections (a text check every posting
  service runs, and the findings itemised for the forms that let the author fix or keep each
  one) and of images added to a discussion or a message, the newest cases on the home page
  and the followed members' cases in its Following tab, the unanswered cases in the member's
  specialties (home page, digests), cases in site search, the new-cases section of the
  digests, the learning log's case entries, hiding a case reported for patient privacy, and
  the case's text in admin → Reports;
- accounts (``accounts.extensions``): the case queues of the moderation dashboard.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts import extensions as accounts_extensions
from accounts.extensions import DashboardQueue
from cases.digests import (
    DIGEST_CASES_TEMPLATE,
    DIGEST_FOLLOWED_CASES_TEMPLATE,
    followed_cases_for_digests,
    new_cases_for_digests,
)
from cases.discussion import check_case_image, scan_forum_reply
from cases.learning import LEARNING_SOURCE, TEXT_SCANNER
from cases.models import TEXT_FIELDS, Case, CaseStatus, PrivacyFlag
from cases.moderation import flag_case
from cases.search import search_cases
from cases.selectors import followed_members_cases, held_images, newest_cases_for_home
from cases.unanswered import (
    DIGEST_UNANSWERED_CASES_TEMPLATE,
    unanswered_cases,
    unanswered_cases_for_digests,
)
from forums import extensions as forums_extensions
from forums.extensions import (
    DigestSection,
    HomeProvider,
    PrivacyHider,
    ReportPreview,
    SearchSource,
)


def _hide_for_privacy(case: Case, *, by, reason: str) -> object:
    # A patient-privacy report on a case is a privacy flag: the case is hidden at once.
    return flag_case(case, by=by, reason=reason)


def _case_preview_html(case: Case) -> str:
    """A reported case in admin → Reports: its stored, sanitised HTML, field by field."""
    return format_html_join(
        "",
        "<h4>{}</h4>{}",
        (
            (label, mark_safe(getattr(case, f"{name}_html")))  # noqa: S308 - sanitised on save
            for name, label in TEXT_FIELDS
            if getattr(case, f"{name}_html")
        ),
    ) or format_html("{}", "-")


INTO_FORUMS = forums_extensions.Extension(
    name="cases",
    text_checks=(scan_forum_reply,),
    # The same scan on a learning-log reflection, finding by finding (fix or keep each), and
    # a case's discussion described for the log by reference and specialty, never its title.
    text_scanners=(TEXT_SCANNER,),
    learning_sources=(LEARNING_SOURCE,),
    # Images added in a case discussion's composer are read for identifiers first.
    image_checks=(check_case_image,),
    home_sections=(HomeProvider("cases/includes/home_cases.html", newest_cases_for_home),),
    search_sources=(SearchSource("case", _("Cases"), search_cases),),
    # New cases counted per followed specialty, and those of followed members, with a link
    # (no titles).
    digest_sections=(
        DigestSection("cases", DIGEST_CASES_TEMPLATE, new_cases_for_digests),
        DigestSection("followed_cases", DIGEST_FOLLOWED_CASES_TEMPLATE, followed_cases_for_digests),
        # Cases in the member's specialties still without a reply, counted (no titles).
        DigestSection(
            "unanswered_cases", DIGEST_UNANSWERED_CASES_TEMPLATE, unanswered_cases_for_digests
        ),
    ),
    # "Unanswered in your specialty" on the home page: cases the reader may read.
    unanswered_sources=(unanswered_cases,),
    # Published cases of followed members, to readers who may read them.
    following_sources=(followed_members_cases,),
    privacy_hiders=(PrivacyHider(Case, _hide_for_privacy),),
    report_previews=(ReportPreview(Case, _case_preview_html),),
)

CASES_PENDING_QUEUE = DashboardQueue(
    key="cases_pending",
    label=_("Cases waiting for review"),
    queryset=lambda: Case.objects.filter(status=CaseStatus.PENDING),
    date_field="submitted_at",
    viewname="admin:cases_case_changelist",
    query="status__exact=pending&o=5",  # o=5: submitted_at, oldest first
    order=10,
    # reviewed_at is the latest decision; a returned and resubmitted case counts again.
    decided=lambda: Case.objects.exclude(submitted_at=None),
    decided_field="reviewed_at",
)

IMAGES_HELD_QUEUE = DashboardQueue(
    key="images_held",
    label=_("Case images held for a moderator"),
    queryset=held_images,
    date_field="created_at",
    viewname="admin:cases_case_changelist",
    query="images=held",
    order=15,
)

PRIVACY_FLAGS_QUEUE = DashboardQueue(
    key="privacy_flags",
    label=_("Patient-privacy flags"),
    queryset=lambda: PrivacyFlag.objects.filter(resolved_at=None),
    date_field="created_at",
    viewname="admin:cases_privacyflag_changelist",
    query="resolved_at__isnull=True&o=3",  # o=3: created_at, oldest first
    order=20,
    decided=lambda: PrivacyFlag.objects.all(),
    decided_field="resolved_at",
)

INTO_ACCOUNTS = accounts_extensions.Extension(
    name="cases", dashboard_queues=(CASES_PENDING_QUEUE, IMAGES_HELD_QUEUE, PRIVACY_FLAGS_QUEUE)
)


def plug_in() -> None:
    forums_extensions.plug_in(INTO_FORUMS)
    accounts_extensions.plug_in(INTO_ACCOUNTS)
