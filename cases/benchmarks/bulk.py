"""Bulk loading with PostgreSQL COPY, for seeding large corpora quickly.

Rows are dicts of field name to value; every concrete column the dict leaves out gets the
field's Python default, so new model fields do not break the seeders.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable

from django.db import connection, models


def _column_defaults(model: type[models.Model]) -> list[tuple[str, str, object]]:
    """(attname, column, default) per column; a callable default is called per row."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            default = field.default
        else:
            default = field.get_default()  # "" for blank text fields, None for nullable ones
        columns.append((field.attname, field.column, default))
    return columns


class Progress:
    """A one-line progress bar on stderr: label, count/total, percent and rate."""

    def __init__(self, label: str, total: int, stream=None):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.stream = stream or sys.stderr
        self.started = self.last = time.monotonic()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last > 0.5 or self.done >= self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-6)
            width = 30
            filled = int(width * min(self.done / self.total, 1))
            self._write(
                f"\r{self.label:<12} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done:>10,}/{self.total:,} {rate:>9,.0f}/s"
            )

    def finish(self) -> None:
        self._write("\n")

    def _write(self, text: str) -> None:
        # A management command's OutputWrapper appends a newline unless told otherwise.
        if hasattr(self.stream, "ending"):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()


def copy_rows(
    model: type[models.Model], rows: Iterable[dict], *, progress: Progress | None = None
) -> int:
    """COPY rows into the model's table. Returns how many were written."""
    columns = _column_defaults(model)
    names = ", ".join(connection.ops.quote_name(column) for _, column, _ in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                values = []
                for attname, _column, default in columns:
                    if attname in row:
                        values.append(row[attname])
                    else:
                        values.append(default() if callable(default) else default)
                copy.write_row(values)
                written += 1
                if progress and written % 1000 == 0:
                    progress.advance(1000)
    if progress:
        progress.advance(written % 1000)
    return written


def next_id(model: type[models.Model]) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequence(model: type[models.Model]) -> None:
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({pk}), 1)) FROM {table}",  # noqa: S608
            [table, pk],
        )
