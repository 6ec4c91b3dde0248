from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import verification
from accounts.models import AuditEntry, Specialty, User, VerificationRequest, VerificationStatus


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = [
        "handle",
        "email",
        "display_name",
        "email_verified",
        "professional_verified_until",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "email_verified", "groups"]
    search_fields = ["handle", "email", "display_name"]
    readonly_fields = ["email_verified", "professional_verified_until", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Public identity"), {"fields": ["handle", "display_name"]}),
        (_("Standing"), {"fields": ["email_verified", "professional_verified_until"]}),
        (_("Suspension"), {"fields": ["suspended_until", "suspension_reason"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "handle", "password1", "password2"]}),
    ]


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class VerificationDecisionForm(forms.ModelForm):
    """The moderator's decision. Saving calls the verification service, never ``save()``."""

    APPROVE, REJECT = "approve", "reject"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("Undecided")), (APPROVE, _("Approve")), (REJECT, _("Reject"))],
        required=False,
    )
    decision_valid_until = forms.DateField(
        label=_("Verified until"),
        required=False,
        help_text=_("When approving. Leave empty for a year from today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    decision_reason = forms.CharField(
        label=_("Reason for the member"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting; emailed to the member."),
    )

    class Meta:
        model = VerificationRequest
        fields = []

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision and self.instance.status != VerificationStatus.PENDING:
            raise ValidationError(_("This request has already been decided."))
        if decision == self.REJECT and not data.get("decision_reason", "").strip():
            self.add_error("decision_reason", _("Give the member a reason."))
        until = data.get("decision_valid_until")
        if decision == self.APPROVE and until and until <= timezone.localdate():
            self.add_error("decision_valid_until", _("The expiry date must be in the future."))
        return data


@admin.register(VerificationRequest)
class VerificationRequestAdmin(admin.ModelAdmin):
    form = VerificationDecisionForm
    list_display = [
        "user",
        "registering_body",
        "country",
        "status",
        "created_at",
        "decided_by",
        "valid_until",
    ]
    list_filter = ["status", "country"]
    list_select_related = ["user", "decided_by"]
    search_fields = ["user__handle", "user__email", "registration_number", "registering_body"]
    date_hierarchy = "created_at"
    show_full_result_count = False  # one COUNT(*) per page is enough
    readonly_fields = [
        "user",
        "registration_number",
        "registering_body",
        "country",
        "evidence_link",
        "created_at",
        "status",
        "decided_by",
        "decided_at",
        "valid_until",
        "reason",
    ]
    fieldsets = [
        (
            _("Request"),
            {
                "fields": [
                    "user",
                    "registration_number",
                    "registering_body",
                    "country",
                    "evidence_link",
                    "created_at",
                ]
            },
        ),
        (
            _("Decision"),
            {"fields": ["decision", "decision_valid_until", "decision_reason"]},
        ),
        (
            _("Outcome"),
            {"fields": ["status", "decided_by", "decided_at", "valid_until", "reason"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "decided_by")

    @admin.display(description=_("evidence"))
    def evidence_link(self, obj: VerificationRequest) -> str:
        if not obj.evidence:
            return "-"
        url = reverse("accounts:verification_evidence", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Open the evidence"))

    def has_add_permission(self, request) -> bool:
        return False  # members ask from their settings page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # decisions are a record; they go only with the member's account

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        try:
            if data.get("decision") == form.APPROVE:
                verification.approve_verification(
                    obj, by=request.user, valid_until=data.get("decision_valid_until")
                )
            elif data.get("decision") == form.REJECT:
                verification.reject_verification(
                    obj, by=request.user, reason=data["decision_reason"]
                )
        except ValidationError as exc:
            # Lost a race with another moderator: say so instead of failing.
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_repr", "member", "reason"]
    list_filter = ["action"]
    list_select_related = ["actor", "member"]
    search_fields = ["action", "target_repr", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
