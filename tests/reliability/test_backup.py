"""`manage.py backup` then `manage.py restore` into a fresh database finds the same content:
the same rows and the same uploaded files (real pg_dump / pg_restore, real PostgreSQL)."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from config.backups import BackupError, restore_backup
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def _uploads_in(root: Path):
    """Every upload storage under ``root`` (Django drops its storage objects on the change)."""
    disk = "django.core.files.storage.FileSystemStorage"
    storages_setting = {
        **settings.STORAGES,
        "default": {"BACKEND": disk, "OPTIONS": {"location": root / "media"}},
        "private": {"BACKEND": disk, "OPTIONS": {"location": root / "private", "base_url": None}},
    }
    return override_settings(STORAGES=storages_setting, CASES_PRIVATE_ROOT=root / "cases")


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped afterwards."""
    name = f"rounds_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**settings.DATABASES["default"], "NAME": name}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _rows(database: dict, query: str) -> list[tuple]:
    keywords = {
        "dbname": database["NAME"],
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
    }
    with psycopg.connect(**{k: v for k, v in keywords.items() if v}) as conn:
        return conn.execute(query).fetchall()


CONTENT = (
    "SELECT t.title, p.number, p.source, u.email FROM forums_thread t "
    "JOIN forums_post p ON p.thread_id = t.id JOIN accounts_user u ON u.id = p.author_id "
    "ORDER BY t.title, p.number"
)


def test_a_backup_restores_into_a_fresh_database_with_the_same_content(tmp_path, fresh_database):
    make_thread(title="Broad complex tachycardia", replies=2, author=UserFactory())
    make_thread(title="Syncope on exertion", body="Echo **first**")
    with _uploads_in(tmp_path / "before"):
        storages["private"].save("evidence/licence.pdf", ContentFile(b"%PDF-1.7 licence"))
        storages["case_images"].save("2026/ecg.png", ContentFile(b"\x89PNG ecg"))
        archive = tmp_path / "rounds.tar.gz"
        call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only
    source = settings.DATABASES["default"]
    with _uploads_in(tmp_path / "after"):
        restored = restore_backup(path=archive, database=fresh_database)
        assert storages["private"].open("evidence/licence.pdf").read() == b"%PDF-1.7 licence"
        assert storages["case_images"].open("2026/ecg.png").read() == b"\x89PNG ecg"
    assert restored.matches, (restored.counts, restored.expected)
    assert restored.counts["forums_post"] == 4
    assert restored.files == 2
    assert _rows(fresh_database, CONTENT) == _rows(source, CONTENT)
    migrations = "SELECT app, name FROM django_migrations ORDER BY app, name"
    assert _rows(fresh_database, migrations) == _rows(source, migrations)


def test_restoring_over_a_database_that_holds_tables_is_refused(tmp_path):
    archive = tmp_path / "rounds.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with pytest.raises(BackupError, match="already holds tables"):
        restore_backup(path=archive, database=settings.DATABASES["default"])


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, fresh_database):
    import tarfile

    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not a Rounds backup"):
        call_command(
            "restore",
            str(other),
            database_url=f"postgres://{fresh_database['USER']}@{fresh_database['HOST']}:"
            f"{fresh_database['PORT']}/{fresh_database['NAME']}",
        )
