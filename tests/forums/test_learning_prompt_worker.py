"""The learning log's weekly prompt as the beat runs it (issue 26): the scheduled task on a
real Celery worker over Redis, a real SMTP server that refuses once, and one email per member
and week (the ledger), with counts and a link only."""

from __future__ import annotations

import time

import pytest
from django.conf import settings

from accounts.mail.models import EmailDelivery
from config.celery import app
from forums.learning.recording import set_weekly_prompt
from forums.posting import SITE, create_reply
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]


@pytest.fixture
def extra_worker_env(smtp_server):
    return {"EMAIL_URL": f"smtp://{smtp_server.host}:{smtp_server.port}"}


def _prompts(smtp_server) -> list:
    """The prompts among what the server received (the replies also notify the threads'
    authors, by email of their own)."""
    return [m for m in smtp_server.messages if "not logged yet" in m["Subject"]]


def _until(check, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_the_scheduled_prompt_is_sent_once_by_the_worker_despite_a_refusal(
    smtp_server, celery_worker
):
    entry = settings.CELERY_BEAT_SCHEDULE["learning-prompts"]
    assert entry["task"] == "forums.send_learning_prompts"
    member = UserFactory(email="ada@example.org")
    forum = CategoryFactory()
    for title in ("Lactate in sepsis", "Ketamine for RSI"):
        # Their own threads: a reply there notifies nobody, so only the prompt is sent.
        thread = make_thread(category=forum, title=title, author=member)
        create_reply(thread=thread, author=member, body="In our unit we do.", origin=SITE)
    set_weekly_prompt(user=member, on=True)
    smtp_server.refuse_next(1)
    app.send_task(entry["task"])
    assert _until(lambda: len(_prompts(smtp_server)) == 1), celery_worker.log.read_text()
    app.send_task(entry["task"])  # the same week again: nothing more
    assert _until(lambda: celery_worker.log.read_text().count("succeeded") >= 2), (
        celery_worker.log.read_text()
    )
    assert smtp_server.refused == 1
    [message] = _prompts(smtp_server)
    text = message.get_payload(0).get_payload(decode=True).decode()
    assert "2 threads you took part in are not logged yet." in text
    assert "Lactate" not in str(message)
    assert "Ketamine" not in str(message)
    assert (
        EmailDelivery.objects.filter(kind="forums.learning_prompt", recipient=member).count() == 1
    )
