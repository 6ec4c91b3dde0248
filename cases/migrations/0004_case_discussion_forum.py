"""The forum that holds every published case's discussion thread (verified professionals only)."""

from django.db import migrations

SLUG = "case-discussions"


def create_forum(apps, schema_editor):
    Category = apps.get_model("forums", "Category")
    Category.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Case discussions",
            "description": "Discussion of published case studies.",
            "visibility": "verified",
            "position": 1000,
        },
    )


def remove_forum(apps, schema_editor):
    Category = apps.get_model("forums", "Category")
    Category.objects.filter(slug=SLUG, thread_count=0).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_structured_case"),
        ("forums", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_forum, remove_forum)]
