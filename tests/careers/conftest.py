import io

import pytest
from pypdf import PdfWriter


def pdf_bytes(build=None) -> bytes:
    """A real one-page PDF made by pypdf; `build(writer)` may add to it before it is written."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if build is not None:
        build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = pdf_bytes()
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
