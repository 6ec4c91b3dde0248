"""Composer forms. Rendering errors are attached to the body field by the view."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from forums.rendering import MAX_SOURCE_CHARS, RenderError, check_source

MAX_TAGS = 5


class BodyField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 12})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your post"))
        kwargs.setdefault(
            "help_text", _("Markdown: **bold**, _italic_, lists, ``` code ```, tables, @handle.")
        )
        # No max_length here: the pipeline's own limit gives the clearer message.
        super().__init__(strip=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not value.strip():
            raise forms.ValidationError(_("Write something first."), code="blank")
        try:
            check_source(value)
        except RenderError as exc:
            raise forms.ValidationError(str(exc), code="render") from exc


class ReplyForm(forms.Form):
    body = BodyField()


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, min_length=5)
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Up to five, separated by commas, e.g. ecg, syncope."),
    )
    body = BodyField()

    def clean_tags(self) -> list[str]:
        names = parse_tags(self.cleaned_data.get("tags", ""))
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(
                _("Use at most %(limit)s tags."), params={"limit": MAX_TAGS}, code="too_many"
            )
        if any(len(name) > 50 for name in names):
            raise forms.ValidationError(_("Each tag may have at most 50 characters."))
        return names


class EditForm(forms.Form):
    body = BodyField()


class EditThreadForm(ThreadForm):
    """Editing the first post also edits the thread's title and tags."""


BODY_LIMIT = MAX_SOURCE_CHARS


# --- Reporting (moderation issue) -------------------------------------------------------------


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[],  # filled from ReportReason in __init__ (models import stays lazy here)
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for “Other”. Moderators see this, the author does not."),
    )

    def __init__(self, *args, **kwargs):
        from forums.models import ReportReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = ReportReason.choices

    def clean(self):
        data = super().clean()
        if data.get("reason") == "other" and not data.get("text", "").strip():
            self.add_error("text", _("Tell the moderators what is wrong."))
        return data
