"""Writing cases: drafts, edits (revisions after publication), scanning, fixes and submission.

Every function here is one transaction and the only way views, admin and commands change a case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from cases.anonymising import apply_suggestions
from cases.deidentify import Finding, apply_fixes
from cases.images import ensure_images_resolved
from cases.models import (
    TEXT_FIELD_NAMES,
    Case,
    CaseConsent,
    CaseRevision,
    CaseStatus,
    ConsentBasis,
    KeptFinding,
    QuizOption,
)
from cases.scanning import scan_text
from cases.search import index_cases
from forums.posting.checks import MEMBER, Origin
from forums.posting.limits import check_post
from forums.recognition import events as recognition_events
from forums.rendering import RenderError, render_markdown
from forums.search.index import index_posts
from forums.sharing.cache import content_changed

# The words the author agrees to; stored verbatim with each submission.
CONSENT_WORDING = {
    ConsentBasis.PATIENT: gettext_lazy(
        "The patient, or their legal representative, gave informed consent to the publication "
        "of this de-identified case to verified health professionals on Rounds."
    ),
    ConsentBasis.POLICY: gettext_lazy(
        "My institution's policy allows the publication of de-identified cases without the "
        "patient's individual consent, for the reason I have given."
    ),
}
ATTESTATION_WORDING = gettext_lazy(
    "I attest that this case, its images and its quiz contain no patient identifiers: no names, "
    "dates more precise than a year, exact ages over 89, places smaller than a state, contact "
    "details, record, account, licence, device or vehicle numbers, web or IP addresses, faces "
    "or other identifying features."
)

# Plain fields an author writes directly (besides the Markdown text fields).
PLAIN_FIELDS = (
    "title",
    "specialty",
    "age_band",
    "sex",
    "care_setting",
    "hide_diagnosis",
    "spoiler_fields",
    "day_zero",
)
# Every field the scanner reads, with the text fields' Markdown sources.
SCANNED_FIELDS = ("title", *TEXT_FIELD_NAMES, "quiz_explanation")
EDITABLE_STATUSES = {CaseStatus.DRAFT, CaseStatus.RETURNED, CaseStatus.PUBLISHED}


class CaseTextError(ValidationError):
    """A field's text cannot be rendered; ``field`` names it for the form."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class UnresolvedFindings(Exception):
    """Identifiers the author has neither fixed nor kept with a reason, by field."""

    def __init__(self, findings: dict[str, list[Finding]]):
        super().__init__(_("Some text may identify a patient."))
        self.findings = findings


@dataclass(frozen=True)
class Decision:
    """The author's answer to one finding: keep it, with a reason (fixes are applied first)."""

    reason: str


def finding_key(field: str, finding: Finding) -> str:
    """Names a finding across edits elsewhere in the text: field, kind and the matched text."""
    return f"{field}:{finding.kind}:{finding.text}"


def scan_values(values: Mapping[str, str]) -> dict[str, list[Finding]]:
    """Findings per field for the given sources (fields without findings left out)."""
    results = {}
    for name in SCANNED_FIELDS:
        if name in values:
            findings = scan_text(values[name] or "")
            if findings:
                results[name] = findings
    return results


def scan_case(case: Case) -> dict[str, list[Finding]]:
    values = {name: getattr(case, name) for name in SCANNED_FIELDS}
    results = scan_values(values)
    options = "\n".join(option.text for option in case.quiz_options.all())
    if options and (found := scan_text(options)):
        results["quiz_options"] = found
    alt = "\n".join(f"{image.alt_text}\n{image.caption}" for image in case.images.all())
    if alt and (found := scan_text(alt)):
        results["images"] = found
    return results


def _unresolved(
    findings: dict[str, list[Finding]], kept: Mapping[str, str]
) -> dict[str, list[Finding]]:
    return {
        field: missing
        for field, items in findings.items()
        if (missing := [f for f in items if not kept.get(finding_key(field, f), "").strip()])
    }


def _with_earlier_reasons(case: Case, kept: Mapping[str, str] | None) -> dict[str, str]:
    """Reasons given before (at an earlier submission or edit) still hold for the same text."""
    earlier = {
        f"{field}:{kind}:{text}": reason
        for field, kind, text, reason in KeptFinding.objects.filter(
            case=case, post=None
        ).values_list("field", "kind", "text", "reason")
    }
    return {**earlier, **(kept or {})}


