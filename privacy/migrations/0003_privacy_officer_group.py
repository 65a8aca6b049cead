"""The "privacy officer" staff group: handles data-subject requests without full admin rights."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "privacy officer"
PERMISSIONS = [
    ("privacy", "subjectrequest", "view_subjectrequest"),
    ("privacy", "subjectrequest", "process_subjectrequest"),
    ("privacy", "requestevent", "view_requestevent"),
    ("privacy", "dataexport", "view_dataexport"),
    ("privacy", "subjectlegalhold", "view_subjectlegalhold"),
    ("privacy", "subjectlegalhold", "add_subjectlegalhold"),
    ("privacy", "subjectlegalhold", "change_subjectlegalhold"),
    ("privacy", "suppressedemail", "view_suppressedemail"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the group can
    # reference them on a fresh database.
    privacy_config = apps.get_app_config("privacy")
    privacy_config.models_module = True
    create_permissions(privacy_config, apps=apps, verbosity=0)
    privacy_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_subject_requests_trail_and_exports"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
