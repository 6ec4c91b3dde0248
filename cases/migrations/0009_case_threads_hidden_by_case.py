"""Mark the existing case discussions, and hide those of hidden cases with the new flag.

Until now a privacy flag hid a case's thread with ``Thread.is_hidden`` (which hid it from the
case's author too) and restoring the case cleared it; ``hidden_by_case`` now carries that, so
the threads of hidden cases move over to it.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Thread = apps.get_model("forums", "Thread")
    with_thread = Case.objects.filter(thread__isnull=False)
    Thread.objects.filter(pk__in=with_thread.values("thread_id")).update(is_case_discussion=True)
    hidden = with_thread.filter(is_hidden=True).values("thread_id")
    Thread.objects.filter(pk__in=hidden).update(hidden_by_case=True, is_hidden=False)


def backwards(apps, schema_editor):
    Thread = apps.get_model("forums", "Thread")
    Thread.objects.filter(hidden_by_case=True).update(is_hidden=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_case_day_zero"),
        ("forums", "0009_thread_hidden_by_case"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
