"""The retention pages (run log, 30-day forecast, upcoming extranet drops) need a permission now.

Superusers have it implicitly; the "privacy officer" group gets the view permission, since
watching retention is part of the data-protection role. Other staff see nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "privacy officer"
CODENAME = "view_retentionrun"


def grant(apps, schema_editor):
    config = apps.get_app_config("retention")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="retention", codename=CODENAME)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="retention", codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_run_log_archive_and_warnings"),
        ("privacy", "0003_privacy_officer_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
