"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import shutil

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import PASSWORD, UserFactory
from tests.fixtures.redis_server import OwnRedis

pytest_plugins = ["tests.fixtures.smtp", "tests.fixtures.celery_worker", "tests.fixtures.browser"]


_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts and ends in the site's language. A request in another one (Spanish
    pages, issue 27) leaves it active on the test's thread, since LocaleMiddleware activates
    and nothing deactivates; a later test's labels would then read Spanish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def no_case_text_in_email(request):
    """Fail any test whose emails carry text of a case (issue 18: no case-derived text leaves
    the site by email): after the test, every message in ``mail.outbox`` and, when the test
    ran the SMTP server, every message it received, is scanned for the text of every case
    field and case discussion post in the database (``tests/email_scan.py`` says what counts,
    and which short or common strings it leaves out). One query, and only when mail was sent.
    """
    uses_db = bool(
        request.node.get_closest_marker("django_db")
        or _DATABASE_FIXTURES & set(request.fixturenames)
    )
    if not uses_db:
        yield
        return
    # Set the database up first, so this runs before the test's data is rolled back.
    request.getfixturevalue("_django_db_helper")
    smtp = request.getfixturevalue("smtp_server") if "smtp_server" in request.fixturenames else None
    yield
    from django.core import mail

    from tests.email_scan import case_texts, leaks

    messages = [*getattr(mail, "outbox", []), *(smtp.messages if smtp is not None else [])]
    if not messages:
        return
    found = leaks(messages, case_texts())
    assert not found, "case text left the site by email:\n" + "\n".join(found)


@pytest.fixture
def user(db):
    return UserFactory(handle="ada", email="ada@example.org", display_name="Ada")


@pytest.fixture
def other_user(db):
    return UserFactory(handle="ben", email="ben@example.org", display_name="Ben")


@pytest.fixture
def moderator(db):
    """A member of the Moderators group holding what the migrations grant it, granted again:
    a transactional test's flush removes the group, and a later run that reuses the database
    (pytest's --reuse-db, `make test` twice) would otherwise find an empty group."""
    from accounts.roles import grant_to_moderators
    from cases.admin import MODERATOR_PERMISSIONS as CASES_PERMISSIONS
    from forums.posting.moderation import ensure_moderator_permissions

    ensure_moderator_permissions()
    group = grant_to_moderators(app_label="cases", codenames=CASES_PERMISSIONS)
    member = UserFactory(handle="mod", email="mod@example.org", is_staff=True)
    member.groups.add(group)
    return member


@pytest.fixture
def mfa_moderator(moderator):
    """A moderator who has set up TOTP, so admin pages open (staff must use two-factor)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(moderator, generate_totp_secret())
    return moderator


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def auth_client(client, user):
    client.force_login(user)
    return client


def _responds(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> str:
    """A Redis to talk to: REDIS_URL when it answers, else a redis-server started here."""
    configured = os.environ.get("REDIS_URL")
    if configured and _responds(configured):
        yield configured
        return
    if shutil.which("redis-server") is None:
        pytest.skip("needs Redis: set REDIS_URL or install redis-server")
    server = OwnRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def local_cache(settings):
    """A cache of this test's own, emptied before and after (the suite may share Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(params=["whole", "shared"])
def shared_pages(request, settings, local_cache):
    """Run a page test in both of the ways pages are served: rendered whole for each request
    (the test settings' default) and shared between readers (visitors' pages and the members'
    pages shared by forum level, as production serves them), each with a cache of its own."""
    if request.param == "shared" and request.node.get_closest_marker("whole_page"):
        pytest.skip("reads the context or query budget of a page rendered whole")
    settings.VISITOR_PAGE_SECONDS = 30 if request.param == "shared" else 0
    return request.param
