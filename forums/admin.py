"""Read-mostly admin listings; the moderation console acts through forums.posting.moderation."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.admin import ModerationAdminMixin, ReasonForm, ask_then_apply
from accounts.models import User
from forums import extensions
from forums.models import (
    Bookmark,
    Category,
    Draft,
    Post,
    PostRevision,
    Reaction,
    Report,
    ReportStatus,
    Thread,
)
from forums.posting import moderation, reports
from forums.posting.categories import delete_forum, save_forum


@admin.register(PostRevision)
class PostRevisionAdmin(admin.ModelAdmin):
    list_display = ["post", "editor", "replaced_at"]
    list_select_related = ["post__thread", "editor"]
    readonly_fields = ["post", "source", "html", "written_at", "replaced_at", "editor"]


@admin.register(Reaction)
class ReactionAdmin(admin.ModelAdmin):
    list_display = ["post", "user", "kind", "created_at"]
    list_select_related = ["post__thread", "user"]
    raw_id_fields = ["post", "user"]


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ["user", "post", "created_at"]
    list_select_related = ["post__thread", "user"]
    raw_id_fields = ["post", "user"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["user", "thread", "category", "updated_at"]
    list_select_related = ["user", "thread", "category"]
    raw_id_fields = ["user", "thread", "category"]


# --- The moderation console (moderation issue) ------------------------------------------------
# Moderators get view permissions only; every change goes through an action that calls the
# same service the site uses (forums.posting.moderation, forums.posting.reports), which writes
# the audit log.


def _preview(html: str) -> str:
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


def _each(service, done):
    """An action that calls ``service(obj, by=...)`` for each selected row."""

    def action(modeladmin, request, queryset):
        for obj in queryset:
            service(obj, by=request.user)
        modeladmin.message_user(request, done, messages.SUCCESS)

    action.__name__ = service.__name__
    return action


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "visibility", "thread_count", "post_count", "position"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["thread_count", "post_count", "last_thread"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    # Through the service: a new visibility re-indexes the forum, and cached pages follow.
    def save_model(self, request, obj, form, change):
        save_forum(obj)

    def delete_model(self, request, obj):
        delete_forum(obj)

    def delete_queryset(self, request, queryset):
        for forum in queryset:
            delete_forum(forum)


@admin.register(Thread)
class ThreadAdmin(ObjectButtonsMixin, ModerationAdminMixin, admin.ModelAdmin):
    list_per_page = 50  # moderators scan a page; previews stay light
    list_display = [
        "title",
        "category",
        "author",
        "post_count",
        "last_posted_at",
        "is_pinned",
        "is_locked",
        "is_hidden",
        "hidden_by_case",
    ]
    list_filter = ["is_hidden", "hidden_by_case", "is_locked", "is_pinned", "category"]
    list_select_related = ["category", "author"]
    search_fields = ["title", "author__handle"]
    autocomplete_fields = ["category", "author", "last_poster", "accepted_post"]
    # Hidden with its case: shown, never edited here (the case's review restores it).
    readonly_fields = ["post_count", "created_at", "first_post_preview", "hidden_by_case"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = [
        "hide",
        "unhide",
        "lock",
        "unlock",
        "pin",
        "unpin",
        "move",
    ]

    def has_add_permission(self, request) -> bool:
        return False  # threads are started on the site, through forums.posting

    @admin.display(description=_("first post"))
    def first_post_preview(self, obj: Thread) -> str:
        first = obj.posts.filter(number=1).only("html").first()
        return _preview(first.html) if first else "-"

    hide = admin.action(description=_("Hide"), permissions=["moderate"])(
        _each(moderation.hide_thread, _("Hidden."))
    )
    unhide = admin.action(description=_("Unhide"), permissions=["moderate"])(
        _each(moderation.unhide_thread, _("Shown again."))
    )
    lock = admin.action(description=_("Lock"), permissions=["moderate"])(
        _each(moderation.lock_thread, _("Locked."))
    )
    unlock = admin.action(description=_("Unlock"), permissions=["moderate"])(
        _each(moderation.unlock_thread, _("Unlocked."))
    )
    pin = admin.action(description=_("Pin"), permissions=["moderate"])(
        _each(moderation.pin_thread, _("Pinned."))
    )
    unpin = admin.action(description=_("Unpin"), permissions=["moderate"])(
        _each(moderation.unpin_thread, _("Unpinned."))
    )

    @admin.action(description=_("Move to another forum"), permissions=["moderate"])
    def move(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            form_class=MoveForm,
            title=_("Move threads"),
            apply=lambda thread, data: moderation.move_thread(
                thread, to=data["to"], by=request.user, reason=data["reason"]
            ),
        )


@admin.register(Post)
class PostAdmin(ObjectButtonsMixin, ModerationAdminMixin, admin.ModelAdmin):
    list_per_page = 50  # moderators scan a page; previews stay light
    list_display = ["__str__", "thread", "author", "created_at", "is_hidden", "is_deleted"]
    list_filter = ["is_hidden", "is_deleted", "thread__category"]
    list_select_related = ["thread", "author"]
    search_fields = ["source", "author__handle", "thread__title"]
    autocomplete_fields = ["thread", "author"]
    readonly_fields = ["preview", "created_at", "edited_at", "edit_count"]
    fields = ["thread", "number", "author", "preview", "created_at", "edited_at", "edit_count"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["hide", "unhide", "redact", "hide_all_by_author"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("rendered text"))
    def preview(self, obj: Post) -> str:
        return _preview(obj.html)

    hide = admin.action(description=_("Hide"), permissions=["moderate"])(
        _each(moderation.hide_post, _("Hidden."))
    )
    unhide = admin.action(description=_("Unhide"), permissions=["moderate"])(
        _each(moderation.unhide_post, _("Shown again."))
    )

    @admin.action(
        description=_("Redact (remove the text from the post, its versions, quotes and search)"),
        permissions=["moderate"],
    )
    def redact(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            form_class=RedactForm,
            title=_("Redact posts"),
            apply=lambda post, data: moderation.redact_post(
                post, by=request.user, reason=data["reason"]
            ),
        )

    @admin.action(
        description=_("Spam: hide everything the authors of these posts wrote"),
        permissions=["moderate"],
    )
    def hide_all_by_author(self, request, queryset):
        # One call per member, however many of their posts were ticked.
        authors = User.objects.filter(pk__in=queryset.values("author_id"))
        return ask_then_apply(
            self,
            request,
            authors,
            form_class=ReasonForm,
            title=_("Hide all posts by these members"),
            apply=lambda member, data: moderation.hide_member_posts(
                member, by=request.user, reason=data["reason"]
            ),
            selected=queryset,
        )


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

    @admin.display(description=_("reported content"))
    def target_link(self, obj: Report) -> str:
        model = obj.target_type.model_class()
        if model is None:
            return obj.target_repr
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.target_id])
        return format_html('<a href="{}">{}</a>', url, obj.target_repr)

    @admin.display(description=_("rendered text"))
    def target_preview(self, obj: Report) -> str:
        target = obj.target
        if isinstance(target, Post):
            return _preview(target.html)
        if isinstance(target, Thread):
            first = target.posts.filter(number=1).only("html").first()
            return _preview(first.html) if first else "-"
        # Objects forums cannot import (cases) are previewed the way their app plugged in.
        preview = extensions.report_preview(type(target))
        return _preview(preview(target)) if preview is not None else "-"

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


# Object-page buttons (after the classes, so the services read as a table).
ThreadAdmin.object_buttons = {
    "hide": (_("Hide"), moderation.hide_thread, lambda t: not t.is_hidden),
    "unhide": (_("Unhide"), moderation.unhide_thread, lambda t: t.is_hidden),
    "lock": (_("Lock"), moderation.lock_thread, lambda t: not t.is_locked),
    "unlock": (_("Unlock"), moderation.unlock_thread, lambda t: t.is_locked),
    "pin": (_("Pin"), moderation.pin_thread, lambda t: not t.is_pinned),
    "unpin": (_("Unpin"), moderation.unpin_thread, lambda t: t.is_pinned),
}
PostAdmin.object_buttons = {
    "hide": (_("Hide"), moderation.hide_post, lambda p: not p.is_hidden),
    "unhide": (_("Unhide"), moderation.unhide_post, lambda p: p.is_hidden),
}
PostAdmin.object_form_buttons = {
    "redact": (
        _("Redact…"),
        RedactForm,
        lambda post, data, by: moderation.redact_post(post, by=by, reason=data["reason"]),
        lambda p: True,
    ),
}
ReportAdmin.object_buttons = {
    "resolve": (_("Resolve"), reports.resolve_report, lambda r: r.status == ReportStatus.OPEN),
    "dismiss": (_("Dismiss"), reports.dismiss_report, lambda r: r.status == ReportStatus.OPEN),
}
