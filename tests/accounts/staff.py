"""Staff of the public schema, their clients and their second factors (fixtures and helpers)."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests.factories import UserFactory
from tests.support.http import PUBLIC_HOST, host_client


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, computed with allauth's own helpers."""
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


def staff_ip_client(ip: str):
    return host_client(PUBLIC_HOST, REMOTE_ADDR=ip)


@pytest.fixture
def staff_member(db):
    """A staff member with a password, no second factor yet (public schema)."""
    return UserFactory(username="sam", email="sam@perfony.com", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_totp_secret(staff_member) -> str:
    secret = generate_totp_secret()
    TOTP.activate(staff_member, secret)
    return secret
