from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
