"""Professional verification: a member asks, a moderator approves or rejects in admin.

Approval sets ``User.professional_verified_until`` (what ``accounts.permissions`` reads), so the
badge lapses by itself on that date; the member renews by asking again. Every decision is
audited and the member is emailed after commit. Evidence files are deleted once decided: the
decision is what we keep, not the documents.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, extensions, permissions
from accounts.images import clean_image, image_format
from accounts.mail.compose import compose
from accounts.mail.ledger import OnceEmail, send_once
from accounts.mail.recipients import can_be_emailed, wants_review_emails
from accounts.models import User, VerificationRequest, VerificationStatus, private_storage
from accounts.profiles import members_changed

VALID_FOR = timedelta(days=365)
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def clean_evidence(data: bytes) -> tuple[bytes, str]:
    """A PDF, or an image (re-encoded without metadata). Returns (bytes, extension)."""
    if len(data) > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="size")
    if data.startswith(b"%PDF-"):
        return data, "pdf"
    try:
        cleaned = clean_image(data, max_bytes=EVIDENCE_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError(
            _("Upload a PDF or an image (JPEG, PNG or WebP)."), code="type"
        ) from exc
    return cleaned, {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format(cleaned)]


def request_verification(
    user: User,
    *,
    registration_number: str,
    registering_body: str,
    country: str,
    evidence: tuple[bytes, str] | None = None,
) -> VerificationRequest:
    """Open a request for moderators. ``evidence`` comes from ``clean_evidence``.

    Raises PermissionDenied if the member may not ask, ValidationError if one is already waiting.
    """
    if not permissions.can_request_verification(user):
        raise PermissionDenied(_("Verify your email address before asking to be verified."))
    try:
        with transaction.atomic():
            req = VerificationRequest.objects.create(
                user=user,
                registration_number=registration_number.strip(),
                registering_body=registering_body.strip(),
                country=country.strip(),
            )
            if evidence is not None:
                data, ext = evidence
                # A random name: nothing about the member or the request can be guessed from it.
                name = f"{secrets.token_urlsafe(16)}.{ext}"
                req.evidence.save(name, ContentFile(data), save=True)
    except IntegrityError as exc:
        # The partial unique index: a second request while one waits (double submit included).
        raise ValidationError(_("You already have a request waiting for a moderator.")) from exc
    return req


def _decide(req: VerificationRequest, *, by: User) -> VerificationRequest:
    if not permissions.can_review_verification(by):
        raise PermissionDenied(_("Only moderators decide verification requests."))
    locked = VerificationRequest.objects.select_for_update().select_related("user").get(pk=req.pk)
    if locked.status != VerificationStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    return locked


def _after_decision(req: VerificationRequest, evidence_name: str) -> None:
    from accounts.outbox import queue_after_commit

    if evidence_name:
        storage = private_storage()
        transaction.on_commit(lambda: storage.delete(evidence_name))
    queue_after_commit("accounts.tasks.send_verification_decision", req.pk)


@transaction.atomic
def approve_verification(
    req: VerificationRequest, *, by: User, valid_until: date | None = None
) -> VerificationRequest:
    """Approve: the member carries the badge until ``valid_until`` (a year by default)."""
    req = _decide(req, by=by)
    today = timezone.localdate()
    valid_until = valid_until or today + VALID_FOR
    if valid_until <= today:
        raise ValidationError(_("The expiry date must be in the future."))
    evidence = req.evidence.name
    req.status = VerificationStatus.APPROVED
    req.decided_by, req.decided_at, req.valid_until = by, timezone.now(), valid_until
    req.evidence = ""
    req.save()
    User.objects.filter(pk=req.user_id).update(professional_verified_until=valid_until)
    req.user.professional_verified_until = valid_until
    members_changed()  # the "verified" badge on their profile and directory card
    for hook in extensions.verification_hooks():
        hook(user_id=req.user_id)  # forums' "Verified clinician" badge
    audit.record(
        actor=by,
        action="verification.approve",
        target=req,
        member=req.user,
        valid_until=valid_until.isoformat(),
    )
    _after_decision(req, evidence)
    return req


@transaction.atomic
def reject_verification(req: VerificationRequest, *, by: User, reason: str) -> VerificationRequest:
    """Reject with a reason the member reads. An earlier, unexpired approval is left alone."""
    if not reason.strip():
        raise ValidationError(_("Give the member a reason."))
    req = _decide(req, by=by)
    evidence = req.evidence.name
    req.status = VerificationStatus.REJECTED
    req.decided_by, req.decided_at, req.reason = by, timezone.now(), reason.strip()
    req.evidence = ""
    req.save()
    audit.record(
        actor=by, action="verification.reject", target=req, member=req.user, reason=req.reason
    )
    _after_decision(req, evidence)
    return req


def send_verification_decision(request_id: int) -> int:
    """Email the member the decision once (the ledger: kind ``accounts.verification_decision``,
    the request, its status), unless they turned these emails off (``email_on_review``). It
    carries the one-click unsubscribe headers for that kind of email. Returns how many were
    sent (0 or 1); raises ``MailNotSent`` when the SMTP server refused, after recording (the
    task retries)."""
    req = (
        VerificationRequest.objects.select_related("user__preferences")
        .filter(pk=request_id)
        .first()
    )
    if req is None or req.status == VerificationStatus.PENDING:
        return 0  # the account was deleted meanwhile, or nothing to tell
    member = req.user
    if not can_be_emailed(member) or not wants_review_emails(member):
        return 0
    email = OnceEmail(
        recipient_id=member.pk,
        kind="accounts.verification_decision",
        object_id=req.pk,
        event=req.status,  # a request is decided once
        build=lambda: compose(
            "accounts/email/verification_decision",
            to=member,
            context={"verification": req, "approved": req.status == VerificationStatus.APPROVED},
            unsubscribe="review",
        ),
    )
    return send_once([email])
