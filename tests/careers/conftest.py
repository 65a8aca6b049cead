import pytest

from accounts.models import User
from prospects import captcha
from tests.conftest import PUBLIC_HOST, host_client


def solved_captcha() -> dict:
    """A fresh challenge and its right answer, as the form fields a person would send."""
    challenge = captcha.challenge_new()
    a, b = (int(n) for n in challenge.question.split("+"))
    return {"captcha_token": challenge.token, "captcha_answer": str(a + b)}


@pytest.fixture
def staff_user(db) -> User:
    return User.objects.create_superuser("staffer", "staffer@perfony.com", "pw")


@pytest.fixture
def staff_client(staff_user):
    client = host_client(PUBLIC_HOST)
    client.force_login(staff_user)
    return client


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
