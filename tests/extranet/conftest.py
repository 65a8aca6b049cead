import pytest

from tests.conftest import host_client, in_schema
from tests.factories import UserFactory


def login_as(client, extranet, user):
    with in_schema(extranet):
        client.force_login(user)
    return client


@pytest.fixture
def acme_admin(acme):
    with in_schema(acme):
        return UserFactory(username="ann", email="ann@acme.example", is_extranet_admin=True)


@pytest.fixture
def acme_member(acme):
    with in_schema(acme):
        return UserFactory(
            username="ben", email="ben@acme.example", first_name="Ben", last_name="Stone"
        )


@pytest.fixture
def admin_client(acme, acme_client, acme_admin):
    return login_as(acme_client, acme, acme_admin)


@pytest.fixture
def member_client(acme, acme_member):
    # A client of its own, so a test can hold an admin and a member session at once.
    return login_as(host_client("acme.iperfony.localhost"), acme, acme_member)
