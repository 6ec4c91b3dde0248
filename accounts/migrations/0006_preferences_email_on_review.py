from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_evidence_in_private_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="preferences",
            name="email_on_review",
            field=models.BooleanField(
                default=True,
                help_text="A case approved or returned, an outcome reminder, a verification decided.",
                verbose_name="email me about my case studies and my verification",
            ),
        ),
    ]
