"""One page per member for moderators (``UserAdmin`` mixes this in): staff notes, an official
warning, suspension with a length and a reason template, each through accounts.moderation."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import moderation
from accounts.models import AuditEntry, ReasonKind, ReasonTemplate, User


class TemplatedReasonForm(forms.Form):
    """A reason from the moderators' templates (admin → Reason templates), own words, or both."""

    template = forms.ChoiceField(label=_("Reason template"), required=False)
    text = forms.CharField(
        label=_("Your words (added after the template)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, templates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {str(t.pk): t for t in templates}
        self.fields["template"].choices = [
            ("", _("— none, my own words —")),
            *((str(t.pk), t.title) for t in templates),
        ]

    def reason(self) -> str:
        chosen = self.templates.get(self.cleaned_data.get("template") or "")
        parts = [chosen.text if chosen else "", self.cleaned_data.get("text", "")]
        return "\n\n".join(part.strip() for part in parts if part.strip())

    def clean(self):
        data = super().clean()
        if not self.errors and not self.reason():
            raise ValidationError(_("Pick a reason template or write the reason."))
        return data


class SuspendForLengthForm(TemplatedReasonForm):
    LENGTHS = [
        ("1d", _("1 day")),
        ("3d", _("3 days")),
        ("1w", _("1 week")),
        ("30d", _("30 days")),
        ("custom", _("Until a date I choose")),
    ]
    length = forms.ChoiceField(
        label=_("For how long"), choices=LENGTHS, initial="1d", widget=forms.RadioSelect
    )
    until = forms.DateTimeField(
        label=_("Until (for a date you choose)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    field_order = ["length", "until", "template", "text"]

    def clean(self):
        data = super().clean()
        if data.get("length") == "custom":
            until = data.get("until")
            if until is None:
                self.add_error("until", _("Choose the date the suspension ends."))
            elif until <= timezone.now():
                self.add_error("until", _("The end of the suspension must be in the future."))
        elif data.get("length") in moderation.SUSPENSION_LENGTHS:
            data["until"] = timezone.now() + moderation.SUSPENSION_LENGTHS[data["length"]]
        return data


class StaffNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note (staff only; the member never sees it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MemberModerationMixin:
    """Adds the member page (admin:accounts_user_moderate) and its link in the list."""

    @admin.display(description=_("moderate"))
    def moderate_link(self, obj: User) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:accounts_user_moderate", args=[obj.pk]),
            _("Notes, warn, suspend"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:member_id>/moderate/", view(self.moderate_view), name="accounts_user_moderate"
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, member_id: int):
        """One page per member for moderators: staff notes, an official warning, suspending
        (with a length and a reason template) and lifting it; each through accounts.moderation."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        member = get_object_or_404(User, pk=member_id)
        templates = list(
            ReasonTemplate.objects.filter(kind__in=[ReasonKind.WARN, ReasonKind.SUSPEND])
        )
        warn_templates = [t for t in templates if t.kind == ReasonKind.WARN]
        suspend_templates = [t for t in templates if t.kind == ReasonKind.SUSPEND]
        forms_ = {
            "note": StaffNoteForm(prefix="note"),
            "warn": TemplatedReasonForm(prefix="warn", templates=warn_templates),
            "suspend": SuspendForLengthForm(prefix="suspend", templates=suspend_templates),
        }
        do = request.POST.get("do") if request.method == "POST" else None
        if do in forms_:
            kwargs = {"templates": warn_templates if do == "warn" else suspend_templates}
            form = forms_[do] = type(forms_[do])(
                request.POST, prefix=do, **({} if do == "note" else kwargs)
            )
            if form.is_valid():
                try:
                    if do == "note":
                        moderation.add_staff_note(
                            member, by=request.user, text=form.cleaned_data["text"]
                        )
                        done = _("Note added.")
                    elif do == "warn":
                        moderation.warn_member(member, by=request.user, reason=form.reason())
                        done = _(
                            "Warning sent: @%(handle)s sees it on every page until they read it."
                        )
                    else:
                        moderation.suspend_member(
                            member,
                            by=request.user,
                            until=form.cleaned_data["until"],
                            reason=form.reason(),
                        )
                        done = _("@%(handle)s is suspended until %(until)s.")
                    self.message_user(
                        request,
                        done
                        % {
                            "handle": member.handle,
                            "until": date_format(
                                timezone.localtime(member.suspended_until),
                                "SHORT_DATETIME_FORMAT",
                            )
                            if member.suspended_until
                            else "",
                        },
                        messages.SUCCESS,
                    )
                    return redirect("admin:accounts_user_moderate", member.pk)
                except ValidationError as exc:
                    self.message_user(request, " ".join(exc.messages), messages.ERROR)
        elif do == "lift":
            moderation.lift_suspension(member, by=request.user)
            self.message_user(request, _("Suspension lifted."), messages.SUCCESS)
            return redirect("admin:accounts_user_moderate", member.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Moderate @%(handle)s") % {"handle": member.handle},
            "member": member,
            "notes": list(member.staff_notes.select_related("author")[:50]),
            "warnings": list(member.warnings.select_related("issued_by")[:20]),
            "history": list(
                AuditEntry.objects.filter(member=member)
                .select_related("actor")
                .order_by("-created_at")[:20]
            ),
            "suspended": moderation.is_suspended(member),
            "forms": forms_,
            "templates_url": reverse("admin:accounts_reasontemplate_changelist"),
            "is_nav_sidebar_enabled": False,  # a work page: the whole width for the content
        }
        return TemplateResponse(request, "admin/accounts/member_moderation.html", context)
