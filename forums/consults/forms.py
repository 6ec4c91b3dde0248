"""Forms of the private consult pages. They read and bound the fields; the services decide."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from forums.consults.models import MAX_SUBJECT_CHARS
from forums.consults.writing import MAX_MESSAGE_CHARS


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        strip=False,
        max_length=MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Markdown works. Leave out anything that could identify a patient: the text is "
            "checked before it is sent."
        ),
        error_messages={"required": _("Write your message.")},
    )


class ReplyForm(MessageForm):
    """A reply may carry one image, read for patient identifiers before it is stored."""

    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "JPEG, PNG or WebP. It is read for names, dates and faces first; crop or black out "
            "anything that could identify a patient."
        ),
    )
    alt_text = forms.CharField(
        label=_("Image description (alt text)"),
        required=False,
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )


class StartForm(MessageForm):
    to = forms.CharField(
        label=_("To"),
        max_length=800,
        help_text=_("Handles of up to 19 members, separated by spaces or commas."),
        error_messages={"required": _("Choose at least one member to write to.")},
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=MAX_SUBJECT_CHARS,
        help_text=_("Shown in the inboxes of the participants, never in emails."),
        error_messages={"required": _("Give the conversation a subject.")},
    )

    field_order = ["to", "subject", "body"]


class AddForm(forms.Form):
    handles = forms.CharField(
        label=_("Add members"),
        max_length=800,
        help_text=_("Handles, separated by spaces or commas. They will see messages from now on."),
        error_messages={"required": _("Name at least one member to add.")},
    )


def kept_reasons(data: QueryDict) -> dict[str, str]:
    """The findings the author kept, with their reasons: parallel ``keep_key``/``keep_reason``
    fields, one pair per finding listed under the composer. Reasons left empty keep nothing."""
    keys, reasons = data.getlist("keep_key")[:50], data.getlist("keep_reason")[:50]
    return {
        key[:400]: reason.strip()[:500]
        for key, reason in zip(keys, reasons, strict=False)
        if key and reason.strip()
    }
