"""Backups pick pg_dump / pg_restore by the version the server reports, not by PATH: the site on
the embedded PostgreSQL (pgserver's 16) is dumped with the bundled 16 even when PATH holds
Debian's 15, which refuses a newer server ("server version mismatch")."""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings
from django.test import override_settings

from config.backups import BackupError, choose_program, make_backup, restore_backup, server_major
from tests.fixtures.postgres import bundled_bin, own_postgres

DEBIAN_15 = "/usr/bin/pg_dump"
DEBIAN_17 = "/usr/lib/postgresql/17/bin/pg_dump"
BUNDLED_16 = "/venv/pgserver/pginstall/bin/pg_dump"


def test_a_client_of_the_servers_own_version_wins_over_the_first_on_path():
    candidates = {DEBIAN_15: 15, DEBIAN_17: 17, BUNDLED_16: 16}
    assert choose_program("pg_dump", server=16, candidates=candidates) == BUNDLED_16
    assert choose_program("pg_dump", server=15, candidates=candidates) == DEBIAN_15


def test_without_the_same_version_the_oldest_newer_client_is_used():
    candidates = {DEBIAN_15: 15, DEBIAN_17: 17, BUNDLED_16: 16, "/opt/pg18/pg_dump": 18}
    assert choose_program("pg_dump", server=14, candidates=candidates) == DEBIAN_15


def test_only_older_clients_is_an_error_naming_the_versions_to_install():
    with pytest.raises(BackupError, match=r"PostgreSQL 17 server.*\(15\).*postgresql-client-17"):
        choose_program("pg_dump", server=17, candidates={DEBIAN_15: 15, "/x/pg_dump": None})


def test_a_restore_never_uses_a_pg_restore_older_than_the_pg_dump_that_wrote_the_archive():
    candidates = {"/usr/bin/pg_restore": 15, "/bundled/pg_restore": 16}
    assert choose_program("pg_restore", server=15, candidates=candidates) == "/usr/bin/pg_restore"
    assert (
        choose_program("pg_restore", server=15, candidates=candidates, at_least=16)
        == "/bundled/pg_restore"
    )


@pytest.fixture
def embedded_server():
    """A server from the embedded PostgreSQL's own programs (pgserver's wheel)."""
    server = own_postgres(bundled_bin())
    yield server
    server.remove()


def test_the_embedded_servers_database_is_backed_up_and_restored_with_its_own_version(
    embedded_server, tmp_path
):
    if shutil.which("pg_dump") is None:
        pytest.skip("the case needs another pg_dump on PATH (Debian's postgresql-client)")
    embedded_server.execute("CREATE DATABASE rounds")
    embedded_server.execute("CREATE DATABASE rounds_restored")
    embedded_server.execute(
        "CREATE TABLE forums_category (id int PRIMARY KEY, name text);"
        "INSERT INTO forums_category VALUES (1, 'Cardiology'), (2, 'Renal'), (3, 'Sepsis')",
        database="rounds",
    )
    database = {
        "NAME": "rounds",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": embedded_server.port,
    }
    assert server_major(database) == 16
    disk = "django.core.files.storage.FileSystemStorage"
    uploads = {
        **settings.STORAGES,
        "default": {"BACKEND": disk, "OPTIONS": {"location": tmp_path / "media"}},
        "private": {"BACKEND": disk, "OPTIONS": {"location": tmp_path / "private"}},
    }
    archive = tmp_path / "rounds.tar.gz"
    with override_settings(STORAGES=uploads, CASES_PRIVATE_ROOT=tmp_path / "cases"):
        manifest = make_backup(path=archive, database=database)
        assert manifest["pg_dump_major"] == 16
        restored = restore_backup(path=archive, database={**database, "NAME": "rounds_restored"})
    assert restored.matches
    assert restored.counts == {"forums_category": 3}
    rows = "SELECT id, name FROM forums_category ORDER BY id"
    assert embedded_server.execute(rows, database="rounds_restored") == embedded_server.execute(
        rows, database="rounds"
    )
