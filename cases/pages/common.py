"""What every case page shares: no search engine may index them (``noindex``), a suspended
member keeps their text, and the case a request may see or change."""

from __future__ import annotations

from functools import wraps

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.permissions import is_suspended
from cases.forms import CaseForm, OutcomeForm, ReplyForm
from cases.models import TEXT_FIELD_NAMES, Case
from cases.permissions import can_edit_case, can_view_case
from forums.pages.composer import render_suspended


def noindex(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        return response

    return wrapped


def suspended_keeps_text(fields):
    """A suspended member sending (or opening) a case form gets the page saying why and until
    when, with what they wrote in ``fields()`` (name, label pairs) to copy."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated and is_suspended(request.user):
                return render_suspended(request, fields=fields())
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def case_fields():
    return [
        (name, field.label)
        for name, field in CaseForm().fields.items()
        if isinstance(field, forms.CharField)  # the text they wrote, not their choices
    ]


def reply_fields():
    return [("body", ReplyForm().fields["body"].label or _("Your reply"))]


def outcome_fields():
    return [("outcome", OutcomeForm().fields["outcome"].label)]


def visible_case(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("author", "thread"), pk=pk)
    if not can_view_case(request.user, case):
        raise Http404("No such case.")
    return case


def own_case(request: HttpRequest, pk: int) -> Case:
    case = visible_case(request, pk)
    if not can_edit_case(request.user, case):
        raise PermissionDenied
    return case


# The case form's text inputs, in page order: the order fixes are applied in.
FORM_TEXT_FIELDS = ("title", *TEXT_FIELD_NAMES)