def _record_kept(
    *, case: Case, findings: dict[str, list[Finding]], kept: Mapping[str, str], by: User, post=None
) -> None:
    existing = set(
        KeptFinding.objects.filter(case=case, post=post).values_list("field", "kind", "text")
    )
    KeptFinding.objects.bulk_create(
        KeptFinding(
            case=case,
            post=post,
            field=field,
            kind=f.kind,
            text=f.text[:300],
            reason=kept[finding_key(field, f)].strip(),
            kept_by=by,
        )
        for field, items in findings.items()
        for f in items
        if (field, f.kind, f.text[:300]) not in existing
    )


def _render_into(case: Case, values: Mapping[str, str]) -> None:
    for name in [*TEXT_FIELD_NAMES, "quiz_explanation"]:
        if name not in values:
            continue
        source = values[name] or ""
        try:
            html = render_markdown(source) if source.strip() else ""
        except RenderError as exc:
            raise CaseTextError(name, str(exc)) from exc
        setattr(case, name, source)
        setattr(case, f"{name}_html", html)


@transaction.atomic
def create_case(
    *, author: User, values: Mapping, tags: Iterable[str] = (), origin: Origin = MEMBER
) -> Case:
    """Start a draft. ``values`` holds plain fields and Markdown sources by field name.

    Writing a case counts as posting: raises RateLimited (the posting rates for ``origin``)
    before anything is written."""
    check_post(user=author, origin=origin, body=None)
    case = Case(author=author, status=CaseStatus.DRAFT)
    for name in PLAIN_FIELDS:
        if name in values:
            setattr(case, name, values[name])
    case.slug = slugify(case.title)[:200] or "case"
    _render_into(case, values)
    case.save()
    index_cases(case_ids=[case.pk])
    content_changed()
    if tags:
        case.tags.set(list(tags))
    return case


@transaction.atomic
def update_case(
    case: Case,
    *,
    by: User,
    values: Mapping,
    tags: Iterable[str] | None = None,
    kept: Mapping[str, str] | None = None,
) -> Case:
    """Change a case's fields.

    On a published case the scanner runs first (raising UnresolvedFindings for anything neither
    fixed nor kept with a reason) and the previous text is kept as a revision.
    """
    if case.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This case is waiting for review and cannot be changed now."))
    published = case.status == CaseStatus.PUBLISHED
    if published:
        kept = _with_earlier_reasons(case, kept)
        findings = scan_values(values)
        if unresolved := _unresolved(findings, kept):
            raise UnresolvedFindings(unresolved)
        CaseRevision.objects.keep(case, editor=by)
        _record_kept(case=case, findings=findings, kept=kept, by=by)
    for name in PLAIN_FIELDS:
        if name in values:
            setattr(case, name, values[name])
    if "title" in values and not published:
        case.slug = slugify(case.title)[:200] or "case"
    _render_into(case, values)
    case.edited_at = timezone.now()
    case.save()
    index_cases(case_ids=[case.pk])
    content_changed()
    if tags is not None:
        case.tags.set(list(tags))
    if published and case.thread_id and "title" in values:
        from forums.models import Thread

        Thread.objects.filter(pk=case.thread_id).update(title=case.title)
        index_posts(thread_ids=[case.thread_id])
    return case


@transaction.atomic
def fix_findings(case: Case, *, by: User, fixes: Mapping[str, list[tuple[int, int, str]]]) -> Case:
    """Apply the offered fixes ("Day +3", "over 89") to each field's source and re-render."""
    values = {name: apply_fixes(getattr(case, name), spans) for name, spans in fixes.items()}
    return update_case(case, by=by, values=values)


@transaction.atomic
def apply_case_fixes(
    case: Case,
    *,
    by: User,
    keys: Iterable[str] | None,
    roles: Mapping[str, str] | None = None,
) -> list[tuple[str, str, str]]:
    """Apply the suggested fixes (``cases.anonymising``) of the findings named by ``keys``
    (``<field>:<start>:<end>`` in the stored text; every finding when None) to the case.

    The first date converted sets the case's Day 0; a date of birth fills an empty age band.
    Returns (field, before, after) for each change.
    """
    texts = {name: getattr(case, name) for name in SCANNED_FIELDS}
    applied = apply_suggestions(
        scan_values(texts),
        texts,
        keys=keys,
        roles=roles or {},
        day_zero=case.day_zero,
        today=timezone.localdate(),
    )
    if not applied.changes:
        return []
    values: dict = {name: applied.values[name] for name, _b, _a in applied.changes}
    values["day_zero"] = applied.day_zero
    if applied.age_band and not case.age_band:
        values["age_band"] = applied.age_band
    update_case(case, by=by, values=values)
    return applied.changes


