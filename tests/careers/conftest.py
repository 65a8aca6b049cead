import pytest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    """CVs go to a temporary private directory, apart from the public MEDIA_ROOT."""
    from django.core.files.storage import FileSystemStorage

    from careers.models import Application

    field = Application._meta.get_field("cv")
    original = field.storage
    field.storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    settings.MEDIA_ROOT = tmp_path / "media"
    yield tmp_path / "private"
    field.storage = original
