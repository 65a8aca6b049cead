"""The purge engine: runs, schema passes under an advisory lock, batched SQL per policy.

Safety properties, each covered by a test in tests/retention/:
- at most `RETENTION_BATCH_SIZE` (<= 5,000) rows per transaction, in SQL, no model instances;
- one pass per schema at a time (a session-level `pg_try_advisory_lock`; a second pass skips);
- idempotent and restartable: every batch commits on its own and recomputes what is expired,
  so a killed worker loses only its current batch, and the next run finishes the job;
- the nightly fan-out is bounded: schemas go to the queue in chunks (`RETENTION_CHUNK_SIZE`),
  through the outbox; a schema whose pass fails (a database error, a statement timeout) is
  queued again with backoff, up to `PASS_ATTEMPTS`, while the other schemas go on;
- honest: a run with any schema skipped, failed or interrupted ends "incomplete", with the
  reason on that schema's row; unfinished runs are closed at the start of every run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from retention import batch, sql
from retention.batch import LOCK_CLASS, _batch_transaction
from retention.models import RetentionRun, RetentionSchemaRun, RunStatus
from retention.policies import Policy
from retention.selectors import retention_schemas

logger = logging.getLogger(__name__)

MAX_BATCH = 5000
CHUNK_SIZE = 50
PASS_ATTEMPTS = 3
# The task that purges a chunk, queued by name: services never import their tasks.
PURGE_CHUNK_TASK = "retention.purge_chunk"
# Its time limits (seconds): the longest task, which the broker's visibility timeout outlasts.
PURGE_CHUNK_SOFT_TIME_LIMIT = 25 * 60
PURGE_CHUNK_TIME_LIMIT = 30 * 60
# One statement (a batch) that runs longer than this is cancelled: the pass fails and is retried.
STATEMENT_TIMEOUT_MS = 10 * 60 * 1000
INCOMPLETE_STATUSES = {RunStatus.SKIPPED, RunStatus.FAILED, RunStatus.INTERRUPTED}


def stale_after() -> timedelta:
    """After this long without progress nothing can still work on a run: a live chunk finishes
    a schema within the task's hard time limit, and a message a killed worker held comes back
    within the broker's visibility timeout."""
    limit = PURGE_CHUNK_TIME_LIMIT  # the chunk task's own limit, not the global one
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {}
    visibility = int(options.get("visibility_timeout", 3600))
    return timedelta(seconds=limit + visibility)


def chunk_size() -> int:
    return max(1, int(getattr(settings, "RETENTION_CHUNK_SIZE", CHUNK_SIZE)))


def batch_size() -> int:
    return max(1, min(int(getattr(settings, "RETENTION_BATCH_SIZE", MAX_BATCH)), MAX_BATCH))


# One round trip: take the lock and, only when taken, set the pass's session settings; the
# values they had come back so that the unlock restores them (a nested lock restores the
# outer's). The subquery keeps its volatile lock call, so it runs before the outer CASEs.
_LOCK_SQL = (
    "SELECT acquired, old_commit, old_timeout, "
    "CASE WHEN acquired THEN set_config('synchronous_commit', 'off', false) END, "
    "CASE WHEN acquired AND %s::text IS NOT NULL "
    "THEN set_config('statement_timeout', %s::text, false) END "
    "FROM (SELECT pg_try_advisory_lock(%s, hashtext(%s)) AS acquired, "
    "current_setting('synchronous_commit') AS old_commit, "
    "current_setting('statement_timeout') AS old_timeout) AS attempt"
)
_UNLOCK_SQL = (
    "SELECT set_config('synchronous_commit', %s, false), "
    "set_config('statement_timeout', %s, false), pg_advisory_unlock(%s, hashtext(%s))"
)


def statement_timeout_ms() -> int:
    return int(getattr(settings, "RETENTION_STATEMENT_TIMEOUT_MS", STATEMENT_TIMEOUT_MS))


@contextmanager
def schema_lock(*, schema_name: str, statement_timeout: int | None = None) -> Iterator[bool]:
    """Yield True when this connection holds the schema's purge lock, False when another does.

    A session lock, not a transaction lock: it spans the many small transactions of a pass, and
    PostgreSQL releases it if the worker dies with its connection. While it is held, commits do
    not wait for the WAL flush: a pass is idempotent, so whatever a database crash loses of it
    is simply redone by the next run, and the many small commits stay cheap. With
    `statement_timeout` (ms), every statement run under the lock is cancelled after that long.
    """
    timeout = None if statement_timeout is None else str(statement_timeout)
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_SQL, [timeout, timeout, LOCK_CLASS, schema_name])
        acquired, old_commit, old_timeout, _commit, _timeout = cursor.fetchone()
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute(_UNLOCK_SQL, [old_commit, old_timeout, LOCK_CLASS, schema_name])


def _run_batch(statement: sql.Statement) -> tuple[int, tuple | None]:
    """Run one batch; returns (rows purged, keyset cursor for the next batch or None).

    Runs under the pass's schema_lock, whose session statement_timeout cancels a batch that
    takes too long."""
    with _batch_transaction(statement), connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        return batch.batch_result(cursor, statement)


def policy_execute(*, policy: Policy, now: datetime) -> tuple[int, int]:
    """Purge this policy's expired rows in the current schema. Returns (rows, batches)."""
    limit = batch_size()
    total = batches = 0
    after = None
    while True:
        statement = sql.delete_batch(policy, now=now, limit=limit, after=after)
        count, after = _run_batch(statement)
        total += count
        batches += 1
        # A short batch is the last; with a keyset, so is one whose cursor did not move.
        if count < limit or (statement.keyset and after is None):
            return total, batches


