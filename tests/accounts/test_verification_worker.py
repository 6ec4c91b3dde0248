"""The decision email through a real Celery worker on Redis and a real SMTP server that first
refuses, then accepts: the task takes the request's id, retries, and the member gets one email."""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from accounts import verification
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]


@pytest.fixture
def extra_worker_env(smtp_server):
    return {"EMAIL_URL": f"smtp://{smtp_server.host}:{smtp_server.port}"}


def test_the_decision_email_is_sent_by_the_worker_after_commit_with_retries(
    smtp_server, celery_worker
):
    from accounts.roles import ensure_moderators_group

    ensure_moderators_group()
    member = UserFactory(email="grace@example.org", display_name="Grace")
    moderator = UserFactory(is_staff=True)
    req = verification.request_verification(
        member, registration_number="MDC 12345", registering_body="MDC", country="Ghana"
    )
    smtp_server.refuse_next(1)
    with transaction.atomic():
        verification.reject_verification(req, by=moderator, reason="Number not found.")
        time.sleep(1)
        assert smtp_server.messages == []  # nothing leaves before the commit
    for _ in range(100):
        if smtp_server.messages:
            break
        time.sleep(0.2)
    log = celery_worker.log.read_text()
    assert smtp_server.refused == 1, log
    assert len(smtp_server.messages) == 1, log
    message = smtp_server.messages[0]
    assert message["To"] == "grace@example.org"
    assert "Your verification request" in message["Subject"]
    assert "Number not found." in message.get_payload(0).get_payload(decode=True).decode()
