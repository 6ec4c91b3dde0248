from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models.members import User
from accounts.models.profiles import Specialty


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
    email_on_badge = models.BooleanField(
        _("email me when I earn a badge"), default=True, db_default=True
    )
    participation_prompts = models.BooleanField(
        _("suggest an unanswered question in my specialty now and then"),
        default=True,
        db_default=True,
        help_text=_("At most once a week, until you have replied somewhere."),
    )
    # When the home page last showed the prompt (forums.participation): once a week at most.
    participation_prompted_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_on_message = models.BooleanField(
        _("email me when someone sends me a private message"),
        default=True,
        help_text=_("The email names the sender and links to the message, never its text."),
    )
    messages_from_followed_only = models.BooleanField(
        _("only members I follow may start private consults with me"),
        default=False,
        help_text=_("Conversations you are already in are not affected."),
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
