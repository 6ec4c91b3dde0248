"""Professional profiles, verification and preferences."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models.members import User


class Profession(models.TextChoices):
    PHYSICIAN = "physician", _("Physician")
    NURSE = "nurse", _("Nurse")
    PHARMACIST = "pharmacist", _("Pharmacist")
    ALLIED = "allied", _("Allied health professional")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


class CareerStage(models.TextChoices):
    STUDENT = "student", _("Student")
    TRAINEE = "trainee", _("In training")
    EARLY = "early", _("Early career")
    ESTABLISHED = "established", _("Established")
    SENIOR = "senior", _("Senior / consultant")
    RETIRED = "retired", _("Retired")


class Specialty(models.Model):
    """A clinical specialty. The list is kept by admins in Django admin."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Retired specialties stay on existing profiles.")
    )

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


BIO_MAX_CHARS = 500
COI_MAX_CHARS = 1000


def avatar_path(instance: Profile, filename: str) -> str:
    # The name is ours, never the member's: the upload's name and type are not trusted.
    return f"avatars/{instance.user_id}/{filename}"


class Profile(models.Model):
    """What a member tells peers about themselves. One row per member, created with the account.

    Bio and conflict-of-interest statement are plain text (shown escaped, line breaks kept), not
    Markdown: accounts may not import the forums rendering pipeline.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    profession = models.CharField(
        _("profession"), max_length=12, choices=Profession.choices, blank=True
    )
    specialty = models.ForeignKey(
        Specialty,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("specialty"),
    )
    career_stage = models.CharField(
        _("career stage"), max_length=12, choices=CareerStage.choices, blank=True
    )
    country = models.CharField(_("country"), max_length=80, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    show_institution = models.BooleanField(_("show my institution on my profile"), default=False)
    bio = models.TextField(_("short bio"), max_length=BIO_MAX_CHARS, blank=True)
    conflicts_of_interest = models.TextField(
        _("conflicts of interest"), max_length=COI_MAX_CHARS, blank=True
    )
    avatar = models.FileField(_("avatar"), upload_to=avatar_path, blank=True, max_length=200)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} profile"

    @property
    def avatar_url(self) -> str:
        """Served by ``accounts.views.avatar`` from storage; empty when there is none."""
        if not self.avatar:
            return ""
        name = self.avatar.name.rsplit("/", 1)[-1]
        return reverse("accounts:avatar", kwargs={"user_id": self.user_id, "name": name})
