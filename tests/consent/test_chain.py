"""Consent records are hash-chained per schema; consent_chain_verify names any break."""

import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django_tenants.utils import get_public_schema_name
from psycopg import sql

from consent.models import ConsentRecord
from tests.support.tenants import in_schema

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


def _in_thread(target, *args) -> threading.Thread:
    def run():
        try:
            target(*args)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _append(made: dict, name: str, hold: threading.Event | None = None, held=None) -> None:
    with transaction.atomic():
        made[name] = ConsentRecordFactory()
        if hold is not None:
            held.set()
            hold.wait(30)


def _delete(ids: list[int]) -> None:
    with connection.cursor() as cursor:
        records = sql.Identifier(get_public_schema_name(), ConsentRecord._meta.db_table)
        query = sql.SQL("DELETE FROM {} WHERE id = ANY(%s)").format(records)
        cursor.execute(query.as_string(connection.connection), [ids])


def _an_advisory_lock_is_awaited() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_concurrent_appends_wait_for_each_other_and_never_fork():
    """Two choices committed at once: the second waits on the schema's advisory lock, then
    links to the first. Real transactions on two other connections, so their rows are removed
    after on a third (this test's own transaction is rolled back)."""
    made: dict[str, ConsentRecord] = {}
    release, held = threading.Event(), threading.Event()
    first = _in_thread(_append, made, "first", release, held)
    second = None
    try:
        assert held.wait(30)
        second = _in_thread(_append, made, "second")
        deadline = time.monotonic() + 30
        while not _an_advisory_lock_is_awaited():
            assert time.monotonic() < deadline, "the second append did not wait for the first"
            time.sleep(0.05)
    finally:
        release.set()
        first.join(30)
        if second is not None:
            second.join(30)
        _in_thread(_delete, [r.pk for r in made.values()]).join(30)
    assert made["second"].prev_hash == made["first"].record_hash
