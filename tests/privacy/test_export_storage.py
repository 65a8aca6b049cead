"""Export ZIPs live in the private storage: no URL, nothing under MEDIA_ROOT, still downloadable."""

import importlib
import io
import zipfile
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from privacy.models import DataExport, SubjectRequest
from tests.privacy.samples import Person
from tests.support.privacy import request_through

migration = importlib.import_module("privacy.migrations.0004_exports_in_private_storage")


def test_export_is_written_to_private_storage_and_downloads(
    db, staff, public_client, mailoutbox, django_capture_on_commit_callbacks
):
    person = Person("A", "B", "visitor@example.org", "", "visitor")
    with django_capture_on_commit_callbacks(execute=True):
        request_through(email=person.email, type=SubjectRequest.Type.PORTABILITY, actor=staff)
    export = DataExport.objects.get(request__email=person.email)
    path = Path(export.file.path)
    assert path.is_file()
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert export.file.url == ""  # never a direct link
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/dpo/export/" in line)
    response = public_client.get(link.split("perfony.localhost", 1)[1])
    assert response.status_code == 200
    downloaded = b"".join(response.streaming_content)
    # At rest: encrypted with the field keys, not a ZIP, no address readable in it.
    at_rest = path.read_bytes()
    assert not zipfile.is_zipfile(io.BytesIO(at_rest))
    assert person.email.encode() not in at_rest and b"summary.html" not in at_rest
    # The download: the ZIP, summary first, with the person's data.
    with zipfile.ZipFile(io.BytesIO(downloaded)) as zf:
        assert zf.namelist()[0] == "summary.html"
        assert person.email in zf.read("index.json").decode()
    assert len(downloaded) == export.size


def test_migration_moves_existing_exports_out_of_media_root(db):
    media = FileSystemStorage(location=settings.MEDIA_ROOT)
    name = media.save("privacy/exports/old-export.zip", ContentFile(b"PK old zip"))
    request = SubjectRequest.objects.create(type=SubjectRequest.Type.ACCESS, email="o@example.org")
    export = DataExport.objects.create(
        request=request, expires_at=timezone.now() + timedelta(days=7), file=name
    )
    migration.to_private(apps, None)
    export.refresh_from_db()
    assert not media.exists(name)
    with export.file.open("rb") as f:
        assert f.read() == b"PK old zip"
    assert Path(export.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    export.file.delete(save=False)
