"""python manage.py restore ARCHIVE [--database-url URL]: a backup into a fresh database."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config import env
from config.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into a database that holds no tables yet (create it first) "
        "and put every upload back; prints the row counts next to the backup's."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file written by `manage.py backup`")
        parser.add_argument(
            "--database-url",
            help="restore into this database instead of DATABASE_URL's (postgres://...)",
        )

    def handle(self, *args, archive: str, database_url: str | None = None, **options):
        database = (
            env.parse_database_url(database_url) if database_url else settings.DATABASES["default"]
        )
        try:
            restored = restore_backup(path=Path(archive), database=database)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for table, expected in restored.expected.items():
            found = restored.counts.get(table)
            mark = "ok" if found == expected else "DIFFERS"
            self.stdout.write(f"{table}: {found} rows (backup: {expected}) {mark}")
        self.stdout.write(f"Files restored: {restored.files}")
        if not restored.matches:
            raise CommandError("The restored row counts differ from the backup's manifest.")
        self.stdout.write(self.style.SUCCESS(f"Restored {archive} into {database.get('NAME')}"))
