"""Exporting the learning log (PDF or CSV of a chosen period) and the public page that
verifies an export for an appraiser, without signing in."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.ratelimit import RateLimited, client_ip
from forums.learning import export as exporting
from forums.learning.forms import ExportForm, describe_errors
from forums.learning.pdf import export_pdf
from forums.models import LearningExport


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """GET: the form (the last twelve months by default) and the earlier exports with their
    links; POST: the file, recorded so that its link verifies it."""
    today = timezone.localdate()
    status = 200
    if request.method == "POST":
        form = ExportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = exporting.export_period(
                    user=request.user, start=data["start"], end=data["end"], ip=client_ip(request)
                )
            except RateLimited as refused:
                form.add_error(None, refused.message)
                return _page(request, form, status=429)
            if data["format"] == "csv":
                response = HttpResponse(
                    exporting.export_csv(made), content_type="text/csv; charset=utf-8"
                )
                name = exporting.filename(made, "csv")
            else:
                response = HttpResponse(export_pdf(made), content_type="application/pdf")
                name = exporting.filename(made, "pdf")
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            response["Cache-Control"] = "private, no-store"
            return response
        status = 400
    else:
        form = ExportForm(initial={"start": today - timedelta(days=365), "end": today})
    return _page(request, form, status=status)


def _page(request: HttpRequest, form: ExportForm, *, status: int) -> HttpResponse:
    earlier = [
        (record, exporting.verification_url(record))
        for record in LearningExport.objects.filter(user=request.user)[:10]
    ]
    return render(
        request,
        "forums/learning/export.html",
        {"form": describe_errors(form), "earlier": earlier, "verify_days": exporting.verify_days()},
        status=status,
    )


@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public: what an export was (member, period, totals, hash), never a reflection. An
    invalid, tampered or expired link, or one whose member deleted their account, is not found."""
    record = exporting.read_token(token)
    if record is None:
        raise Http404("This verification link is not valid or has expired.")
    response = render(
        request,
        "forums/learning/verify.html",
        {"record": record, "categories": exporting.category_hours(record)},
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
