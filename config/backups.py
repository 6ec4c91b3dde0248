"""Backups: the database and every uploaded file in one archive, and back again.

``make_backup`` writes a tar archive holding

- ``database.pgdump``: ``pg_dump --format=custom`` of the default database (schema and data;
  ``pg_restore`` reads it, and can restore single tables from it);
- ``files/<storage>/<name>``: every file of the upload storages (avatars, verification
  evidence, case images), read through Django's storages, so a bucket on S3 is backed up like
  a folder on disk;
- ``manifest.json``: when, from which database, and how many rows the main tables held, so a
  restore can show that it found the same content.

``restore_backup`` loads such an archive into a database that holds no tables yet (a fresh
one: restoring over live data is refused), puts the files back, and returns the row counts it
finds next to the manifest's. The commands ``backup`` and ``restore`` call these.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils import timezone

# Upload storages holding what members sent; "staticfiles" is rebuilt by collectstatic.
FILE_STORAGES = ("default", "private", "case_images")
# Tables whose row counts go in the manifest and are compared after a restore.
COUNTED_TABLES = (
    "accounts_user",
    "forums_category",
    "forums_thread",
    "forums_post",
    "cases_case",
    "cases_caseimage",
)
DUMP_NAME = "database.pgdump"
MANIFEST_NAME = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass(frozen=True)
class Restored:
    files: int
    counts: dict[str, int]  # rows found after the restore
    expected: dict[str, int]  # rows the manifest recorded

    @property
    def matches(self) -> bool:
        return self.counts == self.expected


def _major(version_num: int) -> int:
    """The major version in ``server_version_num`` form: 150010 -> 15, 90624 -> 9."""
    return version_num // 10000


def server_major(database: dict) -> int:
    """The major version of the PostgreSQL server that ``database`` names, as it reports it."""
    with _connect(database) as connection:
        row = connection.execute("SELECT current_setting('server_version_num')").fetchone()
    return _major(int(row[0]))


def _candidates(name: str) -> list[str]:
    """Every ``name`` on this machine, in order of preference when two have the same version:
    PATH, Debian's side-by-side versions, then the embedded PostgreSQL's bundled ones."""
    found = [shutil.which(name)]
    found += [str(path) for path in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))]
    try:
        import pgserver

        found.append(str(Path(pgserver.__file__).parent / "pginstall" / "bin" / name))
    except ImportError:
        pass
    unique: list[str] = []
    for path in found:
        if path and Path(path).is_file() and os.access(path, os.X_OK) and path not in unique:
            unique.append(path)
    return unique


@functools.cache
def _client_major(path: str) -> int | None:
    """``pg_dump (PostgreSQL) 15.20 (Debian ...)`` -> 15; None when the program does not say."""
    try:
        done = subprocess.run(  # noqa: S603 - a PostgreSQL client found above, fixed argument
            [path, "--version"], capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", done.stdout)
    return int(match.group(1)) if match else None


def choose_program(
    name: str, *, server: int, candidates: dict[str, int | None], at_least: int = 0
) -> str:
    """The client for a server of major version ``server``: one of the same major version,
    else the oldest newer one (and never older than ``at_least``: the pg_dump that wrote the
    archive a pg_restore reads).

    pg_dump refuses a server newer than itself ("server version mismatch"), and the custom
    format of a newer pg_dump may not be readable by an older pg_restore; a newer client
    reads an older server. The choice is by the server's reported version, not by where a
    program was found: PATH may hold Debian's 15 while the embedded server (pgserver) is 16.
    """
    lowest = max(server, at_least)
    usable = {path: major for path, major in candidates.items() if major and major >= lowest}
    if not usable:
        found = ", ".join(f"{path} ({major})" for path, major in candidates.items()) or "none"
        raise BackupError(
            f"No {name} of version {lowest} or newer for this PostgreSQL {server} server "
            f"(found: {found}): install the PostgreSQL {lowest} client tools "
            f"(e.g. postgresql-client-{lowest})."
        )
    same = [path for path, major in usable.items() if major == server]
    return same[0] if same else min(usable, key=lambda path: usable[path])


def _program(name: str, *, database: dict, at_least: int = 0) -> str:
    """pg_dump / pg_restore matching the server ``database`` is on."""
    return choose_program(
        name,
        server=server_major(database),
        candidates={path: _client_major(path) for path in _candidates(name)},
        at_least=at_least,
    )


def _libpq_env(database: dict) -> dict[str, str]:
    """libpq's environment for a DATABASES entry (the password never on a command line)."""
    values = {
        "PGDATABASE": database.get("NAME") or "",
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _run(command: list[str], *, database: dict) -> None:
    done = subprocess.run(  # noqa: S603 - fixed programs, arguments built here
        command, env=_libpq_env(database), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _connect(database: dict):
    """A connection of its own (not Django's), to any database the DATABASES entry names."""
    import psycopg

    keywords = {
        "dbname": database.get("NAME"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
    }
    return psycopg.connect(**{key: value for key, value in keywords.items() if value})


def _counts(database: dict) -> dict[str, int]:
    from psycopg import sql

    with _connect(database) as connection:
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        }
        counts = {}
        for table in COUNTED_TABLES:
            if table in tables:
                query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
                counts[table] = connection.execute(query).fetchone()[0]
        return counts


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a storage folder nothing was uploaded to yet
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def make_backup(*, path: Path, database: dict | None = None) -> dict:
    """Write the archive to ``path`` (its folder must exist); returns the manifest.

    The archive holds patient-adjacent data and credentials' hashes: it is written readable by
    its owner only.
    """
    database = database or settings.DATABASES["default"]
    files: dict[str, int] = {}
    manifest: dict[str, Any] = {
        "format": 1,
        "created_at": timezone.now().isoformat(),
        "database": database.get("NAME"),
        "counts": _counts(database),
        "files": files,
    }
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAME
        pg_dump = _program("pg_dump", database=database)
        manifest["pg_dump_major"] = _client_major(pg_dump)
        _run(
            [pg_dump, "--format=custom", "--no-owner", "--no-acl", f"--file={dump}"],
            database=database,
        )
        partial = path.with_name(path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as archive:
            archive.add(dump, arcname=DUMP_NAME)
            for alias in FILE_STORAGES:
                storage = storages[alias]
                names = sorted(_walk(storage))
                files[alias] = len(names)
                for name in names:
                    with storage.open(name, "rb") as handle:
                        _add_bytes(archive, f"files/{alias}/{name}", handle.read())
            _add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=2).encode())
        partial.replace(path)  # a backup cut short never looks like a whole one
    return manifest


def _member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    """A regular file of the archive, opened (only regular files are asked for)."""
    handle = archive.extractfile(member)
    if handle is None:
        raise BackupError(f"{member.name} in the archive is not a file.")
    return handle


def _has_tables(database: dict) -> bool:
    with _connect(database) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
        return bool(row[0])


def restore_backup(*, path: Path, database: dict | None = None) -> Restored:
    """Load the archive at ``path`` into ``database`` (default: the site's), which must hold no
    tables yet, and put every file back into its storage (a file of the same name is
    replaced). Returns what it found, to compare with the manifest."""
    database = database or settings.DATABASES["default"]
    if _has_tables(database):
        raise BackupError(
            f"The database {database.get('NAME')!r} already holds tables: restore into a fresh "
            "one (createdb), then point DATABASE_URL at it."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, mode="r:gz") as archive:
        members = {member.name: member for member in archive.getmembers() if member.isfile()}
        if DUMP_NAME not in members or MANIFEST_NAME not in members:
            raise BackupError(f"{path} is not a Rounds backup (no {DUMP_NAME} or manifest).")
        manifest = json.loads(_member(archive, members[MANIFEST_NAME]).read())
        dump = Path(work) / DUMP_NAME
        with _member(archive, members[DUMP_NAME]) as source, dump.open("wb") as target:
            shutil.copyfileobj(source, target)
        _run(
            [
                _program(
                    "pg_restore",
                    database=database,
                    at_least=manifest.get("pg_dump_major") or 0,
                ),
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={database.get('NAME')}",
                str(dump),
            ],
            database=database,
        )
        restored_files = 0
        for name, member in members.items():
            if not name.startswith("files/"):
                continue
            _files, alias, relative = name.split("/", 2)
            if alias not in FILE_STORAGES or ".." in Path(relative).parts:
                continue  # nothing from an archive is written outside the upload storages
            storage = storages[alias]
            if storage.exists(relative):
                storage.delete(relative)
            saved = storage.save(relative, ContentFile(_member(archive, member).read()))
            if saved != relative:
                raise BackupError(f"{alias}: {relative} was saved as {saved}.")
            restored_files += 1
    return Restored(files=restored_files, counts=_counts(database), expected=manifest["counts"])
