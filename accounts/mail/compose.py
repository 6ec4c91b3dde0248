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
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template import Context
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from accounts.languages import language_for
from accounts.mail.headers import (
    QUICK_FOLDING,
    automatic_headers,
    fold_subject,
    list_id,
    message_id,
)
from accounts.mail.signing import sign
from accounts.models import User
from accounts.unsubscribe import unsubscribe_links


def preferences_url() -> str:
    """The absolute address of the member's email preferences, as every footer links it."""
    return f"{settings.SITE_URL}{reverse('accounts:settings_preferences')}"


class Message(EmailMultiAlternatives):
    """A site email: its ``Message-ID`` in the site's domain and its subject folded to read back
    as written (``accounts.mail.headers``), signed with DKIM when a key is configured
    (``accounts.mail.signing``).

    It also sets its MIME boundary itself. Left unset, the standard library's generator picks a
    random one and compiles a regular expression for it to search the parts, once per
    message: a quarter of the cost of turning a digest into bytes."""

    def message(self, *args, **kwargs):
        if not any(name.lower() == "message-id" for name in self.extra_headers):
            self.extra_headers["Message-ID"] = message_id()
        msg = super().message(*args, **kwargs)
        msg.policy = QUICK_FOLDING  # the same bytes, folded faster (accounts.mail.headers)
        fold_subject(msg, str(self.subject))
        # The boundary is set below; signing comes after it, last.
        if msg.is_multipart():
            parts = [self.body, *(content for content, _type in self.alternatives)]
            boundary = f"=={uuid.uuid4().hex}=="
            while any(boundary in str(part) for part in parts):  # astronomically unlikely
                boundary = f"=={uuid.uuid4().hex}=="
            msg.set_boundary(boundary)
        sign(msg)
        return msg


class Composer:
    """Builds messages with templates looked up and compiled once per composer: a batch (a
    digest run, a task's notifications) pays for rendering, not for finding templates."""

    def __init__(self) -> None:
        self._templates: dict[str, Any] = {}
        self._preferences_url = preferences_url()
        self._inliner: Any = None

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
        list_name: str = "",
        headers: dict[str, str] | None = None,
        reply_to: str = "",
    ) -> Message:
        """The message ``name`` (``<app>/email/<name>``) to ``to``.

        The templates get ``member`` (``to``), ``SITE_NAME``, ``site_url``,
        ``preferences_url``, ``subject`` (the HTML's title) and, with ``unsubscribe`` (a scope
        of ``accounts.unsubscribe``), ``unsubscribe_url``; the message then carries
        ``List-Unsubscribe`` (an https link and a mailto) and ``List-Unsubscribe-Post``
        (RFC 8058). Every message says it is automatic (``Auto-Submitted``) and carries a
        ``List-Id`` for its kind (``list_name``, default the template's name) in the site's
        domain; ``headers`` adds others, ``reply_to`` sets ``Reply-To``.
        """
        # Written in the member's language (accounts.languages), whatever the request's or
        # the task's: a digest run writes to members of every language.
        with translation.override(language_for(to)):
            return self._compose(
                name,
                to=to,
                context=context,
                unsubscribe=unsubscribe,
                list_name=list_name,
                headers=headers,
                reply_to=reply_to,
            )

    def _compose(
        self,
        name: str,
        *,
        to: User,
        context: dict[str, Any],
        unsubscribe: str | None,
        list_name: str,
        headers: dict[str, str] | None,
        reply_to: str,
    ) -> Message:
        all_headers = automatic_headers()
        all_headers["List-Id"] = list_id(list_name or name.rsplit("/", 1)[-1])
        all_headers.update(headers or {})
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "member": to,
            "preferences_url": self._preferences_url,
            **context,
        }
        if unsubscribe is not None:
            context["unsubscribe_url"], one_click = unsubscribe_links(to, scope=unsubscribe)
            all_headers.update(one_click)
        subject = " ".join(self._plain(f"{name}_subject.txt", context).split())
        context["subject"] = subject
        message = Message(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            self._plain(f"{name}_body.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [to.email],
            headers=all_headers,
            reply_to=[reply_to] if reply_to else None,
        )
        html = self.template(f"{name}_body.html")
        if html is not None:
            message.attach_alternative(self.inline(html.render(context)), "text/html")
        return message

    def inline(self, html: str) -> str:
        """The HTML with the base template's CSS copied into style attributes (css-inline),
        for the clients that drop ``<style>``; the block stays for the dark scheme and phone
        widths. Never fetches anything (remote stylesheets off)."""
        if self._inliner is None:
            # css_inline is a Rust extension: imported when the first HTML part is built.
            import css_inline

            self._inliner = css_inline.CSSInliner(
                keep_style_tags=True, load_remote_stylesheets=False
            )
        return self._inliner.inline(html)

    def _plain(self, name: str, context: dict[str, Any]) -> str:
        """Rendered without autoescaping: a subject or a text part is not HTML."""
        template = self.template(name)
        if template is None:
            raise TemplateDoesNotExist(name)
        return template.template.render(Context(context, autoescape=False))


def compose(name: str, *, to: User, context: dict[str, Any], **options: Any) -> Message:
    """One message (``Composer.compose``, which names the ``options``); a batch keeps one
    ``Composer``."""
    return Composer().compose(name, to=to, context=context, **options)


def from_text(message: EmailMessage) -> Message:
    """An email written as text only (allauth's) as a site email: the same headers
    (``Message``), and an HTML part that sets the text in the base template
    (``email/text_body.html``)."""
    composer = Composer()
    subject = str(message.subject)
    text = str(message.body)
    site = Message(
        subject,
        text,
        message.from_email,
        message.to,
        headers={**automatic_headers(), **message.extra_headers},
    )
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            site.attach_alternative(composer.inline(str(content)), mimetype)
            return site
    unprefixed = subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)
    html = composer.template("email/text_body.html").render(
        {
            "SITE_NAME": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "subject": subject,
            "preheader": unprefixed,
            "text": text,
        }
    )
    site.attach_alternative(composer.inline(html), "text/html")
    return site
