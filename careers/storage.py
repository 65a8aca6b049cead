"""CVs live outside MEDIA_ROOT and have no URL: only the back office's download view reads them."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    default = Path(settings.MEDIA_ROOT).parent / "private-media"
    return FileSystemStorage(
        location=getattr(settings, "PRIVATE_MEDIA_ROOT", default), base_url=None
    )
