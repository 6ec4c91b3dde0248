"""Anonymised case studies. A case's discussion is a forums Thread linked one-to-one.

Every free-text field is stored twice: the author's Markdown source and the HTML rendered from
it by ``forums.rendering.render_markdown`` when it was saved (``<field>_html``). Pages show the
HTML; only services in ``cases.authoring`` write either.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Submitted, waiting for review")
    RETURNED = "returned", _("Returned to author")
    PUBLISHED = "published", _("Published")


class CaseStage(models.TextChoices):
    """Where the discussion is, once published."""

    OPEN = "open", _("Open")
    REVEALED = "revealed", _("Diagnosis revealed")
    OUTCOME = "outcome", _("Outcome posted")


class AgeBand(models.TextChoices):
    # Bands, never an exact age; Safe Harbor folds every age from 90 up into one band.
    NEONATE = "neonate", _("Under 1 month")
    INFANT = "infant", _("1 to 11 months")
    AGE_1_4 = "1-4", _("1 to 4 years")
    AGE_5_12 = "5-12", _("5 to 12 years")
    AGE_13_17 = "13-17", _("13 to 17 years")
    AGE_18_29 = "18-29", _("18 to 29 years")
    AGE_30_39 = "30-39", _("30 to 39 years")
    AGE_40_49 = "40-49", _("40 to 49 years")
    AGE_50_59 = "50-59", _("50 to 59 years")
    AGE_60_69 = "60-69", _("60 to 69 years")
    AGE_70_79 = "70-79", _("70 to 79 years")
    AGE_80_89 = "80-89", _("80 to 89 years")
    OVER_89 = "90+", _("Over 89")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    INTERSEX = "intersex", _("Intersex")
    UNSTATED = "unstated", _("Not stated")


class CareSetting(models.TextChoices):
    PRIMARY = "primary", _("Primary care")
    EMERGENCY = "emergency", _("Emergency department")
    INPATIENT = "inpatient", _("Hospital inpatient")
    CRITICAL = "critical", _("Critical care")
    OUTPATIENT = "outpatient", _("Outpatient clinic")
    COMMUNITY = "community", _("Community or home")
    OTHER = "other", _("Other")


class ConsentBasis(models.TextChoices):
    PATIENT = "patient", _("The patient (or their representative) gave consent")
    POLICY = "policy", _("Institutional policy allows publication of de-identified cases")


# The specialties offered until accounts.Specialty lands; the stored value is the slug.
SPECIALTIES = [
    ("cardiology", _("Cardiology")),
    ("dermatology", _("Dermatology")),
    ("emergency-medicine", _("Emergency medicine")),
    ("endocrinology", _("Endocrinology")),
    ("gastroenterology", _("Gastroenterology")),
    ("general-practice", _("General practice")),
    ("infectious-diseases", _("Infectious diseases")),
    ("intensive-care", _("Intensive care")),
    ("nephrology", _("Nephrology")),
    ("neurology", _("Neurology")),
    ("obstetrics-gynaecology", _("Obstetrics and gynaecology")),
    ("oncology", _("Oncology")),
    ("paediatrics", _("Paediatrics")),
    ("psychiatry", _("Psychiatry")),
    ("radiology", _("Radiology")),
    ("respiratory", _("Respiratory medicine")),
    ("rheumatology", _("Rheumatology")),
    ("surgery", _("Surgery")),
    ("other", _("Other")),
]
SPECIALTY_NAMES = dict(SPECIALTIES)

# The free-text fields, in the order of the CARE checklist, with their labels.
TEXT_FIELDS: list[tuple[str, str]] = [
    ("presenting_complaint", _("Presenting complaint")),
    ("history", _("History")),
    ("examination", _("Examination")),
    ("investigations", _("Investigations")),
    ("timeline", _("Timeline (relative days: Day 0, Day +3)")),
    ("differential", _("Differential diagnosis")),
    ("diagnosis", _("Diagnosis")),
    ("management", _("Management")),
    ("outcome", _("Outcome and follow-up")),
    ("learning_points", _("Learning points")),
    ("question", _("Your question to peers")),
]
TEXT_FIELD_NAMES = [name for name, _label in TEXT_FIELDS]
# With a quiz these give the answer away, so they stay hidden until the reveal (for readers and
# in search); the author may hide others too (Case.spoiler_fields).
QUIZ_SPOILERS = ("differential", "management", "outcome", "learning_points")
# What an author may choose to hide until the reveal (the diagnosis has its own control).
HIDEABLE_FIELDS = tuple(name for name in TEXT_FIELD_NAMES if name not in ("diagnosis", "question"))


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
REVISION_FIELDS = ("title", *TEXT_FIELD_NAMES, "quiz_explanation")


class CaseRevisionQuerySet(models.QuerySet):
    def keep(self, case: Case, *, editor) -> CaseRevision:
        """Store the case's text as it stands now under the next number (the caller holds the
        case's row lock or its transaction)."""
        last = self.filter(case=case).aggregate(n=models.Max("number"))["n"] or 0
        return self.create(
            case=case,
            number=last + 1,
            editor=editor,
            content={name: getattr(case, name) for name in REVISION_FIELDS},
        )


