"""The Django admin actions for cases call the moderation services (and so the audit log)."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import AuditEntry
from cases.models import CaseStatus
from tests.cases.conftest import make_case, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, mfa_moderator):
    moderator = mfa_moderator
    moderator.is_superuser = True
    moderator.save()
    client.force_login(moderator)
    return client


def test_the_approve_action_publishes_through_the_service(admin_client, author):
    case = make_case(author)
    submit(case, author)
    response = admin_client.post(
        "/admin/cases/case/", {"action": "approve", "_selected_action": [case.pk]}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED
    assert case.thread is not None
    assert AuditEntry.objects.filter(action="case.approve", target_id=str(case.pk)).exists()


def test_the_return_action_asks_for_a_reason_then_tells_the_author_by_email_without_it(
    admin_client, author, django_capture_on_commit_callbacks
):
    case = make_case(author)
    submit(case, author)
    url = "/admin/cases/case/"
    form = admin_client.post(url, {"action": "return_to_author", "_selected_action": [case.pk]})
    assert form.status_code == 200
    assert "never emailed" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            url,
            {
                "action": "return_to_author",
                "_selected_action": [case.pk],
                "apply": "1",
                "text": "Crop the name band from image 2.",
            },
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.RETURNED
    assert case.return_reason == "Crop the name band from image 2."
    (message,) = mail.outbox
    assert "Crop the name band" not in message.body


def test_the_case_change_page_shows_consent_and_kept_findings(admin_client, author):
    case = make_case(author, history="Seen by Dr Okafor.")
    submit(case, author, kept={"history:NAME:Dr Okafor": "my own name"})
    page = admin_client.get(f"/admin/cases/case/{case.pk}/change/").content.decode()
    assert "my own name" in page
    assert "no patient identifiers" in page


def test_a_flagged_reply_is_redacted_and_restored_from_the_flag_admin(
    admin_client, published, reader, moderator
):
    from cases.discussion import post_case_reply
    from cases.models import PrivacyFlag
    from cases.moderation import flag_case

    post = post_case_reply(published, by=reader, body="Ask Zebulon Quarrington about it.")
    flag_case(published, by=moderator, reason="a name", post=post)
    flag = PrivacyFlag.objects.get()
    url = "/admin/cases/privacyflag/"
    admin_client.post(
        url,
        {
            "action": "redact_text",
            "_selected_action": [flag.pk],
            "apply": "1",
            "text": "Zebulon Quarrington",
        },
    )
    post.refresh_from_db()
    assert post.source == "Ask [redacted] about it."
    assert post.is_hidden
    admin_client.post(url, {"action": "restore", "_selected_action": [flag.pk]})
    post.refresh_from_db()
    assert not post.is_hidden
