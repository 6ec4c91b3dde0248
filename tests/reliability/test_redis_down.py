"""Redis stops and starts again under a running site: pages still serve (the cache degrades to
none, sessions come from PostgreSQL), posting works, and the cache is used again once Redis is
back. The test owns the redis-server it stops (config.cache.RedisCache)."""

from __future__ import annotations

import shutil
import time
import uuid

import pytest
import redis
from django.core.cache import cache

from config.cache import RedisCache
from forums.models import Post
from tests.factories import UserFactory, make_thread
from tests.fixtures.redis_server import OwnRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis(tmp_path, settings, monkeypatch):
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = OwnRedis(tmp_path)
    server.start()
    monkeypatch.setattr(RedisCache, "RETRY_SECONDS", 0.2)
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": f"down-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.VISITOR_PAGE_SECONDS = 30  # shared pages on, as in production
    yield server
    if server.process.poll() is None:
        server.stop()


def test_pages_sessions_and_posting_survive_redis_stopping_and_use_it_again_after(
    own_redis, client
):
    member = UserFactory()
    thread = make_thread()
    client.force_login(member)
    visitor = type(client)()
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert visitor.get(thread.get_absolute_url()).status_code == 200
    cache.set("probe", "up")
    assert cache.get("probe") == "up"

    own_redis.stop()
    started = time.monotonic()
    for _ in range(3):
        page = client.get(thread.get_absolute_url())
        assert page.status_code == 200
        assert page.wsgi_request.user == member  # the session, from PostgreSQL
        assert visitor.get("/").status_code == 200
    text = "Posted while Redis was down."
    reply = client.post(f"{thread.get_absolute_url()}reply/", {"body": text})
    assert reply.status_code == 302
    assert Post.objects.filter(source=text).exists()
    assert client.get(reply["Location"]).status_code == 200
    # A down Redis is not asked on every call: the whole round stays quick.
    assert time.monotonic() - started < 10

    own_redis.start()
    time.sleep(0.3)  # past RETRY_SECONDS: the next call tries Redis again
    assert cache.get("probe") is None  # a new, empty Redis
    cache.set("probe", "back")
    assert cache.get("probe") == "back"
    assert redis.Redis.from_url(own_redis.url).dbsize() > 0
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_visitors_page_copies_are_given_up_while_redis_is_down_and_used_again_after(
    own_redis, client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """A web process's copies of visitors' pages (forums.sharing.copies) are valid only while
    Redis can say what changed: with Redis gone, a change cannot be announced, so no copy is
    served; once Redis is back, copies are made and served again."""
    from config.key_watch import KeyWatch
    from forums.posting import create_reply
    from forums.sharing import cache as sharing

    monkeypatch.setattr(KeyWatch, "RETRY_SECONDS", 0.2)
    settings.VISITOR_PAGE_COPIES_MB = 8
    sharing._copies.clear()
    thread = make_thread()
    try:
        client.get(thread.get_absolute_url())
        client.get(thread.get_absolute_url())
        assert len(sharing._copies) == 1

        own_redis.stop()
        with django_capture_on_commit_callbacks(execute=True):  # its retiring reaches no Redis
            create_reply(thread=thread, author=thread.author, body="Answered during the outage")
        page = client.get(thread.get_absolute_url())
        assert page.status_code == 200
        assert "Answered during the outage" in page.content.decode()

        own_redis.start()
        time.sleep(0.3)  # past both RETRY_SECONDS
        assert "Answered during" in client.get(thread.get_absolute_url()).content.decode()
        sharing._copies.clear()
        client.get(thread.get_absolute_url())
        assert len(sharing._copies) == 1
        key = next(iter(sharing._copies._copies))
        cache.delete(key)  # only the copy can answer now
        assert "Answered during" in client.get(thread.get_absolute_url()).content.decode()
    finally:
        sharing._watch.stop()
        sharing._copies.clear()
