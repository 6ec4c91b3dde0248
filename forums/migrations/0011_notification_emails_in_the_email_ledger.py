"""Notification emails move into the ledger of every email (accounts.EmailDelivery, kind
``forums.notification``, one row per notification): the rows already there come along, so a
task retried across the upgrade still finds what was sent."""

from django.db import migrations

BATCH = 2000


def copy_rows(apps, schema_editor):
    NotificationEmail = apps.get_model("forums", "NotificationEmail")
    EmailDelivery = apps.get_model("accounts", "EmailDelivery")
    rows = NotificationEmail.objects.select_related("notification").order_by("pk").iterator(BATCH)
    batch = []
    for row in rows:
        batch.append(
            EmailDelivery(
                recipient_id=row.notification.recipient_id,
                kind="forums.notification",
                object_id=row.notification_id,
                event="",
                status=row.status if row.status in ("sending", "sent", "failed") else "failed",
                claimed_at=row.claimed_at,
                sent_at=row.sent_at,
                attempts=1 if row.status in ("sent", "failed") else 0,
                last_error=row.last_error,
            )
        )
        if len(batch) == BATCH:
            EmailDelivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    EmailDelivery.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_email_ledger"),
        ("forums", "0010_report_one_open_per_reporter"),
    ]

    operations = [
        migrations.RunPython(copy_rows, migrations.RunPython.noop),
        migrations.DeleteModel(name="NotificationEmail"),
    ]
