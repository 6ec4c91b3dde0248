"""The findings panel of the case pages: each finding in context, its suggested fix, the
author's role for a name, and the reason to keep it; read back from a POST.

The panel is one template (``cases/includes/findings.html``) in three modes: ``apply`` (a
button per fix that posts the form back, and that ``static/js/scanner.js`` turns into an
in-place edit), ``tick`` (checkboxes applied on submit) and none (findings and reasons only).
The fixes themselves are computed by ``cases.anonymising``; nothing here writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import anonymising
from cases.anonymising import Applied, Suggestion
from cases.authoring import finding_key
from cases.deidentify import Finding
from cases.models import TEXT_FIELDS
from cases.scanning import scan_text

FIELD_LABELS = {
    "title": _("Title"),
    "reply": _("Your reply"),
    "quiz_options": _("Quiz options"),
    "images": _("Image descriptions"),
    "quiz_explanation": _("Quiz explanation"),
    **dict(TEXT_FIELDS),
}
# The button value that applies every suggested fix at once.
APPLY_ALL = "all"


@dataclass
class FindingView:
    field: str
    field_label: str
    finding: Finding
    key: str
    index: int
    before: str
    after: str
    reason: str = ""
    suggestion: Suggestion | None = None
    role: str = ""  # the role selected for a name
    span_text: str = ""  # what the fix replaces (the finding, with its label if one goes)
    input_name: str = ""  # the form input holding the field's text

    @property
    def capital(self) -> bool:
        """The replacement starts a sentence (a role picked in the page is capitalised too)."""
        return bool(self.suggestion and self.suggestion.replacement[:1].isupper())


def finding_views(
    findings: dict[str, list[Finding]],
    sources: dict[str, str],
    kept: dict[str, str],
    *,
    suggestions: Mapping[str, list[Suggestion]] | None = None,
    roles: Mapping[str, str] | None = None,
    input_names: Mapping[str, str] | None = None,
) -> list[FindingView]:
    """Each finding with 40 characters either side, for highlighting (escaped by templates),
    and its suggested fix when ``suggestions`` are given. ``input_names`` names the form input
    of a field whose name differs (a reply's "body")."""
    offered = {s.key: s for items in (suggestions or {}).values() for s in items}
    views = []
    for field, items in findings.items():
        label = FIELD_LABELS.get(field, field)
        source = sources.get(field, "")
        for f in items:
            key = finding_key(field, f)
            suggestion = offered.get(f"{field}:{f.start}:{f.end}")
            views.append(
                FindingView(
                    field=field,
                    field_label=str(label),
                    finding=f,
                    key=key,
                    index=len(views),
                    before=source[max(f.start - 40, 0) : f.start] if source else "",
                    after=source[f.end : f.end + 40] if source else "",
                    reason=kept.get(key, ""),
                    suggestion=suggestion,
                    role=(roles or {}).get(suggestion.key, suggestion.role) if suggestion else "",
                    span_text=source[suggestion.start : suggestion.end] if suggestion else "",
                    input_name=(input_names or {}).get(field, field),
                )
            )
    return views


def normalised(text: str) -> str:
    """Browsers post line breaks as CRLF but count them as one character in a textarea's value;
    offsets the page's script uses must match, so the server scans with LF only."""
    return text.replace("\r\n", "\n")


def posted_texts(data: QueryDict, fields: tuple[str, ...] | list[str]) -> dict[str, str]:
    return {name: normalised(data.get(name, "")) for name in fields}


def read_day_zero(value: object) -> date | None:
    """The Day 0 the form carries (ISO date in a hidden input); anything else is no Day 0."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def roles_from(data: QueryDict) -> dict[str, str]:
    """The role picked for each name: selects named ``role:<field>:<start>:<end>``."""
    return {
        name[5:]: value
        for name, value in data.items()
        if name.startswith("role:") and value in anonymising.ROLE_TEXT
    }


def kept_from(data: QueryDict) -> dict[str, str]:
    """The reasons typed beside findings: inputs named ``keep:<finding key>``."""
    return {
        name[5:]: value.strip()
        for name, value in data.items()
        if name.startswith("keep:") and value.strip()
    }


def ticked_from(data: QueryDict) -> list[str]:
    """Ticked fixes on the submit page: checkboxes named ``fix:<field>:<start>:<end>``."""
    return [name[4:] for name in data if name.startswith("fix:")]


@dataclass
class Panel:
    """What the panel shows for some texts, and what a POST asked to apply to them."""

    texts: dict[str, str]
    items: list[FindingView]
    day_zero: date | None
    applied: Applied | None = None
    stale: bool = False  # the fix asked for no longer matches the text
    input_names: Mapping[str, str] = dataclasses.field(default_factory=dict)  # field -> input

    def input_name(self, name: str) -> str:
        return self.input_names.get(name, name)

    @property
    def fixable(self) -> int:
        return sum(1 for item in self.items if item.suggestion)


def build_panel(
    texts: dict[str, str],
    *,
    day_zero: date | None,
    kept: Mapping[str, str] | None = None,
    roles: Mapping[str, str] | None = None,
    apply: str = "",
    input_names: Mapping[str, str] | None = None,
) -> Panel:
    """Scan ``texts`` and suggest fixes; with ``apply`` (a suggestion's key, or APPLY_ALL),
    apply that fix first and show what is left. Nothing is saved."""
    today = timezone.localdate()
    roles = roles or {}
    findings = _scan(texts)
    applied = None
    stale = False
    if apply:
        keys = None if apply == APPLY_ALL else [apply]
        applied = anonymising.apply_suggestions(
            findings, texts, keys=keys, roles=roles, day_zero=day_zero, today=today
        )
        stale = not applied.changes
        texts, day_zero = applied.values, applied.day_zero
        findings = _scan(texts)
    suggestions = anonymising.suggest_case_fixes(findings, texts, day_zero=day_zero, today=today)
    items = finding_views(
        findings,
        texts,
        dict(kept or {}),
        suggestions=suggestions,
        roles=roles,
        input_names=input_names,
    )
    return Panel(
        texts=texts,
        items=items,
        day_zero=day_zero,
        applied=applied,
        stale=stale,
        input_names=dict(input_names or {}),
    )


def _scan(texts: Mapping[str, str]) -> dict[str, list[Finding]]:
    """Findings per field, in the order of ``texts`` (any field names, not only the case's)."""
    return {name: found for name, text in texts.items() if (found := scan_text(text))}


def form_as_sent(form_class: type[forms.Form], data: QueryDict) -> forms.Form:
    """An unbound form showing what the author sent: a fix is not a save, so a half-written
    case shows no errors (a bound form would mark empty required fields invalid)."""
    fields = form_class().fields
    initial = {
        name: field.widget.value_from_datadict(data, {}, name) for name, field in fields.items()
    }
    return form_class(initial=initial)


# --- the pages' side ----------------------------------------------------------------------

FRAGMENT_HEADER = "X-Rounds-Fragment"


def fix_request(request: HttpRequest) -> str | None:
    """What a POST asks of the findings panel instead of a save: a fix to apply (a
    suggestion's key or "all"), "" to scan again, or None (a save)."""
    if request.method != "POST":
        return None
    if apply := request.POST.get("apply", ""):
        return apply
    return "" if request.POST.get("action") == "scan" else None


def panel_response(
    request: HttpRequest, template: str, context: dict, panel: Panel
) -> HttpResponse:
    """The page, or for the page's script (``static/js/scanner.js``) only the panel as JSON:
    its HTML, and the texts and Day 0 after a fix the server applied."""
    if request.headers.get(FRAGMENT_HEADER) != "findings":
        return render(request, template, context)
    applied = panel.applied
    return JsonResponse(
        {
            "html": render_to_string("cases/includes/fix_panel.html", context, request=request),
            # By form input name: what the script writes back into the page.
            "values": {
                panel.input_name(name): panel.texts[name] for name, _b, _a in applied.changes
            }
            if applied
            else {},
            "day_zero": panel.day_zero.isoformat() if panel.day_zero else "",
            "age_band": applied.age_band if applied else "",
            "count": len(panel.items),
            "summary": render_to_string("cases/includes/fix_summary.html", context),
            "status": context.get("fix_status", ""),
        }
    )


def fix_status(panel: Panel | None, labels: Mapping[str, str] = FIELD_LABELS) -> str:
    if panel is None or panel.applied is None:
        return ""
    if panel.stale:
        return gettext("That passage has changed since it was found: the findings below are fresh.")
    return (
        anonymising.describe(panel.applied.changes, labels)
        + " "
        + gettext("Nothing is saved until you save the form.")
    )


class SingleFieldPage:
    """A page with one scanned text (a reply, an outcome): its findings panel, and the fixes
    posted back to it, like the case form's."""

    def __init__(self, field: str, input_name: str, form_class, template: str, extra: dict):
        self.field, self.input_name = field, input_name
        self.form_class, self.template, self.extra = form_class, template, extra

    def panel(
        self, request: HttpRequest, *, day_zero: date | None, kept=None, apply: str = ""
    ) -> Panel:
        text = normalised(request.POST.get(self.input_name, ""))
        return build_panel(
            {self.field: text},
            day_zero=day_zero,
            kept=kept if kept is not None else kept_from(request.POST),
            roles=roles_from(request.POST),
            apply=apply,
            input_names={self.field: self.input_name},
        )

    def context(self, form, panel, *, day_zero, fixing: bool = False) -> dict:
        return {
            **self.extra,
            "form": form,
            "panel": panel,
            "findings": panel.items if panel else [],
            "fix_status": fix_status(panel),
            "fixing": fixing,
            "mode": "apply",
            "show_keep": True,
            "roles": anonymising.ROLES,
            "day_zero": panel.day_zero if panel else day_zero,
        }

    def fixing(self, request: HttpRequest, *, apply: str, day_zero) -> HttpResponse:
        panel = self.panel(request, day_zero=day_zero, apply=apply)
        data = request.POST.copy()
        data[self.input_name] = panel.texts[self.field]
        form = form_as_sent(self.form_class, data)
        context = self.context(form, panel, day_zero=day_zero, fixing=True)
        return panel_response(request, self.template, context, panel)
