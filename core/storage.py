"""Private files (CVs, testimonial logos, data-subject exports) live outside MEDIA_ROOT and have
no public URL.

Only views that check permission, consent or a signed token first (the back-office CV download,
the published logo view, the export download) read them.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        return ""  # no direct link, ever: see the views that serve these files


def private_storage() -> FileSystemStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)
