"""Replies in a case's discussion thread, scanned for identifiers before they are posted."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.anonymising import apply_suggestions
from cases.authoring import UnresolvedFindings, _record_kept, _unresolved
from cases.deidentify import KIND_LABELS
from cases.images import FACE, OcrUnavailable, find_image_identifiers
from cases.models import Case
from cases.permissions import can_take_part
from cases.scanning import scan_text
from forums.models import Post, Thread
from forums.posting import MEMBER, Origin, create_reply


@transaction.atomic
def post_case_reply(
    case: Case,
    *,
    by: User,
    body: str,
    kept: Mapping[str, str] | None = None,
    origin: Origin = MEMBER,
) -> Post:
    """Reply under a case. Raises UnresolvedFindings (field "reply") until each finding is fixed
    or kept with a reason; the kept ones are recorded for moderators. ``create_reply`` then
    runs the forums' checks (this app's text check lets the kept findings through, the limits
    for ``origin``)."""
    if not can_take_part(by, case) or case.thread_id is None:
        raise ValidationError(_("You cannot reply to this case."))
    if case.thread.is_locked:
        raise ValidationError(_("This discussion is closed."))
    findings = {"reply": found} if (found := scan_text(body)) else {}
    if unresolved := _unresolved(findings, kept or {}):
        raise UnresolvedFindings(unresolved)
    post = create_reply(thread=case.thread, author=by, body=body, kept=kept, origin=origin)
    _record_kept(case=case, findings=findings, kept=kept or {}, by=by, post=post)
    return post


def scan_forum_reply(*, thread: Thread | None, body: str, kept: Mapping[str, str]) -> list[str]:
    """This app's text check (``cases/plugins.py``): the posting services refuse a reply or edit
    in a case discussion while it may identify a patient. Only the case page's form lets the
    author keep a finding with a reason (``kept``, by ``finding_key``), which moderators then
    see; those kept findings pass. Text outside any thread (``thread`` None: a learning-log
    reflection, a private consult message) is always scanned, its findings keyed under "text"
    (``cases.learning`` itemises them for the forms that fix or keep each one)."""
    field = "text"
    if thread is not None:
        # The flag set when a case's discussion is made spares every other reply a query.
        if not thread.is_case_discussion or not Case.objects.filter(thread=thread).exists():
            return []
        field = "reply"
    findings = _unresolved({field: scan_text(body)}, kept).get(field, [])
    if not findings:
        return []
    # The fixes the case page would offer (cases.anonymising), dates counted from the reply's
    # first, so the author can make the same changes here.
    applied = apply_suggestions(
        {field: findings},
        {field: body},
        keys=None,
        roles={},
        day_zero=None,
        today=timezone.localdate(),
    )
    listed = ", ".join(
        _("%(kind)s “%(text)s” (suggested: “%(fix)s”)")
        % {"kind": _(fix.finding.label), "text": fix.finding.text, "fix": replacement}
        for fix, replacement in applied.fixed[:5]
    )
    if thread is None:
        return [
            _(
                "Your text may identify a patient: %(found)s. Change them, or keep one with a "
                "reason."
            )
            % {"found": listed or ", ".join(f"{f.label} “{f.text}”" for f in findings[:5])}
        ]
    return [
        _(
            "This is a case discussion and your text may identify a patient: %(found)s. "
            "Remove or change them, or reply from the case page, where each fix is one click "
            "and you can keep one with a reason."
        )
        % {"found": listed}
    ]


def check_case_image(thread, data: bytes, *, private: bool = False) -> list[str]:
    """Plugged in as an image check (``cases/plugins.py``): an image for a case discussion or
    a private consult (``private``) is read for text and faces (``find_image_identifiers``)
    before it can be posted, and refused while anything that may identify a patient shows. An
    image whose text cannot be read here is refused too: "not read" must never pass for
    "nothing found"."""
    if not private and (thread is None or not Case.objects.filter(thread=thread).exists()):
        return []
    where = _("This is a private message") if private else _("This is a case discussion")
    try:
        findings = find_image_identifiers(data)
    except OcrUnavailable:
        return [
            _(
                "%(where)s, and the text in images cannot be read on this server now, so the "
                "image cannot be checked for patient identifiers; it was not added."
            )
            % {"where": where}
        ]
    if not findings:
        return []
    listed = ", ".join(
        _("a face")
        if finding.kind == FACE
        else f"{_(KIND_LABELS.get(finding.kind, finding.kind))} “{finding.text}”"
        for finding in findings[:5]
    )
    return [
        _(
            "%(where)s and the image may identify a patient (%(found)s). "
            "Crop or black out those parts and add it again; the image was not added."
        )
        % {"where": where, "found": listed}
    ]
