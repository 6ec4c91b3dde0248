"""Case emails to their authors: approved, returned, outcome reminder. They say what happened
and link to the case, and carry nothing derived from it: not its title, not its slug (the link
uses a stand-in the case page redirects), not a moderator's return reason (shown on the case
page, to its author only), since a title or a reason may quote what identifies a patient. And the
one-click unsubscribe headers for this kind of email (``email_on_review``).

``send_case_email`` queues the task ``cases.send_case_email`` after the commit with IDs; the
task calls ``deliver_case_email``, which reads the case and the member again and sends.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from accounts.emails import templated_message, wants_review_emails
from accounts.models import User
from cases.models import Case

# Stands in for the case's slug (its title) in emailed links; the case page redirects it.
CASE_SLUG = "case"


def case_url(case: Case) -> str:
    """The absolute address emails give a case: without its slug."""
    path = reverse("cases:detail", kwargs={"pk": case.pk, "slug": CASE_SLUG})
    return f"{settings.SITE_URL}{path}"


def send_case_email(*, template: str, case: Case, to: User) -> None:
    """Queue ``templates/cases/email/<template>_{subject,message}.*`` to ``to`` after commit.
    The templates get the member and the link, nothing of the case."""
    if not to.email:
        return
    from accounts.outbox import queue_after_commit

    queue_after_commit("cases.send_case_email", template, case.pk, to.pk, {})


def deliver_case_email(template: str, case_id: int, member_id: int, extra: dict) -> bool:
    """Send one case email now, unless the case or the member is gone or the member turned
    these emails off. Returns whether it was sent. SMTP errors propagate (the task retries)."""
    case = Case.objects.filter(pk=case_id).first()
    member = User.objects.select_related("preferences").filter(pk=member_id).first()
    if case is None or member is None or not (member.is_active and member.email):
        return False
    if not wants_review_emails(member):
        return False
    # ``extra`` is no longer filled (it once carried the return reason): tasks queued before
    # that change still hold one, and it is dropped here on purpose.
    context = {"url": case_url(case), "member": member}
    templated_message(
        f"cases/email/{template}", to=member.email, context=context, unsubscribe=(member, "review")
    ).send()
    return True
