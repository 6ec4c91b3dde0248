"""Finer statistics for the directory's name search, so the planner's choice between the trigram
indexes (a rare name) and walking the "recently active" index (a common fragment) is steady.

With the default statistics target, ANALYZE samples 30,000 members and keeps a 100-bound
histogram of ``UPPER(handle)``; a rare fragment such as ``lk4242`` then hits a bound or not by the
luck of the sample, the estimate swings between ~10 and ~700 rows, and in about one ANALYZE in
twenty the planner walked every listed profile to find the first page (tests saw this). A target
of 1,000 on the two index expressions samples up to 300,000 rows and keeps 1,000 bounds: the
estimate of a rare fragment stays near its floor and a common one (``mber 4``) still walks.
Only where 0016 made the indexes (pg_trgm present).
"""

from django.db import migrations

INDEXES = ("accounts_user_handle_trgm", "accounts_user_name_trgm")
TARGET = 1000


def _set_target(schema_editor, target: int) -> None:
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute("SELECT to_regclass(%s)", [name])
            if cursor.fetchone()[0] is None:
                continue
            cursor.execute(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS {int(target)}")


def raise_targets(apps, schema_editor):
    _set_target(schema_editor, TARGET)


def reset_targets(apps, schema_editor):
    _set_target(schema_editor, -1)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0017_member_language"),
    ]

    operations = [
        migrations.RunPython(raise_targets, reset_targets),
    ]
