"""Case emails to their authors: approved, returned, outcome reminder. They carry the case's
title and specialty and a link, never its content, and the one-click unsubscribe headers for
this kind of email (``email_on_review``).

``send_case_email`` queues the task ``cases.send_case_email`` after the commit with IDs; the
task calls ``deliver_case_email``, which reads the case and the member again and sends.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction

from accounts.emails import templated_message, wants_review_emails
from accounts.models import User
from cases.models import Case


def send_case_email(*, template: str, case: Case, to: User, extra: dict | None = None) -> None:
    """Queue ``templates/cases/email/<template>_{subject,message}.*`` to ``to`` after commit.
    ``extra`` is added to the template's context; it must be JSON (it travels to the task)."""
    if not to.email:
        return
    from cases.tasks import send_case_email as task

    transaction.on_commit(partial(task.delay, template, case.pk, to.pk, extra or {}))


def deliver_case_email(template: str, case_id: int, member_id: int, extra: dict) -> bool:
    """Send one case email now, unless the case or the member is gone or the member turned
    these emails off. Returns whether it was sent. SMTP errors propagate (the task retries)."""
    case = Case.objects.filter(pk=case_id).first()
    member = User.objects.select_related("preferences").filter(pk=member_id).first()
    if case is None or member is None or not (member.is_active and member.email):
        return False
    if not wants_review_emails(member):
        return False
    context = {
        "title": case.title,
        "specialty": case.specialty_name,
        "url": f"{settings.SITE_URL}{case.get_absolute_url()}",
        "member": member,
        **extra,
    }
    templated_message(
        f"cases/email/{template}", to=member.email, context=context, unsubscribe=(member, "review")
    ).send()
    return True
