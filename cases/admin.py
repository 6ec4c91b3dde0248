"""Case moderation in Django admin. Every action calls a service in cases.moderation (which
writes the audit log); nothing here changes rows itself. Moderators (not only superusers) run
the actions: they hold view permissions (migration 0005) and the "moderate" action permission."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.admin import ModerationAdminMixin
from cases import moderation
from cases import queue_admin as _queue_admin  # noqa: F401 - registers /admin/queue/
from cases.forms import ImageReviewForm
from cases.images import remove_case_image, review_case_image
from cases.models import (
    Case,
    CaseConsent,
    CaseImage,
    CaseRevision,
    ImageCheck,
    KeptFinding,
    PrivacyFlag,
)
from cases.review_admin import CaseReviewMixin
from cases.selectors import HELD_IMAGES, held_images

# What the Moderators group needs here (migration 0005 grants a frozen copy; tests re-grant
# this after a flush): view only, every change is an action calling cases.moderation.
MODERATOR_PERMISSIONS = [
    "view_case",
    "view_caseconsent",
    "view_keptfinding",
    "view_caserevision",
    "view_privacyflag",
]


class ReasonForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))


class ConsentInline(admin.TabularInline):
    model = CaseConsent
    extra = 0
    can_delete = False
    readonly_fields = ["author", "basis", "policy_reason", "attestation_wording", "agreed_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


class KeptFindingInline(admin.TabularInline):
    model = KeptFinding
    extra = 0
    can_delete = False
    readonly_fields = ["field", "kind", "text", "reason", "post", "kept_by", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


class RevisionInline(admin.TabularInline):
    model = CaseRevision
    extra = 0
    can_delete = False
    readonly_fields = ["number", "editor", "created_at", "content"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


def _with_text(modeladmin, request, queryset, *, title, label, service, done):
    """An action that asks for a text first (a reason, or the text to redact)."""
    if "apply" in request.POST:
        form = ReasonForm(request.POST)
        if form.is_valid():
            count = 0
            for case in queryset:
                try:
                    service(case, request.user, form.cleaned_data["text"])
                    count += 1
                except ValidationError as exc:
                    modeladmin.message_user(request, f"{case}: {exc.messages[0]}", messages.ERROR)
            modeladmin.message_user(request, done % {"n": count}, messages.SUCCESS)
            return None
    else:
        form = ReasonForm()
    form.fields["text"].label = label
    return TemplateResponse(
        request,
        "cases/admin/text_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
        },
    )


class ImageQueueFilter(admin.SimpleListFilter):
    """The cases with images waiting for a moderator, with how many cases each choice holds."""

    title = _("images")
    parameter_name = "images"

    def lookups(self, request, model_admin):
        # One query for both counts: cases with a held image, cases with open findings.
        counts = CaseImage.objects.aggregate(
            held=Count("case", filter=HELD_IMAGES, distinct=True),
            open=Count("case", filter=Q(check_state=ImageCheck.OPEN), distinct=True),
        )
        return [
            ("held", _("held for a moderator (%(n)s)") % {"n": counts["held"]}),
            ("open", _("findings the author must resolve (%(n)s)") % {"n": counts["open"]}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "held":
            return queryset.filter(Exists(held_images().filter(case=OuterRef("pk"))))
        if self.value() == "open":
            images = CaseImage.objects.filter(case=OuterRef("pk"), check_state=ImageCheck.OPEN)
            return queryset.filter(Exists(images))
        return queryset


@admin.register(Case)
class CaseAdmin(CaseReviewMixin, ModerationAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "review_link",
        "specialty",
        "status",
        "is_hidden",
        "author",
        "submitted_at",
        "images_held",
        "claim",
    ]
    list_filter = [ImageQueueFilter, "status", "is_hidden", "specialty"]
    list_select_related = ["author", "claimed_by"]
    search_fields = ["title", "author__handle"]
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = [
        "title",
        "slug",
        "author",
        "status",
        "thread",
        "specialty",
        "submitted_at",
        "published_at",
        "reviewed_at",
        "reviewed_by",
        "return_reason",
        "is_hidden",
    ]
    fields = readonly_fields
    inlines = [ConsentInline, KeptFindingInline, RevisionInline]
    actions = ["approve", "return_to_author", "redact_text", "restore"]

    # The change page shows every image with its findings and the reasons kept
    # (templates/cases/admin/case_change_form.html); moderators redact or remove from there.
    change_form_template = "cases/admin/case_change_form.html"

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("review"))
    def review_link(self, obj: Case) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:cases_case_review", args=[obj.pk]),
            _("Review"),
        )

    def get_queryset(self, request):
        # Counted in the list's own query (no query per row).
        held = Count("images", filter=Q(images__check_state=ImageCheck.HELD))
        return super().get_queryset(request).annotate(held_count=held)

    @admin.display(description=_("images held for you"), ordering="held_count")
    def images_held(self, obj: Case) -> str:
        return str(obj.held_count) if getattr(obj, "held_count", 0) else "-"

    @admin.display(description=_("being reviewed by"))
    def claim(self, obj: Case) -> str:
        holder = moderation.claim_holder(obj)
        if holder is None:
            return "-"
        return _("@%(handle)s until %(time)s") % {
            "handle": holder.handle,
            "time": f"{timezone.localtime(obj.claimed_until):%H:%M}",
        }

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:case_id>/review/", view(self.review_view), name="cases_case_review"),
            path(
                "<int:case_id>/images/<int:image_pk>/review/",
                view(require_POST(self.image_review)),
                name="cases_case_image_review",
            ),
            path(
                "<int:case_id>/images/<int:image_pk>/remove/",
                view(require_POST(self.image_remove)),
                name="cases_case_image_remove",
            ),
            *super().get_urls(),
        ]

    def _image(self, request, case_id: int, image_pk: int) -> CaseImage:
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        return get_object_or_404(
            CaseImage.objects.select_related("case"), pk=image_pk, case_id=case_id
        )

    def _image_reviews(self, request, case: Case, bound=None):
        return [
            (
                img,
                bound
                if bound is not None and bound.image.pk == img.pk
                else ImageReviewForm(image=img),
                reverse("admin:cases_case_image_review", args=[case.pk, img.pk]),
                reverse("admin:cases_case_image_remove", args=[case.pk, img.pk]),
            )
            for img in case.images.all()
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        extra = {**(extra_context or {})}
        if case is not None:
            extra["image_reviews"] = self._image_reviews(request, case, extra.pop("bound", None))
            extra["can_moderate"] = self.has_moderate_permission(request)
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def image_review(self, request, case_id: int, image_pk: int):
        image = self._image(request, case_id, image_pk)
        form = ImageReviewForm(request.POST, image=image)
        if form.is_valid():
            try:
                review_case_image(
                    image, by=request.user, boxes=form.redact_boxes(), keep=form.kept()
                )
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(request, _("Image saved."), messages.SUCCESS)
                return redirect(self._back(request, case_id))
        if request.GET.get("from") == "review":
            return self.review_view(request, case_id, bound_image=form)
        return self.change_view(request, str(case_id), extra_context={"bound": form})

    def image_remove(self, request, case_id: int, image_pk: int):
        remove_case_image(self._image(request, case_id, image_pk), by=request.user)
        self.message_user(request, _("Image removed."), messages.SUCCESS)
        return redirect(self._back(request, case_id))

    @staticmethod
    def _back(request, case_id: int) -> str:
        """Image forms post from the change page or the review page; back to where it was."""
        name = "review" if request.GET.get("from") == "review" else "change"
        return reverse(f"admin:cases_case_{name}", args=[case_id])

    @admin.action(description=_("Approve and publish"), permissions=["moderate"])
    def approve(self, request, queryset):
        count = 0
        for case in queryset:
            try:
                moderation.approve_case(case, by=request.user)
                count += 1
            except ValidationError as exc:
                self.message_user(request, f"{case}: {exc.messages[0]}", messages.ERROR)
        self.message_user(request, _("%(n)s case(s) published.") % {"n": count})

    @admin.action(description=_("Return to the author with a reason"), permissions=["moderate"])
    def return_to_author(self, request, queryset):
        return _with_text(
            self,
            request,
            queryset,
            title=_("Return to the author"),
            label=_("Reason (shown to the author on the case page, never emailed)"),
            service=lambda case, by, text: moderation.return_case(case, by=by, reason=text),
            done=_("%(n)s case(s) returned."),
        )

    @admin.action(
        description=_("Redact text (from case, revisions and quotes)"), permissions=["moderate"]
    )
    def redact_text(self, request, queryset):
        return _with_text(
            self,
            request,
            queryset,
            title=_("Redact text"),
            label=_("Exact text to remove"),
            service=lambda case, by, text: moderation.redact_case(case, by=by, text=text),
            done=_("Redacted in %(n)s case(s)."),
        )

    @admin.action(
        description=_("Restore (show again after privacy review)"), permissions=["moderate"]
    )
    def restore(self, request, queryset):
        for case in queryset:
            moderation.restore_case(case, by=request.user)
        self.message_user(request, _("Restored."))


@admin.register(PrivacyFlag)
class PrivacyFlagAdmin(ModerationAdminMixin, admin.ModelAdmin):
    list_display = [
        "case",
        "review_link",
        "post",
        "flagged_by",
        "created_at",
        "resolved_at",
        "resolution",
    ]
    list_filter = ["resolution", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["case", "post__thread", "flagged_by"]
    search_fields = ["case__title", "reason"]
    readonly_fields = [f.name for f in PrivacyFlag._meta.fields]
    list_per_page = 50
    show_full_result_count = False
    actions = ["redact_text", "restore"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("review"))
    def review_link(self, obj: PrivacyFlag) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:cases_case_review", args=[obj.case_id]),
            _("Review and redact"),
        )

    @admin.action(
        description=_("Redact text in the flagged case or reply"), permissions=["moderate"]
    )
    def redact_text(self, request, queryset):
        def redact(flag, by, text):
            if flag.post_id:
                moderation.redact_reply(flag.post, by=by, text=text)
            else:
                moderation.redact_case(flag.case, by=by, text=text)

        return _with_text(
            self,
            request,
            queryset.select_related("case", "post"),
            title=_("Redact text"),
            label=_("Exact text to remove (also from revisions and quotes)"),
            service=redact,
            done=_("Redacted for %(n)s flag(s)."),
        )

    @admin.action(description=_("Restore the flagged case or reply"), permissions=["moderate"])
    def restore(self, request, queryset):
        for flag in queryset.select_related("case", "post"):
            if flag.post_id:
                moderation.restore_reply(flag.post, by=request.user)
            else:
                moderation.restore_case(flag.case, by=request.user)
        self.message_user(request, _("Restored."))
