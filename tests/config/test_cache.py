"""The Redis cache (config/cache.py): Django's, but one Redis client per pool instead of one per
call, on a real Redis."""

from __future__ import annotations

import uuid

import pytest

from config.cache import RedisCache
from tests.config.test_settings import _manage
from tests.fixtures.forked import in_forked_child


@pytest.fixture
def redis_cache(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": f"test-cache-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["a", "b", "n"])
    cache.close()


def test_it_caches_as_djangos_redis_cache_does(redis_cache):
    redis_cache.set("a", {"post": 1}, 30)
    redis_cache.set_many({"b": [2, 3]}, 30)
    assert redis_cache.get("a") == {"post": 1}
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": {"post": 1}, "b": [2, 3]}
    assert redis_cache.get_or_set("n", lambda: 1, 30) == 1
    assert redis_cache.incr("n") == 2
    assert redis_cache.add("n", 5) is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None


def test_every_call_shares_one_client_per_pool(redis_cache):
    client = redis_cache._cache
    first = client.get_client("a")
    assert client.get_client("b") is first
    assert client.get_client("a", write=True) is first  # one server: reads and writes share it
    redis_cache.get("a")
    redis_cache.set("a", 1, 30)
    assert list(client._clients.values()) == [first]


def test_the_site_uses_it_when_redis_is_configured(redis_url):
    result = _manage(
        "shell",
        "-c",
        "from django.core.cache import caches\n"
        "print(type(caches['default']).__module__, type(caches['default']).__name__)",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        REDIS_URL=redis_url,
    )
    assert result.returncode == 0, result.stderr
    assert "config.cache RedisCache" in result.stdout.splitlines()


def test_incr_is_djangos_in_one_round_trip(redis_cache):
    # Django's incr asks EXISTS, then INCRBY; ours is one script: the same answers.
    client = redis_cache._cache.get_client("n", write=True)
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("n")
    assert redis_cache.get("n") is None  # a missing key is not created
    redis_cache.set("n", 10, 30)
    sent = []
    execute = client.execute_command
    client.execute_command = lambda *args, **kwargs: (
        sent.append(args[0]) or execute(*args, **kwargs)
    )
    try:
        assert redis_cache.incr("n", 5) == 15
        assert redis_cache.decr("n") == 14
    finally:
        del client.execute_command
    assert sent == ["EVALSHA", "EVALSHA"]
    assert redis_cache.get("n") == 14
    assert 0 < client.ttl(redis_cache.make_and_validate_key("n")) <= 30  # its expiry kept


def test_reads_go_on_one_connection_of_their_own_and_see_every_write(redis_cache):
    import redis

    redis_cache.set("a", 1, 30)
    assert redis_cache.get_many(["a", "b"]) == {"a": 1}
    reader = redis_cache._cache._reader
    for n in range(5):  # a write on the pool's connection, read at once on the reader's
        redis_cache.set("b", n, 30)
        assert redis_cache.get_many(["a", "b"]) == {"a": 1, "b": n}
    assert redis_cache._cache._reader is reader
    assert redis_cache.get_many([]) == {}
    # An error Redis answers is raised as redis-py raises it, and the connection stays.
    with pytest.raises(redis.ResponseError, match="wrong number of arguments"):
        redis_cache._cache._mget([])
    assert redis_cache.get_many(["a"]) == {"a": 1}
    assert redis_cache._cache._reader is reader


def test_a_reading_connection_lost_is_made_again_without_falling_back(redis_cache, redis_url):
    import redis

    redis_cache.set("a", "before", 30)
    assert redis_cache.get_many(["a"]) == {"a": "before"}
    connection = redis_cache._cache._reader
    connection.send_command("CLIENT", "ID")
    own_id = connection.read_response()
    redis.Redis.from_url(redis_url).client_kill_filter(_id=own_id)  # as a Redis restart would
    assert redis_cache.get_many(["a"]) == {"a": "before"}
    assert not redis_cache._down_until  # answered by Redis, not by the fallback


def test_a_forked_process_reads_on_a_connection_of_its_own(redis_cache):
    redis_cache.set("a", "shared", 30)
    redis_cache.get_many(["a"])
    parent = redis_cache._cache._reader

    def child() -> str:
        found = redis_cache.get_many(["a"])
        return f"{found.get('a')} {redis_cache._cache._reader is not parent}"

    answer = in_forked_child(child)
    assert answer == "shared True"
    assert redis_cache.get_many(["a"]) == {"a": "shared"}  # the parent's still works
    assert redis_cache._cache._reader is parent
