"""The purge engine: runs, schema passes under an advisory lock, batched SQL per policy.

Safety properties, each covered by a test in tests/retention/:
- at most `RETENTION_BATCH_SIZE` (<= 5,000) rows per transaction, in SQL, no model instances;
- one pass per schema at a time (a session-level `pg_try_advisory_lock`; a second pass skips);
- idempotent and restartable: every batch commits on its own and recomputes what is expired,
  so a killed worker loses only its current batch, and the next run finishes the job.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from retention import sql
from retention.models import (
    RetentionPolicyRun,
    RetentionRun,
    RetentionSchemaRun,
    RunStatus,
)
from retention.policies import Action, Exemption, Policy
from retention.selectors import policies_for_schema, retention_schemas, tenant_on_legal_hold

logger = logging.getLogger(__name__)

MAX_BATCH = 5000
LOCK_CLASS = 7_207  # first key of our advisory locks; the second is hashtext(schema)
STALE_AFTER = timedelta(hours=20)


def batch_size() -> int:
    return max(1, min(int(getattr(settings, "RETENTION_BATCH_SIZE", MAX_BATCH)), MAX_BATCH))


@contextmanager
def schema_lock(*, schema_name: str) -> Iterator[bool]:
    """Yield True when this connection holds the schema's purge lock, False when another does.

    A session lock, not a transaction lock: it spans the many small transactions of a pass, and
    PostgreSQL releases it if the worker dies with its connection. While it is held, commits do
    not wait for the WAL flush: a pass is idempotent, so whatever a database crash loses of it
    is simply redone by the next run, and the many small commits stay cheap.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", [LOCK_CLASS, schema_name])
        acquired = cursor.fetchone()[0]
        if acquired:
            cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, hashtext(%s))", [LOCK_CLASS, schema_name]
                )


def _files_delete(rows: list[tuple], fields: tuple) -> None:
    # Before the batch commits: a crash then leaves rows without files (deleted next run),
    # never files without rows (which nothing would find again). Each field's own storage:
    # CVs and logos live in private storage, outside MEDIA_ROOT.
    for row in rows:
        for name, file_field in zip(row, fields, strict=True):
            if name:
                file_field.storage.delete(name)


def _run_batch(statement: sql.Statement) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        if statement.returns == "files":
            rows = cursor.fetchall()
            _files_delete(rows, statement.file_fields)
            return len(rows)
        if statement.returns == "count":
            return cursor.fetchone()[0]
        return cursor.rowcount


def policy_execute(*, policy: Policy, now: datetime) -> tuple[int, int]:
    """Purge this policy's expired rows in the current schema. Returns (rows, batches)."""
    limit = batch_size()
    build = sql.anonymise_batch if policy.action is Action.ANONYMISE else sql.delete_batch
    total = batches = 0
    while True:
        count = _run_batch(build(policy, now=now, limit=limit))
        total += count
        batches += 1
        if count < limit:
            return total, batches


@dataclass
class PolicyOutcome:
    status: str
    rows: int = 0
    batches: int = 0
    error: str = ""


