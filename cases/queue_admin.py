"""The report queue in admin at /admin/queue/ (cases.queue reads and decides)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import queue


class QueueDecisionForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in queue.KINDS])
    target_id = forms.IntegerField(min_value=1)
    do = forms.ChoiceField(choices=[(d, d) for d in queue.DECISIONS])
    note = forms.CharField(required=False, max_length=2000)
    length = forms.ChoiceField(
        required=False,
        choices=[
            ("1d", _("1 day")),
            ("3d", _("3 days")),
            ("1w", _("1 week")),
            ("30d", _("30 days")),
        ],
    )


def queue_view(request):
    """The report queue: every reported item, oldest first (or newest, or most reported), one
    row each with the content inline and one-click decisions (cases.queue.decide_item)."""
    from accounts.permissions import is_moderator

    if not is_moderator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = QueueDecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                closed = queue.decide_item(
                    kind=data["kind"],
                    target_id=data["target_id"],
                    by=request.user,
                    decision=data["do"],
                    note=data["note"],
                    length=data["length"] or "1d",
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("Done: %(n)s report(s) closed and each reporter told the outcome.")
                    % {"n": closed},
                )
        else:
            messages.error(request, _("That decision could not be read; nothing was changed."))
        return redirect(request.get_full_path())
    kind = request.GET.get("kind", "")
    order = request.GET.get("o", "oldest")
    items, page = queue.queue_page(
        kind=kind,
        order=order if order in queue.ORDERS else "oldest",
        page=request.GET.get("p") or 1,
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Reports: one queue"),
        "items": items,
        "page": page,
        "kind": kind,
        "order": order,
        "kinds": queue.KINDS,
        "orders": [
            ("oldest", _("Oldest first")),
            ("newest", _("Newest first")),
            ("most", _("Most reported")),
        ],
        "now": timezone.now(),
        "is_nav_sidebar_enabled": False,  # a work page: the whole width for the content
    }
    return TemplateResponse(request, "admin/moderation_queue.html", context)


# The queue spans every app, so it hangs off the admin site itself (/admin/queue/), not one
# model's admin; the rest of the site's URLs are Django's own.
_site_urls = admin.site.get_urls


def _with_queue():
    return [
        path("queue/", admin.site.admin_view(queue_view), name="moderation_queue"),
        *_site_urls(),
    ]


admin.site.get_urls = _with_queue
