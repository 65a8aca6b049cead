"""Test fixtures: one real PostgreSQL database for the whole session, with two extranets.

acme and globex are provisioned once per database by the real provisioning service, and kept
with --reuse-db. Each test runs in a transaction that is rolled back, so what a test writes in
any schema disappears after it.
"""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, tenant_context

from tenants.models import Extranet
from tenants.selectors import extranet_host
from tests.factories import UserFactory

PUBLIC_HOST = "perfony.localhost"


def _extranet_ensure(slug: str, name: str, admin_email: str) -> Extranet:
    from tenants.services import extranet_create

    existing = Extranet.objects.filter(slug=slug).first()
    if existing:
        return existing
    return extranet_create(slug=slug, company_name=name, admin_email=admin_email).extranet


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from tenants.services import public_tenant_ensure, template_schema_ensure

    with django_db_blocker.unblock():
        public_tenant_ensure()
        template_schema_ensure()
        _extranet_ensure("acme", "Acme SA", "alice@acme.example")
        _extranet_ensure("globex", "Globex BV", "carol@globex.example")
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


def host_client(host: str, **kwargs) -> Client:
    return Client(HTTP_HOST=host, **kwargs)


@pytest.fixture
def public_client(db) -> Client:
    return host_client(PUBLIC_HOST)


@pytest.fixture
def acme_client(acme) -> Client:
    return host_client(extranet_host(slug="acme"))


@pytest.fixture
def globex_client(globex) -> Client:
    return host_client(extranet_host(slug="globex"))


@contextmanager
def in_schema(extranet_or_schema):
    """Run a block in a tenant schema (an Extranet) or a named schema, then return to public."""
    if isinstance(extranet_or_schema, Extranet):
        with tenant_context(extranet_or_schema):
            yield
    else:
        with schema_context(extranet_or_schema):
            yield


# --- An acme extranet admin and member, logged in (used by the extranet and security tests) ---


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
def acme_admin_client(acme, acme_client, acme_admin):
    return login_as(acme_client, acme, acme_admin)


@pytest.fixture
def acme_member_client(acme, acme_member):
    # A client of its own, so a test can hold an admin and a member session at once.
    return login_as(host_client("acme.iperfony.localhost"), acme, acme_member)


# --- The public site's staff and captcha (prospects, careers and testimonials tests) -----------


def solved_captcha() -> dict:
    """A fresh challenge and its right answer, as the form fields a person would send."""
    from core import captcha

    challenge = captcha.challenge_new()
    a, b = (int(n) for n in challenge.question.split("+"))
    return {"captcha_token": challenge.token, "captcha_answer": str(a + b)}


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
