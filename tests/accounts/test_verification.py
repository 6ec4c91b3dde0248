"""Professional verification: request, moderator decision in admin, badge, expiry, renewal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts import permissions, verification
from accounts.models import AuditEntry, VerificationRequest, private_storage
from tests.accounts.helpers import image_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REQUEST = {
    "registration_number": "GMC 7012345",
    "registering_body": "General Medical Council",
    "country": "United Kingdom",
}


def _ask(client, **extra):
    return client.post("/settings/verification/", {**REQUEST, **extra})


def test_from_request_to_badge_to_expiry_and_renewal(
    client, user, mfa_moderator, django_capture_on_commit_callbacks
):
    client.force_login(user)
    evidence = SimpleUploadedFile("licence.pdf", b"%PDF-1.4 fake licence", "application/pdf")
    assert _ask(client, evidence_upload=evidence).status_code == 302
    req = VerificationRequest.objects.get(user=user)
    assert req.status == "pending"
    evidence_name = req.evidence.name
    assert private_storage().exists(evidence_name)
    assert not default_storage.exists(evidence_name)  # not under MEDIA_ROOT
    page = client.get("/settings/verification/").content.decode()
    assert "waiting for a moderator" in page

    # The moderator opens the request and the evidence in admin, then approves.
    client.force_login(mfa_moderator)
    change = f"/admin/accounts/verificationrequest/{req.pk}/change/"
    assert "GMC 7012345" in client.get(change).content.decode()
    evidence_response = client.get(f"/settings/verification/{req.pk}/evidence")
    assert b"".join(evidence_response.streaming_content) == b"%PDF-1.4 fake licence"
    until = timezone.localdate() + timedelta(days=200)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change,
            {"decision": "approve", "decision_valid_until": until.isoformat()},
        )
    assert response.status_code == 302
    req.refresh_from_db()
    user.refresh_from_db()
    assert (req.status, req.decided_by, req.valid_until) == ("approved", mfa_moderator, until)
    assert req.decided_at is not None
    assert user.professional_verified_until == until
    assert permissions.has_verified_badge(user)
    assert permissions.is_verified_professional(user)
    assert not private_storage().exists(evidence_name)  # evidence is deleted once decided
    assert AuditEntry.objects.get(action="verification.approve").member == user
    assert mail.outbox[-1].to == [user.email]
    assert "You are verified" in mail.outbox[-1].subject
    assert until.strftime("%-d %B %Y") in mail.outbox[-1].body

    # The badge shows next to the member's name.
    html = client.get(f"/u/{user.handle}/").content.decode()
    assert "badge-verified" in html

    # After the expiry date the badge lapses until renewed.
    user.professional_verified_until = timezone.localdate() - timedelta(days=1)
    user.save()
    assert not permissions.has_verified_badge(user)
    assert not permissions.is_verified_professional(user)
    assert "badge-verified" not in client.get(f"/u/{user.handle}/").content.decode()
    client.force_login(user)
    page = client.get("/settings/verification/").content.decode()
    assert "lapsed" in page
    assert _ask(client).status_code == 302
    assert VerificationRequest.objects.filter(user=user, status="pending").count() == 1


def test_a_rejection_needs_a_reason_and_emails_it_on_commit(
    client, user, mfa_moderator, django_capture_on_commit_callbacks
):
    req = verification.request_verification(user, **REQUEST)
    client.force_login(mfa_moderator)
    change = f"/admin/accounts/verificationrequest/{req.pk}/change/"
    response = client.post(change, {"decision": "reject", "decision_reason": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["decision_reason"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            change, {"decision": "reject", "decision_reason": "Number not on the register."}
        )
    assert mail.outbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    req.refresh_from_db()
    user.refresh_from_db()
    assert req.status == "rejected"
    assert user.professional_verified_until is None
    assert "Number not on the register." in mail.outbox[-1].body
    html = mail.outbox[-1].alternatives[0][0]
    assert "Number not on the register." in html
    client.force_login(user)
    assert "Number not on the register." in client.get("/settings/verification/").content.decode()


def test_a_decided_request_cannot_be_decided_again(user, mfa_moderator):
    req = verification.request_verification(user, **REQUEST)
    verification.reject_verification(req, by=mfa_moderator, reason="No.")
    with pytest.raises(ValidationError):
        verification.approve_verification(req, by=mfa_moderator)
    user.refresh_from_db()
    assert user.professional_verified_until is None


def test_only_moderators_decide(user, other_user):
    req = verification.request_verification(user, **REQUEST)
    with pytest.raises(PermissionDenied):
        verification.approve_verification(req, by=other_user)


def test_approval_lasts_a_year_by_default(user, mfa_moderator):
    req = verification.request_verification(user, **REQUEST)
    verification.approve_verification(req, by=mfa_moderator)
    user.refresh_from_db()
    assert user.professional_verified_until == timezone.localdate() + timedelta(days=365)


def test_one_waiting_request_at_a_time(client, user):
    verification.request_verification(user, **REQUEST)
    with pytest.raises(ValidationError):
        verification.request_verification(user, **REQUEST)
    client.force_login(user)
    _ask(client)
    assert VerificationRequest.objects.filter(user=user).count() == 1


def test_an_unverified_email_cannot_ask(client):
    member = UserFactory(email_verified=False)
    with pytest.raises(PermissionDenied):
        verification.request_verification(member, **REQUEST)
    client.force_login(member)
    _ask(client)
    assert not VerificationRequest.objects.exists()


@pytest.mark.parametrize(
    "number", ["", "!!", "AB", "12345678901234567890123456789012345678901", "<script>", "12 34 --"]
)
def test_a_malformed_registration_number_is_refused_on_the_form(client, user, number):
    client.force_login(user)
    response = _ask(client, registration_number=number)
    assert response.status_code == 200
    assert response.context["form"].errors["registration_number"]
    assert 'value="General Medical Council"' in response.content.decode()
    assert not VerificationRequest.objects.exists()


def test_evidence_that_is_not_a_pdf_or_image_is_refused(client, user):
    client.force_login(user)
    upload = SimpleUploadedFile("licence.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = _ask(client, evidence_upload=upload)
    assert response.status_code == 200
    assert response.context["form"].errors["evidence_upload"]
    assert 'value="GMC 7012345"' in response.content.decode()


def test_image_evidence_is_re_encoded(user):
    data, ext = verification.clean_evidence(image_bytes("JPEG"))
    req = verification.request_verification(user, **REQUEST, evidence=(data, ext))
    assert req.evidence.name.endswith(".jpg")


def test_evidence_is_only_for_moderators(client, user, other_user):
    req = verification.request_verification(user, **REQUEST, evidence=(b"%PDF-1.4 x", "pdf"))
    client.force_login(other_user)
    assert client.get(f"/settings/verification/{req.pk}/evidence").status_code == 403
    client.force_login(user)
    assert client.get(f"/settings/verification/{req.pk}/evidence").status_code == 403


def test_the_verification_queue_in_admin_in_a_fixed_number_of_queries(
    client, mfa_moderator, django_assert_num_queries
):
    for member in UserFactory.create_batch(105):
        verification.request_verification(member, **REQUEST)
    client.force_login(mfa_moderator)
    # user, TOTP check, two permission lookups, filtered count, rows with their users, date
    # hierarchy (2), country filter choices: 9, however many requests wait (session: cached;
    # the site header's unread counts are read only by pages that show them, not admin's).
    with django_assert_num_queries(9):
        response = client.get("/admin/accounts/verificationrequest/?status__exact=pending")
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 100


def test_the_verification_page_in_a_fixed_number_of_queries(
    client, user, mfa_moderator, django_assert_num_queries
):
    for i in range(30):
        req = verification.request_verification(user, **REQUEST)
        verification.reject_verification(req, by=mfa_moderator, reason=f"Reason {i}")
    req = verification.request_verification(user, **REQUEST)
    verification.approve_verification(req, by=mfa_moderator)
    user.refresh_from_db()
    client.force_login(user)
    with django_assert_num_queries(3):  # user, requests (the session comes from the cache)
        response = client.get("/settings/verification/")
    html = response.content.decode()
    assert "You are a verified professional until" in html
    assert html.count("<tr>") == 32  # header and 31 requests
    assert "Reason 29" in html
