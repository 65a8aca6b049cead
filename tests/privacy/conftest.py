import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from privacy import services
from privacy.registry import registry
from tests.conftest import in_schema
from tests.privacy.samples import Person, builders_discover
from tests.redis_server import broker_on_own_redis, cache_on_own_redis, own_redis  # noqa: F401


def person_populate(person: Person, *extranets) -> None:
    """Give the person rows in every registered model: public ones, then each extranet's (an
    account in each); `person.user` is then their account in the first extranet."""
    builders = builders_discover()
    with in_schema("public"):
        for entry in registry.entries():
            if entry.scope == "public":  # models in both schemas hold this person in extranets
                builders[entry.model.lower()].build(person)
    users = []
    for extranet in extranets:
        with in_schema(extranet):
            builders["accounts.user"].build(person)
            users.append(person.user)
            for entry in registry.entries(scope="tenant"):
                if entry.model.lower() != "accounts.user":
                    builders[entry.model.lower()].build(person)
    person.user = users[0] if users else None


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


def request_through(*, email, type, actor, **kwargs):
    """File at /dpo/, verify, approve and execute, as staff would."""
    subject_request = services.request_file_public(type=type, email=email, **kwargs)
    services.request_verify(subject_request=subject_request, actor=actor)
    services.request_approve(subject_request=subject_request, actor=actor)
    services.request_execute(subject_request=subject_request, actor=actor)
    subject_request.refresh_from_db()
    return subject_request


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in another language leaves it active in the thread: later tests read English."""
    from django.utils import translation

    yield
    translation.activate("en")


def export_zip(export):
    """The export's ZIP as its owner downloads it (decrypted; the file at rest is not a ZIP)."""
    import io
    import zipfile

    from privacy.selectors import export_plaintext_chunks

    return zipfile.ZipFile(io.BytesIO(b"".join(export_plaintext_chunks(export=export))))
