"""Key rotation rewrites encrypted columns: each column it rewrote leaves an audit row in its
schema's trail, with this run's counts, also when the run stops half-way."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from core import crypto
from core.models import AuditEvent
from core.services import field_keys_rotate
from tests.factories import UserFactory
from tests.support.tenants import in_schema

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
ROTATED = "core.field_keys_rotated"


def _users_under_old_key(settings, extranet, count):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    with in_schema(extranet):
        users = [UserFactory(phone=f"+3247000000{i}") for i in range(count)]
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    return users


def _rows(extranet, field):
    with in_schema(extranet):
        events = AuditEvent.objects.filter(action=ROTATED, data__field=field)
        return [e.data | {"actor": e.actor_label} for e in events]


def test_a_run_leaves_one_row_per_column_rewritten_in_that_schema(acme, globex, settings):
    _users_under_old_key(settings, acme, 3)
    counts = field_keys_rotate(batch_size=2)
    phone = next(c for c in counts if c.schema == "ext_acme" and c.field == "accounts.User.phone")
    assert phone.rotated >= 3

    [row] = _rows(acme, "accounts.User.phone")
    assert row == {
        "schema": "ext_acme",
        "field": "accounts.User.phone",
        "scanned": phone.scanned,
        "rotated": phone.rotated,
        "actor": "system:rotate_field_keys",
    }
    with in_schema(globex):  # nothing of acme's in another extranet's trail
        assert not AuditEvent.objects.filter(action=ROTATED, data__schema="ext_acme").exists()

    field_keys_rotate(batch_size=2)  # a rerun has nothing to rewrite, so nothing to record
    assert len(_rows(acme, "accounts.User.phone")) == 1


def test_a_run_that_stops_half_way_records_what_it_committed(acme, settings, monkeypatch):
    _users_under_old_key(settings, acme, 2)
    real_rotate, calls = crypto.rotate, []

    def rotate_then_fail(value):
        calls.append(value)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real_rotate(value)

    monkeypatch.setattr(crypto, "rotate", rotate_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        field_keys_rotate(batch_size=1)  # the first batch commits, the second fails

    with in_schema(acme):
        [event] = AuditEvent.objects.filter(action=ROTATED)
    assert event.data["interrupted"] is True
    assert (event.data["scanned"], event.data["rotated"]) == (1, 1)  # not the failed batch's
    field = event.data["field"].rsplit(".", 1)[1]
    with in_schema(acme), connection.cursor() as cursor:
        cursor.execute(f'SELECT "{field}" FROM accounts_user WHERE "{field}" <> \'\'')
        assert [crypto.is_current(raw) for (raw,) in cursor.fetchall()].count(True) == 1
