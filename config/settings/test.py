"""The test suite. Each override says why it differs from base."""

from config.settings.base import *  # noqa: F403

# PBKDF2 at full cost makes each sign-in in a test take ~0.3 s; MD5 is fine for fixtures.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests read sent mail from django.core.mail.outbox; the SMTP test sets its own backend.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tests that need a real worker start one against Redis; all others run tasks in-process.
CELERY_TASK_ALWAYS_EAGER = True

# One digest task per run, so a test gets the run's counts back; the fan-out has its own test.
DIGEST_SHARDS = 1

# Compressed manifests need collectstatic; tests render templates without it.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Rate limits are tested on purpose by their own tests; elsewhere they would make tests flaky.
ACCOUNT_RATE_LIMITS = False
ROUNDS_RATE_LIMITS = False
# Every factory member is new; the trust limits are tested on purpose (tests/moderation).
ROUNDS_NEW_MEMBER_DAYS = 0
ROUNDS_NEW_MEMBER_POSTS = 0

# With REDIS_URL the cache outlives the run: a new run's member 5 must not read the last run's.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    import uuid

    CACHES["default"]["KEY_PREFIX"] = f"rounds-test-{uuid.uuid4().hex[:12]}"  # noqa: F405

# Pages must show each test's own writes; tests/forums/test_visitor_cache.py turns it on.
VISITOR_PAGE_SECONDS = 0

# Fixed so that test media never lands in the developer's var/.
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405

# whitenoise warns on every request when STATIC_ROOT is missing; collectstatic fills it later.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# accounts: private uploads (verification evidence) stay out of the developer's var/ too.
STORAGES["private"] = {  # noqa: F405
    **STORAGES["private"],  # noqa: F405
    "OPTIONS": {"location": BASE_DIR / "var" / "test-private", "base_url": None},  # noqa: F405
}

# Mention and reply emails go at once: the tests that check the batching window call the
# service with a clock (tests/digests/test_notification_batching.py).
NOTIFICATION_EMAIL_WINDOW = 0
