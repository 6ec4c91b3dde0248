"""The member directory's name search (``?q=``, a substring match: ``UPPER(col) LIKE
UPPER('%q%')``) read through trigram indexes instead of scanning every listed member.

Expression indexes on exactly what Django's ``icontains`` compares, so the planner can use
them. pg_trgm is optional, as in forums 0003: the embedded PostgreSQL (pgserver) ships without
it, and there the search keeps scanning (fine at the sizes it is used for).
"""

from django.db import migrations

INDEXES = {
    "accounts_user_handle_trgm": "handle",
    "accounts_user_name_trgm": "display_name",
}


def add_trigram_indexes(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in INDEXES.items():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON accounts_user "
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )


def drop_trigram_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0015_member_activity"),
    ]

    operations = [
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