class CaseRevision(models.Model):
    """The case as it stood before an edit after publication, or when a moderator returned it
    (sources only; HTML is derived)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    content = models.JSONField(default=dict)

    objects = CaseRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint("case", "number", name="cases_revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} r{self.number}"


class PrivateCaseStorage(FileSystemStorage):
    """Case images live outside MEDIA_ROOT and have no URL: only ``cases:image`` serves them.

    The location is read from settings on each use so tests can point it at a temporary folder.
    """

    @property
    def base_location(self) -> str:  # type: ignore[override]
        default = Path(settings.VAR_DIR) / "private" / "cases"
        return str(getattr(settings, "CASES_PRIVATE_ROOT", default))

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @cached_property
    def base_url(self):  # type: ignore[override]
        return None

    def url(self, name):
        raise ValueError("Case images have no public URL; link to cases:image instead.")


def private_storage():
    """Where case images live: ``STORAGES["case_images"]`` (this folder by default, a private
    S3 bucket prefix when ``MEDIA_S3_BUCKET`` is set; see config/settings/base.py)."""
    return storages["case_images"]


def _image_path(instance: CaseImage, filename: str) -> str:
    return f"{instance.case_id}/{filename}"


class ImageCheck(models.TextChoices):
    """Where an image stands with the identifier check (cases.images)."""

    CLEAR = "clear", _("checked")  # every finding redacted or kept with a reason: shown
    OPEN = "open", _("findings to resolve")  # author must redact or keep: not shown, no submit
    HELD = "held", _("held for a moderator")  # the text could not be read: not shown until a
    # moderator has looked at it


class CaseImageQuerySet(models.QuerySet):
    def shown(self) -> CaseImageQuerySet:
        """Images readers may see: checked, with nothing left to resolve."""
        return self.filter(check_state=ImageCheck.CLEAR)


class CaseImage(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(storage=private_storage, upload_to=_image_path, max_length=200)
    content_type = models.CharField(max_length=20)
    alt_text = models.CharField(_("description (alt text)"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    # Images stored before the check existed were never read: held until a moderator looks.
    check_state = models.CharField(
        max_length=10, choices=ImageCheck.choices, default=ImageCheck.HELD
    )
    # What the check found in the stored pixels: [{"kind", "text", "box": [l, t, r, b],
    # "reason": why the author or a moderator kept it, or absent}] (cases.images.ImageFinding).
    findings = models.JSONField(default=list, blank=True)
    text_read = models.BooleanField(default=False)  # False: OCR was unavailable, faces only
    checked_at = models.DateTimeField(null=True, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    objects = CaseImageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        # The stored name changes with every redaction: a new URL, so no browser or proxy can
        # answer with the pixels from before.
        url = reverse("cases:image", kwargs={"pk": self.case_id, "image_pk": self.pk})
        return f"{url}?v={Path(self.file.name).stem[:12]}"


class QuizOption(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="quiz_options")
    text = models.CharField(_("option"), max_length=200)
    is_correct = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    # Denormalised so the results need no COUNT(*) per option on the case page.
    vote_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class QuizVote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="quiz_votes")
    option = models.ForeignKey(QuizOption, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("case", "voter", name="cases_one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.voter_id} -> {self.option_id}"


class PrivacyFlag(models.Model):
    """A member's report that a case or a reply may identify a patient."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="privacy_flags")
    post = models.ForeignKey(
        "forums.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what could identify the patient"))
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(resolved_at=None), name="cases_open_flags"
            )
        ]

    def __str__(self) -> str:
        return f"flag on case {self.case_id}"
