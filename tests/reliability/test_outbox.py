"""Tasks queued while the broker (Redis) is down are kept in PostgreSQL and sent once it is
back (accounts.outbox); the member's request does not fail. A real redis-server, owned and
stopped by the test, is the broker."""

from __future__ import annotations

import json

import pytest
import redis
from celery import current_app

from accounts.models import OutboxTask
from accounts.outbox import sweep_outbox
from forums.models import Post
from tests.factories import UserFactory, make_thread
from tests.reliability.test_redis_down import OwnRedis, shutil

pytestmark = pytest.mark.django_db


def reset_pools() -> None:
    """Forget Celery's connection pools, so the next publish uses the broker now configured
    (kombu keeps one pool per broker address; a broken connection is reconnected on use)."""
    current_app._pool = None
    current_app.amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path):
    """Celery publishing to a redis-server of this test's own (not run in-process)."""
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = OwnRedis(tmp_path)
    server.start()
    conf = current_app.conf
    saved = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = server.url, False
    reset_pools()
    yield server
    conf.broker_url, conf.task_always_eager = saved
    reset_pools()
    if server.process.poll() is None:
        server.stop()


def queued(server) -> list[str]:
    """Task names waiting in the broker's default queue."""
    messages = redis.Redis.from_url(server.url).lrange("celery", 0, -1)
    return [json.loads(message)["headers"]["task"] for message in messages]


def test_a_reply_while_the_broker_is_down_keeps_its_email_task_until_the_broker_is_back(
    broker, client, django_capture_on_commit_callbacks
):
    author = UserFactory()
    thread = make_thread(author=author)
    replier = UserFactory()
    client.force_login(replier)
    broker.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{thread.get_absolute_url()}reply/", {"body": f"Agreed, @{author.handle}."}
        )
    assert response.status_code == 302  # the member's reply went through
    assert Post.objects.filter(thread=thread, number=2).exists()
    kept = list(OutboxTask.objects.values_list("name", flat=True))
    assert kept == ["forums.send_notification_emails"]

    assert sweep_outbox() == 0  # still down: kept, tried once more
    assert OutboxTask.objects.get().attempts == 1

    broker.start()
    reset_pools()
    assert sweep_outbox() == 1
    assert not OutboxTask.objects.exists()
    assert queued(broker) == ["forums.send_notification_emails"]
