"""Settings shared by every environment. Values come from the environment (see config/env.py)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config import env
from config.embedded_db import embedded_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.get("ROUNDS_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = env.boolean("DEBUG", default=False)
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
SITE_URL = env.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Rounds"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "taggit",
    "csp",
    "accounts",
    "forums",
    "cases",
]

MIDDLEWARE = [
    # First: a safe request that met a restarting PostgreSQL is run once more (config.outages).
    "config.outages.retry_when_database_is_down",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.refuse_nul",
    "config.db_router.route_reads",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, with the page's cache keys read in the session's round trip (config.read_ahead).
    "accounts.sessions.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.resolved_user",
    # A member's saved language before LocaleMiddleware's cookie / Accept-Language choice.
    "accounts.languages.member_language",
    "django.contrib.messages.middleware.MessageMiddleware",
    # What a member changes (any POST) retires their own pages kept whole (forums.sharing).
    "forums.sharing.own_pages.retire_after_unsafe_request",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.security_headers",
    "config.middleware.private_pages",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                # forums: unread notification count for the header (one query, members only)
                "forums.context_processors.notifications",
                # one masked CSRF token a request; none in a member's own page kept for them
                "forums.context_processors.csrf_token",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL under var/ (never SQLite).
DATABASE_URL = env.get("DATABASE_URL") or embedded_database_url(VAR_DIR)
DATABASES = {"default": env.parse_database_url(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.integer("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# An optional read replica for the reads of safe requests (config/db_router.py).
DATABASE_REPLICA_URL = env.get("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.parse_database_url(DATABASE_REPLICA_URL),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
# No JIT: it pays off for long analytical queries, but PostgreSQL switches it on by cost
# estimate, and a badly estimated page query (20 posts of a 50,000-post thread) spent 33 ms
# compiling to run in 0.1 ms. Page queries are short; set PGOPTIONS for a reporting session.
for _alias in DATABASES:
    DATABASES[_alias].setdefault("OPTIONS", {})
    DATABASES[_alias]["OPTIONS"]["options"] = (
        DATABASES[_alias]["OPTIONS"].get("options", "") + " -c jit=off"
    ).strip()
    # Opt-in: server-side parameters let psycopg prepare a statement once it has run 5 times on
    # a connection, and PostgreSQL then reuses its plan (planning the thread list's 4-table
    # join took ~2.7 ms of its 3.5). Off by default until proven: in one of three full test runs
    # with it on, two browser journeys' two-factor sign-ins were refused (README, Performance).
    # Never with PgBouncer in transaction mode, which cannot keep prepared statements.
    if env.boolean("DATABASE_PREPARED_STATEMENTS", False):
        DATABASES[_alias]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES[_alias]["OPTIONS"].setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: email is the sign-in name and must be verified before a member can post.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# No answer tells whether an address has an account (issue 9, OWASP ASVS 2.2/3.2): sign-up with a
# taken address answers like any sign-up and emails its owner; sign-in and password reset answer
# the same for unknown addresses. allauth's default, stated so nobody turns it off by accident.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Rounds] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "3/3m/key",
    "reset_password": "5/h/ip,3/h/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

LANGUAGE_CODE = "en"
# The languages Rounds is translated into (README "Languages and time zones"). A member's own
# choice (User.language) comes first, then the visitor's switcher (cookie), then Accept-Language.
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# Catalogs: config/locale for what lives outside the apps (templates/, static/js as djangojs,
# config/), and one per app. makemessages files each string under the nearest of these
# (Makefile "messages"). All are listed, not left for Django to find in the apps: listed
# catalogs win over those of Django admin and allauth, whose "History" is not a case history.
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in ("config", "accounts", "forums", "cases")]
# Dates by language: config/formats/<language>/formats.py; templates name a format.
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: EMAIL_URL, or one .eml file per message under var/mail/.
EMAIL_URL = env.get("EMAIL_URL", "file://")
globals().update(env.parse_email_url(EMAIL_URL, mail_dir=str(VAR_DIR / "mail")))
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Rounds <rounds@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# /.well-known/security.txt (RFC 9116): where to report a vulnerability. Contacts are URIs
# (mailto: or https:), comma-separated; Expires is always this many days ahead (RFC: < 1 year).
SECURITY_CONTACTS = env.listing("SECURITY_CONTACTS", ["mailto:security@localhost"])
SECURITY_TXT_EXPIRES_DAYS = env.integer("SECURITY_TXT_EXPIRES_DAYS", 180)
SECURITY_POLICY_URL = env.get("SECURITY_POLICY_URL", "")

# Cache and sessions are shared by every web process: Redis when configured, else the database
# (sessions) and a per-process memory cache (fine for one machine, which is all that runs then).
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",  # Django's, reusing its clients
            "LOCATION": env.get("CACHE_URL", env.get("REDIS_URL")),
            "KEY_PREFIX": "rounds",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "accounts.sessions"  # cached_db, with the signed-in member alongside
# Forum pages opened by visitors who are not signed in are shared from the cache for this many
# seconds, and dropped at once when content changes (forums/sharing/cache.py). 0 turns it off.
VISITOR_PAGE_SECONDS = env.integer("VISITOR_PAGE_SECONDS", 30)
# Each web process also keeps copies of the visitors' pages it served, this many megabytes at
# most, served with no round trip while Redis says nothing changed (forums/sharing/copies.py).
VISITOR_PAGE_COPIES_MB = env.integer("VISITOR_PAGE_COPIES_MB", 8)
# A search query PostgreSQL has not answered in this many milliseconds is cancelled and the
# searcher is asked to narrow it (forums/search/query.py).
SEARCH_TIMEOUT_MS = env.integer("SEARCH_TIMEOUT_MS", 2000)

# Celery: Redis when REDIS_URL is set; otherwise tasks run in-process, eagerly.
REDIS_URL = env.get("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task sent while Redis is down fails within about a second and waits in the outbox
# (accounts.outbox) instead of holding the member's request for Celery's default retries.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = "UTC"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# forums: a stale form (e.g. signed in again in another tab) gives the author their text back.
CSRF_FAILURE_VIEW = "forums.pages.composer.csrf_failure"

ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"

# Security headers on every response (production adds HTTPS-only ones). A strict CSP: no inline
# script or style anywhere; scripts and styles are files from this origin.
CSP_REPORT_PATH = "/csp-report/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # No data: images: every image is a file from this origin (uploads included).
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Violations are reported (config.views.csp_report logs them, rate-limited): report-to
        # names the Reporting-Endpoints entry (config.middleware), report-uri is for browsers
        # without the Reporting API.
        "report-to": "csp",
        "report-uri": [CSP_REPORT_PATH],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)

# --- accounts -------------------------------------------------------------------------------
# Moderators and admins must turn on TOTP before any admin page (accounts.middleware).
MIDDLEWARE += ["accounts.middleware.require_mfa_for_staff"]
# A new address replaces the old one only once it is verified (permissions read email_verified).
ACCOUNT_CHANGE_EMAIL = True
# Tell members by email when their email or password changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Verification evidence (licences) is private: never under MEDIA_ROOT, which DEBUG and web servers
# serve; only accounts.views.evidence reads it, for moderators. Production may point it elsewhere.
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": VAR_DIR / "private", "base_url": None},
}
# Case images: private too, served only by cases:image after the permission check.
STORAGES["case_images"] = {"BACKEND": "cases.models.images.PrivateCaseStorage"}

# Several web machines: uploads on S3-compatible storage (AWS S3, MinIO, Ceph...) instead of
# this machine's disk. Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
# Every upload stays private (no public ACL, signed short-lived URLs); Rounds serves them itself.
MEDIA_S3_BUCKET = env.get("MEDIA_S3_BUCKET")
MEDIA_S3_ENDPOINT_URL = env.get("MEDIA_S3_ENDPOINT_URL")  # unset: AWS itself
MEDIA_S3_REGION = env.get("MEDIA_S3_REGION")
if MEDIA_S3_BUCKET:

    def _s3(prefix: str) -> dict:
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": MEDIA_S3_BUCKET,
                "endpoint_url": MEDIA_S3_ENDPOINT_URL,
                "region_name": MEDIA_S3_REGION,
                "location": prefix,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                "file_overwrite": False,
            },
        }

    STORAGES["default"] = _s3("media")
    STORAGES["private"] = _s3("private")
    STORAGES["case_images"] = _s3("private/cases")

# --- The one beat schedule ------------------------------------------------------------------
# Digests: Hourly: each run sends to the members whose local hour is their chosen
# digest hour (forums.mail.digests.ledger.due_members); the ledger makes a duplicate beat harmless.
from celery.schedules import crontab  # noqa: E402 - kept inside this block for easy merging

# Each hourly digest run is split into this many shard tasks (members by id modulo the count),
# so every worker process takes a share: set it to the worker's --concurrency.
DIGEST_SHARDS = env.integer("DIGEST_SHARDS", 2)
# Where mail clients send the mailto: unsubscribe of List-Unsubscribe (README: Email).
UNSUBSCRIBE_EMAIL = env.get("UNSUBSCRIBE_EMAIL", "")
# Mention and reply emails wait this many seconds: what the member reads on the site meanwhile
# is not emailed, and what else arrives goes in the same email (forums.mail.notification_emails).
NOTIFICATION_EMAIL_WINDOW = env.integer("NOTIFICATION_EMAIL_WINDOW", 10 * 60)
# "Unanswered in your specialty" (home page, digests, the participation prompt): a thread or
# case with no reply this many hours after it opened (forums.selectors.unanswered).
UNANSWERED_AFTER_HOURS = env.integer("UNANSWERED_AFTER_HOURS", 24)
# Replies by email (README: Email): the address whose local part takes "+<token>", e.g.
# reply@rounds.example.org -> reply+<token>@rounds.example.org. Empty: no Reply-To, no replies.
REPLY_EMAIL = env.get("REPLY_EMAIL", "")
# How long a Reply-To token stays good.
REPLY_EMAIL_MAX_AGE = env.integer("REPLY_EMAIL_MAX_AGE", 30 * 24 * 3600)
# DKIM: sign every message when a key is given (README: Email). The key is PEM (or a path to a
# PEM file); the selector's public key is published at <selector>._domainkey.<domain>.
DKIM_PRIVATE_KEY = env.get("DKIM_PRIVATE_KEY", "")
DKIM_SELECTOR = env.get("DKIM_SELECTOR", "")
DKIM_DOMAIN = env.get("DKIM_DOMAIN", "")
# Hard bounces after which an address gets no more mail (python manage.py process_bounces).
BOUNCE_LIMIT = env.integer("BOUNCE_LIMIT", 3)

CELERY_BEAT_SCHEDULE = {
    "daily-digests": {
        "task": "forums.queue_digests",
        "schedule": crontab(minute=0),
        "args": ["daily"],
        "options": {"expires": 55 * 60},
    },
    "weekly-digests": {
        "task": "forums.queue_digests",
        "schedule": crontab(minute=0),
        "args": ["weekly"],
        "options": {"expires": 55 * 60},
    },
    # Tasks kept while the broker was down (accounts.outbox) go out once it is back.
    "sweep-outbox": {
        "task": "accounts.sweep_outbox",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Images uploaded in the composer that no post shows, a day on (forums.uploads).
    "delete-unattached-images": {
        "task": "forums.delete_unattached_images",
        "schedule": crontab(minute=30, hour=3),
        "options": {"expires": 6 * 60 * 60},
    },
    # Authors of cases published four weeks ago without an outcome get one reminder each.
    "case-outcome-reminders": {
        "task": "cases.send_outcome_reminders",
        "schedule": crontab(minute=15, hour=8),
        "options": {"expires": 6 * 60 * 60},
    },
    # The learning log's weekly prompt, Monday morning (forums.learning.prompts), to members
    # who turned it on; the ledger sends it once per member and week.
    "learning-prompts": {
        "task": "forums.send_learning_prompts",
        "schedule": crontab(minute=30, hour=8, day_of_week=1),
        "options": {"expires": 6 * 60 * 60},
    },
}
# How long an exported learning log's verification link works (forums.learning.export): past
# a yearly appraisal cycle, with a month to spare.
LEARNING_VERIFY_DAYS = env.integer("LEARNING_VERIFY_DAYS", 400)

# --- Moderation: trust levels for new members and rate limits (README "Moderation") ---------
# A member is "new" for their first ROUNDS_NEW_MEMBER_DAYS days, and until they have written
# ROUNDS_NEW_MEMBER_POSTS posts; new members get the tighter limits below
# (forums/posting/limits.py).
ROUNDS_NEW_MEMBER_DAYS = env.integer("ROUNDS_NEW_MEMBER_DAYS", 3)
ROUNDS_NEW_MEMBER_POSTS = env.integer("ROUNDS_NEW_MEMBER_POSTS", 5)
ROUNDS_NEW_MEMBER_MAX_LINKS = env.integer("ROUNDS_NEW_MEMBER_MAX_LINKS", 2)
ROUNDS_NEW_MEMBER_MAX_MENTIONS = env.integer("ROUNDS_NEW_MEMBER_MAX_MENTIONS", 2)
# "<count>/<period>/<member|ip>", comma-separated (accounts/ratelimit.py). Counted in the cache:
# set REDIS_URL in production so every web process shares them. Per-IP rates are generous
# because a hospital's staff often share one address. Moderators are exempt.
ROUNDS_RATE_LIMITS = {
    # threads, replies (forum and case pages) and new cases
    "post": "6/m/member,60/h/member,300/h/ip",
    # on top of "post" while a member is new
    "post_new_member": "3/m/member,10/h/member",
    "report": "10/h/member,60/h/ip",
    # poll votes (a vote changed counts too); generous: a member may change their mind a few times
    "poll_vote": "10/m/member,60/h/member,600/h/ip",
    # CSP violation reports: a page with a problem reports it on every view; a sample is enough
    "csp_report": "20/m/ip",
    # following members (accounts.network): a colleague or a few at a time, not the directory
    "follow": "30/h/member,200/d/member,300/h/ip",
    # the composer (forums/pages/composer.py, images.py): live preview (one per pause in
    # typing), @mention completion (one per keystroke after "@ab") and image uploads
    "preview": "60/m/member,600/h/member",
    "mention": "120/m/member",
    "upload": "20/h/member,100/h/ip",
    # learning-log exports (forums.learning.export): each is recorded for its verification link
    "learning_export": "20/h/member,100/d/member",
    # private consults (forums.consults): messages, tighter while a member is new, and the
    # conversations a new member may start (a new account cannot write to the directory)
    "message": "20/m/member,300/h/member,600/h/ip",
    "message_new_member": "5/m/member,30/h/member",
    "consult_new_member": "3/h/member,10/d/member",
}
# How many reverse proxies of ours stand in front of the app (0: use REMOTE_ADDR). Only with
# this set is X-Forwarded-For read, and only the entry our outermost proxy appended.
ROUNDS_TRUSTED_PROXY_COUNT = env.integer("ROUNDS_TRUSTED_PROXY_COUNT", 0)
