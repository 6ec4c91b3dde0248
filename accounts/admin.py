from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import moderation, verification
from accounts.member_admin import MemberModerationMixin
from accounts.models import (
    AuditEntry,
    Profile,
    ReasonTemplate,
    Specialty,
    User,
    VerificationRequest,
    VerificationStatus,
)
from accounts.permissions import is_moderator
from accounts.profiles import members_changed

# --- Moderation actions (moderation issue) -----------------------------------------------------


class ModerationAdminMixin:
    """Actions that moderators may run: ``permissions=["moderate"]`` on each action.

    Every action calls a service (which checks the role again and writes the audit log); this
    only decides whether the button is offered.
    """

    def has_moderate_permission(self, request) -> bool:
        return is_moderator(request.user)


def ask_then_apply(
    modeladmin, request, queryset, *, form_class, title: str, apply, selected=None
) -> object:
    """An action that asks for a reason (and other fields) first, then calls ``apply(obj, data)``
    for each row of ``queryset``. A ValidationError from the service becomes a message, never a
    500. ``selected`` are the ticked rows when ``queryset`` is derived from them (their authors)."""
    selected = queryset if selected is None else selected
    if "apply" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            done = 0
            for obj in queryset:
                try:
                    apply(obj, form.cleaned_data)
                    done += 1
                except ValidationError as exc:
                    modeladmin.message_user(request, f"{obj}: {exc.messages[0]}", messages.ERROR)
            if done:
                modeladmin.message_user(
                    request, _("Done for %(n)d.") % {"n": done}, messages.SUCCESS
                )
            return None
    else:
        form = form_class()
    return TemplateResponse(
        request,
        "admin/moderation_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "selected": selected,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SuspendForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Suspended until"),
        help_text=_("Date and time, in the site's time zone."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(
        label=_("Reason shown to the member"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise ValidationError(_("The end of the suspension must be in the future."))
        return until


@admin.register(User)
class UserAdmin(MemberModerationMixin, ModerationAdminMixin, DjangoUserAdmin):
    list_per_page = 50  # moderators scan a page; previews stay light
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
    actions = ["suspend", "lift_suspension"]
    show_full_result_count = False
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

    def get_list_display(self, request):
        return [*self.list_display, "suspended_until", "moderate_link"]

    def save_model(self, request, obj, form, change) -> None:
        # A name, a handle or a deactivation shows on their profile and directory card: a
        # deactivated member leaves the pages shared from the cache at once.
        super().save_model(request, obj, form, change)
        members_changed()

    @admin.action(description=_("Suspend until a date, with a reason"), permissions=["moderate"])
    def suspend(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            form_class=SuspendForm,
            title=_("Suspend members"),
            apply=lambda member, data: moderation.suspend_member(
                member, by=request.user, until=data["until"], reason=data["reason"]
            ),
        )

    @admin.action(description=_("Lift the suspension"), permissions=["moderate"])
    def lift_suspension(self, request, queryset):
        for member in queryset:
            moderation.lift_suspension(member, by=request.user)
        self.message_user(request, _("Suspension lifted."), messages.SUCCESS)


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(admin.ModelAdmin):
    """Moderators keep their own reasons here (returning a case, suspending, warning)."""

    list_display = ["title", "kind", "position", "text"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["title", "text"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Moderators look profiles up (a spammer's bio, a claimed institution); members edit them."""

    list_display = ["user", "profession", "specialty", "career_stage", "country", "updated_at"]
    list_filter = ["profession", "career_stage", "specialty"]
    list_select_related = ["user", "specialty"]
    search_fields = ["user__handle", "user__email", "institution", "bio"]
    autocomplete_fields = ["user", "specialty"]
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False  # every member gets one when they sign up

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        members_changed()  # the profile and directory card shared from the cache


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


class AuditKindFilter(admin.SimpleListFilter):
    """What the entry is about: the first word of its action (post.hide → posts)."""

    title = _("about")
    parameter_name = "about"
    KINDS = [
        ("post", _("posts")),
        ("thread", _("threads")),
        ("case", _("cases")),
        ("member", _("members")),
        ("report", _("reports")),
        ("verification", _("verification")),
    ]

    def lookups(self, request, model_admin):
        return self.KINDS

    def queryset(self, request, queryset):
        if self.value() in dict(self.KINDS):
            return queryset.filter(action__startswith=f"{self.value()}.")
        return queryset


def audit_target_url(entry: AuditEntry) -> str | None:
    """Where the entry's object opens in admin (a case: its review page); None when gone or
    not in admin. The content type comes from Django's cache: no query per row."""
    if entry.target_type_id is None or not entry.target_id:
        return None
    from django.contrib.contenttypes.models import ContentType
    from django.urls import NoReverseMatch

    kind = ContentType.objects.get_for_id(entry.target_type_id)
    view = "review" if (kind.app_label, kind.model) == ("cases", "case") else "change"
    try:
        return reverse(f"admin:{kind.app_label}_{kind.model}_{view}", args=[entry.target_id])
    except NoReverseMatch:
        return None


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_per_page = 50  # moderators scan a page; previews stay light
    list_display = ["created_at", "sentence", "member_link"]
    # Moderators are few, so they get a filter list; members are many, so each member's name
    # links to their entries (member__id__exact) and search finds them by handle.
    list_filter = [AuditKindFilter, "action", ("actor", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["actor", "member"]
    search_fields = ["action", "target_repr", "reason", "member__handle", "actor__handle"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("what happened"))
    def sentence(self, obj: AuditEntry) -> str:
        from accounts.audit import describe

        url = audit_target_url(obj)
        if url is None:
            return describe(obj)
        return format_html('<a href="{}">{}</a>', url, describe(obj))

    @admin.display(description=_("member concerned"), ordering="member__handle")
    def member_link(self, obj: AuditEntry) -> str:
        if obj.member is None:
            return "-"
        return format_html(
            '<a href="?member__id__exact={}" title="{}">{}</a>',
            obj.member_id,
            _("Only this member's entries"),
            obj.member,
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
