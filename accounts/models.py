"""Members of Rounds.

Email is the sign-in name; the handle is the public, @-mentionable name. Both
are unique regardless of case, enforced by the database.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HANDLE_PATTERN = r"[A-Za-z0-9_]{3,30}"

handle_validator = RegexValidator(
    rf"^{HANDLE_PATTERN}\Z",
    _("Use 3 to 30 letters, digits or underscores."),
)


class MemberQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """As Django's, and the signed-in snapshots (accounts.sessions) are out of date: a
        suspension or a verification set this way acts on the member's next request."""
        from accounts.sessions import users_changed

        users_changed()
        return super().update(**kwargs)


class MemberManager(UserManager.from_queryset(MemberQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("A member needs an email address.")
        email = self.normalize_email(email).lower()
        extra_fields.setdefault("handle", email.split("@")[0][:30])
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        """What ``createsuperuser`` calls. The address is marked verified and primary (allauth's
        EmailAddress, mirrored in ``email_verified``): whoever runs the command on the server
        typed it themselves, and the new admin must be able to sign in at once rather than
        wait for a confirmation email the stack may not be able to send yet."""
        from allauth.account.models import EmailAddress

        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_verified", True)
        user = self._create_user(email, password, **extra_fields)
        EmailAddress.objects.using(self._db).update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    handle = models.CharField(
        _("handle"),
        max_length=30,
        validators=[handle_validator],
        help_text=_("Your public name for @mentions: 3 to 30 letters, digits or underscores."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown beside your posts. A pseudonym is allowed."),
    )
    # Denormalised so that permission checks never need a query (accounts.permissions):
    # email_verified mirrors allauth's verified primary address, professional_verified_until is
    # set by the verification service, suspended_until by moderation.
    email_verified = models.BooleanField(_("email verified"), default=False, editable=False)
    professional_verified_until = models.DateField(
        _("verified professional until"), null=True, blank=True, editable=False
    )
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.TextField(_("suspension reason"), blank=True)
    # Official warnings not yet read: the notice on every page reads this, not a query
    # (written only by accounts.moderation.warn_member / acknowledge_warnings).
    unread_warnings = models.PositiveSmallIntegerField(default=0, editable=False)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = MemberManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                Lower("handle"),
                name="accounts_user_handle_ci_unique",
                violation_error_message=_("That handle is taken."),
            ),
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"@{self.handle}"

    @property
    def name(self) -> str:
        """What other members see: the display name, else the handle."""
        return self.display_name or self.handle

    def get_short_name(self) -> str:
        return self.name

    def get_full_name(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """One moderation action: who did what to which object, when and why. Written only
    through ``accounts.audit.record``, by every moderation service in every app; read-only
    in admin."""

    actor = models.ForeignKey(
        User,
        null=True,
        on_delete=models.SET_NULL,
        related_name="audit_actions",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=40, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
    )
    target_id = models.CharField(max_length=40, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    member = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("member concerned"),
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_repr}"


# --- Professional profiles, verification and preferences -------------------------------------


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
    ``User.professional_verified_until`` (the denormalised field that permission checks read).
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


class DigestFrequency(models.TextChoices):
    OFF = "off", _("Off")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Preferences(models.Model):
    """How and when a member hears from Rounds. Digests and notifications read these.

    A member without a row has the defaults (``Preferences.defaults_for``); the row is created
    with the account and when the member saves the preferences page.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="preferences")
    digest_frequency = models.CharField(
        _("email digest"),
        max_length=6,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("hour to send the digest"),
        default=7,
        validators=[MaxValueValidator(23)],
        help_text=_("In your time zone, 0 to 23."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    email_on_mention = models.BooleanField(_("email me when someone mentions me"), default=True)
    email_on_reply = models.BooleanField(
        _("email me when someone replies to my threads"), default=True
    )
    email_on_review = models.BooleanField(
        _("email me about my case studies and my verification"),
        default=True,
        help_text=_("A case approved or returned, an outcome reminder, a verification decided."),
    )
    followed_specialties = models.ManyToManyField(
        Specialty, blank=True, related_name="+", verbose_name=_("followed specialties")
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return f"{self.user} preferences"

    @classmethod
    def defaults_for(cls, user: User) -> Preferences:
        """An unsaved row holding the defaults, for members who never saved the page."""
        return cls(user=user)


# --- Moderation workspace: reason templates, staff notes, official warnings --------------------


class ReasonKind(models.TextChoices):
    RETURN = "return", _("Returning a case")
    SUSPEND = "suspend", _("Suspending a member")
    WARN = "warn", _("Warning a member")
    REPORT = "report", _("Closing a report")


class ReasonTemplate(models.Model):
    """A reason moderators pick instead of typing it again; they edit the list in admin. The
    chosen text is copied into the action (the audit log keeps what was said, not a link)."""

    kind = models.CharField(_("used when"), max_length=10, choices=ReasonKind.choices)
    title = models.CharField(_("short name"), max_length=80)
    text = models.TextField(_("text the member reads"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["kind", "position", "title"]
        verbose_name = _("reason template")
        verbose_name_plural = _("reason templates")

    def __str__(self) -> str:
        return self.title


class StaffNote(models.Model):
    """A note about a member that only staff read (never shown to the member)."""

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_notes")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")

    def __str__(self) -> str:
        return self.text[:60]


class MemberWarningQuerySet(models.QuerySet):
    def unread(self) -> MemberWarningQuerySet:
        return self.filter(acknowledged_at=None)


class MemberWarning(models.Model):
    """An official warning: shown to the member on every page until they acknowledge it."""

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="warnings")
    issued_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason shown to the member"))
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("read by the member"), null=True, blank=True)

    objects = MemberWarningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("official warning")
        verbose_name_plural = _("official warnings")
        indexes = [
            models.Index(
                fields=["member"],
                condition=models.Q(acknowledged_at=None),
                name="accounts_unread_warnings",
            )
        ]

    def __str__(self) -> str:
        return self.reason[:60]


class OutboxTask(models.Model):
    """A task that could not reach the broker after its commit, kept until it can
    (accounts.outbox). Rows live only while the broker is down, and a minute or so after."""

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name}{tuple(self.args)}"


# The email ledger lives beside the mail pipeline that writes it; imported so Django finds it.
from accounts.mail.models import EmailBounce, EmailDelivery, EmailStatus  # noqa: E402, F401
