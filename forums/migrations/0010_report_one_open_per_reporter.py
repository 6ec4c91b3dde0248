from django.db import migrations, models
from django.db.models import Q


def dismiss_repeats(apps, schema_editor):
    """Earlier repeats of an open report (same member, same item) are dismissed, not deleted:
    the first stays open for the moderators, the queue keeps its history."""
    Report = apps.get_model("forums", "Report")
    seen = set()
    for report in Report.objects.filter(status="open").order_by("created_at", "pk"):
        key = (report.reporter_id, report.target_type_id, report.target_id)
        if report.reporter_id is None:
            continue
        if key in seen:
            report.status = "dismissed"
            report.decision_note = "Repeat of an open report by the same member."
            report.save(update_fields=["status", "decision_note"])
        seen.add(key)


class Migration(migrations.Migration):
    dependencies = [("forums", "0009_thread_hidden_by_case")]

    operations = [
        migrations.RunPython(dismiss_repeats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(
                condition=Q(status="open"),
                fields=("reporter", "target_type", "target_id"),
                name="forums_report_one_open_per_reporter",
            ),
        ),
    ]
