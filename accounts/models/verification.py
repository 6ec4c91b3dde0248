from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models.members import User


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


registration_number_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 ./-]{2,38}[A-Za-z0-9]\Z",
    _(
        "Enter the number as it appears on your registration: 4 to 40 letters and digits, "
        "with spaces, dots, slashes or hyphens between them."
    ),
    code="registration_number",
)


def evidence_path(instance: VerificationRequest, filename: str) -> str:
    return f"verification/{instance.user_id}/{filename}"


def private_storage():
    """Where verification evidence lives: ``STORAGES["private"]``, never served directly."""
    from django.core.files.storage import storages

    return storages["private"]


class VerificationRequestQuerySet(models.QuerySet):
    def pending(self) -> VerificationRequestQuerySet:
        return self.filter(status=VerificationStatus.PENDING)


class VerificationRequest(models.Model):
    """A member's request to be recognised as a registered professional, and its decision.

    Written only by ``accounts.verification``; a decision sets
    ``User.professional_verified_until``
    (the denormalised field that permission checks read).
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="verification_requests",
        verbose_name=_("member"),
    )
    registration_number = models.CharField(
        _("registration or licence number"),
        max_length=40,
        validators=[registration_number_validator],
    )
    registering_body = models.CharField(
        _("registering body"),
        max_length=120,
        help_text=_("For example: General Medical Council, Nursing and Midwifery Council."),
    )
    country = models.CharField(_("country of registration"), max_length=80)
    evidence = models.FileField(
        _("evidence"),
        upload_to=evidence_path,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason given to the member"), blank=True)
    valid_until = models.DateField(_("verified until"), null=True, blank=True)

    objects = VerificationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        ordering = ["-created_at"]
        constraints = [
            # One open request per member: a second would race the first decision.
            models.UniqueConstraint(
                "user",
                condition=models.Q(status="pending"),
                name="accounts_one_pending_verification",
                violation_error_message=_("You already have a request waiting for a moderator."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.registering_body} · {self.get_status_display()}"
