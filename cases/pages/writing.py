"""Writing a case: the form (new and edit, with the identifier findings shown inline and one-
click fixes) and submitting it for review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import anonymising, authoring, fixpanel
from cases.fixpanel import finding_views
from cases.forms import CaseForm, ConsentForm
from cases.models import Case, CaseStatus
from cases.pages.common import (
    FORM_TEXT_FIELDS,
    case_fields,
    noindex,
    own_case,
    suspended_keeps_text,
)
from cases.permissions import can_create_case
from forums.pages.composer import rate_limited_message
from forums.posting import Origin, limits


def _initial(case: Case) -> dict:
    initial = {name: getattr(case, name) for name in CaseForm().fields if hasattr(case, name)}
    initial["tags"] = ", ".join(tag.name for tag in case.tags.all())
    initial.update(CaseForm.spoiler_initial(case))
    return initial


@login_required
@noindex
@suspended_keeps_text(case_fields)
def case_new(request: HttpRequest) -> HttpResponse:
    if not can_create_case(request.user):
        raise PermissionDenied
    return _case_form_page(request, case=None)


@login_required
@noindex
@suspended_keeps_text(case_fields)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_page(request, case=own_case(request, pk))


def _case_form_page(request: HttpRequest, *, case: Case | None) -> HttpResponse:
    """Write or edit a case. Besides saving, the form posts back to scan its text again or to
    apply a suggested fix: the page comes back with every field as the author left it, the fix
    applied, and nothing saved."""
    fix = fixpanel.fix_request(request)
    if fix is not None:
        return _case_form_fixing(request, case=case, apply=fix)
    form = CaseForm(request.POST or None, initial=_initial(case) if case else None)
    panel = None
    status = 200
    if request.method == "POST" and form.is_valid():
        kept = fixpanel.kept_from(request.POST)
        try:
            if case is None:
                case = authoring.create_case(
                    author=request.user,
                    values=form.values(),
                    tags=form.cleaned_data["tags"],
                    origin=Origin.of(request),
                )
                messages.success(request, _("Draft saved. Add images, a quiz, then submit it."))
            else:
                authoring.update_case(
                    case,
                    by=request.user,
                    values=form.values(),
                    tags=form.cleaned_data["tags"],
                    kept=kept,
                )
                messages.success(request, _("Case saved."))
        except authoring.CaseTextError as exc:
            form.add_error(exc.field, exc.messages)
        except authoring.UnresolvedFindings:
            panel = fixpanel.build_panel(
                fixpanel.posted_texts(request.POST, FORM_TEXT_FIELDS),
                day_zero=form.cleaned_data.get("day_zero"),
                kept=kept,
                roles=fixpanel.roles_from(request.POST),
            )
        except limits.RateLimited as exc:
            form.add_error(None, rate_limited_message(exc))
            status = 429
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect(case)
    elif request.method != "POST" and case is not None:
        texts = {name: fixpanel.normalised(getattr(case, name)) for name in FORM_TEXT_FIELDS}
        panel = fixpanel.build_panel(texts, day_zero=case.day_zero)
    return render(request, "cases/form.html", _case_form_context(form, case, panel), status=status)


def _case_form_fixing(request: HttpRequest, *, case: Case | None, apply: str) -> HttpResponse:
    data = request.POST.copy()
    panel = fixpanel.build_panel(
        fixpanel.posted_texts(data, FORM_TEXT_FIELDS),
        day_zero=fixpanel.read_day_zero(data.get("day_zero")),
        kept=fixpanel.kept_from(data),
        roles=fixpanel.roles_from(data),
        apply=apply,
    )
    for name, text in panel.texts.items():
        data[name] = text
    data["day_zero"] = panel.day_zero.isoformat() if panel.day_zero else ""
    if panel.applied and panel.applied.age_band and not data.get("age_band"):
        data["age_band"] = panel.applied.age_band
    form = fixpanel.form_as_sent(CaseForm, data)
    context = _case_form_context(form, case, panel, fixing=True)
    return fixpanel.panel_response(request, "cases/form.html", context, panel)


def _case_form_context(form, case: Case | None, panel, *, fixing: bool = False) -> dict:
    published = case is not None and case.status == CaseStatus.PUBLISHED
    return {
        "form": form,
        "case": case,
        "panel": panel,
        "findings": panel.items if panel else [],
        "fix_status": fixpanel.fix_status(panel),
        "fixing": fixing,
        "mode": "apply",
        # Reasons count on a published case's edit; a draft's are asked for at submission.
        "show_keep": published,
        "roles": anonymising.ROLES,
        "day_zero": panel.day_zero if panel else (case.day_zero if case else None),
    }


@login_required
@noindex
def case_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Scan every field, show findings inline with fixes, take consent, submit."""
    case = own_case(request, pk)
    if case.status not in {CaseStatus.DRAFT, CaseStatus.RETURNED}:
        messages.error(request, _("This case is not a draft."))
        return redirect(case)
    kept = fixpanel.kept_from(request.POST) if request.method == "POST" else {}
    roles = fixpanel.roles_from(request.POST) if request.method == "POST" else {}
    form = ConsentForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST":
        # Ticked fixes, checked against a fresh scan of the stored text so a stale form cannot
        # rewrite the wrong passage; the first date converted sets the case's Day 0.
        if ticked := fixpanel.ticked_from(request.POST):
            try:
                authoring.apply_case_fixes(case, by=request.user, keys=ticked, roles=roles)
            except authoring.CaseTextError as exc:
                errors.append(str(exc.messages[0]))
            case.refresh_from_db()
        if form.is_valid() and not errors:
            try:
                authoring.submit_case(
                    case,
                    by=request.user,
                    consent_basis=form.cleaned_data["consent_basis"],
                    policy_reason=form.cleaned_data["policy_reason"],
                    attest=form.cleaned_data["attest"],
                    kept=kept,
                )
            except authoring.UnresolvedFindings:
                errors.append(_("Fix each highlighted passage or keep it with a reason."))
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(request, _("Submitted. A moderator will review your case."))
                return redirect(case)
    scanned = authoring.scan_case(case)
    sources = {name: getattr(case, name) for name in authoring.SCANNED_FIELDS}
    suggestions = anonymising.suggest_case_fixes(
        scanned, sources, day_zero=case.day_zero, today=timezone.localdate()
    )
    return render(
        request,
        "cases/submit.html",
        {
            "case": case,
            "form": form,
            "errors": errors,
            "findings": finding_views(scanned, sources, kept, suggestions=suggestions, roles=roles),
            "mode": "tick",
            "show_keep": True,
            "roles": anonymising.ROLES,
        },
    )
