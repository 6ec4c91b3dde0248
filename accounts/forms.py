from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import languages, profiles, time_zones, verification
from accounts.models import (
    BIO_MAX_CHARS,
    COI_MAX_CHARS,
    Preferences,
    Profile,
    Specialty,
    User,
    VerificationRequest,
    handle_validator,
)


class TimeZoneField(forms.ChoiceField):
    """The zones grouped by region (accounts.time_zones); any IANA name is accepted, so a zone a
    browser reports under an older name is kept as it is."""

    def __init__(self, *, current: str = "", mode: str = "offer", **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault(
            "help_text",
            _("Type a city or a region to find it. Dates and digest hours follow it."),
        )
        super().__init__(choices=time_zones.choices(current=current), **kwargs)
        # static/js/time_zone.js finds it by this mark: "fill" (sign-up) sets the device's zone
        # while the default is chosen, "offer" (preferences) offers it in a button.
        self.widget.attrs["data-time-zone"] = mode

    def valid_value(self, value) -> bool:
        return value in time_zones.known()


def _language_choices() -> list[tuple[str, str]]:
    # Each language in its own words, so whoever reads it finds theirs.
    names = [
        (code, translation.get_language_info(code)["name_local"].capitalize())
        for code, _name in settings.LANGUAGES
    ]
    return [("", _("As my browser asks")), *names]


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls ``signup`` after creating the user)."""

    handle = forms.CharField(
        label=_("Handle"),
        max_length=30,
        validators=[handle_validator],
        help_text=_("Your public name for @mentions: 3 to 30 letters, digits or underscores."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Shown beside your posts. A pseudonym is allowed."),
    )
    # Filled with the browser's zone by static/js/time_zone.js; UTC without JavaScript. Not
    # required: a sign-up that sends none (an older form, a script) gets UTC.
    time_zone = TimeZoneField(initial="UTC", mode="fill", required=False)

    def clean_handle(self) -> str:
        handle = self.cleaned_data["handle"]
        # lower(handle), as the unique index has it (iexact would compare upper() and scan).
        if User.objects.alias(h=Lower("handle")).filter(h=handle.lower()).exists():
            raise forms.ValidationError(_("That handle is taken."))
        return handle

    def signup(self, request, user: User) -> None:
        user.handle = self.cleaned_data["handle"]
        user.display_name = self.cleaned_data.get("display_name", "")
        # Emails go out in the language the member signed up in, until they choose another.
        user.language = languages.supported(translation.get_language())
        user.save(update_fields=["handle", "display_name", "language"])
        profiles.ensure_member_rows(user, time_zone=self.cleaned_data.get("time_zone") or "")


def _read_upload(upload, *, limit: int) -> bytes:
    # Check the size before reading, so a huge upload is never held in memory.
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1_048_576, "limit": limit // 1_048_576}
        )
    return upload.read()


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Shown beside your posts. A pseudonym is allowed."),
    )
    avatar_upload = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB. We remove location and camera data."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)

    class Meta:
        model = Profile
        fields = [
            "profession",
            "specialty",
            "career_stage",
            "country",
            "institution",
            "show_institution",
            "bio",
            "conflicts_of_interest",
            "listed_in_directory",
            "directory_shows_career_stage",
            "directory_shows_country",
            "directory_shows_bio",
        ]
        help_texts = {
            "institution": _("Private unless you tick the box below."),
            "bio": _("Plain text, up to %(n)d characters.") % {"n": BIO_MAX_CHARS},
            "conflicts_of_interest": _(
                "Funding, employment or other interests peers should know about. "
                "Plain text, up to %(n)d characters."
            )
            % {"n": COI_MAX_CHARS},
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4, "maxlength": BIO_MAX_CHARS}),
            "conflicts_of_interest": forms.Textarea(attrs={"rows": 4, "maxlength": COI_MAX_CHARS}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["display_name"].initial = user.display_name
        self.fields["specialty"].queryset = Specialty.objects.filter(is_active=True)
        self.order_fields(["display_name", *self.Meta.fields, "avatar_upload", "remove_avatar"])
        if not self.instance.avatar:
            del self.fields["remove_avatar"]  # nothing to remove

    def clean_avatar_upload(self) -> bytes | None:
        upload = self.cleaned_data.get("avatar_upload")
        if not upload:
            return None
        data = _read_upload(upload, limit=profiles.AVATAR_MAX_BYTES)
        return profiles.clean_avatar(data)  # ValidationError lands on this field

    def save_for_member(self) -> Profile:
        data = self.cleaned_data
        profile = profiles.update_profile(
            self.user,
            display_name=data["display_name"],
            profession=data["profession"],
            specialty=data["specialty"],
            career_stage=data["career_stage"],
            country=data["country"],
            institution=data["institution"],
            show_institution=data["show_institution"],
            bio=data["bio"],
            conflicts_of_interest=data["conflicts_of_interest"],
            listed_in_directory=data["listed_in_directory"],
            directory_shows=[
                name
                for name in ("career_stage", "country", "bio")
                if data[f"directory_shows_{name}"]
            ],
        )
        if data.get("avatar_upload"):
            profile = profiles.set_avatar(self.user, data=data["avatar_upload"])
        elif data.get("remove_avatar"):
            profiles.remove_avatar(self.user)
        return profile


class PreferencesForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=_language_choices,
        help_text=_("Pages and emails are written in it."),
    )
    time_zone = TimeZoneField()
    digest_hour = forms.TypedChoiceField(
        label=_("Hour to send the digest"),
        coerce=int,
        choices=[(h, f"{h:02d}:00") for h in range(24)],
        help_text=_("In your time zone."),
    )

    class Meta:
        model = Preferences
        fields = [
            "digest_frequency",
            "digest_hour",
            "time_zone",
            "email_on_mention",
            "email_on_reply",
            "email_on_review",
            "email_on_badge",
            "participation_prompts",
            "email_on_message",
            "messages_from_followed_only",
            "followed_specialties",
        ]
        widgets = {
            "digest_frequency": forms.RadioSelect,
            "followed_specialties": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].initial = user.language
        self.fields["time_zone"] = TimeZoneField(current=self.instance.time_zone)
        self.order_fields(["language", "time_zone"])
        self.fields["followed_specialties"].queryset = Specialty.objects.filter(is_active=True)

    def save_for_member(self) -> Preferences:
        data = self.cleaned_data
        languages.set_member_language(self.user, language=data["language"])
        return profiles.update_preferences(
            self.user,
            digest_frequency=data["digest_frequency"],
            digest_hour=data["digest_hour"],
            time_zone=data["time_zone"],
            email_on_mention=data["email_on_mention"],
            email_on_reply=data["email_on_reply"],
            email_on_review=data["email_on_review"],
            email_on_badge=data["email_on_badge"],
            participation_prompts=data["participation_prompts"],
            email_on_message=data["email_on_message"],
            messages_from_followed_only=data["messages_from_followed_only"],
            followed_specialties=data["followed_specialties"],
        )


class VerificationRequestForm(forms.ModelForm):
    evidence_upload = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_(
            "A PDF or photo of your registration certificate, up to 5 MB. Only moderators see "
            "it, and it is deleted once they decide."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )

    class Meta:
        model = VerificationRequest
        fields = ["registration_number", "registering_body", "country"]

    def clean_evidence_upload(self) -> tuple[bytes, str] | None:
        upload = self.cleaned_data.get("evidence_upload")
        if not upload:
            return None
        return verification.clean_evidence(
            _read_upload(upload, limit=verification.EVIDENCE_MAX_BYTES)
        )


class DeleteAccountForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"
    posts = forms.ChoiceField(
        label=_("What should happen to what you wrote?"),
        choices=[
            (KEEP, _('Keep my posts and threads, shown as by "Former member"')),
            (REMOVE, _("Remove my posts and threads")),
        ],
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm it is you. This cannot be undone."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

    @property
    def keep_posts(self) -> bool:
        return self.cleaned_data["posts"] == self.KEEP
