"""The learning log's forms: an entry (date, time, category, the reflective template), an
export's period and format, and the weekly prompt's switch."""

from __future__ import annotations

import datetime
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.learning.export import MAX_PERIOD
from forums.learning.recording import MAX_MINUTES, MAX_REFLECTION, EntryValues
from forums.models import REFLECTION_FIELDS, LearningCategory, LearningEntry

EARLIEST = datetime.date(2000, 1, 1)


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else value


def _check_day(value: datetime.date, label: str, *, future: bool = False) -> datetime.date:
    """A day from 2000 to today (or, for an export's period, within two years from now)."""
    latest = timezone.localdate() + timedelta(days=2 * 366 if future else 1)
    if value < EARLIEST or value > latest:
        if future:
            message = _("%(field)s must be a day between 2000 and two years from now.")
        else:
            message = _("%(field)s must be a day between 2000 and today.")
        raise forms.ValidationError(message % {"field": label})
    return value


class EntryForm(forms.Form):
    date = forms.DateField(label=_("Date of the activity"), widget=DateInput)
    minutes = forms.IntegerField(
        label=_("Time spent, in minutes"),
        min_value=1,
        max_value=MAX_MINUTES,
        error_messages={
            "min_value": _("Time spent must be at least 1 minute."),
            "max_value": _("Time spent must be at most 1440 minutes (a day)."),
            "invalid": _("Time spent must be a whole number of minutes."),
            "required": _("Enter the time spent, in minutes."),
        },
    )
    category = forms.ChoiceField(label=_("Category"), choices=LearningCategory.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, prompt in REFLECTION_FIELDS:
            self.fields[name] = forms.CharField(
                label=label,
                help_text=prompt,
                required=False,
                max_length=MAX_REFLECTION,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "max_length": _("%(field)s is too long: at most %(n)s characters.")
                    % {"field": label, "n": MAX_REFLECTION}
                },
            )

    @classmethod
    def initial_for(cls, entry: LearningEntry) -> dict:
        return {
            "date": entry.date,
            "minutes": entry.minutes,
            "category": entry.category,
            **{name: getattr(entry, name) for name, _label, _prompt in REFLECTION_FIELDS},
        }

    def clean_date(self) -> datetime.date:
        return _check_day(self.cleaned_data["date"], str(_("The date of the activity")))

    def values(self) -> EntryValues:
        data = self.cleaned_data
        return EntryValues(
            date=data["date"],
            minutes=data["minutes"],
            category=data["category"],
            reflection={name: data.get(name, "") for name, _label, _prompt in REFLECTION_FIELDS},
        )


class ExportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("PDF, for your appraiser")), ("csv", _("CSV, for a spreadsheet"))],
        widget=forms.RadioSelect,
        initial="pdf",
    )

    def clean_start(self) -> datetime.date:
        return _check_day(self.cleaned_data["start"], str(_("The first day (From)")), future=True)

    def clean_end(self) -> datetime.date:
        return _check_day(self.cleaned_data["end"], str(_("The last day (To)")), future=True)

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The last day (To) must not be before the first (From)."))
            elif end - start > MAX_PERIOD:
                self.add_error("end", _("A period can be at most five years long."))
        return data


class PromptForm(forms.Form):
    weekly_prompt = forms.BooleanField(
        label=_("Email me once a week when I took part in cases or threads that I have not logged"),
        required=False,
    )


def describe_errors(form: forms.Form) -> forms.Form:
    """Tie each field's error message (``<id>_error`` in ``includes/field.html``) and help
    text to its input, so a screen reader reads why the field was refused."""
    for name in form.errors:
        if name not in form.fields:
            continue
        field = form[name]
        ids = [f"{field.auto_id}_error"]
        if form.fields[name].help_text:
            ids.append(f"{field.auto_id}_helptext")
        form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
    return form
