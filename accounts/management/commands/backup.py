"""python manage.py backup [--output PATH]: the database and every upload in one archive."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from config.backups import BackupError, make_backup


class Command(BaseCommand):
    help = "Write a backup archive: pg_dump (custom format) of the database plus every upload."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="the archive to write (default: var/backups/rounds-<UTC time>.tar.gz)",
        )

    def handle(self, *args, output: str | None = None, **options):
        if output:
            path = Path(output)
        else:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"rounds-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"
        try:
            manifest = make_backup(path=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = ", ".join(f"{table} {count}" for table, count in manifest["counts"].items())
        files = ", ".join(f"{alias} {count}" for alias, count in manifest["files"].items())
        self.stdout.write(f"Rows: {rows}")
        self.stdout.write(f"Files: {files}")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
