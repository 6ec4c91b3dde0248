"""The "Moderators" group with only what moderation in accounts needs, and a starter list of
specialties (admins edit it afterwards).

forums and cases add their own moderation permissions to the same group in their own data
migrations, through ``accounts.roles.grant_to_moderators``.
"""

from django.db import migrations

# accounts permissions a moderator needs: look members up, decide verification requests, read
# the audit log. Not change_user: the user form edits staff status and groups (admins only).
MODERATOR_PERMISSIONS = [
    "view_user",
    "view_verificationrequest",
    "change_verificationrequest",
    "view_auditentry",
    "view_specialty",
]

SPECIALTIES = [
    "Anaesthesia",
    "Cardiology",
    "Critical care",
    "Dermatology",
    "Emergency medicine",
    "Endocrinology",
    "Gastroenterology",
    "General practice / family medicine",
    "General surgery",
    "Geriatrics",
    "Haematology",
    "Infectious diseases",
    "Internal medicine",
    "Nephrology",
    "Neurology",
    "Obstetrics and gynaecology",
    "Oncology",
    "Ophthalmology",
    "Orthopaedics",
    "Paediatrics",
    "Palliative care",
    "Pathology",
    "Pharmacy",
    "Psychiatry",
    "Radiology",
    "Respiratory medicine",
    "Rheumatology",
    "Urology",
]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.utils.text import slugify

    # Permissions are normally created after migrate; create accounts' now so we can grant them.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="accounts", codename__in=MODERATOR_PERMISSIONS
        )
    )

    Specialty = apps.get_model("accounts", "Specialty")
    for name in SPECIALTIES:
        Specialty.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_profiles_verification_preferences"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
