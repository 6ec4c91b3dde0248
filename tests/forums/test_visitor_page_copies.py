"""Each web process's copies of visitors' pages (forums/sharing/copies.py), kept valid by Redis
telling the process of every change to a generation (config/key_watch.py): served with no round
trip, never staler than the shared cache, and given up whenever the process cannot know. On a
real Redis; the fault tests stop and start a redis-server of their own."""

from __future__ import annotations

import shutil
import time
import uuid

import pytest
import redis
from django.core.cache import cache

from config.cache import start_generation
from config.key_watch import CLIENT_NAME, KeyWatch
from forums.posting import create_reply, moderation
from forums.sharing import cache as sharing
from forums.sharing.cache import GENERATION_KEY
from forums.sharing.copies import Copy, PageCopies
from tests.factories import make_thread
from tests.fixtures.forked import in_forked_child
from tests.fixtures.redis_server import OwnRedis

pytestmark = pytest.mark.django_db


def _redis_cache(settings, url: str, **options) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"copies-{uuid.uuid4().hex[:8]}",
            **({"OPTIONS": options} if options else {}),
        }
    }
    settings.VISITOR_PAGE_SECONDS = 30
    settings.VISITOR_PAGE_COPIES_MB = 8


@pytest.fixture
def copies(settings, redis_url):
    """Visitors' pages shared through a real Redis, with copies on, as production serves them."""
    _redis_cache(settings, redis_url)
    for name in sharing.GENERATION_KEYS.values():  # as on a site that has served a page
        start_generation(cache, name)
    sharing._copies.clear()
    yield sharing._copies
    sharing._watch.stop()
    sharing._copies.clear()


@pytest.fixture
def thread(user):
    return make_thread(author=user, title="Lactate after a seizure", body="First", replies=1)


@pytest.fixture
def shared_reads(monkeypatch):
    """Each read of the shared cache by a visitor's page (the round trip a copy saves)."""
    reads: list[str] = []
    original = sharing._current

    def counted(key, *args, **kwargs):
        if key.startswith("visitor-page:"):  # not the parts shared with members
            reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(sharing, "_current", counted)
    return reads


def _watchers(url: str) -> list[dict]:
    return [c for c in redis.Redis.from_url(url).client_list() if c["name"] == CLIENT_NAME]


def _move_generation_elsewhere(url: str) -> None:
    """What another web machine's write does: move the content generation in Redis."""
    redis.Redis.from_url(url).incr(cache.make_key(GENERATION_KEY))


def _reply_without_retiring(thread, author, body: str) -> None:
    """A reply whose retiring never runs (its on-commit callbacks are dropped with the test's
    transaction): the pages change, and nothing tells the caches."""
    create_reply(thread=thread, author=author, body=body)


def test_a_page_read_again_is_the_process_copy_with_no_round_trip(
    client, copies, thread, shared_reads, django_assert_num_queries
):
    first = client.get(thread.get_absolute_url())
    assert first.status_code == 200
    assert len(shared_reads) == 1
    assert len(copies) == 1
    cache.delete(shared_reads[0])  # gone from Redis: only the copy can answer now
    with django_assert_num_queries(0):
        again = client.get(thread.get_absolute_url())
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "Cookie" in again["Vary"]
    assert len(shared_reads) == 1  # no round trip
    # A member is never served a visitor's copy.
    client.force_login(thread.author)
    assert ">Reply</a>" in client.get(thread.get_absolute_url()).content.decode()


def test_a_change_made_by_another_machine_retires_the_copy_at_once(
    client, copies, thread, user, redis_url, shared_reads
):
    client.get(thread.get_absolute_url())
    _reply_without_retiring(thread, user, "Glucose was normal")
    # Nothing said the page changed: the copy is served, as the shared entry would be.
    assert "Glucose was normal" not in client.get(thread.get_absolute_url()).content.decode()
    assert len(shared_reads) == 1
    _move_generation_elsewhere(redis_url)
    # No pause: Redis writes the message before it answers the writer.
    assert "Glucose was normal" in client.get(thread.get_absolute_url()).content.decode()
    assert len(shared_reads) == 2
    assert len(copies) == 1  # and the new page is copied in turn


