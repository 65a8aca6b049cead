"""allauth adapters: MFA secrets encrypted at rest, no MFA outside the public schema."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.db import connection

from core import crypto
from tests.accounts.staff import totp_code
from tests.factories import PASSWORD, UserFactory
from tests.support.tenants import in_schema


def _raw_data(authenticator: Authenticator) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data::text FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        return cursor.fetchone()[0]


def test_the_totp_secret_is_encrypted_at_rest(staff_member):
    secret = generate_totp_secret()
    totp = TOTP.activate(staff_member, secret)
    raw = _raw_data(totp.instance)
    assert secret not in raw
    stored = Authenticator.objects.get(pk=totp.instance.pk).data["secret"]
    assert stored.startswith(crypto.TOKEN_PREFIX)
    assert crypto.decrypt(stored) == secret
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(totp_code(secret))


def test_the_recovery_seed_is_encrypted_at_rest(staff_member):
    codes = RecoveryCodes.activate(staff_member)
    raw = _raw_data(codes.instance)
    seed = crypto.decrypt(codes.instance.data["seed"])
    assert seed not in raw
    assert codes.instance.data["seed"] in raw  # what is stored is the ciphertext
    fresh = RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk))
    code = fresh.generate_codes()[0]
    assert code not in raw
    assert fresh.validate_code(code)


def test_no_mfa_is_seen_outside_the_public_schema(acme, staff_member, staff_totp_secret):
    assert is_mfa_enabled(staff_member)
    with in_schema(acme):
        # The extranet's search path ends with public, where the authenticator table lives:
        # a query would find the staff member's factors for the extranet user of the same id.
        assert not is_mfa_enabled(staff_member)


def test_an_extranet_user_with_the_id_of_a_staff_member_with_totp_logs_in(
    acme, acme_client, staff_member, staff_totp_secret
):
    with in_schema(acme):
        namesake = UserFactory(id=staff_member.pk, username="same-id")
    response = acme_client.post("/accounts/login/", {"login": "same-id", "password": PASSWORD})
    assert response.status_code == 302
    assert "/2fa/" not in response["Location"]
    with in_schema(acme):
        assert acme_client.session["_auth_user_id"] == str(namesake.pk)
