"""The chunk's execution path (retention/batch.py): the whole DELETE's bound, the lock and the
legal hold in the pass's first statement, the search path of one statement, the unlock sent
with the next statement, and the statements a pass costs."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django_tenants.utils import schema_context

from core.models import AuditEvent
from privacy.models import SubjectLegalHold, SubjectRequest
from retention import batch, services
from retention.models import RetentionRun
from retention.policies import policy_get
from retention.selectors import policies_for_schema
from tests.factories import UserFactory
from tests.support.clock import T0
from tests.support.db import in_own_connection
from tests.support.retention import events_at, lock_free, rows_purged, run_at
from tests.support.tenants import in_schema

EXPIRED = T0 + relativedelta(years=5) + timedelta(days=1)


def _whole(schema: str, *, limit: int, locking: bool = False, subjects: bool = True) -> tuple:
    """(taken, held, due, deleted) of the audit trail's whole DELETE; `free` is checked by
    the tests of the holds on people."""
    whole = _whole_run(schema, limit=limit, locking=locking, subjects=subjects)
    return whole[:4]


def _whole_run(schema: str, *, limit: int, locking: bool, subjects: bool) -> batch.Whole:
    chunk = batch.Chunk(now=EXPIRED, limit=limit, policy_keys=None, subjects=subjects)
    text, params = chunk.whole(policy_get("audit_trail"), schema_name=schema, locking=locking)
    session = batch.Session(statement_timeout=60_000)
    try:
        return batch._whole_run(session, schema, text, params)
    finally:
        session.release(schema, held=locking)
        session.close()


def test_the_whole_delete_takes_every_expired_row_up_to_the_batch_size(acme):
    with in_schema(acme):
        old = events_at(T0, count=3)
        recent = events_at(T0 + relativedelta(years=4))
    assert _whole("ext_acme", limit=3) == (True, False, 3, 3)
    with in_schema(acme):
        assert not AuditEvent.objects.filter(pk__in=old).exists()
        assert AuditEvent.objects.filter(pk__in=recent).exists()


def test_the_whole_delete_takes_nothing_above_the_batch_size(acme):
    with in_schema(acme):
        old = events_at(T0, count=3)
    # Counted up to limit + 1 only, and not one row deleted: the keyset batches take over.
    assert _whole("ext_acme", limit=2) == (True, False, 3, 0)
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=old).count() == 3


def test_the_whole_delete_runs_in_its_schema_only_and_leaves_the_search_path(acme, globex):
    with in_schema(globex):
        other = events_at(T0)
    public = events_at(T0)
    with in_schema(acme):
        events_at(T0, count=2)
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        before = cursor.fetchone()[0]
    assert _whole("ext_acme", limit=10)[3] == 2
    assert AuditEvent.objects.filter(pk__in=public).exists()
    with in_schema(globex):
        assert AuditEvent.objects.filter(pk__in=other).exists()
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        assert cursor.fetchone()[0] == before


def test_the_first_statement_deletes_nothing_on_an_extranet_on_legal_hold(acme):
    acme.legal_hold = True
    acme.save()
    with in_schema(acme):
        kept = events_at(T0, count=2)
    assert _whole("ext_acme", limit=10, locking=True) == (True, True, 2, 0)
    run = run_at(EXPIRED, schemas=["ext_acme"], policies=["audit_trail"])
    entry = run.policy_runs.get()
    assert entry.status == "skipped" and "legal hold" in entry.error
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=kept).count() == 2


def test_the_first_statement_deletes_nothing_without_the_lock(acme, other_connection):
    with in_schema(acme):
        kept = events_at(T0, count=2)
    with other_connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [batch.LOCK_CLASS, "ext_acme"])
    assert _whole("ext_acme", limit=10, locking=True)[:2] == (False, False)
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=kept).count() == 2


def test_every_lock_of_a_chunk_is_released_at_its_end(acme, globex, other_connection):
    for extranet in (acme, globex):
        with in_schema(extranet):
            events_at(T0)
    run = run_at(EXPIRED, schemas=["ext_acme", "ext_globex"], policies=["audit_trail"])
    assert rows_purged(run, "ext_acme", "audit_trail") == 1
    assert rows_purged(run, "ext_globex", "audit_trail") == 1
    assert lock_free(other_connection, "ext_acme") and lock_free(other_connection, "ext_globex")


def _statements(schemas: list[str]) -> list[str]:
    run = services._run_create(trigger="command", schemas=schemas, now=EXPIRED)
    seen: list[str] = []

    def record(execute, sql, params, many, context):
        # Not the savepoints of the test's transaction, nor the SET of their cursors.
        if not str(sql).startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "SET search_path")):
            seen.append(str(sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        services._passes_run(run_id=run.pk, schemas=schemas, policy_keys=["audit_trail"])
    return seen


def test_a_schema_more_in_a_chunk_costs_one_statement(acme, globex):
    for extranet in (acme, globex):
        with in_schema(extranet):
            events_at(T0, count=2)
    one = _statements(["ext_acme"])
    two = _statements(["ext_acme", "ext_globex"])
    assert len(two) == len(one) + 1, "\n".join(s[:90] for s in [*one, "--", *two])


# --- A failed first statement, in autocommit (as a worker runs it) -----------------------------


def _pass_after_a_failed_first_statement() -> tuple:
    """A row lock held elsewhere stops the first policy's DELETE after it took the schema's
    lock: it times out; the next policy still runs under the lock, released once at the end."""
    first, second = policies_for_schema(schema_name="ext_acme", keys=["audit_trail", "sessions"])
    assert first.key == "audit_trail", "the first statement must be audit_trail's"
    blocker = connections.create_connection("default")
    with schema_context("ext_acme"):
        ids = events_at(T0, count=2)
        run = RetentionRun.objects.create(trigger="command", started_at=EXPIRED)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '5s'")
            blocker.set_autocommit(False)
            with blocker.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM ext_acme.core_auditevent WHERE id = %s FOR UPDATE", [ids[0]]
                )
            services.schema_purge(
                run_id=run.pk, policy_keys=[first.key, second.key], now=EXPIRED, finish_run=False
            )
            blocker.rollback()
            entries = dict(run.policy_runs.values_list("policy_key", "status"))
            error = run.policy_runs.get(policy_key=first.key).error
            free = lock_free(blocker, "ext_acme")
            return entries, error, free
        finally:
            blocker.close()
            run.delete()
            with connection.cursor() as cursor:  # audit rows are append-only for the ORM
                cursor.execute("DELETE FROM core_auditevent WHERE id = ANY(%s)", [ids])


def test_a_failed_first_statement_leaves_the_lock_held_once_and_the_pass_goes_on(db, settings):
    settings.RETENTION_STATEMENT_TIMEOUT_MS = 300
    entries, error, free = in_own_connection(_pass_after_a_failed_first_statement)
    assert entries == {"audit_trail": "failed", "sessions": "ok"}
    assert "statement timeout" in error
    assert free, "the lock is released after the pass"


# --- Holds on people: the per-row test only while one is open ----------------------------------


def test_the_lean_delete_deletes_nothing_while_a_hold_on_a_person_is_open(acme):
    with in_schema(acme):
        events = events_at(T0, count=2)
    # A hold on someone with no row here: the lean statement cannot tell, so it waits for the
    # statement that tests each row.
    SubjectLegalHold.objects.create(email="someone@elsewhere.example", reason="dispute")
    assert _whole_run("ext_acme", limit=10, locking=False, subjects=False)[3:] == (0, False)
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=events).count() == 2
    assert _whole("ext_acme", limit=10, subjects=True)[3] == 2


def test_an_unconfirmed_request_does_not_stop_the_lean_delete(acme):
    with in_schema(acme):
        events_at(T0, count=2)
    SubjectRequest.objects.create(type="access", email="anyone@example.com")
    assert _whole_run("ext_acme", limit=10, locking=False, subjects=False)[3:] == (2, True)


def test_a_chunk_that_meets_an_open_hold_keeps_the_held_rows_in_every_schema(acme, globex):
    with in_schema(acme):
        acme_events = events_at(T0, count=2)
    with in_schema(globex):
        held = UserFactory(email="held@globex.example")
        held_events = events_at(T0, count=2, actor=held)
        free_events = events_at(T0)
    SubjectLegalHold.objects.create(email="HELD@globex.example", reason="dispute")
    run = run_at(EXPIRED, schemas=["ext_acme", "ext_globex"], policies=["audit_trail"])
    assert rows_purged(run, "ext_acme", "audit_trail") == 2
    assert rows_purged(run, "ext_globex", "audit_trail") == 1
    with in_schema(acme):
        assert not AuditEvent.objects.filter(pk__in=acme_events).exists()
    with in_schema(globex):
        assert AuditEvent.objects.filter(pk__in=held_events).count() == 2
        assert not AuditEvent.objects.filter(pk__in=free_events).exists()


def test_without_an_open_hold_the_pass_does_not_read_the_users(acme, globex):
    with in_schema(acme):
        events_at(T0, count=2)
    user_table = connection.ops.quote_name(get_user_model()._meta.db_table)
    assert not [s for s in _statements(["ext_acme", "ext_globex"]) if user_table in s]
    SubjectLegalHold.objects.create(email="someone@elsewhere.example", reason="dispute")
    assert [s for s in _statements(["ext_acme", "ext_globex"]) if user_table in s]