def _passes_run(
    *,
    run_id: int,
    schemas: list[str],
    policy_keys: list[str] | None = None,
    now: datetime | None = None,
    known: set[str] | None = None,
) -> list[RetentionSchemaRun]:
    return batch.passes_run(
        run_id=run_id,
        schemas=schemas,
        now=now or timezone.now(),
        limit=batch_size(),
        statement_timeout=statement_timeout_ms(),
        policy_keys=policy_keys,
        known=known,
    )


def schema_purge(
    *,
    run_id: int,
    policy_keys: list[str] | None = None,
    now: datetime | None = None,
    finish_run: bool = True,
) -> RetentionSchemaRun:
    """One run's pass over the schema the connection is in."""
    schema_name = connection.schema_name
    _passes_run(run_id=run_id, schemas=[schema_name], policy_keys=policy_keys, now=now)
    if finish_run:
        run_finish_if_complete(run_id=run_id)
    return RetentionSchemaRun.objects.get(run_id=run_id, schema_name=schema_name)


def run_finish_if_complete(*, run_id: int) -> None:
    with transaction.atomic():
        run = RetentionRun.objects.select_for_update().get(pk=run_id)
        if run.finished_at is not None:
            return
        statuses = set(run.schema_runs.values_list("status", flat=True))
        if statuses & {RunStatus.QUEUED, RunStatus.RUNNING}:
            return
        # Any schema not purged (skipped for a lock, failed, interrupted): not a complete run.
        run.status = RunStatus.INCOMPLETE if statuses & INCOMPLETE_STATUSES else RunStatus.OK
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])


def runs_interrupted_mark(*, now: datetime) -> int:
    """Close the runs a killed worker left unfinished, so the health check sees the gap.

    Called at the start of every run (beat or command). A run is stale when it has made no
    progress (no schema started or finished) for longer than `stale_after()`.
    """
    cutoff = now - stale_after()
    unfinished = RetentionRun.objects.filter(finished_at__isnull=True).annotate(
        progress=Greatest(
            "started_at",
            Coalesce(Max("schema_runs__started_at"), "started_at"),
            Coalesce(Max("schema_runs__finished_at"), "started_at"),
        )
    )
    stale = list(unfinished.filter(progress__lt=cutoff).values_list("pk", flat=True))
    RetentionSchemaRun.objects.filter(
        run__in=stale, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    ).update(status=RunStatus.INTERRUPTED, finished_at=now, detail="never finished (worker lost)")
    return RetentionRun.objects.filter(pk__in=stale).update(
        status=RunStatus.INTERRUPTED, finished_at=now
    )


def _run_create(*, trigger: str, schemas: list[str], now: datetime) -> RetentionRun:
    run = RetentionRun.objects.create(trigger=trigger, started_at=now)
    batch.schema_runs_create(run_id=run.pk, schemas=schemas)
    return run


def _chunks(schemas: list[str]) -> list[list[str]]:
    size = chunk_size()
    return [schemas[i : i + size] for i in range(0, len(schemas), size)]


def retention_run_dispatch(
    *, now: datetime | None = None, once_key: str = ""
) -> RetentionRun | None:
    """The nightly entry point (public schema): the schemas in chunks, public in the last one.

    Public goes last so that extranets about to be dropped are purged before they go. The run
    and its chunks commit together (outbox). With `once_key` (beat passes the day), a second
    dispatch that day does nothing and returns None.
    """
    from core.outbox import once_claim, outbox_enqueue

    now = now or timezone.now()
    runs_interrupted_mark(now=now)
    schemas = retention_schemas()
    with transaction.atomic():
        if once_key and not once_claim(key=once_key):
            return None
        run = _run_create(trigger=RetentionRun.Trigger.BEAT, schemas=schemas, now=now)
        for chunk in _chunks(schemas):
            outbox_enqueue(task_name=PURGE_CHUNK_TASK, args=[run.pk, chunk, 1])
    return run


def _retry_delay(attempt: int) -> int:
    return min(60 * 2 ** (attempt - 1), 15 * 60)


def retention_chunk_purge(*, run_id: int, schemas: list[str], attempt: int = 1) -> list[str]:
    """One chunk of a run, schema after schema, each under its own lock and in its own schema.

    A schema whose pass fails is queued again (with backoff) up to PASS_ATTEMPTS; the others go
    on. A schema that is no longer an extranet's (dropped since the dispatch) is skipped: its
    pass never runs in public or in a re-created namesake. Returns the schemas to retry.
    """
    from core.outbox import outbox_enqueue

    passes = _passes_run(run_id=run_id, schemas=schemas, known=set(retention_schemas()))
    retry = [p.schema_name for p in passes if p.status == RunStatus.FAILED]
    if retry and attempt < PASS_ATTEMPTS:
        with transaction.atomic():
            RetentionSchemaRun.objects.filter(run_id=run_id, schema_name__in=retry).update(
                status=RunStatus.QUEUED
            )
            outbox_enqueue(
                task_name=PURGE_CHUNK_TASK,
                args=[run_id, retry, attempt + 1],
                countdown=_retry_delay(attempt),
            )
    run_finish_if_complete(run_id=run_id)
    return retry if attempt < PASS_ATTEMPTS else []


def retention_run_now(
    *, schemas: list[str] | None = None, policy_keys: list[str] | None = None
) -> RetentionRun:
    """A pass in this process (the command), logged like a nightly run."""
    runs_interrupted_mark(now=timezone.now())
    schemas = schemas or retention_schemas()
    run = _run_create(trigger=RetentionRun.Trigger.COMMAND, schemas=schemas, now=timezone.now())
    for chunk in _chunks(schemas):
        _passes_run(run_id=run.pk, schemas=chunk, policy_keys=policy_keys)
    run_finish_if_complete(run_id=run.pk)
    run.refresh_from_db()
    return run
