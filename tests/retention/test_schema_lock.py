"""The pass's lock statement and its batches outside any transaction (as a Celery worker runs
them: autocommit, so each batch is its own transaction, without a BEGIN or COMMIT of ours)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import connection, connections
from django_tenants.utils import schema_context

from core.models import AuditEvent
from retention import services
from retention.models import RetentionRun
from tests.support.clock import T0
from tests.support.db import in_own_connection
from tests.support.retention import events_at, lock_free

EXPIRED = T0 + relativedelta(years=5) + timedelta(days=1)


def _show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_the_lock_sets_the_pass_settings_and_the_unlock_restores_them(db, other_connection):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '7s'")
    with services.schema_lock(schema_name="ext_acme", statement_timeout=300) as acquired:
        assert acquired and not lock_free(other_connection, "ext_acme")
        assert (_show("statement_timeout"), _show("synchronous_commit")) == ("300ms", "off")
        with services.schema_lock(schema_name="ext_globex") as nested:  # a drop in public's pass
            assert nested and _show("statement_timeout") == "300ms"
        assert (_show("statement_timeout"), _show("synchronous_commit")) == ("300ms", "off")
    assert (_show("statement_timeout"), _show("synchronous_commit")) == ("7s", "on")
    assert lock_free(other_connection, "ext_acme")


def test_a_lock_not_taken_changes_no_setting(db, other_connection):
    with other_connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s))", [services.LOCK_CLASS, "ext_acme"]
        )
    with services.schema_lock(schema_name="ext_acme", statement_timeout=300) as acquired:
        assert not acquired
        assert (_show("statement_timeout"), _show("synchronous_commit")) == ("0", "on")


def _committed_pass(*, count: int, blocked: bool = False) -> tuple:
    """A pass over committed expired events; returns (status, rows, left, settings after)."""
    assert not connection.in_atomic_block
    blocker = connections.create_connection("default")
    with schema_context("ext_acme"):
        ids = events_at(T0, count=count)
        run = RetentionRun.objects.create(trigger="command", started_at=EXPIRED)
        try:
            if blocked:  # another transaction holds the table: the batch times out
                with connection.cursor() as cursor:  # a missing timeout fails, never hangs
                    cursor.execute("SET lock_timeout = '5s'")
                blocker.set_autocommit(False)
                with blocker.cursor() as cursor:
                    cursor.execute("LOCK TABLE ext_acme.core_auditevent IN ACCESS EXCLUSIVE MODE")
            schema_run = services.schema_purge(
                run_id=run.pk, policy_keys=["audit_trail"], now=EXPIRED, finish_run=False
            )
            if blocked:
                blocker.rollback()
            entry = run.policy_runs.get()
            left = AuditEvent.objects.filter(pk__in=ids).count()
            settings_after = (_show("statement_timeout"), _show("synchronous_commit"))
            return schema_run.status, entry.status, entry.rows, entry.error, left, settings_after
        finally:
            blocker.close()
            run.delete()
            with connection.cursor() as cursor:  # audit rows are append-only for the ORM
                cursor.execute("DELETE FROM core_auditevent WHERE id = ANY(%s)", [ids])


def test_batches_in_autocommit_purge_every_expired_row(db, small_batches):
    status, policy_status, rows, _error, left, after = in_own_connection(
        lambda: _committed_pass(count=5)
    )
    assert (status, policy_status, rows, left) == ("ok", "ok", 5, 0)
    assert after == ("0", "on")


def test_a_batch_in_autocommit_is_cancelled_by_the_pass_timeout(db, settings):
    settings.RETENTION_STATEMENT_TIMEOUT_MS = 300
    status, policy_status, rows, error, left, after = in_own_connection(
        lambda: _committed_pass(count=3, blocked=True)
    )
    assert (status, policy_status, rows, left) == ("failed", "failed", 0, 3)
    assert "statement timeout" in error
    assert after == ("0", "on"), "the connection goes on with its own settings"
