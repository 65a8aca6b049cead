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


@pytest.fixture(autouse=True)
def private_media(tmp_path):
    from django.core.files.storage import FileSystemStorage

    from testimonials.models import Testimonial

    field = Testimonial._meta.get_field("logo")
    original = field.storage
    field.storage = FileSystemStorage(location=tmp_path, base_url=None)
    yield tmp_path
    field.storage = original
