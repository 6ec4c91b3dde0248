"""Reporting a post or a thread to the moderators (``report_page`` is shared with ``cases``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from forums.forms import ReportForm
from forums.models import Thread
from forums.pages.common import get_post, get_thread
from forums.pages.composer import rate_limited_message
from forums.posting import Origin, limits, reports


def report_page(
    request: HttpRequest, *, target, heading: str, back: str, breadcrumbs: list[tuple[str, str]]
) -> HttpResponse:
    """The report form for a post, thread or case (cases.pages.flags uses it too). Rate-limited per
    member and per address; refused or invalid, the form comes back with the text in it."""
    if not reports.can_report(request.user):
        raise PermissionDenied(_("Only members with a verified email address can report."))
    # Bound on every POST, even an empty one, so a blank submit names the missing field.
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            reports.report_content(
                target,
                by=request.user,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
                origin=Origin.of(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except limits.RateLimited as exc:
            form.add_error(None, rate_limited_message(exc))
            status = 429
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect(back)
    return render(
        request,
        "forums/report.html",
        {"form": form, "heading": heading, "back": back, "breadcrumbs": breadcrumbs},
        status=status if status != 200 else (400 if form.errors else 200),
    )


def _thread_crumbs(thread: Thread) -> list[tuple[str, str]]:
    return [(reverse("forums:index"), _("Forums")), (thread.get_absolute_url(), thread.title)]


@login_required
def report_post(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    return report_page(
        request,
        target=post_obj,
        breadcrumbs=_thread_crumbs(post_obj.thread),
        heading=_("Report post #%(number)d") % {"number": post_obj.number},
        back=f"{post_obj.thread.get_absolute_url()}{post_obj.number}",
    )


@login_required
def report_thread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = get_thread(request, pk)
    return report_page(
        request,
        target=obj,
        breadcrumbs=_thread_crumbs(obj),
        heading=_("Report “%(title)s”") % {"title": obj.title},
        back=obj.get_absolute_url(),
    )
