from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Lower
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
    # The language pages and emails are written in for this member; empty: as the browser asks
    # (accounts.languages). Here and not on Preferences: every page reads it, and this row
    # comes with the session at no query.
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        default="",
        # Rows written by SQL (the bulk seeders, benchmarks) get "" too.
        db_default="",
        help_text=_("Empty: the language your browser asks for."),
    )
    # The codes of the recognition badges the member earned, denormalised here so a byline
    # shows them from the user row (no query per post). Written only by forums' recognition
    # service (``forums.recognition.granting.grant``): accounts cannot name the badges itself.
    badges = ArrayField(
        models.CharField(max_length=32),
        default=list,
        # Also in the database: rows written in SQL (the benchmarks' seeders) start with none.
        db_default=Cast(Value("{}"), ArrayField(models.CharField(max_length=32))),
        blank=True,
        editable=False,
    )
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
    """One moderation action: who did what to which object, when and why.

    Written only through ``accounts.audit.record``, by every moderation service in every app.
    Read-only in admin.
    """

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
