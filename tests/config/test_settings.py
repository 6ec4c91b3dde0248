"""Settings come from the environment; production refuses to run without its secrets."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    ignored = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in ignored}
    environ.update(DATABASE_URL=settings.DATABASE_URL, **extra_env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_passes_the_deploy_check_with_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="rounds.example.org",
        SITE_URL="https://rounds.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="short"
    )
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_database_url_is_parsed_into_django_settings():
    parsed = env.parse_database_url(
        "postgres://rounds:p%40ss@db.internal:6432/rounds?sslmode=require"
    )
    assert parsed["NAME"] == "rounds"
    assert parsed["USER"] == "rounds"
    assert parsed["PASSWORD"] == "p@ss"
    assert parsed["HOST"] == "db.internal"
    assert parsed["PORT"] == "6432"
    assert parsed["OPTIONS"] == {"sslmode": "require"}


def test_database_url_host_parameter_names_a_socket_directory():
    parsed = env.parse_database_url("postgresql://postgres:@/postgres?host=/srv/rounds/var/pgdata")
    assert parsed["HOST"] == "/srv/rounds/var/pgdata"
    assert parsed["OPTIONS"] == {}


def test_sqlite_is_refused():
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL only"):
        env.parse_database_url("sqlite:///db.sqlite3")


@pytest.mark.parametrize(
    ("url", "backend", "extra"),
    [
        (
            "smtp://mailpit:1025",
            "config.mail.SMTPBackend",
            {"EMAIL_HOST": "mailpit", "EMAIL_PORT": 1025, "EMAIL_USE_SSL": False},
        ),
        (
            "smtps://u:p@mail.example.org",
            "config.mail.SMTPBackend",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_HOST_USER": "u"},
        ),
        ("console://", "django.core.mail.backends.console.EmailBackend", {}),
        ("file:///srv/mail", "config.mail.EmlFileBackend", {"EMAIL_FILE_PATH": "/srv/mail"}),
    ],
)
def test_email_url_selects_the_backend(url, backend, extra):
    parsed = env.parse_email_url(url, mail_dir="/default")
    assert parsed["EMAIL_BACKEND"] == backend
    for key, value in extra.items():
        assert parsed[key] == value


def test_an_unknown_email_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        env.parse_email_url("pigeon://loft", mail_dir="/default")


def test_a_boolean_that_is_not_one_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env.boolean("DEBUG")


def test_the_database_is_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture
def var_dir():
    """A fresh var/ for a throwaway embedded server, inside the project rather than pytest's
    temporary root: as root, pgserver runs PostgreSQL as its own user, which must be able to
    reach the data directory, and pytest keeps its root private (mode 0700)."""
    (ROOT / "var").mkdir(exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="test-embedded-", dir=ROOT / "var"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_the_embedded_server_is_used_when_no_database_url_is_set(var_dir):
    """Start a throwaway embedded server and run a query through Django on it."""
    script = (
        "import django; from django.db import connection; django.setup();"
        "c = connection.cursor(); c.execute('select version()'); print(c.fetchone()[0]);"
        "print(connection.settings_dict['HOST'])"
    )
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ.update(DJANGO_SETTINGS_MODULE="config.settings.local", ROUNDS_VAR_DIR=str(var_dir))
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("PostgreSQL")
    assert str(var_dir / "pgdata") in result.stdout
    # The last process using the embedded server stops it on the way out.
    assert not (var_dir / "pgdata" / "postmaster.pid").exists()


def test_uploads_go_to_a_private_s3_bucket_when_one_is_configured():
    script = (
        "from django.core.files.storage import storages\n"
        "for name in ('default', 'private', 'case_images'):\n"
        "    s = storages[name]\n"
        "    print(name, type(s).__name__, s.bucket_name, s.location, s.default_acl,"
        " s.querystring_auth, s.endpoint_url)\n"
        "from cases.models import CaseImage\n"
        "print('field', type(CaseImage._meta.get_field('file').storage).__name__)\n"
    )
    result = _manage(
        "shell",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        MEDIA_S3_BUCKET="rounds-uploads",
        MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    endpoint = "http://127.0.0.1:9000"
    assert f"default S3Storage rounds-uploads media private True {endpoint}" in lines
    assert f"private S3Storage rounds-uploads private private True {endpoint}" in lines
    assert f"case_images S3Storage rounds-uploads private/cases private True {endpoint}" in lines
    assert "field S3Storage" in lines


def test_without_a_bucket_uploads_stay_in_private_folders_on_disk():
    from django.core.files.storage import storages

    from cases.models import CaseImage, PrivateCaseStorage

    assert isinstance(CaseImage._meta.get_field("file").storage, PrivateCaseStorage)
    assert type(storages["private"]).__name__ == "FileSystemStorage"


@pytest.mark.django_db
def test_page_queries_never_pay_for_jit_compilation():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_prepared_statements_are_opt_in():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "o = settings.DATABASES['default']['OPTIONS']; "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_PREPARED_STATEMENTS", None)
    default = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    asked = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        env={**env, "DATABASE_PREPARED_STATEMENTS": "true"},
        capture_output=True,
        text=True,
    )
    assert default.stdout.split() == ["None", "None"]
    assert asked.stdout.split() == ["True", "5"]
