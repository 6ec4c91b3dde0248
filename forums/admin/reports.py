"""Reports in the admin: what was reported (its stored HTML, or the preview its app plugged in),
resolved or dismissed through the same services as the report queue."""

from functools import partial

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import ModerationAdminMixin, ask_then_apply
from forums import extensions
from forums.admin.console import NoteForm, ObjectButtonsMixin, stored_html
from forums.admin.consults import reported_message_link, reported_message_view
from forums.models import Message, Post, Report, ReportStatus, Thread
from forums.posting import reports


@admin.register(Report)
class ReportAdmin(ObjectButtonsMixin, ModerationAdminMixin, admin.ModelAdmin):
    list_per_page = 50  # moderators scan a page; previews stay light
    list_display = ["created_at", "reason", "target_link", "member", "reporter", "status"]
    list_filter = ["status", "reason", "target_type"]
    list_select_related = ["member", "reporter", "target_type"]
    search_fields = ["target_repr", "text", "member__handle", "reporter__handle"]
    readonly_fields = [
        "target_link",
        "target_preview",
        "member",
        "reporter",
        "reason",
        "text",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    fields = readonly_fields
    ordering = ["created_at", "pk"]
    show_full_result_count = False
    actions = ["resolve", "dismiss"]

    def has_add_permission(self, request) -> bool:
        return False  # members report from the site

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a report is part of the record

    def get_urls(self):
        view = self.admin_site.admin_view(partial(reported_message_view, self))
        return [
            path("<int:report_id>/message/", view, name="forums_report_message"),
            *super().get_urls(),
        ]

    @admin.display(description=_("reported content"))
    def target_link(self, obj: Report) -> str:
        model = obj.target_type.model_class()
        if model is Message:  # not in the admin: opened from its report, each look logged
            return reported_message_link(obj)
        if model is None:
            return obj.target_repr
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.target_id])
        return format_html('<a href="{}">{}</a>', url, obj.target_repr)

    @admin.display(description=_("rendered text"))
    def target_preview(self, obj: Report) -> str:
        if obj.target_type.model_class() is Message:
            return reported_message_link(obj)
        target = obj.target
        if isinstance(target, Post):
            return stored_html(target.html)
        if isinstance(target, Thread):
            first = target.posts.filter(number=1).only("html").first()
            return stored_html(first.html) if first else "-"
        # Objects forums cannot import (cases) are previewed the way their app plugged in.
        preview = extensions.report_preview(type(target))
        return stored_html(preview(target)) if preview is not None else "-"

    @admin.action(description=_("Resolve (the report was right)"), permissions=["moderate"])
    def resolve(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            form_class=NoteForm,
            title=_("Resolve reports"),
            apply=lambda report, data: reports.resolve_report(
                report, by=request.user, note=data["note"]
            ),
        )

    @admin.action(description=_("Dismiss (nothing to do)"), permissions=["moderate"])
    def dismiss(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            form_class=NoteForm,
            title=_("Dismiss reports"),
            apply=lambda report, data: reports.dismiss_report(
                report, by=request.user, note=data["note"]
            ),
        )


# Object-page buttons (after the class, so the services read as a table).
ReportAdmin.object_buttons = {
    "resolve": (_("Resolve"), reports.resolve_report, lambda r: r.status == ReportStatus.OPEN),
    "dismiss": (_("Dismiss"), reports.dismiss_report, lambda r: r.status == ReportStatus.OPEN),
}
