"""Similar-title suggestions read the nearest titles in trigram distance (KNN), which a GiST
index answers directly; the GIN index of 0003 could only test a similarity threshold, reading
every title over it (12,510 of 57,000 on the benchmark corpus, ~175 ms). Created only where
pg_trgm exists, as in 0003 (the embedded pgserver has none)."""

from django.db import migrations


def to_gist(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("DROP INDEX IF EXISTS forums_thread_title_trgm")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS forums_thread_title_trgm_gist "
            "ON forums_thread USING gist (title gist_trgm_ops)"
        )


def to_gin(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("DROP INDEX IF EXISTS forums_thread_title_trgm_gist")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS forums_thread_title_trgm "
            "ON forums_thread USING gin (title gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("forums", "0007_search_scopes")]

    operations = [migrations.RunPython(to_gist, to_gin)]
