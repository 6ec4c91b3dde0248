"""Staff must set up two-factor authentication before they can use Django admin (moderation)."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import permissions


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def require_mfa_for_staff(get_response: Callable[[HttpRequest], HttpResponse]):
    """Redirect a moderator or admin without TOTP from any admin page to the TOTP set-up page.

    Scoped to the admin's URL prefix, so other pages pay nothing; there it costs one query, only
    for staff. allauth then asks for the code at every sign-in once TOTP is on.
    """

    admin_prefix = ""  # resolved on first use: URLconfs may not be loaded at start-up

    def middleware(request: HttpRequest) -> HttpResponse:
        nonlocal admin_prefix
        admin_prefix = admin_prefix or reverse("admin:index")
        if (
            request.path.startswith(admin_prefix)
            and permissions.require_mfa_for_staff(request.user)
            and not has_totp(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Moderators and admins must turn on two-factor authentication "
                    "before moderating."
                ),
            )
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware
