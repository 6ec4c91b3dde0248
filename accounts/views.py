"""Profile and settings pages. Views validate with a form and call one service; no logic here."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts import activity, deletion, export, extensions, permissions, selectors, verification
from accounts.forms import (
    DeleteAccountForm,
    PreferencesForm,
    ProfileForm,
    VerificationRequestForm,
)
from accounts.models import FollowLevel, Profile, VerificationRequest, VerificationStatus
from accounts.serving import content_type_for, uploaded_file_response


def profile(request: HttpRequest, handle: str) -> HttpResponse:
    """``/u/<handle>/``: served as the app sharing pages serves it (forums: from the visitors'
    page cache, or one page per forum levels with the member's own parts filled in), else
    whole (``render_profile``)."""
    return extensions.serve_page("profile", request, whole=render_profile, handle=handle)


def render_profile(
    request: HttpRequest, *, handle: str, relation: selectors.Relation | None = None
) -> HttpResponse:
    """The profile rendered whole for this viewer; ``relation``: their follow and block of
    the member when already read."""
    member, member_profile = selectors.public_profile(handle=handle, viewer=request.user)
    if relation is None:
        relation = selectors.relation_to(viewer=request.user, member_id=member.pk)
    context = profile_context(member, member_profile, viewer=request.user)
    return render(request, "accounts/profile.html", {**context, **viewer_parts(relation)})


def profile_context(member, member_profile: Profile | None, *, viewer) -> dict:
    """What ``accounts/profile.html`` shows of ``member`` to ``viewer`` (a member, a visitor,
    or a ``permissions.Reader`` for a page shared between members), but the viewer's follow
    and block (``viewer_parts``)."""
    return {
        "member": member,
        "profile": member_profile,
        "viewer": viewer,
        "own_profile": viewer.is_authenticated and viewer.pk == member.pk,
        "show_institution": member_profile is not None
        and member_profile.institution
        and permissions.can_see_institution(viewer, member, member_profile),
        "verified": permissions.has_verified_badge(member),
        "activity_template": selectors.profile_activity_template(),
        "actions_template": selectors.profile_actions_template(),
        "follow_levels": FollowLevel.choices,
        # What they gave, by kind and month: their activity rows, one query.
        "contributions": activity.member_contributions(member_id=member.pk),
    }


def viewer_parts(relation: selectors.Relation) -> dict:
    """The viewer's own parts of a profile: their follow's level and their block."""
    return {"follow_level": relation.follow_level, "viewer_blocked": relation.blocked}


@require_GET
def avatar(request: HttpRequest, user_id: int, name: str) -> FileResponse:
    """Serve an avatar from storage. Names are random and change with each upload, so the
    response may be cached for good."""
    stored = f"avatars/{user_id}/{name}"
    exists = Profile.objects.filter(user_id=user_id, avatar=stored, user__is_active=True).exists()
    if not exists or not default_storage.exists(stored):
        raise Http404("No such avatar.")
    return uploaded_file_response(
        default_storage.open(stored, "rb"),
        content_type=content_type_for(name),
        filename=f"avatar-{user_id}.{name.rsplit('.', 1)[-1]}",
        cache_control="public, max-age=31536000, immutable",
    )


@login_required
def settings_index(request: HttpRequest) -> HttpResponse:
    return redirect("accounts:settings_profile")


@login_required
def settings_profile(request: HttpRequest) -> HttpResponse:
    instance = selectors.own_profile(user=request.user)
    form = ProfileForm(
        request.POST or None, request.FILES or None, instance=instance, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save_for_member()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:settings_profile")
    return render(request, "accounts/settings_profile.html", {"form": form, "profile": instance})


@login_required
def settings_preferences(request: HttpRequest) -> HttpResponse:
    from accounts.mail import bounces

    if request.method == "POST" and "resume_email" in request.POST:
        # The member says their mailbox works again (it bounced hard too often).
        bounces.resume_address(request.user.email)
        messages.success(request, _("We will email you again."))
        return redirect("accounts:settings_preferences")
    instance = selectors.own_preferences(user=request.user)
    form = PreferencesForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save_for_member()
        messages.success(request, _("Your preferences are saved."))
        return redirect("accounts:settings_preferences")
    stopped = bounces.stopped_for(user_id=request.user.pk)
    return render(
        request, "accounts/settings_preferences.html", {"form": form, "email_stopped": stopped}
    )


@login_required
def settings_verification(request: HttpRequest) -> HttpResponse:
    requests = selectors.own_verification_requests(user=request.user)
    pending = any(r.status == VerificationStatus.PENDING for r in requests)
    may_ask = permissions.can_request_verification(request.user) and not pending
    form = VerificationRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and may_ask and form.is_valid():
        data = form.cleaned_data
        try:
            verification.request_verification(
                request.user,
                registration_number=data["registration_number"],
                registering_body=data["registering_body"],
                country=data["country"],
                evidence=data.get("evidence_upload"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your request is with the moderators."))
            return redirect("accounts:settings_verification")
    return render(
        request,
        "accounts/settings_verification.html",
        {
            "form": form,
            "requests": requests,
            "pending": pending,
            "may_ask": may_ask,
            "verified": permissions.has_verified_badge(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """Moderators open a request's evidence (linked from admin); nobody else may."""
    if not permissions.can_review_verification(request.user):
        raise PermissionDenied
    req = get_object_or_404(VerificationRequest, pk=pk)
    if not req.evidence or not req.evidence.storage.exists(req.evidence.name):
        raise Http404("No evidence.")
    # An attachment: a PDF opened inline would run in the browser's viewer on our origin.
    return uploaded_file_response(
        req.evidence.storage.open(req.evidence.name, "rb"),
        content_type=content_type_for(req.evidence.name),
        filename=f"verification-{req.pk}.{req.evidence.name.rsplit('.', 1)[-1]}",
        attachment=True,
        cache_control="private, no-store",
    )


@login_required
def settings_data(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        deletion.delete_account(request.user, keep_posts=form.keep_posts)
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for being part of Rounds."))
        return redirect("home")
    return render(request, "accounts/settings_data.html", {"form": form})


@login_required
@require_POST
def export_data(request: HttpRequest) -> HttpResponse:
    """POST so that a link cannot make a browser download someone's data by surprise."""
    data = export.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="rounds-{request.user.handle}-{stamp}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Rate limits (moderation issue) ---------------------------------------------------------

# Fields a refused sign-up or sign-in gives back to copy; passwords never come back.
_KEPT_AUTH_FIELDS = {
    "email": gettext_lazy("Email"),
    "login": gettext_lazy("Email"),
    "handle": gettext_lazy("Handle"),
    "display_name": gettext_lazy("Display name"),
}
# allauth's URL names and the ACCOUNT_RATE_LIMITS action each is limited by.
_ALLAUTH_ACTIONS = {"account_signup": "signup", "account_reset_password": "reset_password"}


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """``config.urls.handler429``, which allauth renders when one of ACCOUNT_RATE_LIMITS refuses:
    which limit, until when, and the non-secret fields the visitor typed, to copy."""
    from accounts.ratelimit import allauth_limit

    name = request.resolver_match.url_name if request.resolver_match else ""
    action = _ALLAUTH_ACTIONS.get(name, "")
    reason = allauth_limit(request, action=action) if action else None
    kept = [
        (label, request.POST.get(field, ""))
        for field, label in _KEPT_AUTH_FIELDS.items()
        if request.method == "POST" and request.POST.get(field, "").strip()
    ]
    return render(
        request,
        "429.html",
        {
            "reason": reason or _("Too many requests came from your network address."),
            "kept": kept,
            "back": request.path,
        },
        status=429,
    )


@login_required
def settings_warnings(request: HttpRequest) -> HttpResponse:
    """The member's official warnings from the moderators; "I have read it" ends the notice
    shown on every page."""
    from accounts.moderation import acknowledge_warnings

    if request.method == "POST":
        acknowledge_warnings(request.user)
        messages.success(request, _("Thank you: the notice is gone."))
        return redirect("accounts:warnings")
    warnings = list(request.user.warnings.order_by("-created_at")[:50])
    return render(request, "accounts/settings_warnings.html", {"warnings": warnings})