@transaction.atomic
def set_quiz(
    case: Case,
    *,
    by: User,
    options: list[str],
    correct: int | None,
    explanation: str,
    reveal_at=None,
) -> Case:
    """Replace the quiz and the automatic reveal time. Allowed until the first vote; no options
    means no quiz."""
    options = [text.strip() for text in options if text.strip()]
    if case.quiz_votes.exists():
        raise ValidationError(_("Members have voted; the quiz can no longer change."))
    if options and (correct is None or not 0 <= correct < len(options)):
        raise ValidationError(_("Choose which option is correct."))
    if options and len(options) < 2:
        raise ValidationError(_("A quiz needs at least two options."))
    case.quiz_options.all().delete()
    QuizOption.objects.bulk_create(
        QuizOption(case=case, text=text[:200], is_correct=(i == correct), position=i)
        for i, text in enumerate(options)
    )
    _render_into(case, {"quiz_explanation": explanation})
    case.reveal_at = reveal_at
    case.has_quiz = bool(options)
    case.save(update_fields=["quiz_explanation", "quiz_explanation_html", "reveal_at", "has_quiz"])
    index_cases(case_ids=[case.pk])
    content_changed()
    return case


@transaction.atomic
def submit_case(
    case: Case,
    *,
    by: User,
    consent_basis: str,
    policy_reason: str = "",
    attest: bool,
    kept: Mapping[str, str] | None = None,
) -> Case:
    """Send a draft (or a returned case) to the moderators.

    Records the consent and attestation with their exact wording, and every finding the author
    kept with its reason. Raises ValidationError for missing consent or attestation and
    UnresolvedFindings while the scanner finds anything neither fixed nor kept.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status not in {CaseStatus.DRAFT, CaseStatus.RETURNED}:
        raise ValidationError(_("Only a draft or a returned case can be submitted."))
    missing = [
        label
        for name, label in (
            ("title", _("title")),
            ("specialty", _("specialty")),
            ("age_band", _("age band")),
            ("sex", _("sex")),
            ("care_setting", _("care setting")),
            ("presenting_complaint", _("presenting complaint")),
            ("question", _("question to peers")),
        )
        if not str(getattr(case, name)).strip()
    ]
    if missing:
        raise ValidationError(
            _("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    if consent_basis not in ConsentBasis.values:
        raise ValidationError(_("Say on what basis the case may be published."))
    if consent_basis == ConsentBasis.POLICY and not policy_reason.strip():
        raise ValidationError(_("Give the reason your institution's policy allows publication."))
    if not attest:
        raise ValidationError(_("You must attest that the case holds no patient identifiers."))
    kept = _with_earlier_reasons(case, kept)
    findings = scan_case(case)
    if unresolved := _unresolved(findings, kept):
        raise UnresolvedFindings(unresolved)
    ensure_images_resolved(case)  # findings in image pixels are resolved on the images page
    _record_kept(case=case, findings=findings, kept=kept, by=by)
    CaseConsent.objects.create(
        case=case,
        author=by,
        basis=consent_basis,
        policy_reason=policy_reason.strip(),
        consent_wording=str(CONSENT_WORDING[ConsentBasis(consent_basis)]),
        attestation_wording=str(ATTESTATION_WORDING),
    )
    case.status = CaseStatus.PENDING
    case.submitted_at = timezone.now()
    case.return_reason = ""
    case.save(update_fields=["status", "submitted_at", "return_reason"])
    return case


@transaction.atomic
def post_outcome(
    case: Case,
    *,
    by: User,
    text: str,
    kept: Mapping[str, str] | None = None,
    day_zero: date | None = None,
) -> Case:
    """The author posts the outcome of a published case (scanned like any edit). ``day_zero``
    is the case's Day 0 when the outcome's first converted date set it."""
    if case.status != CaseStatus.PUBLISHED:
        raise ValidationError(_("The outcome is posted once the case is published."))
    if not text.strip():
        raise CaseTextError("outcome", _("Write the outcome."))
    values: dict = {"outcome": text}
    if day_zero and not case.day_zero:
        values["day_zero"] = day_zero
    update_case(case, by=by, values=values, kept=kept)
    case.outcome_posted_at = timezone.now()
    case.save(update_fields=["outcome_posted_at"])
    outcomes = Case.objects.filter(author_id=case.author_id, outcome_posted_at__isnull=False)
    recognition_events.outcome_posted(author_id=case.author_id, outcomes=outcomes.count())
    return case
