from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from cases.models.case import Case
from cases.models.choices import TEXT_FIELD_NAMES

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
