import pytest

from tests.conftest import in_schema
from tests.factories import UserFactory


def login(client, extranet, user):
    """Sessions live in the extranet's schema, so the session must be created there."""
    with in_schema(extranet):
        client.force_login(user)
    return client


@pytest.fixture
def acme_people(acme):
    with in_schema(acme):
        return {
            "admin": UserFactory(username="ada", is_extranet_admin=True),
            "organiser": UserFactory(username="olga"),
            "participant": UserFactory(username="paul"),
            "outsider": UserFactory(username="nora"),
        }
