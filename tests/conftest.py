"""Test fixtures: one real PostgreSQL database for the whole session, with two extranets.

acme and globex are provisioned once per database by the real provisioning service, and kept
with --reuse-db. Each test runs in a transaction that is rolled back, so what a test writes in
any schema disappears after it.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from tenants.models import Extranet
from tenants.selectors import extranet_host
from tests.factories import UserFactory
from tests.support.http import PUBLIC_HOST, host_client, login_as
from tests.support.tenants import extranet_ensure, in_schema


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from tenants.services import public_tenant_ensure, template_schema_ensure

    with django_db_blocker.unblock():
        public_tenant_ensure()
        template_schema_ensure()
        extranet_ensure("acme", "Acme SA", "alice@acme.example")
        extranet_ensure("globex", "Globex BV", "carol@globex.example")
        connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _cookies_must_be_registered(monkeypatch):
    """Every app: a response that sets a cookie missing from consent/cookies.py fails the test."""
    from consent.cookies import cookie_lookup

    original = Client.request

    def checked_request(self, **request):
        response = original(self, **request)
        unknown = sorted(name for name in response.cookies if cookie_lookup(name) is None)
        assert not unknown, (
            f"cookies missing from the cookie registry (consent/cookies.py): {unknown}"
        )
        return response

    monkeypatch.setattr(Client, "request", checked_request)


@pytest.fixture(autouse=True)
def _public_schema_and_clean_cache(request):
    cache.clear()
    yield
    connection.set_schema_to_public()


@pytest.fixture
def acme(db) -> Extranet:
    return Extranet.objects.get(slug="acme")


@pytest.fixture
def globex(db) -> Extranet:
    return Extranet.objects.get(slug="globex")


@pytest.fixture
def public_client(db) -> Client:
    return host_client(PUBLIC_HOST)


@pytest.fixture
def acme_client(acme) -> Client:
    return host_client(extranet_host(slug="acme"))


@pytest.fixture
def globex_client(globex) -> Client:
    return host_client(extranet_host(slug="globex"))


# --- An acme extranet admin and member, logged in (used by the extranet and security tests) ---


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
def acme_admin_client(acme, acme_client, acme_admin):
    return login_as(acme_client, acme, acme_admin)


@pytest.fixture
def acme_member_client(acme, acme_member):
    # A client of its own, so a test can hold an admin and a member session at once.
    return login_as(host_client("acme.iperfony.localhost"), acme, acme_member)


# --- The public site's staff and captcha (prospects, careers and testimonials tests) -----------


@pytest.fixture
def staff_user(db):
    from accounts.models import User

    return User.objects.create_superuser("staffer", "staffer@perfony.com", "pw")


@pytest.fixture
def staff_client(staff_user):
    client = host_client(PUBLIC_HOST)
    client.force_login(staff_user)
    return client


# --- People of an acme meeting (meetings and surveys tests) ----------------------------------


@pytest.fixture
def acme_people(acme):
    with in_schema(acme):
        return {
            "admin": UserFactory(username="ada", is_extranet_admin=True),
            "organiser": UserFactory(username="olga"),
            "participant": UserFactory(username="paul"),
            "outsider": UserFactory(username="nora"),
        }
