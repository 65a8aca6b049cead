import pytest


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
