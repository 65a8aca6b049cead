"""Data exports move from MEDIA_ROOT to the private storage (no URL), like CVs.

The files already written move with them, under the same name, so their rows stay valid.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models

import core.storage
import privacy.models


def _move(apps, source, target) -> None:
    DataExport = apps.get_model("privacy", "DataExport")
    for export in DataExport.objects.exclude(file="").iterator():
        name = export.file.name
        if not source.exists(name):
            continue
        with source.open(name, "rb") as src:
            saved = target.save(name, src)  # a free name if the target already holds one
        source.delete(name)
        if saved != name:
            DataExport.objects.filter(pk=export.pk).update(file=saved)


def to_private(apps, schema_editor):
    _move(apps, FileSystemStorage(location=settings.MEDIA_ROOT), core.storage.private_storage())


def to_media(apps, schema_editor):
    _move(apps, core.storage.private_storage(), FileSystemStorage(location=settings.MEDIA_ROOT))


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0003_privacy_officer_group'),
    ]

    operations = [
        migrations.AlterField(
            model_name='dataexport',
            name='file',
            field=models.FileField(max_length=200, storage=core.storage.private_storage, upload_to=privacy.models._export_path, verbose_name='file'),
        ),
        migrations.RunPython(to_private, to_media),
    ]
