"""Each policy on both sides of its boundary, holds, dry-run, crash and rerun, and the lock."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.sessions.models import Session
from django.core.management import call_command

from accounts.models import User
from core.models import AuditEvent
from privacy.models import SubjectLegalHold
from retention import batch, services
from retention.models import RetentionRun, RetentionSchemaRun
from tests.factories import UserFactory
from tests.support.clock import T0
from tests.support.retention import events_at, rows_purged, run_at, session_expiring
from tests.support.tenants import in_schema

FIVE_YEARS = relativedelta(years=5)
DAY = timedelta(days=1)


@pytest.mark.parametrize("schema", ["ext_acme", "public"])
def test_audit_trail_is_kept_the_day_before_five_years_and_gone_the_day_after(acme, schema):
    with in_schema(schema):
        old = events_at(T0, count=3)
        recent = events_at(T0 + relativedelta(years=4))
    run = run_at(T0 + FIVE_YEARS - DAY, schemas=[schema], policies=["audit_trail"])
    assert run.status == "ok" and rows_purged(run, schema, "audit_trail") == 0
    with in_schema(schema):
        assert AuditEvent.objects.filter(pk__in=old).count() == 3
    run = run_at(T0 + FIVE_YEARS + DAY, schemas=[schema], policies=["audit_trail"])
    assert rows_purged(run, schema, "audit_trail") == 3
    with in_schema(schema):
        assert not AuditEvent.objects.filter(pk__in=old).exists()
        assert AuditEvent.objects.filter(pk__in=recent).exists()


def test_the_purge_stays_in_its_schema(acme, globex):
    with in_schema(globex):
        other = events_at(T0)
    with in_schema(acme):
        events_at(T0)
    run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme"], policies=["audit_trail"])
    with in_schema(globex):
        assert AuditEvent.objects.filter(pk__in=other).exists()


@pytest.mark.parametrize("schema", ["ext_globex", "public"])
def test_sessions_are_cleared_once_expired(globex, schema):
    with in_schema(schema):
        session_expiring(T0, "expiring-session")
    run_at(T0 - DAY, schemas=[schema], policies=["sessions"])
    with in_schema(schema):
        assert Session.objects.filter(session_key="expiring-session").exists()
    run = run_at(T0 + DAY, schemas=[schema], policies=["sessions"])
    assert rows_purged(run, schema, "sessions") == 1
    with in_schema(schema):
        assert not Session.objects.filter(session_key="expiring-session").exists()


def test_a_legal_hold_on_a_person_keeps_their_trail_until_released(acme):
    with in_schema(acme):
        held = UserFactory(email="held@acme.example")
        free = UserFactory()
        held_events = events_at(T0, count=2, actor=held)
        free_events = events_at(T0, actor=free)
    SubjectLegalHold.objects.create(email="HELD@acme.example", reason="dispute")
    run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme"], policies=["audit_trail"])
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=held_events).count() == 2
        assert not AuditEvent.objects.filter(pk__in=free_events).exists()
    SubjectLegalHold.objects.update(released_at=T0)
    run_at(T0 + FIVE_YEARS + 2 * DAY, schemas=["ext_acme"], policies=["audit_trail"])
    with in_schema(acme):
        assert not AuditEvent.objects.filter(pk__in=held_events).exists()


def test_a_legal_hold_on_the_extranet_blocks_its_purge_but_not_session_cleanup(acme):
    acme.legal_hold = True
    acme.save()
    with in_schema(acme):
        kept = events_at(T0)
        session_expiring(T0, "held-extranet-session")
    run = run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme"])
    entry = run.policy_runs.get(policy_key="audit_trail")
    assert entry.status == "skipped" and "legal hold" in entry.error
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=kept).exists()
        assert not Session.objects.filter(session_key="held-extranet-session").exists()


def test_dry_run_prints_what_would_go_and_changes_nothing(acme, capsys):
    with in_schema(acme):
        events = events_at(T0, count=4)
    runs_before = RetentionRun.objects.count()
    import time_machine

    with time_machine.travel(T0 + FIVE_YEARS + DAY, tick=False):
        call_command(
            "purge_expired", "--dry-run", "--schema", "ext_acme", "--policy", "audit_trail"
        )
    out = capsys.readouterr().out
    assert "ext_acme" in out and "audit_trail" in out and "would purge 4" in out
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=events).count() == 4
    assert RetentionRun.objects.count() == runs_before


def test_the_command_runs_a_logged_pass(acme, capsys):
    with in_schema(acme):
        events_at(T0, count=2)
    import time_machine

    with time_machine.travel(T0 + FIVE_YEARS + DAY, tick=False):
        call_command("purge_expired", "--schema", "ext_acme")
    out = capsys.readouterr().out
    assert "audit_trail" in out and "ok" in out
    run = RetentionRun.objects.latest("started_at")
    assert run.trigger == "command" and rows_purged(run, "ext_acme", "audit_trail") == 2


def test_a_crash_mid_run_loses_nothing_and_the_rerun_finishes(acme, small_batches, monkeypatch):
    with in_schema(acme):
        old = events_at(T0, count=5)
        recent = events_at(T0 + relativedelta(years=4))
    real_batch = batch._batch_run
    calls = {"n": 0}

    def crash_on_second_batch(*args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("worker killed")
        return real_batch(*args)

    monkeypatch.setattr(batch, "_batch_run", crash_on_second_batch)
    first = run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme"], policies=["audit_trail"])
    entry = first.policy_runs.get()
    assert first.status == "incomplete" and entry.status == "failed"
    assert "worker killed" in entry.error
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=old).count() == 3  # the first batch committed
    monkeypatch.setattr(batch, "_batch_run", real_batch)
    second = run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme"], policies=["audit_trail"])
    assert second.status == "ok" and rows_purged(second, "ext_acme", "audit_trail") == 3
    assert second.policy_runs.get().batches == 2
    with in_schema(acme):
        assert not AuditEvent.objects.filter(pk__in=old).exists()
        assert AuditEvent.objects.filter(pk__in=recent).exists()


def test_two_concurrent_runs_do_not_both_process_a_schema(acme, other_connection):
    with in_schema(acme):
        old = events_at(T0, count=3)
    with other_connection.cursor() as cursor:  # another worker's pass holds acme's lock
        cursor.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s))", [services.LOCK_CLASS, "ext_acme"]
        )
    blocked = run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme", "public"])
    acme_pass = RetentionSchemaRun.objects.get(run=blocked, schema_name="ext_acme")
    assert acme_pass.status == "skipped" and "another run" in acme_pass.detail
    assert not blocked.policy_runs.filter(schema_name="ext_acme").exists()
    assert blocked.policy_runs.filter(schema_name="public").exists()
    with in_schema(acme):
        assert AuditEvent.objects.filter(pk__in=old).count() == 3
    with other_connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_unlock(%s, hashtext(%s))", [services.LOCK_CLASS, "ext_acme"]
        )
    after = run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme"], policies=["audit_trail"])
    assert rows_purged(after, "ext_acme", "audit_trail") == 3


def test_the_lock_is_released_after_a_pass(acme, other_connection):
    run_at(T0, schemas=["ext_acme"], policies=["sessions"])
    with other_connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_lock(%s, hashtext(%s))", [services.LOCK_CLASS, "ext_acme"]
        )
        assert cursor.fetchone()[0] is True
        cursor.execute("SELECT pg_advisory_unlock_all()")


def test_users_are_not_touched_by_the_audit_policy(acme):
    with in_schema(acme):
        user = UserFactory()
        events_at(T0, actor=user)
    run_at(T0 + FIVE_YEARS + DAY, schemas=["ext_acme"])
    with in_schema(acme):
        assert User.objects.filter(pk=user.pk).exists()
