"""allauth's one customisation seam for Rounds."""

from __future__ import annotations

from typing import NamedTuple

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class SiteIdentity(NamedTuple):
    """What allauth's templates read from ``current_site``."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address):
        """Mirror the verified primary address onto the user, where permission checks read it."""
        super().confirm_email(request, email_address)
        user = email_address.user
        if not user.email_verified:
            user.email_verified = True
            user.save(update_fields=["email_verified"])

    def get_client_ip(self, request) -> str:
        """The same address our own rate limits count (ROUNDS_TRUSTED_PROXY_COUNT decides)."""
        from accounts.ratelimit import client_ip

        return client_ip(request)

    def post_login(self, request, user, **kwargs):
        """A password (and code) typed to sign in counts as a reauthentication for allauth's
        usual few minutes (ACCOUNT_REAUTHENTICATION_TIMEOUT). Without this, allauth asked a
        moderator for their password again on their first admin visit right after signing in:
        setting up two-factor requires a *reauthentication* record, and sign-in records do not
        carry that flag (allauth.account.internal.flows.reauthentication)."""
        response = super().post_login(request, user, **kwargs)
        from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

        records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
        for entry in records:
            entry["reauthenticated"] = True
        if records:
            request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        return response

    def send_mail(self, template_prefix, email, context):
        """allauth's emails name the site as every other email does: ``SITE_NAME`` and the
        domain of ``SITE_URL``, not the host the request came in on ("Hello from
        127.0.0.1:8101!")."""
        from accounts.mail.headers import site_domain

        context.setdefault("site_url", settings.SITE_URL)
        context["current_site"] = SiteIdentity(name=settings.SITE_NAME, domain=site_domain())
        return super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's text, in the site's one mail pipeline: the same base template for the HTML
        part, the same headers (``accounts.mail.compose.from_text``)."""
        from accounts.mail.compose import from_text

        message = super().render_mail(template_prefix, email, context, headers=headers)
        return from_text(message)
