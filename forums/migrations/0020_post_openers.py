"""The thread openers' ids, for searches of threads only (forums.search.query.thread_openers):
built without locking the posts table (a million rows take a few seconds)."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("forums", "0019_thread_participants_and_activity")]

    operations = [
        AddIndexConcurrently(
            model_name="post",
            index=models.Index(
                condition=models.Q(number=1), fields=["id"], name="forums_post_openers"
            ),
        ),
    ]
