"""Read settings from the environment, remembering every name that was asked for.

Settings call these helpers instead of ``os.environ`` so that one registry
(``NAMES``) lists every variable the project understands. The compose-file
test checks docker-compose.yml against it, so a typo in either place fails.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

NAMES: set[str] = set()


def get(name: str, default: str | None = None) -> str | None:
    NAMES.add(name)
    value = os.environ.get(name)
    return default if value in (None, "") else value


def required(name: str) -> str:
    value = get(name)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def boolean(name: str, default: bool = False) -> bool:
    value = get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def integer(name: str, default: int) -> int:
    value = get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def listing(name: str, default: list[str]) -> list[str]:
    value = get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_database_url(url: str) -> dict:
    """Turn ``postgres://user:pass@host:port/name?opt=v`` into a DATABASES entry.

    A ``host`` query parameter (as libpq and pgserver write it) names a socket directory.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must be a postgres:// URL; Rounds runs on PostgreSQL only "
            f"(got scheme {parts.scheme!r})."
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = query.pop("host", None) or unquote(parts.hostname or "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "postgres",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": query,
    }


def parse_email_url(url: str, *, mail_dir: str) -> dict:
    """Map ``EMAIL_URL`` to Django's email settings.

    ``smtp://user:pass@host:port`` (``smtps://`` for TLS on connect, ``?tls=1`` for STARTTLS),
    ``console://`` to print, ``file://`` (optionally ``file:///path``) for .eml files,
    ``memory://`` for tests.
    """
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme in {"smtp", "smtps"}:
        return {
            "EMAIL_BACKEND": "config.mail.SMTPBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": parts.scheme == "smtps",
            "EMAIL_USE_TLS": query.get("tls") in {"1", "true"},
            "EMAIL_TIMEOUT": 10,
        }
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "file":
        return {
            "EMAIL_BACKEND": "config.mail.EmlFileBackend",
            "EMAIL_FILE_PATH": unquote(parts.path) or mail_dir,
        }
    if parts.scheme == "memory":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {parts.scheme!r} is not one of smtp, smtps, console, file, memory."
    )
