"""Every site email is built here: subject, text and HTML from one template family, the
preferences link and the one-click unsubscribe headers.

A message named ``<app>/email/<name>`` is rendered from ``templates/<app>/email/<name>`` +
``_subject.txt``, ``_body.txt`` and ``_body.html`` (the HTML extends ``email/base.html``, which
holds the footer).
The subject and the text are rendered without autoescaping (they are not HTML: a thread titled
``Q&A`` must not arrive as ``Q&amp;A``); the subject is one line, stripped, behind
``ACCOUNT_EMAIL_SUBJECT_PREFIX``. allauth's own emails go through its adapter.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from accounts.models import User
from accounts.unsubscribe import unsubscribe_links


def preferences_url() -> str:
    """The absolute address of the member's email preferences, as every footer links it."""
    return f"{settings.SITE_URL}{reverse('accounts:settings_preferences')}"


class Message(EmailMultiAlternatives):
    """Sets its MIME boundary itself. Left unset, the standard library's generator picks a
    random one and compiles a regular expression for it to search the parts, once per
    message: a quarter of the cost of turning a digest into bytes."""

    def message(self, *args, **kwargs):
        msg = super().message(*args, **kwargs)
        if msg.is_multipart():
            parts = [self.body, *(content for content, _type in self.alternatives)]
            boundary = f"=={uuid.uuid4().hex}=="
            while any(boundary in str(part) for part in parts):  # astronomically unlikely
                boundary = f"=={uuid.uuid4().hex}=="
            msg.set_boundary(boundary)
        return msg


class Composer:
    """Builds messages with templates looked up and compiled once per composer: a batch (a
    digest run, a task's notifications) pays for rendering, not for finding templates."""

    def __init__(self) -> None:
        self._templates: dict[str, Any] = {}
        self._preferences_url = preferences_url()

    def template(self, name: str) -> Any:
        """The compiled template ``name``, or None when it does not exist (a text-only email
        has no ``_body.html``)."""
        if name not in self._templates:
            try:
                self._templates[name] = get_template(name)
            except TemplateDoesNotExist:
                self._templates[name] = None
        return self._templates[name]

    def compose(
        self,
        name: str,
        *,
        to: User,
        context: dict[str, Any],
        unsubscribe: str | None = None,
    ) -> Message:
        """The message ``name`` (``<app>/email/<name>``) to ``to``.

        The templates get ``member`` (``to``), ``SITE_NAME``, ``site_url``,
        ``preferences_url`` and, with ``unsubscribe`` (a scope of ``accounts.unsubscribe``),
        ``unsubscribe_url``; the message then carries ``List-Unsubscribe`` (an https link and
        a mailto) and ``List-Unsubscribe-Post`` (RFC 8058).
        """
        headers: dict[str, str] = {}
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "member": to,
            "preferences_url": self._preferences_url,
            **context,
        }
        if unsubscribe is not None:
            context["unsubscribe_url"], headers = unsubscribe_links(to, scope=unsubscribe)
        subject = " ".join(self._plain(f"{name}_subject.txt", context).split())
        message = Message(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            self._plain(f"{name}_body.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [to.email],
            headers=headers,
        )
        html = self.template(f"{name}_body.html")
        if html is not None:
            message.attach_alternative(html.render(context), "text/html")
        return message

    def _plain(self, name: str, context: dict[str, Any]) -> str:
        """Rendered without autoescaping: a subject or a text part is not HTML."""
        template = self.template(name)
        if template is None:
            raise TemplateDoesNotExist(name)
        return template.template.render(Context(context, autoescape=False))


def compose(
    name: str, *, to: User, context: dict[str, Any], unsubscribe: str | None = None
) -> Message:
    """One message (``Composer.compose``); a batch keeps one ``Composer``."""
    return Composer().compose(name, to=to, context=context, unsubscribe=unsubscribe)
