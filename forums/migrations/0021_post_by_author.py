from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY: the posts table stays writable while the index is built,
    # which cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("forums", "0020_post_openers"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="post",
            index=models.Index(fields=["author", "-created_at"], name="forums_post_by_author"),
        ),
    ]
