"""Case emails. They carry the case's title and specialty and a link, never its content."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from cases.models import Case


def send_case_email(*, template: str, case: Case, to, extra: dict | None = None) -> None:
    """Queue ``templates/cases/email/<template>_{subject,message}.*`` to ``to`` after commit."""
    if not to.email:
        return
    context = {
        "title": case.title,
        "specialty": case.specialty_name,
        "url": f"{settings.SITE_URL}{case.get_absolute_url()}",
        "member": to,
        "SITE_NAME": settings.SITE_NAME,
        **(extra or {}),
    }
    subject = " ".join(render_to_string(f"cases/email/{template}_subject.txt", context).split())
    text = render_to_string(f"cases/email/{template}_message.txt", context)
    html = render_to_string(f"cases/email/{template}_message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to.email])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)
