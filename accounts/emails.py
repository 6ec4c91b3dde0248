"""Site mail from ``<prefix>_subject.txt`` / ``_message.txt`` / ``_message.html`` templates."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string

from accounts.models import Preferences, User


def wants_review_emails(member: User) -> bool:
    """Emails about the member's own case studies and verification (``email_on_review``)."""
    try:
        return member.preferences.email_on_review
    except Preferences.DoesNotExist:
        return Preferences.defaults_for(member).email_on_review


def templated_message(
    prefix: str,
    *,
    to: str,
    context: dict[str, Any],
    unsubscribe: tuple[User, str] | None = None,
) -> EmailMultiAlternatives:
    """Render one message. ``prefix`` is e.g. ``accounts/email/verification_decision``.

    ``unsubscribe=(member, scope)`` adds the one-click ``List-Unsubscribe`` headers (RFC 8058)
    and ``unsubscribe_url`` / ``preferences_url`` for the template's footer; the link turns off
    that ``scope`` of email (``accounts.unsubscribe``).
    """
    from accounts.unsubscribe import unsubscribe_links

    headers: dict[str, str] = {}
    context = {"SITE_NAME": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    if unsubscribe is not None:
        url, headers = unsubscribe_links(unsubscribe[0], scope=unsubscribe[1])
        context["unsubscribe_url"] = url
        context["preferences_url"] = f"{settings.SITE_URL}/settings/preferences/"
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).splitlines()).strip()
    body = render_to_string(f"{prefix}_message.txt", context).strip()
    message = EmailMultiAlternatives(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers,
    )
    with contextlib.suppress(TemplateDoesNotExist):  # a text-only message is fine
        message.attach_alternative(render_to_string(f"{prefix}_message.html", context), "text/html")
    return message


def send_templated(
    prefix: str,
    *,
    to: str,
    context: dict[str, Any],
    unsubscribe: tuple[User, str] | None = None,
) -> None:
    """Render and send one message (``templated_message``)."""
    templated_message(prefix, to=to, context=context, unsubscribe=unsubscribe).send()
