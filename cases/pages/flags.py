"""Raising a concern about a case: the patient-privacy flag and the report to moderators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import moderation
from cases.forms import FlagForm
from cases.pages.common import noindex, visible_case
from cases.permissions import can_take_part
from forums.models import Post
from forums.pages.reports import report_page


@login_required
@require_POST
@noindex
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    if not can_take_part(request.user, case):
        raise PermissionDenied
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what could identify the patient."))
        return redirect(case)
    post = None
    if form.cleaned_data.get("post"):
        post = get_object_or_404(Post, pk=form.cleaned_data["post"], thread_id=case.thread_id)
    moderation.flag_case(case, by=request.user, reason=form.cleaned_data["reason"], post=post)
    messages.success(request, _("Thank you. It is hidden until a moderator has reviewed it."))
    return redirect("cases:list" if post is None else case.get_absolute_url())


@login_required
@noindex
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a case for any reason (spam, abusive, off-topic, other). A patient-privacy report
    goes through ``flag_case`` (the Case privacy hider in ``cases/plugins.py``) and hides it at
    once."""
    case = visible_case(request, pk)
    return report_page(
        request,
        target=case,
        heading=_("Report the case “%(title)s”") % {"title": case.title},
        back=case.get_absolute_url(),
        breadcrumbs=[
            (reverse("cases:list"), _("Cases")),
            (case.get_absolute_url(), case.title),
        ],
    )
