"""The Moderators group may open the case pages of the moderation console (view only: every
change is an admin action calling cases.moderation, offered to moderators by role)."""

from django.db import migrations

# A frozen copy of cases.admin's needs: the case list, its inlines and the privacy flags.
MODERATOR_PERMISSIONS = [
    "view_case",
    "view_caseconsent",
    "view_keptfinding",
    "view_caserevision",
    "view_privacyflag",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; create cases' now so we can grant them.
    app_config = apps.get_app_config("cases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cases", codename__in=MODERATOR_PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_discussion_forum"),
        ("accounts", "0004_moderators_group_and_specialties"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
