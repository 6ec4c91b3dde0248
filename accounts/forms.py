from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User, handle_validator


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

    def clean_handle(self) -> str:
        handle = self.cleaned_data["handle"]
        if User.objects.filter(handle__iexact=handle).exists():
            raise forms.ValidationError(_("That handle is taken."))
        return handle

    def signup(self, request, user: User) -> None:
        user.handle = self.cleaned_data["handle"]
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["handle", "display_name"])
