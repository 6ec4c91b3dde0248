"""Case forms. They validate shape only; services in cases.authoring decide and write."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.images import MAX_BYTES
from cases.authoring import ATTESTATION_WORDING, CONSENT_WORDING
from cases.fixpanel import read_day_zero
from cases.images import clip_box, findings_of
from cases.models import (
    HIDEABLE_FIELDS,
    QUIZ_SPOILERS,
    SPECIALTIES,
    TEXT_FIELDS,
    AgeBand,
    CareSetting,
    ConsentBasis,
    Sex,
)

TEXT_HELP = {
    "timeline": _("Relative days only: “Day 0”, “Day +3”. Never calendar dates."),
    "diagnosis": _("Hidden from readers until you reveal it, if you tick the box just below."),
}


class CaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    specialty = forms.ChoiceField(label=_("Specialty"), choices=[("", "—"), *SPECIALTIES])
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separate with commas: ECG, syncope")
    )
    age_band = forms.ChoiceField(
        label=_("Age band"),
        choices=[("", "—"), *AgeBand.choices],
        required=False,
        help_text=_("Never an exact age. Everyone 90 or older is “Over 89”."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    care_setting = forms.ChoiceField(
        label=_("Care setting"), choices=[("", "—"), *CareSetting.choices], required=False
    )
    hide_diagnosis = forms.BooleanField(
        label=_("Hide the diagnosis until I reveal it"), required=False, initial=True
    )
    # The case's Day 0, carried by the page between fixes until it is saved (see
    # cases.anonymising); set by the first date the author converts, never typed.
    day_zero = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hide_diagnosis = self.fields.pop("hide_diagnosis")
        day_zero = self.fields.pop("day_zero")
        for name, label in TEXT_FIELDS:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=TEXT_HELP.get(name, ""),
            )
            # Each "hide until the reveal" control sits right after the field it hides.
            if name == "diagnosis":
                self.fields["hide_diagnosis"] = hide_diagnosis
            elif name in HIDEABLE_FIELDS:
                self.fields[f"hide_{name}"] = forms.BooleanField(
                    label=_("Hide “%(field)s” until the reveal") % {"field": label},
                    required=False,
                    help_text=_("Always hidden until the reveal when the case has a quiz.")
                    if name in QUIZ_SPOILERS
                    else "",
                )
        self.fields["day_zero"] = day_zero

    @staticmethod
    def spoiler_initial(case) -> dict:
        """The "hide until the reveal" boxes as the case has them (for an edit form)."""
        return {f"hide_{name}": name in case.spoiler_fields for name in HIDEABLE_FIELDS}

    def clean_day_zero(self) -> date | None:
        # Only the page's script or the server writes it: anything else is no Day 0, never an
        # error the author could neither see nor fix.
        return read_day_zero(self.cleaned_data.get("day_zero"))

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags", "")
        tags = [tag.strip().lower()[:50] for tag in raw.split(",") if tag.strip()]
        if len(tags) > 8:
            raise forms.ValidationError(_("Use at most 8 tags."))
        return tags

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("tags", None)
        data["spoiler_fields"] = [n for n in HIDEABLE_FIELDS if data.pop(f"hide_{n}", False)]
        return data


class ConsentForm(forms.Form):
    consent_basis = forms.ChoiceField(
        label=_("Consent"),
        choices=[(basis.value, CONSENT_WORDING[basis]) for basis in ConsentBasis],
        widget=forms.RadioSelect,
    )
    policy_reason = forms.CharField(
        label=_("Why your institution's policy allows publication"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attest = forms.BooleanField(label=ATTESTATION_WORDING)

    def clean(self):
        data = super().clean()
        if (
            data.get("consent_basis") == ConsentBasis.POLICY
            and not data.get("policy_reason", "").strip()
        ):
            self.add_error("policy_reason", _("Give the reason the policy allows publication."))
        return data


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image (JPEG, PNG or WebP)"),
        help_text=_("Location, camera and other metadata are removed."),
    )
    alt_text = forms.CharField(
        label=_("Description for readers who cannot see it (alt text)"), max_length=300
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The image is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 1_048_576}
            )
        return upload.read()


class ImageReviewForm(forms.Form):
    """The author's (or a moderator's) answer to an image's findings: black each one out or
    keep it with a reason, and draw more boxes. The boxes field is the drawing tool's output and
    also how boxes are typed in without JavaScript: one box per line, in the image's pixels."""

    boxes = forms.CharField(
        label=_("More areas to black out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "redact-boxes"}),
        help_text=_(
            "One box per line: left, top, right, bottom, in pixels from the top left corner "
            "(the image is %(w)s by %(h)s pixels)."
        ),
    )
    version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, image, **kwargs):
        super().__init__(*args, **kwargs)
        self.image = image
        self.version = image.file.name
        self.fields["version"].initial = self.version
        self.fields["boxes"].help_text = self.fields["boxes"].help_text % {
            "w": image.width,
            "h": image.height,
        }
        self.items = findings_of(image)
        for i, (finding, reason) in enumerate(self.items):
            self.fields[f"action_{i}"] = forms.ChoiceField(
                label=finding.key,
                choices=[("redact", _("Black it out")), ("keep", _("Keep it"))],
                initial="keep" if reason else "redact",
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{i}"] = forms.CharField(
                label=_("Why it does not identify the patient"),
                required=False,
                initial=reason,
                max_length=500,
            )

    def rows(self):
        """(number, finding, action field, reason field) for the template."""
        return [
            (i + 1, finding, self[f"action_{i}"], self[f"reason_{i}"])
            for i, (finding, _reason) in enumerate(self.items)
        ]

    def kept_rows(self):
        """(number, finding, the reason it was kept or "") as stored, whatever was posted."""
        return [(i + 1, finding, reason) for i, (finding, reason) in enumerate(self.items)]

    def clean_boxes(self) -> list[tuple[int, int, int, int]]:
        boxes, bad = [], []
        for line in self.cleaned_data["boxes"].splitlines():
            if not line.strip():
                continue
            parts = [p for p in line.replace(";", ",").replace(" ", ",").split(",") if p]
            try:
                values = [float(p) for p in parts]
            except ValueError:
                values = []
            box = (
                clip_box(values, (self.image.width, self.image.height))
                if len(values) == 4
                else None
            )
            if box is None:
                bad.append(line.strip())
            else:
                boxes.append(box)
        if bad:
            raise forms.ValidationError(
                _("These lines are not boxes inside the image: %(lines)s")
                % {"lines": "; ".join(bad)}
            )
        return boxes

    def clean(self):
        data = super().clean()
        if data.get("version") and data["version"] != self.version:
            raise forms.ValidationError(
                _("The image has changed since this page was opened; look at it again.")
            )
        for i in range(len(self.items)):
            if data.get(f"action_{i}") == "keep" and not data.get(f"reason_{i}", "").strip():
                self.add_error(f"reason_{i}", _("Say why this does not identify the patient."))
        return data

    def redact_boxes(self) -> list[tuple[int, int, int, int]]:
        chosen = [
            finding.box
            for i, (finding, _reason) in enumerate(self.items)
            if self.cleaned_data.get(f"action_{i}") == "redact"
        ]
        return chosen + self.cleaned_data["boxes"]

    def kept(self) -> dict[str, str]:
        return {
            finding.key: self.cleaned_data[f"reason_{i}"]
            for i, (finding, _reason) in enumerate(self.items)
            if self.cleaned_data.get(f"action_{i}") == "keep"
        }


class QuizForm(forms.Form):
    options = forms.CharField(
        label=_("Options, one per line"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Leave empty for no quiz."),
    )
    correct = forms.IntegerField(
        label=_("Number of the correct option (1 for the first line)"),
        min_value=1,
        required=False,
    )
    explanation = forms.CharField(
        label=_("Explanation, shown at the reveal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    reveal_at = forms.DateTimeField(
        label=_("Reveal automatically at (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}))


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome and follow-up"), widget=forms.Textarea(attrs={"rows": 5})
    )


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("What could identify the patient?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    post = forms.IntegerField(required=False, widget=forms.HiddenInput)