def _policy_outcome(*, policy: Policy, now: datetime, held: bool) -> PolicyOutcome:
    if held and Exemption.TENANT_LEGAL_HOLD in policy.exemptions:
        return PolicyOutcome(RunStatus.SKIPPED, error="legal hold on the extranet")
    try:
        if policy.action is Action.DROP_TENANT:
            from retention.customers import customers_retention_execute

            rows, batches = customers_retention_execute(policy=policy, now=now), 1
        else:
            rows, batches = policy_execute(policy=policy, now=now)
    except Exception as exc:
        logger.exception("retention policy %s failed in %s", policy.key, connection.schema_name)
        return PolicyOutcome(RunStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
    return PolicyOutcome(RunStatus.OK, rows=rows, batches=batches)


def _schema_run_mark(schema_run: RetentionSchemaRun, status: str, detail: str = "") -> None:
    schema_run.status, schema_run.detail = status, detail[:300]
    if status == RunStatus.RUNNING:
        schema_run.started_at = timezone.now()
    else:
        schema_run.finished_at = timezone.now()
    schema_run.save(update_fields=["status", "detail", "started_at", "finished_at"])


def _policies_run(*, run_id: int, schema_name: str, policies, now: datetime) -> bool:
    held = schema_name != "public" and tenant_on_legal_hold(schema_name=schema_name)
    failed = False
    for policy in policies:
        started = time.monotonic()
        outcome = _policy_outcome(policy=policy, now=now, held=held)
        RetentionPolicyRun.objects.create(
            run_id=run_id,
            schema_name=schema_name,
            policy_key=policy.key,
            status=outcome.status,
            rows=outcome.rows,
            batches=outcome.batches,
            duration_ms=int((time.monotonic() - started) * 1000),
            error=outcome.error,
        )
        failed = failed or outcome.status == RunStatus.FAILED
    return failed


def schema_purge(
    *,
    run_id: int,
    policy_keys: list[str] | None = None,
    now: datetime | None = None,
    finish_run: bool = True,
) -> RetentionSchemaRun:
    """One run's pass over the schema the connection is in (set by tenant-schemas-celery)."""
    schema_name = connection.schema_name
    schema_run, _created = RetentionSchemaRun.objects.get_or_create(
        run_id=run_id, schema_name=schema_name
    )
    if schema_run.status in (RunStatus.OK, RunStatus.SKIPPED):
        return schema_run  # a redelivered task: this pass is already done
    with schema_lock(schema_name=schema_name) as acquired:
        if not acquired:
            _schema_run_mark(schema_run, RunStatus.SKIPPED, "another run holds this schema")
        else:
            _schema_run_mark(schema_run, RunStatus.RUNNING)
            policies = policies_for_schema(schema_name=schema_name, keys=policy_keys)
            failed = _policies_run(
                run_id=run_id, schema_name=schema_name, policies=policies, now=now or timezone.now()
            )
            _schema_run_mark(schema_run, RunStatus.FAILED if failed else RunStatus.OK)
    if finish_run:
        run_finish_if_complete(run_id=run_id)
    return schema_run


def run_finish_if_complete(*, run_id: int) -> None:
    with transaction.atomic():
        run = RetentionRun.objects.select_for_update().get(pk=run_id)
        if run.finished_at is not None:
            return
        statuses = set(run.schema_runs.values_list("status", flat=True))
        if statuses & {RunStatus.QUEUED, RunStatus.RUNNING}:
            return
        run.status = RunStatus.FAILED if RunStatus.FAILED in statuses else RunStatus.OK
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])


def runs_interrupted_mark(*, now: datetime) -> int:
    """Runs a killed worker left unfinished are closed, so the health check sees the gap."""
    stale = RetentionRun.objects.filter(finished_at__isnull=True, started_at__lt=now - STALE_AFTER)
    RetentionSchemaRun.objects.filter(
        run__in=stale, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    ).update(status=RunStatus.INTERRUPTED, finished_at=now)
    return stale.update(status=RunStatus.INTERRUPTED, finished_at=now)


def _run_create(*, trigger: str, schemas: list[str], now: datetime) -> RetentionRun:
    run = RetentionRun.objects.create(trigger=trigger, started_at=now)
    RetentionSchemaRun.objects.bulk_create(
        RetentionSchemaRun(run=run, schema_name=schema) for schema in schemas
    )
    return run


def _enqueue(*, schema_name: str, run_id: int) -> None:
    from retention.tasks import retention_purge_schema

    # tenant-schemas-celery stamps the task with the schema it is queued in.
    with schema_context(schema_name):
        retention_purge_schema.delay(run_id)


def retention_run_dispatch(*, now: datetime | None = None) -> RetentionRun:
    """The nightly entry point (public schema): one task per extranet schema, then public.

    Public goes last so that extranets about to be dropped are purged before they go.
    """
    now = now or timezone.now()
    runs_interrupted_mark(now=now)
    schemas = retention_schemas()
    with transaction.atomic():
        run = _run_create(trigger=RetentionRun.Trigger.BEAT, schemas=schemas, now=now)
        for schema_name in schemas:
            transaction.on_commit(partial(_enqueue, schema_name=schema_name, run_id=run.pk))
    return run


def retention_run_now(
    *, schemas: list[str] | None = None, policy_keys: list[str] | None = None
) -> RetentionRun:
    """A pass in this process (the command), logged like a nightly run."""
    schemas = schemas or retention_schemas()
    run = _run_create(trigger=RetentionRun.Trigger.COMMAND, schemas=schemas, now=timezone.now())
    for schema_name in schemas:
        with schema_context(schema_name):
            schema_purge(run_id=run.pk, policy_keys=policy_keys, finish_run=False)
    run_finish_if_complete(run_id=run.pk)
    run.refresh_from_db()
    return run
