import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from tests.redis_server import broker_on_own_redis, cache_on_own_redis, own_redis  # noqa: F401
from tests.support.privacy import (
    other_person_new,
    staff_superuser_create,
    subject_person_new,
)


@pytest.fixture
def subject_person():
    return subject_person_new()


@pytest.fixture
def other_person():
    return other_person_new()


@pytest.fixture
def staff(db):
    return staff_superuser_create()


@pytest.fixture
def officer(db):
    user = User.objects.create_user("officer", "officer@perfony.com", "pw-Perfony-1", is_staff=True)
    user.groups.add(Group.objects.get(name="privacy officer"))
    return user


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in another language leaves it active in the thread: later tests read English."""
    from django.utils import translation

    yield
    translation.activate("en")
