"""Personal fields are ciphertext in the database; keys rotate; a wrong key fails loudly."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from accounts.models import User
from core import crypto
from core.checks import field_encryption_keys, field_encryption_keys_decrypt
from tests.factories import UserFactory
from tests.support.tenants import in_schema

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
ENCRYPTED = ("first_name", "last_name", "phone", "postal_address", "position", "function")


def _raw(user_id: int, column: str) -> str:
    with connection.cursor() as cursor:
        query = sql.SQL("SELECT {} FROM {} WHERE id = %s").format(
            sql.Identifier(column), sql.Identifier(User._meta.db_table)
        )
        cursor.execute(query.as_string(connection.connection), [user_id])
        return cursor.fetchone()[0]


def _make_user(**extra):
    return UserFactory(
        first_name="Zoé",
        last_name="Lambert",
        phone="+32470123456",
        postal_address="Rue Haute 1, Bruxelles",
        position="CFO",
        function="Finance",
        **extra,
    )


def test_raw_columns_hold_ciphertext_not_the_values(acme):
    with in_schema(acme):
        user = _make_user()
        for column in ENCRYPTED:
            raw = _raw(user.pk, column)
            assert raw.startswith(crypto.TOKEN_PREFIX), column
            assert getattr(user, column) not in raw
        reloaded = User.objects.get(pk=user.pk)
        assert (reloaded.first_name, reloaded.phone) == ("Zoé", "+32470123456")
        assert _raw(user.pk, "username") == user.username, "login fields stay searchable"


def test_encrypted_fields_cannot_be_searched_in_sql(acme):
    with in_schema(acme), pytest.raises(FieldError):
        list(User.objects.filter(phone__icontains="32"))


def test_rotation_re_encrypts_every_value_under_the_new_primary_key(acme, globex, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    with in_schema(acme):
        acme_user = _make_user()
    with in_schema(globex):
        globex_user = _make_user()
    staff = _make_user(is_staff=True)  # the public schema counts too
    old_raw = {}
    with in_schema(acme):
        old_raw["acme"] = _raw(acme_user.pk, "phone")

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    with in_schema(acme):  # readable before rotation thanks to the old key
        assert User.objects.get(pk=acme_user.pk).phone == "+32470123456"
    counts = crypto_rotate()
    assert counts["rotated"] >= 18  # 6 fields x 3 users at least
    with in_schema(acme):
        assert _raw(acme_user.pk, "phone") != old_raw["acme"]

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key is retired
    for schema, user in ((acme, acme_user), (globex, globex_user), ("public", staff)):
        with in_schema(schema):
            assert User.objects.get(pk=user.pk).postal_address == "Rue Haute 1, Bruxelles"
    assert crypto_rotate()["rotated"] == 0, "a rerun has nothing left to do"


def crypto_rotate() -> dict:
    from core.services import field_keys_rotate

    counts = field_keys_rotate(batch_size=2)  # small batches exercise the paging
    return {
        "scanned": sum(c.scanned for c in counts),
        "rotated": sum(c.rotated for c in counts),
        "schemas": {c.schema for c in counts},
    }


def test_rotation_walks_public_and_every_extranet(acme, globex):
    schemas = crypto_rotate()["schemas"]
    assert {"public", "ext_acme", "ext_globex"} <= schemas


def test_rotate_command_reports_counts(acme, settings, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    with in_schema(acme):
        _make_user()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_field_keys", "--batch-size", "3")
    out = capsys.readouterr().out
    assert "re-encrypted" in out and "ext_acme" in out and "accounts.User.phone" in out


def test_a_wrong_key_raises_a_clear_error_instead_of_garbage(acme, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    with in_schema(acme):
        user = _make_user()
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with in_schema(acme), pytest.raises(crypto.FieldDecryptionError, match="FIELD_ENCRYPTION_KEYS"):
        User.objects.get(pk=user.pk)


def test_system_check_reports_missing_and_malformed_keys(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    [error] = field_encryption_keys()
    assert error.id == "core.E001" and "FIELD_ENCRYPTION_KEYS is empty" in error.msg
    settings.FIELD_ENCRYPTION_KEYS = ["too-short"]
    [error] = field_encryption_keys()
    assert "key number 1 is not a Fernet key" in error.msg
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert field_encryption_keys() == []


def test_database_check_reports_a_wrong_key(db, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    _make_user(is_staff=True)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    errors = field_encryption_keys_decrypt(databases=["default"])
    assert errors and errors[0].id == "core.E002"
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert field_encryption_keys_decrypt(databases=["default"]) == []
