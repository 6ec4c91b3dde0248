"""Search vectors now carry scope lexemes (forum visibility, forum, first post or reply):
rewrite every stored vector once, in id batches. ``manage.py rebuild_search`` does the same.

The statement is ``forums.search``'s at the time of writing, repeated here because migrations
must not depend on code that may change after them.
"""

from django.db import migrations

VECTORS = """
UPDATE forums_post p SET search_vector = CASE
    WHEN p.is_hidden OR p.is_deleted OR t.is_hidden THEN NULL
    ELSE CASE WHEN p.number = 1
              THEN setweight(to_tsvector('english', t.title), 'A') ELSE ''::tsvector END
         || setweight(to_tsvector('english', left(p.source, 100000)), 'B')
         || array_to_tsvector(ARRAY[
                '~scope vis:' || c.visibility,
                '~scope forum:' || t.category_id::text,
                CASE WHEN p.number = 1 THEN '~scope first' ELSE '~scope reply' END
            ])
END
FROM forums_thread t JOIN forums_category c ON c.id = t.category_id
WHERE t.id = p.thread_id AND p.id > %s AND p.id <= %s
"""
BATCH = 20_000


def rebuild(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM forums_post")
        (last,) = cursor.fetchone()
        for start in range(0, last, BATCH):
            cursor.execute(VECTORS, [start, start + BATCH])


class Migration(migrations.Migration):
    dependencies = [("forums", "0006_report_notifications")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
