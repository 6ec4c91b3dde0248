"""Case emails to their authors: approved, returned, outcome reminder. They say what happened
and link to the case, and carry nothing derived from it: not its title, not its slug (the link
uses a stand-in the case page redirects), not a moderator's return reason (shown on the case
page, to its author only), since a title or a reason may quote what identifies a patient. And the
one-click unsubscribe headers for this kind of email (``email_on_review``).

``queue_case_email`` queues the task ``cases.send_case_email`` after the commit with IDs and
the event (which decision); the task calls ``send_case_email``, which reads the case and the
member again and sends once through the ledger (``accounts.mail.ledger``: kind
``cases.<template>``, the case, the event), so a task run twice or retried after the SMTP
server refused sends one email.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from accounts.mail.compose import compose
from accounts.mail.ledger import OnceEmail, send_once
from accounts.mail.recipients import can_be_emailed, wants_review_emails
from accounts.models import User
from accounts.outbox import queue_after_commit
from cases.models import Case

# Stands in for the case's slug (its title) in emailed links; the case page redirects it.
CASE_SLUG = "case"


def case_url(case: Case) -> str:
    """The absolute address emails give a case: without its slug."""
    path = reverse("cases:detail", kwargs={"pk": case.pk, "slug": CASE_SLUG})
    return f"{settings.SITE_URL}{path}"


def queue_case_email(*, template: str, case: Case, to: User, event: str) -> None:
    """Queue ``templates/cases/email/<template>_{subject,body}.*`` to ``to`` after commit.
    ``event`` tells this happening from another of the same kind (a case returned twice gets
    two emails; the same return, one): e.g. the moment of the decision."""
    if not to.email:
        return
    queue_after_commit("cases.send_case_email", template, case.pk, to.pk, event)


def send_case_email(template: str, case_id: int, member_id: int, event: str | dict = "") -> int:
    """Send one case email now, once, unless the case or the member is gone or the member
    turned these emails off. Returns how many were sent (0 or 1). Raises ``MailNotSent`` when
    the SMTP server refused it, after recording (the task retries)."""
    # Tasks queued before the ledger carried an unused dict where the event now goes.
    event = event if isinstance(event, str) else ""
    case = Case.objects.filter(pk=case_id).first()
    member = User.objects.select_related("preferences").filter(pk=member_id).first()
    if case is None or member is None or not can_be_emailed(member):
        return 0
    if not wants_review_emails(member):
        return 0
    email = OnceEmail(
        recipient_id=member.pk,
        kind=f"cases.{template}",
        object_id=case.pk,
        event=event,
        # The templates get the member and the link, nothing of the case.
        build=lambda: compose(
            f"cases/email/{template}",
            to=member,
            context={"url": case_url(case)},
            unsubscribe="review",
        ),
    )
    return send_once([email])
