"""Consent records are hash-chained per schema; consent_chain_verify names any break."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from consent.models import ConsentRecord
from tests.conftest import in_schema

from .factories import ConsentRecordFactory


def _verify() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("consent_chain_verify", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _tamper(schema: str, sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{schema}".consent_consentrecord SET {sql}', params)


def test_each_record_stores_the_hash_of_the_one_before(acme):
    with in_schema(acme):
        first, second = ConsentRecordFactory(), ConsentRecordFactory()
        reread = ConsentRecord.objects.get(pk=second.pk).content_hash()
    public = ConsentRecordFactory()
    assert second.prev_hash == first.record_hash != ""
    assert reread == second.record_hash  # what PostgreSQL gives back hashes the same
    assert public.prev_hash != first.record_hash  # each schema has its own chain


def test_an_intact_chain_passes_in_every_schema(acme, globex, public_client):
    public_client.post("/consent/", {"action": "accept_all"})
    public_client.post("/consent/", {"action": "withdraw"})
    with in_schema(acme):
        ConsentRecordFactory.create_batch(3)
    out, err = _verify()
    assert err == ""
    assert f"{acme.schema_name}: 3 records, chain intact" in out
    assert f"{globex.schema_name}: 0 records, chain intact" in out
    assert "public: 2 records, chain intact" in out


@pytest.mark.parametrize(
    ("change", "params"),
    [
        ("choices = %s::jsonb", ['{"necessary": true, "analytics": true}']),
        ("method = %s", ["reject_all"]),
        ("created_at = created_at + interval '1 second'", []),
        ("policy_version = %s", ["0+forged"]),
    ],
)
def test_tampering_with_one_record_makes_the_check_fail_on_it(acme, change, params):
    with in_schema(acme):
        records = ConsentRecordFactory.create_batch(3)
    target = records[1]
    _tamper(acme.schema_name, change + " WHERE id = %s", [*params, target.pk])
    with pytest.raises(CommandError, match="1 break"):
        _verify()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("consent_chain_verify", stdout=StringIO(), stderr=err)
    assert err.getvalue() == f"{acme.schema_name}: record {target.pk}: content changed\n"


def test_a_removed_record_breaks_the_link_of_the_next(acme):
    with in_schema(acme):
        records = ConsentRecordFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{acme.schema_name}".consent_consentrecord WHERE id = %s',
            [records[1].pk],
        )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("consent_chain_verify", stdout=StringIO(), stderr=err)
    assert f"record {records[2].pk}: link to the previous record broken" in err.getvalue()
