"""Honest runs: skipped or failed schemas make a run incomplete (and /healthz 503), failures are
retried while the other schemas go on, the fan-out is chunked, and nothing is written twice."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.models import OutboxMessage
from core.outbox import outbox_relay
from retention import batch, services
from retention.models import RetentionPolicyRun, RetentionRun, RetentionSchemaRun
from retention.selectors import retention_schemas
from tests.support.clock import T0
from tests.support.retention import run_at
from tests.support.tenants import in_schema


def _hold_schema_lock(conn, schema: str) -> None:
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [services.LOCK_CLASS, schema])


def test_a_run_skipped_for_a_lock_is_incomplete_and_healthz_says_503(
    acme, other_connection, public_client
):
    _hold_schema_lock(other_connection, "ext_acme")  # another worker's pass is under way
    run = run_at(T0, schemas=["ext_acme", "public"])
    assert run.status == "incomplete" and run.finished_at is not None
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        response = public_client.get("/healthz")
    assert response.status_code == 503
    detail = response.json()["checks"]["retention"]
    assert "incomplete" in detail and "ext_acme: skipped (another run holds this schema)" in detail
    assert "public" not in detail.split(":", 1)[1], "public was purged: not a problem"


def test_the_command_fails_and_prints_why_when_a_schema_is_skipped(acme, other_connection):
    _hold_schema_lock(other_connection, "ext_acme")
    with pytest.raises(CommandError):
        call_command("purge_expired", schema=["ext_acme"], policy=["sessions"])
    assert RetentionRun.objects.get().status == "incomplete"


def test_a_complete_run_after_an_incomplete_one_makes_healthz_ok_again(acme, public_client):
    RetentionRun.objects.create(trigger="beat", status="incomplete", started_at=T0, finished_at=T0)
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        assert public_client.get("/healthz").status_code == 503
        run_at(T0 + timedelta(hours=1), schemas=["public"], policies=["sessions"])
        assert public_client.get("/healthz").json()["checks"]["retention"] == "ok"


def test_a_run_left_running_is_closed_at_the_start_of_the_next_command_run(acme):
    stale = RetentionRun.objects.create(trigger="beat", started_at=T0)
    RetentionSchemaRun.objects.create(run=stale, schema_name="ext_acme", status="queued")
    run_at(T0 + timedelta(hours=2), schemas=["public"], policies=["sessions"])
    stale.refresh_from_db()
    assert stale.status == "interrupted" and stale.finished_at is not None
    assert "never finished" in stale.schema_runs.get().detail


def test_a_run_still_making_progress_is_not_closed(acme):
    live = RetentionRun.objects.create(trigger="beat", started_at=T0)
    RetentionSchemaRun.objects.create(
        run=live, schema_name="ext_acme", status="running", started_at=T0 + timedelta(hours=3)
    )
    run_at(T0 + timedelta(hours=3, minutes=10), schemas=["public"], policies=["sessions"])
    live.refresh_from_db()
    assert live.finished_at is None


def test_dispatch_queues_every_schema_exactly_once_in_chunks(
    acme, globex, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_CHUNK_SIZE = 2
    with django_capture_on_commit_callbacks(execute=False):
        run = services.retention_run_dispatch(now=T0)
    chunks = [m.args[1] for m in OutboxMessage.objects.filter(task_name="retention.purge_chunk")]
    schemas = retention_schemas()
    assert len(chunks) == -(-len(schemas) // 2) and all(len(c) <= 2 for c in chunks)
    flat = [schema for chunk in chunks for schema in chunk]
    assert sorted(flat) == sorted(schemas) and len(flat) == len(set(flat))
    assert flat[-1] == "public", "public goes last"
    assert outbox_relay() == len(chunks)
    run.refresh_from_db()
    assert run.status == "ok"
    assert set(run.schema_runs.values_list("status", flat=True)) == {"ok"}


def test_two_beats_the_same_day_start_one_run(acme, django_capture_on_commit_callbacks):
    from retention.tasks import retention_dispatch

    with django_capture_on_commit_callbacks(execute=True):
        first = retention_dispatch.delay().get()
        second = retention_dispatch.delay().get()
    assert first is not None and second is None
    assert RetentionRun.objects.count() == 1


def test_a_schema_that_times_out_is_retried_and_the_others_go_on(
    acme, globex, other_connection, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_STATEMENT_TIMEOUT_MS = 300
    # A long transaction holds acme's session table: acme's pass times out, globex's does not.
    other_connection.set_autocommit(False)
    with other_connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")  # never wait for this test's own locks
        cursor.execute("LOCK TABLE ext_acme.django_session IN ACCESS EXCLUSIVE MODE")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.retention_run_dispatch(now=T0)
    acme_pass = RetentionSchemaRun.objects.get(run=run, schema_name="ext_acme")
    assert acme_pass.status == "queued" and acme_pass.attempts == 1  # waits for its retry
    assert "statement timeout" in acme_pass.detail
    assert RetentionSchemaRun.objects.get(run=run, schema_name="ext_globex").status == "ok"
    run.refresh_from_db()
    assert run.finished_at is None, "not finished while a retry is pending"

    other_connection.rollback()
    assert outbox_relay(now=timezone.now() + timedelta(hours=1)) == 1
    run.refresh_from_db()
    acme_pass.refresh_from_db()
    assert acme_pass.status == "ok" and acme_pass.attempts == 2
    assert run.status == "ok"
    rows = RetentionPolicyRun.objects.filter(run=run, schema_name="ext_acme")
    assert rows.filter(policy_key="sessions").get().status == "ok", "the retry rewrote its row"


def test_a_schema_failing_every_attempt_makes_the_run_incomplete(acme, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("server closed the connection")

    monkeypatch.setattr(batch, "schema_pass", broken)
    run = services._run_create(trigger="beat", schemas=["ext_acme"], now=T0)
    retry = services.retention_chunk_purge(
        run_id=run.pk, schemas=["ext_acme"], attempt=services.PASS_ATTEMPTS
    )
    assert retry == []
    run.refresh_from_db()
    assert run.status == "incomplete"
    assert "server closed the connection" in run.schema_runs.get().detail


def test_a_redelivered_pass_writes_its_policy_rows_once(acme):
    run = services._run_create(trigger="beat", schemas=["ext_acme"], now=T0)
    with in_schema(acme):
        services.schema_purge(run_id=run.pk, now=T0)
        # The worker died before marking the pass done: the message comes back.
        RetentionSchemaRun.objects.filter(run=run).update(status="running")
        services.schema_purge(run_id=run.pk, now=T0)
    keys = list(RetentionPolicyRun.objects.filter(run=run).values_list("policy_key", flat=True))
    assert keys and len(keys) == len(set(keys))


def test_a_schema_dropped_after_the_dispatch_is_skipped_not_run_in_public(acme):
    run = services._run_create(trigger="beat", schemas=["ext_vanished"], now=T0)
    services.retention_chunk_purge(run_id=run.pk, schemas=["ext_vanished"])
    schema_run = run.schema_runs.get()
    assert schema_run.status == "skipped" and "no longer exists" in schema_run.detail
    assert not RetentionPolicyRun.objects.filter(run=run).exists()


def test_the_command_lists_schemas_slowest_first(acme, globex, capsys):
    call_command("purge_expired", policy=["sessions"])
    out = capsys.readouterr().out
    lines = out.split("slowest first:", 1)[1].strip().splitlines()
    durations = [int(line.split()[2]) for line in lines[: len(retention_schemas())]]
    assert durations == sorted(durations, reverse=True)


# --- Keyset batches ------------------------------------------------------------------------------


def test_batches_continue_after_the_last_anchor_and_lose_no_tied_row(acme, small_batches):
    from core.models import AuditEvent
    from tests.support.retention import events_at, rows_purged

    with in_schema(acme):
        tied = events_at(T0, count=5)  # five rows with one anchor, across three batches of 2
        later = events_at(T0 + timedelta(seconds=1), count=2)
    run = run_at(T0 + timedelta(days=6 * 366), schemas=["ext_acme"], policies=["audit_trail"])
    assert rows_purged(run, "ext_acme", "audit_trail") >= 7
    assert run.policy_runs.get().batches >= 4
    with in_schema(acme):
        assert not AuditEvent.objects.filter(pk__in=tied + later).exists()


def test_the_next_batch_starts_in_the_index_after_the_previous_one(acme):
    from django.db import connection

    from retention import sql
    from retention.policies import policy_get

    policy = policy_get("audit_trail")
    now = T0 + timedelta(days=6 * 366)
    with in_schema(acme), connection.cursor() as cursor:
        statement = sql.delete_batch(policy, now=now, limit=10, after=(T0, 42))
        assert statement.keyset
        # The test table is tiny; a real one is not, and there the index is the plan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement.sql, statement.params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The cursor is a range condition of the anchor's index scan, not a filter after it.
    index_conditions = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any(">=" in line for line in index_conditions), plan


def test_the_admin_banner_names_the_schemas_of_an_incomplete_run(acme, staff_client):
    run = RetentionRun.objects.create(
        trigger="beat", status="incomplete", started_at=T0, finished_at=T0
    )
    RetentionSchemaRun.objects.create(
        run=run, schema_name="ext_acme", status="skipped", detail="another run holds this schema"
    )
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        page = staff_client.get("/admin/").content.decode()
    assert "did not complete" in page and "ext_acme: skipped" in page
