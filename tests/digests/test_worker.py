"""A digest through a real Celery worker on Redis and a real SMTP server on localhost that
refuses once, then accepts: the task retries with backoff and the member gets exactly one."""

from __future__ import annotations

import time

import pytest

from forums.models import DigestDelivery, DigestStatus
from forums.posting.following import follow_category
from tests.factories import make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]


@pytest.fixture
def extra_worker_env(smtp_server):
    return {"EMAIL_URL": f"smtp://{smtp_server.host}:{smtp_server.port}"}


def test_the_worker_delivers_a_digest_once_after_the_smtp_server_refused_it(
    subscriber, poster, forum, now, smtp_server, celery_worker
):
    from forums.tasks import send_digests

    follow_category(forum, user=subscriber)
    make_thread(category=forum, author=poster, title="Anticoagulation after TAVI")
    smtp_server.refuse_next(1)

    send_digests.delay("daily", now.isoformat())
    for _ in range(150):
        if smtp_server.messages:
            break
        time.sleep(0.2)
    time.sleep(1)  # give a wrong second delivery the chance to show

    log = celery_worker.log.read_text()
    assert smtp_server.refused == 1, log
    assert len(smtp_server.messages) == 1, log
    message = smtp_server.messages[0]
    assert message["To"] == "reader@example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_payload(0).get_payload(decode=True).decode()
    assert "Anticoagulation after TAVI" in text
    row = DigestDelivery.objects.get(user=subscriber)
    assert (row.status, row.attempts) == (DigestStatus.SENT, 2)
