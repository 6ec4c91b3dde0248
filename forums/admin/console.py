"""The moderation console's shared parts. Moderators get view permissions only; every change
goes through an action that calls the same service the site uses (forums.posting.moderation,
forums.posting.reports), which writes the audit log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.admin import ask_then_apply
from forums.models import Category


def stored_html(html: str) -> str:
    # Stored HTML came out of forums.rendering (sanitised when it was written), so it is safe to
    # show as HTML; it is never rendered from the raw source here.
    return format_html('<div class="moderation-preview">{}</div>', mark_safe(html))  # noqa: S308


class MoveForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Move to forum"), queryset=Category.objects.all())
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RedactForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the redaction (kept in the audit log)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The post's text is replaced by a notice, and removed from its earlier versions, "
            "from quotes of it in other posts and from search. This cannot be undone."
        ),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the log"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectButtonsMixin:
    """Buttons on the object page for the one-click actions, each a POST to
    ``<pk>/moderate/<name>/`` that calls the same service as the list action."""

    change_form_template = "admin/forums/moderation_change_form.html"
    object_buttons: dict = {}  # name -> (label, service, is_shown(obj))
    # Actions that ask first (a reason): name -> (label, form_class, apply(obj, data, by), shown)
    object_form_buttons: dict = {}

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.object_button_view)
        return [
            path(
                "<int:pk>/moderate/<str:name>/",
                view,
                name=f"{opts.app_label}_{opts.model_name}_moderate",
            ),
            *super().get_urls(),
        ]

    def object_button_view(self, request, pk: int, name: str):
        if name in self.object_form_buttons:
            return self._object_form_view(request, pk, name)
        if request.method != "POST" or name not in self.object_buttons:
            return HttpResponseNotAllowed(["POST"])
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=pk)
        label, service, _shown = self.object_buttons[name]
        try:
            service(obj, by=request.user)
        except ValidationError as exc:
            self.message_user(request, exc.messages[0], messages.ERROR)
        else:
            self.message_user(request, _("Done: %(action)s.") % {"action": label}, messages.SUCCESS)
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", pk)

    def _object_form_view(self, request, pk: int, name: str):
        """GET shows the form; POST (with ``apply``) calls the service, as the list action does."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        label, form_class, apply, _shown = self.object_form_buttons[name]
        opts = self.model._meta
        done = ask_then_apply(
            self,
            request,
            self.model._default_manager.filter(pk=pk),
            form_class=form_class,
            title=label,
            apply=lambda obj, data: apply(obj, data, request.user),
        )
        if done is None:
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", pk)
        return done

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        buttons, form_buttons = [], []
        if obj is not None and self.has_moderate_permission(request):
            buttons = [
                (name, label)
                for name, (label, _service, shown) in self.object_buttons.items()
                if shown(obj)
            ]
            form_buttons = [
                (name, label)
                for name, (label, _form, _apply, shown) in self.object_form_buttons.items()
                if shown(obj)
            ]
        opts = self.model._meta
        extra_context = {
            **(extra_context or {}),
            "moderation_buttons": buttons,
            "moderation_form_buttons": form_buttons,
            "moderation_url": f"admin:{opts.app_label}_{opts.model_name}_moderate",
        }
        return super().change_view(request, object_id, form_url, extra_context)


def each_selected(service, done):
    """An action that calls ``service(obj, by=...)`` for each selected row."""

    def action(modeladmin, request, queryset):
        for obj in queryset:
            service(obj, by=request.user)
        modeladmin.message_user(request, done, messages.SUCCESS)

    action.__name__ = service.__name__
    return action
