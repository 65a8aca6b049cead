from django.db import migrations, models


def mark_public_verified(apps, schema_editor):
    # A request filed at /dpo/ reaches review only once its link was followed or staff checked
    # the identity. Extranet requests of the past stay unproved: they keep to their account.
    SubjectRequest = apps.get_model("privacy", "SubjectRequest")
    SubjectRequest.objects.filter(extranet_schema="", verified_at__isnull=False).update(
        email_verified=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0004_exports_in_private_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="subjectrequest",
            name="email_verified",
            field=models.BooleanField(default=False, verbose_name="email address verified"),
        ),
        migrations.RunPython(mark_public_verified, migrations.RunPython.noop),
    ]