def test_a_hidden_post_leaves_the_copies_at_once(
    client, copies, thread, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = create_reply(thread=thread, author=moderator, body="Patient name Jane Roe here")
    client.get(thread.get_absolute_url())
    assert "Jane Roe" in client.get(thread.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(reply, by=moderator, reason="privacy")
    assert "Jane Roe" not in client.get(thread.get_absolute_url()).content.decode()


def test_a_change_while_the_page_was_read_is_not_copied(
    client, copies, thread, user, redis_url, monkeypatch, shared_reads
):
    read = sharing._current

    def read_then_changed(key, *args, **kwargs):
        found = read(key, *args, **kwargs)
        if key.startswith("visitor-page:"):
            _reply_without_retiring(thread, user, "Written during the read")
            _move_generation_elsewhere(redis_url)
        return found

    client.get(thread.get_absolute_url())  # shared, and copied
    copies.clear()  # as in another worker, which has no copy yet
    monkeypatch.setattr(sharing, "_current", read_then_changed)
    assert "Written during" not in client.get(thread.get_absolute_url()).content.decode()
    assert len(copies) == 0  # the page read was already out of date: not copied
    monkeypatch.setattr(sharing, "_current", read)
    assert "Written during" in client.get(thread.get_absolute_url()).content.decode()


def test_a_copy_ends_when_the_shared_entry_would(client, copies, thread, user, settings):
    settings.VISITOR_PAGE_SECONDS = 1
    client.get(thread.get_absolute_url())
    _reply_without_retiring(thread, user, "Seen after the second")
    assert "Seen after the second" not in client.get(thread.get_absolute_url()).content.decode()
    time.sleep(1.1)
    assert "Seen after the second" in client.get(thread.get_absolute_url()).content.decode()


def test_a_lost_connection_reads_the_shared_cache_until_a_new_one_is_made(
    client, copies, thread, user, redis_url, shared_reads
):
    client.get(thread.get_absolute_url())
    [watcher] = _watchers(redis_url)
    redis.Redis.from_url(redis_url).client_kill_filter(_id=watcher["id"])
    # A change the lost connection cannot hear of.
    _reply_without_retiring(thread, user, "Said while nobody listened")
    _move_generation_elsewhere(redis_url)
    assert "Said while nobody" in client.get(thread.get_absolute_url()).content.decode()
    assert len(shared_reads) == 2
    # The next request connects again; copies are made and served as before.
    client.get(thread.get_absolute_url())
    [again] = _watchers(redis_url)
    assert again["id"] != watcher["id"]
    reads = len(shared_reads)
    assert "Said while nobody" in client.get(thread.get_absolute_url()).content.decode()
    assert len(shared_reads) == reads


def test_no_copies_on_a_cache_that_sends_no_change_messages(client, settings, local_cache, thread):
    settings.VISITOR_PAGE_SECONDS = 30
    client.get(thread.get_absolute_url())
    client.get(thread.get_absolute_url())
    assert sharing._watch.epoch() is None  # the local cache sends no change messages
    assert len(sharing._copies) == 0


def test_no_room_no_copies(client, copies, settings, thread, redis_url):
    settings.VISITOR_PAGE_COPIES_MB = 0
    client.get(thread.get_absolute_url())
    client.get(thread.get_absolute_url())
    assert len(copies) == 0
    assert _watchers(redis_url) == []


def test_a_forked_process_watches_on_a_connection_of_its_own(copies, redis_url):
    first = sharing._watch.epoch()
    assert first is not None
    [parent] = _watchers(redis_url)

    def child() -> str:  # a worker forked by gunicorn's master, say
        epoch = sharing._watch.epoch()
        return f"{epoch is not None} {len(_watchers(redis_url))}"

    answer = in_forked_child(child)
    assert answer == "True 2"  # its own connection beside the parent's
    # The parent's connection was left as it was: still there, still told of changes.
    assert [c["id"] for c in _watchers(redis_url)] == [parent["id"]]
    assert sharing._watch.epoch() == first
    _move_generation_elsewhere(redis_url)
    assert sharing._watch.epoch() == first + 1


def test_the_copies_are_bounded_in_bytes_least_recently_served_out():
    copies = PageCopies(budget=3 * 1300)
    later = time.time() + 60
    for n in range(3):
        copies.put(f"page-{n}", Copy(1, later, b"x" * 1000, "text/html"))
    assert copies.get("page-0", 1, time.time()) is not None  # served: now the most recent
    copies.put("page-3", Copy(1, later, b"x" * 1000, "text/html"))
    assert copies.size <= copies.budget
    assert copies.get("page-1", 1, time.time()) is None  # the least recently served left
    assert copies.get("page-0", 1, time.time()) is not None
    copies.put("huge", Copy(1, later, b"x" * 10_000, "text/html"))  # more than all the room
    assert copies.get("huge", 1, time.time()) is None
    assert len(copies) == 3
    # Another epoch, or past its end: not served, and its room given back.
    assert copies.get("page-0", 2, time.time()) is None
    assert copies.get("page-2", 1, later + 1) is None
    assert len(copies) == 1


def test_a_redis_that_sends_no_change_messages_serves_pages_without_copies(
    client, settings, thread, tmp_path, caplog, monkeypatch
):
    """A server that refuses ``CLIENT`` (older than Redis 6, or the command renamed away, as
    some hosted Redis do): no copies, pages shared through Redis as before, one warning."""
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    monkeypatch.setattr(KeyWatch, "RETRY_SECONDS", 0.0)  # a refusal is not retried as a loss
    server = OwnRedis(tmp_path, "--rename-command", "CLIENT", "")
    server.start()
    try:
        _redis_cache(settings, server.url)
        sharing._copies.clear()
        first = client.get(thread.get_absolute_url())
        again = client.get(thread.get_absolute_url())
        assert first.status_code == again.status_code == 200
        assert again.content == first.content
        assert sharing._watch.epoch() is None
        assert len(sharing._copies) == 0
        assert redis.Redis.from_url(server.url).dbsize() > 0  # shared through Redis still
        assert len([r for r in caplog.records if "no change messages" in r.message]) == 1
    finally:
        sharing._watch.stop()
        server.stop()
