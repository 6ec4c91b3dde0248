from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from cases.models.choices import (
    HIDEABLE_FIELDS,
    QUIZ_SPOILERS,
    SPECIALTIES,
    SPECIALTY_NAMES,
    TEXT_FIELDS,
    AgeBand,
    CareSetting,
    CaseStage,
    CaseStatus,
    ConsentBasis,
    Sex,
)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        from accounts.permissions import case_visibility_filter

        return self.filter(case_visibility_filter(user))

    def published(self) -> CaseQuerySet:
        return self.filter(status=CaseStatus.PUBLISHED, is_hidden=False)


def _text_field(label):
    return models.TextField(label, blank=True)


def _html_field():
    return models.TextField(blank=True, editable=False)


class Case(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    thread = models.OneToOneField(
        "forums.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    # A slug from SPECIALTIES, a fixed list (members' profiles use the admin-kept
    # accounts.Specialty rows instead).
    specialty = models.CharField(_("specialty"), max_length=80, choices=SPECIALTIES, blank=True)
    tags = TaggableManager(_("tags"), blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    care_setting = models.CharField(
        _("care setting"), max_length=12, choices=CareSetting.choices, blank=True
    )

    presenting_complaint = _text_field(_("presenting complaint"))
    presenting_complaint_html = _html_field()
    history = _text_field(_("history"))
    history_html = _html_field()
    examination = _text_field(_("examination"))
    examination_html = _html_field()
    investigations = _text_field(_("investigations"))
    investigations_html = _html_field()
    timeline = _text_field(_("timeline"))
    timeline_html = _html_field()
    differential = _text_field(_("differential diagnosis"))
    differential_html = _html_field()
    diagnosis = _text_field(_("diagnosis"))
    diagnosis_html = _html_field()
    management = _text_field(_("management"))
    management_html = _html_field()
    outcome = _text_field(_("outcome and follow-up"))
    outcome_html = _html_field()
    learning_points = _text_field(_("learning points"))
    learning_points_html = _html_field()
    question = _text_field(_("question to peers"))
    question_html = _html_field()

    # The diagnosis, quiz answer and explanation stay hidden until the reveal.
    hide_diagnosis = models.BooleanField(_("hide the diagnosis until revealed"), default=True)
    # More fields the author hides until the reveal (names from HIDEABLE_FIELDS); with a quiz
    # QUIZ_SPOILERS are hidden as well (``hidden_until_reveal``).
    spoiler_fields = models.JSONField(default=list, blank=True)
    # Whether the case has quiz options, kept by cases.authoring.set_quiz: search reads it in SQL.
    has_quiz = models.BooleanField(default=False, editable=False)
    quiz_explanation = _text_field(_("quiz explanation"))
    quiz_explanation_html = _html_field()
    reveal_at = models.DateTimeField(_("reveal automatically at"), null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    outcome_posted_at = models.DateTimeField(null=True, blank=True)
    outcome_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    # The real date the author's relative days count from ("Day 0"): set by the first date the
    # author converts, so every later one in any field counts from the same day. An identifier
    # itself: only the author's own form uses it, never a page, feed or email.
    day_zero = models.DateField(_("Day 0"), null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    # The moderator reviewing it now, so two do not act on the same case; the claim lapses at
    # claimed_until (renewed while they work: cases.moderation.claim_case).
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_until = models.DateTimeField(null=True, blank=True)

    # Set at once by a patient-privacy flag; cleared only by a moderator.
    is_hidden = models.BooleanField(_("hidden pending privacy review"), default=False)
    # Issue 8 (search), written only by ``cases.search.index_cases``: the title (A) and the open
    # fields (B); the answer (diagnosis A, quiz explanation B) apart, because it may only match
    # for those who may see it, and a timed reveal changes that without any write.
    search_vector = SearchVectorField(null=True, editable=False)
    answer_vector = SearchVectorField(null=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="cases_case_listing"),
            GinIndex(fields=["search_vector"], name="cases_case_search"),
            GinIndex(fields=["answer_vector"], name="cases_case_answer_search"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def specialty_name(self) -> str:
        return str(SPECIALTY_NAMES.get(self.specialty, self.specialty))

    @property
    def is_revealed(self) -> bool:
        """Revealed by hand, or the set reveal time has passed (no job needed)."""
        return bool(self.revealed_at or (self.reveal_at and self.reveal_at <= timezone.now()))

    @property
    def stage(self) -> str:
        if self.outcome_posted_at:
            return CaseStage.OUTCOME
        if self.is_revealed:
            return CaseStage.REVEALED
        return CaseStage.OPEN

    @property
    def stage_label(self) -> str:
        return str(CaseStage(self.stage).label)

    def hidden_until_reveal(self) -> frozenset[str]:
        """The fields readers see only after the reveal (the author and moderators always)."""
        hidden = {name for name in self.spoiler_fields if name in HIDEABLE_FIELDS}
        if self.has_quiz:
            hidden.update(QUIZ_SPOILERS)
        if self.hide_diagnosis:
            hidden.add("diagnosis")
        return frozenset(hidden)

    def html_sections(self) -> list[tuple[str, str, str]]:
        """(field, label, stored HTML) for the filled fields, in checklist order."""
        return [
            (name, str(label), getattr(self, f"{name}_html"))
            for name, label in TEXT_FIELDS
            if getattr(self, name)
        ]


class CaseConsent(models.Model):
    """What the author agreed to when submitting: the exact wording, kept with the time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    basis = models.CharField(_("consent basis"), max_length=10, choices=ConsentBasis.choices)
    policy_reason = models.TextField(_("why the policy allows publication"), blank=True)
    consent_wording = models.TextField()
    attestation_wording = models.TextField()
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-agreed_at"]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} ({self.agreed_at:%Y-%m-%d})"


class KeptFinding(models.Model):
    """A scanner finding the author chose to keep, with their reason, for moderators to see."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="kept_findings")
    post = models.ForeignKey(
        "forums.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(max_length=40)
    kind = models.CharField(max_length=20)
    text = models.CharField(max_length=300)
    reason = models.TextField()
    kept_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


# What a revision keeps: the sources of the title and every text field.
