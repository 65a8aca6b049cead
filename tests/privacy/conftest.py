import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from privacy import services
from privacy.registry import registry
from tests.conftest import in_schema
from tests.privacy.samples import Person, builders_discover
from tests.redis_server import broker_on_own_redis, cache_on_own_redis, own_redis  # noqa: F401


def person_populate(person: Person, extranet) -> None:
    """Give the person rows in every registered model: public ones, then acme's."""
    builders = builders_discover()
    with in_schema("public"):
        for entry in registry.entries(scope="public"):
            builders[entry.model.lower()].build(person)
    with in_schema(extranet):
        builders["accounts.user"].build(person)
        for entry in registry.entries(scope="tenant"):
            if entry.model.lower() != "accounts.user":
                builders[entry.model.lower()].build(person)


@pytest.fixture
def subject_person():
    return Person("Zebulon", "Quenby", "zebulon.quenby@example.org", "+33 6 11 22 33 44", "zquenby")


@pytest.fixture
def other_person():
    return Person("Ottilie", "Varga", "ottilie.varga@example.org", "+33 6 99 88 77 66", "ovarga")


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("root-staff", "root@perfony.com", "pw-Perfony-1")


@pytest.fixture
def officer(db):
    user = User.objects.create_user("officer", "officer@perfony.com", "pw-Perfony-1", is_staff=True)
    user.groups.add(Group.objects.get(name="privacy officer"))
    return user


def request_through(*, email, type, actor, **kwargs):
    """File at /dpo/, verify, approve and execute, as staff would."""
    subject_request = services.request_file_public(type=type, email=email, **kwargs)
    services.request_verify(subject_request=subject_request, actor=actor)
    services.request_approve(subject_request=subject_request, actor=actor)
    services.request_execute(subject_request=subject_request, actor=actor)
    subject_request.refresh_from_db()
    return subject_request
