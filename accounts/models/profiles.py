"""Professional profiles, verification and preferences."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
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
        # The starter names read in the member's language (accounts/specialty_names.py).
        return gettext(self.name) if self.name else ""


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
    # The member directory (/members/). Opt-in: a clinician's name next to their specialty and
    # country is enough to find them elsewhere, so nobody is listed until they say so.
    listed_in_directory = models.BooleanField(
        _("list me in the member directory"),
        default=False,
        help_text=_(
            "Members (never visitors) can then find you by name, profession and specialty."
        ),
    )
    directory_shows_career_stage = models.BooleanField(
        _("show my career stage in the directory"), default=True
    )
    directory_shows_country = models.BooleanField(
        _("show my country in the directory"), default=True
    )
    directory_shows_bio = models.BooleanField(
        _("show my short bio in the directory"), default=False
    )
    # Denormalised, written only by the posting services (accounts.network.note_contribution)
    # and the follow service: the directory sorts 100,000 members by these through an index,
    # which a count over posts could not do.
    contributions = models.PositiveIntegerField(default=0, editable=False)
    last_active_at = models.DateTimeField(null=True, blank=True, editable=False)
    followers_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [
            # The directory's two sorts, keyset-paged, over listed members only.
            models.Index(
                models.F("last_active_at").desc(nulls_last=True),
                models.F("user_id").desc(),
                name="accounts_profile_dir_recent",
                condition=Q(listed_in_directory=True),
            ),
            models.Index(
                models.F("contributions").desc(),
                models.F("user_id").desc(),
                name="accounts_profile_dir_contrib",
                condition=Q(listed_in_directory=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} profile"

    @property
    def avatar_url(self) -> str:
        """Served by ``accounts.views.avatar`` from storage; empty when there is none."""
        if not self.avatar:
            return ""
        name = self.avatar.name.rsplit("/", 1)[-1]
        return reverse("accounts:avatar", kwargs={"user_id": self.user_id, "name": name})
