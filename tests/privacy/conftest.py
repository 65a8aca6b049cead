import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from tests.privacy.samples import Person
from tests.redis_server import broker_on_own_redis, cache_on_own_redis, own_redis  # noqa: F401

# Helpers live in tests/support/; these names stay importable from here only so that an old
# `from tests.privacy.conftest import ...` keeps working until every module imports from there.
from tests.support.privacy import export_zip, person_populate, request_through  # noqa: F401


@pytest.fixture
def subject_person():
    return Person(
        "Zebulon",
        "Quenby",
        "zebulon.quenby@example.org",
        "+33 6 11 22 33 44",
        "zquenby",
        ip="198.51.100.23",
        address="12 rue de la Paix, 75002 Paris",
    )


@pytest.fixture
def other_person():
    return Person(
        "Ottilie",
        "Varga",
        "ottilie.varga@example.org",
        "+33 6 99 88 77 66",
        "ovarga",
        ip="198.51.100.77",
        address="3 quai Voltaire, 75007 Paris",
    )


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("root-staff", "root@perfony.com", "pw-Perfony-1")


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
