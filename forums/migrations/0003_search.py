"""Issue 8: stored search vectors on posts (GIN), and trigram matching of thread titles.

pg_trgm is optional: the embedded PostgreSQL (pgserver) ships without it, so the extension
and its index are created only where ``pg_available_extensions`` lists it; similar-thread
suggestions fall back to word matching elsewhere (``forums.search.similar_threads``).
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

# The same statement as forums.search.index_posts; repeated here because migrations must not
# depend on code that may change after them.
FILL_VECTORS = """
UPDATE forums_post p SET search_vector = CASE
    WHEN p.is_hidden OR p.is_deleted OR t.is_hidden THEN NULL
    ELSE CASE WHEN p.number = 1
              THEN setweight(to_tsvector('english', t.title), 'A') ELSE ''::tsvector END
         || setweight(to_tsvector('english', left(p.source, 100000)), 'B')
END
FROM forums_thread t WHERE t.id = p.thread_id
"""


def add_trigram_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS forums_thread_title_trgm "
            "ON forums_thread USING gin (title gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS forums_thread_title_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_following_notifications_drafts"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="post",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="forums_post_search"
            ),
        ),
        migrations.RunSQL(FILL_VECTORS, migrations.RunSQL.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
