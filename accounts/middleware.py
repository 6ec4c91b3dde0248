"""Staff must set up two-factor authentication before they can use Django admin (moderation)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts import access, permissions

# The session key holding the admin page a moderator was sent away from to set up TOTP.
RETURN_AFTER_SETUP = "accounts_return_after_mfa_setup"


def require_mfa_for_staff(get_response: Callable[[HttpRequest], HttpResponse]):
    """Redirect a moderator or admin without TOTP from any admin page to the TOTP set-up page.

    Scoped to the admin's URL prefix, so other pages pay nothing; there, for staff, it reads
    ``accounts.access`` (one cache read, which also answers admin's permission checks). allauth
    then asks for the code at every sign-in once TOTP is on.
    """

    admin_prefix = ""  # resolved on first use: URLconfs may not be loaded at start-up
    codes_path = ""

    def middleware(request: HttpRequest) -> HttpResponse:
        nonlocal admin_prefix, codes_path
        admin_prefix = admin_prefix or reverse("admin:index")
        codes_path = codes_path or reverse("mfa_view_recovery_codes")
        if (
            request.path.startswith(admin_prefix)
            and permissions.require_mfa_for_staff(request.user)
            and not access.load(request.user).has_totp
        ):
            messages.warning(
                request,
                _(
                    "Moderators and admins must turn on two-factor authentication "
                    "before moderating."
                ),
            )
            # Where they were going, for the way back once it is on (below): an admin path of
            # this site, so safe to send them to.
            request.session[RETURN_AFTER_SETUP] = request.get_full_path()
            return redirect(
                f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}"
            )
        if request.path == codes_path and RETURN_AFTER_SETUP in request.session:
            # allauth ends the set-up on the recovery codes page, which has no way back: say
            # where to continue once the codes are saved.
            back = request.session.pop(RETURN_AFTER_SETUP)
            messages.success(
                request,
                format_html(
                    _(
                        "Two-factor authentication is on. Save these recovery codes, then "
                        '<a href="{}">continue where you were going</a>.'
                    ),
                    back,
                ),
            )
        return get_response(request)

    return middleware
