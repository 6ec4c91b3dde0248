"""Reported private messages in the admin: a moderator opens one from its report and sees it
with the few messages around it (``forums.consults.moderation.reported_context``, which logs
each look), hides it or shows it again. Conversations themselves are not in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from accounts.permissions import is_moderator
from forums.consults import moderation
from forums.consults.models import Message
from forums.models import Report


def reported_message_link(report: Report) -> str:
    """What the report list and page show for a reported message: a link, never the text (a
    look at the text is logged)."""
    url = reverse("admin:forums_report_message", args=[report.pk])
    return format_html(
        '<a href="{}">{}</a>', url, _("Open the message with its context (each look is logged)")
    )


def reported_message_view(model_admin, request, report_id: int):
    if not is_moderator(request.user):
        raise PermissionDenied
    report = get_object_or_404(
        Report, pk=report_id, target_type=ContentType.objects.get_for_model(Message)
    )
    message = (
        Message.objects.select_related("author", "conversation").filter(pk=report.target_id).first()
    )
    if message is None:
        raise Http404
    if request.method == "POST":
        reason = request.POST.get("reason", "")[:2000]
        if request.POST.get("do") == "unhide":
            moderation.unhide_message(message, by=request.user, reason=reason)
        else:
            moderation.hide_message(message, by=request.user, reason=reason)
        messages.success(request, _("Done."))
        return redirect(request.path)
    context = moderation.reported_context(message, by=request.user)
    return TemplateResponse(
        request,
        "admin/forums/reported_message.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": str(message),
            "opts": Report._meta,
            "report": report,
            "context": context,
            "reports": Report.objects.filter(
                target_type=report.target_type, target_id=report.target_id
            ).select_related("reporter", "decided_by"),
        },
    )
