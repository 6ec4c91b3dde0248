"""Site mail from ``<prefix>_subject.txt`` / ``_message.txt`` / ``_message.html`` templates."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string


def send_templated(prefix: str, *, to: str, context: dict[str, Any]) -> None:
    """Render and send one message. ``prefix`` is e.g. ``accounts/email/verification_decision``."""
    context = {"SITE_NAME": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).splitlines()).strip()
    body = render_to_string(f"{prefix}_message.txt", context).strip()
    message = EmailMultiAlternatives(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
    )
    with contextlib.suppress(TemplateDoesNotExist):  # a text-only message is fine
        message.attach_alternative(render_to_string(f"{prefix}_message.html", context), "text/html")
    message.send()
