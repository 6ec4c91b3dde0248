"""Search vectors now carry scope lexemes (forum visibility, forum, first post or reply):
rewrite every stored vector once. ``manage.py rebuild_search`` does the same by hand."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from forums.search import index_all_posts

    index_all_posts()


class Migration(migrations.Migration):
    dependencies = [("forums", "0006_report_notifications")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
