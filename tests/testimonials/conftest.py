import pytest


@pytest.fixture(autouse=True)
def private_media(tmp_path):
    from django.core.files.storage import FileSystemStorage

    from testimonials.models import Testimonial

    field = Testimonial._meta.get_field("logo")
    original = field.storage
    field.storage = FileSystemStorage(location=tmp_path, base_url=None)
    yield tmp_path
    field.storage = original
