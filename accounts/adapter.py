"""allauth's one customisation seam for Rounds."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address):
        """Mirror the verified primary address onto the user, where permission checks read it."""
        super().confirm_email(request, email_address)
        user = email_address.user
        if not user.email_verified:
            user.email_verified = True
            user.save(update_fields=["email_verified"])

    def validate_unique_email(self, email: str) -> str:
        """Say plainly on the sign-up form when an address is taken.

        allauth would otherwise pretend success and email the owner (enumeration prevention);
        the product asks for a clear message instead. Password reset still answers the same
        whether or not an address is registered.
        """
        email = super().validate_unique_email(email)
        # lower(email) as the unique index on users has it; allauth stores addresses lower-cased.
        if (
            User.objects.alias(e=Lower("email")).filter(e=email.lower()).exists()
            or EmailAddress.objects.filter(email=email.lower()).exists()
        ):
            raise forms.ValidationError(
                _("An account already uses this email address. Sign in, or reset your password.")
            )
        return email

    def get_client_ip(self, request) -> str:
        """The same address our own rate limits count (ROUNDS_TRUSTED_PROXY_COUNT decides)."""
        from accounts.ratelimit import client_ip

        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        context.setdefault("site_url", settings.SITE_URL)
        return super().send_mail(template_prefix, email, context)
