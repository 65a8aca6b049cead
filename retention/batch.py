"""The purge's execution path: the passes of a chunk of schemas, on one connection.

Measured before (bench-scale, 220 extranets, 1M expired audit rows; statements counted with
`connection.execute_wrapper`, plans with EXPLAIN ANALYZE): 16 statements a schema, and the
pass's batch statement itself took twice a plain DELETE of the same rows (the keyset CTE
collects every row's ctid, joins them back one TID lookup at a time, sorts the batch for its
cursor). Under load every round trip also waits for the scheduler. Here a pass is one
statement when nothing needs batches:

- its first statement takes the schema's lock and reads the extranet's legal hold: for a plain
  delete policy, that is the policy's own DELETE, which deletes only with the lock taken and
  (for a policy the hold exempts) no hold, in its own snapshot; otherwise a lock statement;
- a policy with at most a batch of expired rows (the nightly case) is one plain `DELETE`,
  guarded in the same snapshot by a count of at most `limit + 1` entries of the anchor's
  index: it never deletes more than a batch; above that it deletes nothing, and the keyset
  batches of `retention.sql.delete_batch` take over;
- no `SET search_path` of django-tenants per statement: every statement starts with
  `set_config('search_path', <schema>, true)` in the same round trip, its own transaction's
  path (autocommit), so the SQL `retention.sql` generates resolves its tables in that schema
  alone, never in public as a fallback, and the session's path is left as it was; the schema
  is a parameter, so a statement's text is the same in every schema (psycopg parses it once);
- while no hold on a person is open anywhere, that DELETE leaves out the per-row test of such
  holds (planning it opened every schema's user table), and checks in its own snapshot that
  none is open; the advisory lock is taken without reading pg_locks, except after a statement
  that failed and may have taken it;
- the unlock rides on the next schema's first statement (or the chunk's last one), the session
  settings (`synchronous_commit`, the statement timeout) are set once per chunk, and the run
  log is read once and written once per chunk (or every `FLUSH_SECONDS` of a long chunk).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django_tenants.utils import get_public_schema_name
from psycopg import sql as pgsql

from retention import sql
from retention.models import RetentionPolicyRun, RetentionSchemaRun, RunStatus
from retention.policies import Action, Exemption, Policy
from retention.selectors import policies_for_schema
from tenants.models import Extranet

logger = logging.getLogger(__name__)

LOCK_CLASS = 7_207  # first key of the purge's advisory locks; the second is hashtext(schema)
# A long chunk writes what it has done at least this often, so that the run log shows progress.
FLUSH_SECONDS = 10.0
POLICY_RUN_FIELDS = ["status", "rows", "batches", "duration_ms", "error"]
SCHEMA_RUN_FIELDS = ["status", "detail", "started_at", "finished_at", "duration_ms"]

_SETTINGS_SQL = (
    "SELECT current_setting('synchronous_commit'), current_setting('statement_timeout'), "
    "set_config('synchronous_commit', 'off', false), set_config('statement_timeout', %s, false)"
)
_RESTORE_SQL = (
    "SELECT set_config('synchronous_commit', %s, false), set_config('statement_timeout', %s, false)"
)
# This session's hold on a schema's purge lock (a lock on two int4 keys: objsubid 2).
_MINE = (
    "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
    "AND classid = {key}::oid AND objid = hashtext({schema})::oid AND objsubid = 2)"
)
_TRY = "pg_try_advisory_lock({key}, hashtext({schema}))"
# After a failed statement that may or may not have taken the lock (a session lock outlives the
# statement's rollback), it is taken only when not held already: held twice, the single unlock
# would leave it held. Reading pg_locks costs a scan of the lock table, so only then.
_TAKE_GUARDED = "CASE WHEN " + _MINE + " THEN true ELSE " + _TRY + " END"
# The public schema's row is never held (its pass drops the extranets that are due).
_HELD = (
    "EXISTS (SELECT 1 FROM {extranets} WHERE schema_name = {schema} AND legal_hold "
    "AND schema_name <> {public})"
)
_RELEASE = "SELECT pg_advisory_unlock({key}, hashtext({schema}))"
_RELEASE_GUARDED = _RELEASE + " WHERE " + _MINE


def _lock_parts() -> dict:
    """The lock statements' parts; the schema is a parameter."""
    return {
        "key": pgsql.Literal(LOCK_CLASS),
        "schema": pgsql.Placeholder(),
        "extranets": pgsql.Identifier(get_public_schema_name(), Extranet._meta.db_table),
        "public": pgsql.Literal(get_public_schema_name()),
    }


def _take(guarded: bool) -> str:
    return _TAKE_GUARDED if guarded else _TRY


def _lock_sql(*, guarded: bool) -> pgsql.Composed:
    """Take the schema's purge lock and read its extranet's legal hold, in one statement.
    Parameters: the schema, as often as `_schema_uses` says."""
    return pgsql.SQL("SELECT " + _take(guarded) + ", " + _HELD).format(**_lock_parts())


def _schema_uses(*, guarded: bool) -> int:
    """How many times a locking statement takes the schema as a parameter."""
    return 3 if guarded else 2


def _fragment(where) -> pgsql.Composable:
    """A WHERE fragment of retention.sql, as text or already composed."""
    return where if isinstance(where, pgsql.Composable) else pgsql.SQL(where)


def _due_sql(policy: Policy, *, now: datetime) -> tuple[pgsql.Composable, list]:
    """An upper bound of the expired rows: the anchor's condition alone, which an index-only
    scan of the anchor's index answers; the policy's exemptions only keep more rows."""
    if policy.expiry is None and policy.anchor_field:
        column = policy.model._meta.get_field(policy.anchor_field).column
        condition = pgsql.SQL("t.{} < %s").format(pgsql.Identifier(column))
        return condition, [sql.cutoff_for(policy, now=now)]
    where, params = sql.expired_where(policy, now=now)
    return _fragment(where), params


def _whole_sql(
    policy: Policy,
    *,
    now: datetime,
    limit: int,
    locking: bool,
    subjects: bool = True,
    guarded: bool = False,
) -> tuple:
    """All the policy's expired rows in one plain DELETE, when there are at most `limit`.

    The count reads at most `limit + 1` entries of the anchor's index and runs once (a
    materialized CTE, an InitPlan of the DELETE), in the DELETE's snapshot: it can only take
    rows that were counted, so a batch stays bounded. Above `limit`, nothing is deleted. With
    `locking` (the pass's first statement; its parameters start with the schema, as often as
    `_schema_uses` says)
    it also takes the schema's lock and reads the extranet's legal hold, and deletes only with
    the lock taken (and no hold, for a policy the hold exempts); `guarded` takes it only if
    this session does not hold it already (after a failed statement).

    Without `subjects`, the per-row test of the holds on people is left out and the DELETE runs
    only while no such hold is open at all (`free`, read once in the same snapshot), the nightly
    case: that test, planned in every schema, cost more than the DELETE. When one is open, the
    statement deletes nothing and says so, and the caller runs the one with `subjects`.

    A top-level DELETE, not a CTE with RETURNING, whose result would fetch every deleted row
    again: what it decided is noted in a setting of its own transaction, which the SELECT
    after it, in the same round trip, returns ("<taken>,<held>,<count>,<free>", see
    `_whole_run`).
    """
    where, params = sql.expired_where(policy, now=now, subjects=subjects)
    due, due_params = _due_sql(policy, now=now)
    if locking:
        lock = pgsql.SQL(_take(guarded) + " AS taken, " + _HELD + " AS held, ")
        lock = lock.format(**_lock_parts())
        exempt = Exemption.TENANT_LEGAL_HOLD in policy.exemptions
    else:
        lock, exempt = pgsql.SQL("true AS taken, false AS held, "), False
    free = pgsql.SQL("true") if subjects else sql.no_open_holds(policy)
    table = pgsql.Identifier(policy.model._meta.db_table)
    deleted_so_far = pgsql.SQL("pg_stat_get_xact_tuples_deleted({}::regclass)").format(
        pgsql.Literal(policy.model._meta.db_table)
    )
    statement = pgsql.SQL(
        "WITH pass AS MATERIALIZED (SELECT taken, held, n, free, "
        "set_config('retention.pass', concat_ws(',', taken, held, n, free), true), "
        "set_config('retention.before', {deleted_so_far}::text, true) FROM (SELECT {lock}"
        "(SELECT count(*) FROM (SELECT 1 FROM {table} t WHERE {due} LIMIT %s) AS e) AS n, "
        "{free} AS free) AS s) "
        "DELETE FROM {table} t WHERE (SELECT {gate} AND free AND n <= %s FROM pass) AND {where}; "
        "{audit}; "
        "SELECT current_setting('retention.pass')"
    ).format(
        lock=lock,
        table=table,
        due=due,
        gate=pgsql.SQL("taken AND NOT held" if exempt else "taken"),
        free=free,
        where=_fragment(where),
        deleted_so_far=deleted_so_far,
        audit=_whole_audit_sql(deleted_so_far),
    )
    audit_params = [now, policy.model._meta.label, policy.key]
    return statement, [*due_params, limit + 1, limit, *params, *audit_params]


def _whole_audit_sql(deleted_so_far: pgsql.Composable) -> pgsql.Composable:
    """The audit event of the DELETE before it, in the same transaction: the rows this
    transaction has deleted from the table since the pass began (PostgreSQL's own count of
    the transaction, so exact, and without a RETURNING that would fetch every row again).
    None when nothing was deleted, as for a keyset batch (retention.sql)."""
    select = pgsql.SQL(
        "SELECT %s, NULL, {actor}, {action}, %s, '', "
        "jsonb_build_object('policy', %s::text, 'rows', g.n) FROM (SELECT {deleted_so_far} "
        "- current_setting('retention.before')::bigint AS n) g WHERE g.n > 0"
    ).format(
        actor=pgsql.Literal(sql.AUDIT_ACTOR),
        action=pgsql.Literal(sql.AUDIT_BATCH_PURGED),
        deleted_so_far=deleted_so_far,
    )
    return sql.audit_insert(select)


def _whole_applies(policy: Policy) -> bool:
    # Children, files and proof rows need the CTEs of retention.sql.delete_batch.
    return (
        policy.action is Action.DELETE
        and not policy.children
        and not policy.files
        and not policy.proof
    )


def _text(statement) -> str:
    if isinstance(statement, str):
        return statement
    connection.ensure_connection()
    return statement.as_string(connection.connection)


class Session:
    """The chunk's cursor and settings (re-opened after a lost connection), and the unlock of
    the last pass, sent with the next statement rather than in a round trip of its own."""

    def __init__(self, *, statement_timeout: int) -> None:
        self.timeout = str(statement_timeout)
        self.cursor = None
        self.saved: tuple[str, str] | None = None
        # The schema whose lock the next statement releases, and whether this session is
        # known to hold it (else the unlock checks first, see `_TAKE_GUARDED`).
        self.release_pending: tuple[str, bool] | None = None
        self._paths: dict[str, str] = {}
        self.lock_sql = {g: _text(_lock_sql(guarded=g)) for g in (False, True)}
        self._release_sql = {
            g: _text(pgsql.SQL(text).format(**_lock_parts())) + "; "
            for g, text in ((False, _RELEASE), (True, _RELEASE_GUARDED))
        }

    def release(self, schema_name: str, *, held: bool | None) -> None:
        """Unlock with the next statement: `held` True when this pass took the lock, False when
        it did not, None when a failed statement leaves it unknown."""
        self.release_pending = None if held is False else (schema_name, held is None)

    def _release_head(self, *, unless: str | None = None) -> tuple[str, list]:
        """The pending unlock's text and parameters, unless it is `unless`'s own lock."""
        if self.release_pending is None or self.release_pending[0] == unless:
            return "", []
        schema_name, guarded = self.release_pending
        self.release_pending = None
        return self._release_sql[guarded], [schema_name] * (2 if guarded else 1)

    def open(self):
        if self.cursor is None:
            self.cursor = connection.cursor()
            self.cursor.execute(_SETTINGS_SQL, [self.timeout])
            self.saved = self.cursor.fetchone()[:2]
        return self.cursor

    def lost(self) -> None:
        """After an error outside the policies: a lost connection is closed and re-opened."""
        if connection.connection is not None and not connection.is_usable():
            self.cursor = None
            self.release_pending = None  # a closed session holds no lock
            if not connection.in_atomic_block:
                connection.close()  # the next query opens a new one

    def close(self) -> None:
        if self.cursor is not None:
            try:
                release, params = self._release_head()
                self.cursor.execute(release + _RESTORE_SQL, [*params, *self.saved])
            finally:
                self.cursor.close()
                self.cursor = None

    def execute(self, schema_name: str, statement, params: list):
        """`statement` (text or composed) in `schema_name`, in one round trip, after the
        pending unlock of another schema's pass.

        The schema is a parameter, not in the text, so that the text of a statement is the
        same in every schema and psycopg parses it once (it caches by text)."""
        cursor = self.open()
        release, release_params = self._release_head(unless=schema_name)
        head, head_params = _SEARCH_PATH + release, [self._path(schema_name), *release_params]
        cursor.execute(head + _text(statement), [*head_params, *params])
        cursor.nextset()  # past the search path's result
        if release:
            cursor.nextset()  # past the unlock's
        return cursor

    def _path(self, schema_name: str) -> str:
        path = self._paths.get(schema_name)
        if path is None:
            path = self._paths[schema_name] = _text(pgsql.Identifier(schema_name))
        return path


# For this statement's transaction only: the schema alone, no fallback to public.
_SEARCH_PATH = "SELECT set_config('search_path', %s, true); "


def _batch_transaction(statement: sql.Statement):
    """A statement that returns files runs in a transaction of its own, to delete the files
    before its rows commit; any other is atomic by itself in autocommit (a savepoint when the
    caller is already in a transaction, so that a failed one rolls back alone)."""
    if statement.returns == "files" or connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def _files_delete(rows: list[tuple], fields: tuple) -> None:
    # Before the batch commits: a crash then leaves rows without files (deleted next run),
    # never files without rows (which nothing would find again).
    for row in rows:
        for name, file_field in zip(row, fields, strict=True):
            if name:
                file_field.storage.delete(name)


def _batch_run(session: Session, schema_name: str, statement: sql.Statement):
    """One keyset batch; returns (rows purged, cursor for the next batch or None)."""
    with _batch_transaction(statement):
        cursor = session.execute(schema_name, statement.sql, statement.params)
        return batch_result(cursor, statement)


def batch_result(cursor, statement: sql.Statement) -> tuple[int, tuple | None]:
    """What a keyset batch returned: (rows purged, cursor for the next batch or None); the
    files of the rows it deleted are deleted too."""
    if statement.returns == "files":
        rows = cursor.fetchall()
        after = tuple(rows[-1][-2:]) if statement.keyset and rows else None
        if statement.keyset:
            rows = [row[:-2] for row in rows]
        _files_delete(rows, statement.file_fields)
        return len(rows), after
    row = cursor.fetchone()  # "count"
    after = tuple(row[1:3]) if statement.keyset and row[1] is not None else None
    return row[0], after


class Whole(NamedTuple):
    """What a whole DELETE found and did."""

    taken: bool  # the schema's lock
    held: bool  # the extranet's legal hold
    due: int  # expired rows counted, up to the limit + 1
    deleted: int
    free: bool  # no hold on a person open (always true with the per-row test)


def _whole_run(session: Session, schema_name: str, statement, params) -> Whole:
    savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with savepoint:
        cursor = session.execute(schema_name, statement, params)
        deleted = cursor.rowcount
        cursor.nextset()  # past the audit event's INSERT
        cursor.nextset()
        taken, held, due, free = cursor.fetchone()[0].split(",")
    return Whole(taken == "t", held == "t", int(due), deleted, free == "t")


def _keyset_purge(session: Session, schema_name: str, policy: Policy, *, now, limit):
    total = batches = 0
    after = None
    while True:
        statement = sql.delete_batch(policy, now=now, limit=limit, after=after)
        count, after = _batch_run(session, schema_name, statement)
        total += count
        batches += 1
        # A short batch is the last; with a keyset, so is one whose cursor did not move.
        if count < limit or (statement.keyset and after is None):
            return total, batches


@dataclass
class Chunk:
    """What every pass of the chunk shares: the time, the batch size, composed statements, and
    whether a hold on a person is open (then the whole DELETEs test each row for one)."""

    now: datetime
    limit: int
    policy_keys: list[str] | None
    subjects: bool = False
    _policies: dict[bool, list[Policy]] = field(default_factory=dict)
    _whole: dict[tuple, tuple] = field(default_factory=dict)

    def policies(self, schema_name: str) -> list[Policy]:
        public = schema_name == get_public_schema_name()
        if public not in self._policies:
            self._policies[public] = policies_for_schema(
                schema_name=schema_name, keys=self.policy_keys
            )
        return self._policies[public]

    def whole(
        self, policy: Policy, *, schema_name: str, locking: bool, guarded: bool = False
    ) -> tuple[str, list]:
        """The policy's whole DELETE in this schema: its text and parameters."""
        key = (policy.key, locking, guarded, self.subjects)
        if key not in self._whole:
            statement, params = _whole_sql(
                policy,
                now=self.now,
                limit=self.limit,
                locking=locking,
                subjects=self.subjects,
                guarded=guarded,
            )
            self._whole[key] = (_text(statement), params)
        text, params = self._whole[key]
        if locking:
            params = [schema_name] * _schema_uses(guarded=guarded) + params
        return text, params


HELD = "legal hold on the extranet"


class Pass:
    """One schema's pass. Its first statement takes the schema's lock and reads the legal
    hold: the first policy's own DELETE when it is a whole one, else a lock statement."""

    def __init__(self, session: Session, chunk: Chunk, schema_name: str) -> None:
        self.session, self.chunk, self.schema_name = session, chunk, schema_name
        self.taken: bool | None = None  # unknown until a statement that takes it has run
        self.tried = False  # a statement that takes it was sent (and may have failed)
        self.held = False

    def lock_state(self) -> bool | None:
        """True when the pass holds the schema's lock, False when it does not, None when a
        failed statement leaves it unknown."""
        if self.taken is None:
            return None if self.tried else False
        return self.taken

    def run(self) -> list[RetentionPolicyRun] | None:
        """The policies' run-log rows (not yet written), or None when another pass holds the
        schema's lock."""
        rows = []
        for policy in self.chunk.policies(self.schema_name):
            if self.taken is None and not _whole_applies(policy):
                guarded, self.tried = self.tried, True
                statement = self.session.lock_sql[guarded]
                params = [self.schema_name] * _schema_uses(guarded=guarded)
                lock = self.session.execute(self.schema_name, statement, params)
                self.taken, self.held = lock.fetchone()
            if self.taken is False:
                return None
            row = self.policy_row(policy)
            if self.taken is False:  # the policy's statement found the lock taken
                return None
            rows.append(row)
        return rows

    def policy_row(self, policy: Policy) -> RetentionPolicyRun:
        started = time.monotonic()
        row = RetentionPolicyRun(
            schema_name=self.schema_name, policy_key=policy.key, status=RunStatus.OK
        )
        try:
            if self.held and Exemption.TENANT_LEGAL_HOLD in policy.exemptions:
                row.status, row.error = RunStatus.SKIPPED, HELD
            elif policy.action is Action.DROP_TENANT:
                from retention.customers import customers_retention_execute

                row.rows = customers_retention_execute(policy=policy, now=self.chunk.now)
                row.batches = 1
            else:
                outcome = self.purge(policy)
                if outcome is None:
                    row.status, row.error = RunStatus.SKIPPED, HELD
                else:
                    row.rows, row.batches = outcome
        except Exception as exc:
            logger.exception("retention policy %s failed in %s", policy.key, self.schema_name)
            row.status, row.error = RunStatus.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
        row.duration_ms = int((time.monotonic() - started) * 1000)
        return row

    def purge(self, policy: Policy) -> tuple[int, int] | None:
        """(rows, batches); None when nothing was done (the lock or the hold)."""
        limit = self.chunk.limit
        if _whole_applies(policy):
            whole = self.whole(policy)
            if not self.taken or (self.held and Exemption.TENANT_LEGAL_HOLD in policy.exemptions):
                return None
            if not whole.free:  # a hold on a person is open: from now on, test every row
                self.chunk.subjects = True
                whole = self.whole(policy)
            if whole.due <= limit:
                return whole.deleted, 1
        now = self.chunk.now
        return _keyset_purge(self.session, self.schema_name, policy, now=now, limit=limit)

    def whole(self, policy: Policy) -> Whole:
        """The policy's whole DELETE; the pass's first statement takes the lock too."""
        locking = self.taken is None
        guarded = locking and self.tried
        statement, params = self.chunk.whole(
            policy, schema_name=self.schema_name, locking=locking, guarded=guarded
        )
        self.tried = self.tried or locking
        whole = _whole_run(self.session, self.schema_name, statement, params)
        if locking:
            self.taken, self.held = whole.taken, whole.held
        return whole


def schema_pass(session: Session, chunk: Chunk, schema_run: RetentionSchemaRun) -> list:
    """One schema's pass under its lock; sets the outcome on `schema_run`, returns the
    policies' run-log rows (not yet written). The unlock goes with the next statement."""
    current = Pass(session, chunk, schema_run.schema_name)
    try:
        rows = current.run()
    finally:
        session.release(schema_run.schema_name, held=current.lock_state())
    if rows is None:
        schema_run.status, schema_run.detail = RunStatus.SKIPPED, "another run holds this schema"
        return []
    failed = [f"{row.policy_key}: {row.error}" for row in rows if row.status == RunStatus.FAILED]
    schema_run.status = RunStatus.FAILED if failed else RunStatus.OK
    schema_run.detail = "; ".join(failed)[:300]
    return rows


def _runs_start(
    *, run_id: int, schemas: list[str], known: set[str] | None, now: datetime
) -> list[RetentionSchemaRun]:
    """The chunk's run-log rows to work on, marked running; a redelivered chunk skips the
    passes already done, and a schema no longer an extranet's is skipped, never run."""
    runs = RetentionSchemaRun.objects.filter(run_id=run_id, schema_name__in=schemas)
    existing = {run.schema_name: run for run in runs}
    missing = [s for s in schemas if s not in existing]
    if missing:
        RetentionSchemaRun.objects.bulk_create(
            [RetentionSchemaRun(run_id=run_id, schema_name=s) for s in missing],
            ignore_conflicts=True,
        )
        runs = RetentionSchemaRun.objects.filter(run_id=run_id, schema_name__in=missing)
        existing.update({run.schema_name: run for run in runs})
    todo, gone = [], []
    for schema_name in dict.fromkeys(schemas):
        schema_run = existing[schema_name]
        if schema_run.status in (RunStatus.OK, RunStatus.SKIPPED):
            continue  # a redelivered task: this pass is already done
        if known is not None and schema_name not in known:
            if schema_run.status == RunStatus.QUEUED:
                gone.append(schema_run.pk)
            continue
        todo.append(schema_run)
    if gone:
        RetentionSchemaRun.objects.filter(pk__in=gone).update(
            status=RunStatus.SKIPPED, detail="the extranet no longer exists", finished_at=now
        )
    RetentionSchemaRun.objects.filter(pk__in=[r.pk for r in todo]).update(
        status=RunStatus.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    for schema_run in todo:
        schema_run.status, schema_run.started_at = RunStatus.RUNNING, now
        schema_run.attempts += 1
    return todo


def _columns(model, names: list[str]) -> tuple[list, pgsql.Composable, pgsql.Composable]:
    """The fields, their columns and one typed array parameter for each, to read rows from
    arrays with `unnest` (`bulk_create` and `bulk_update` cost more Python per row than a
    pass costs the database)."""
    fields = [model._meta.get_field(name) for name in names]
    columns = pgsql.SQL(", ").join(pgsql.Identifier(f.column) for f in fields)
    arrays = pgsql.SQL(", ").join(
        pgsql.SQL("%s::{}[]").format(pgsql.SQL(f.db_type(connection))) for f in fields
    )
    return fields, columns, arrays


def _values(fields: list, objects: list) -> list[list]:
    return [[getattr(obj, f.attname) for obj in objects] for f in fields]


def schema_runs_create(*, run_id: int, schemas: list[str]) -> None:
    """A run's schemas, queued, in one INSERT."""
    runs = [RetentionSchemaRun(run_id=run_id, schema_name=name) for name in schemas]
    fields, columns, arrays = _columns(
        RetentionSchemaRun, ["run", "schema_name", "status", "detail", "duration_ms", "attempts"]
    )
    statement = pgsql.SQL("INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays})").format(
        table=pgsql.Identifier(RetentionSchemaRun._meta.db_table), columns=columns, arrays=arrays
    )
    with connection.cursor() as cursor:
        cursor.execute(_text(statement), _values(fields, runs))


def _schema_runs_update(schema_runs: list[RetentionSchemaRun]) -> None:
    """The passes' ends in one UPDATE."""
    fields, columns, arrays = _columns(RetentionSchemaRun, ["id", *SCHEMA_RUN_FIELDS])
    names = [pgsql.Identifier(f.column) for f in fields]
    statement = pgsql.SQL(
        "UPDATE {table} AS r SET {sets} FROM unnest({arrays}) AS v({columns}) WHERE r.{pk} = v.{pk}"
    ).format(
        table=pgsql.Identifier(RetentionSchemaRun._meta.db_table),
        sets=pgsql.SQL(", ").join(pgsql.SQL("{0} = v.{0}").format(name) for name in names[1:]),
        arrays=arrays,
        columns=columns,
        pk=names[0],
    )
    with connection.cursor() as cursor:
        cursor.execute(_text(statement), _values(fields, schema_runs))


def _policy_runs_upsert(rows: list[RetentionPolicyRun]) -> None:
    """The policies' rows in one INSERT; a redelivered or retried pass overwrites its own."""
    unique = ["run", "schema_name", "policy_key"]
    fields, columns, arrays = _columns(RetentionPolicyRun, [*unique, *POLICY_RUN_FIELDS])
    statement = pgsql.SQL(
        "INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}) "
        "ON CONFLICT ({unique}) DO UPDATE SET {sets}"
    ).format(
        table=pgsql.Identifier(RetentionPolicyRun._meta.db_table),
        columns=columns,
        arrays=arrays,
        unique=pgsql.SQL(", ").join(pgsql.Identifier(f.column) for f in fields[: len(unique)]),
        sets=pgsql.SQL(", ").join(
            pgsql.SQL("{0} = EXCLUDED.{0}").format(pgsql.Identifier(f.column))
            for f in fields[len(unique) :]
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute(_text(statement), _values(fields, rows))


def _runs_write(run_id: int, done: list[tuple[RetentionSchemaRun, list]]) -> None:
    """The passes' rows in one transaction: their policies and their ends."""
    if not done:
        return
    rows = [row for _schema_run, policy_rows in done for row in policy_rows]
    for row in rows:
        row.run_id = run_id
    with transaction.atomic():
        if rows:
            _policy_runs_upsert(rows)
        _schema_runs_update([schema_run for schema_run, _rows in done])


def passes_run(
    *,
    run_id: int,
    schemas: Iterable[str],
    now: datetime,
    limit: int,
    statement_timeout: int,
    policy_keys: list[str] | None = None,
    known: set[str] | None = None,
) -> list[RetentionSchemaRun]:
    """The passes of these schemas, one after the other, each under its own lock; one that
    fails (an error, a statement timeout) is marked failed and the others go on. With
    `known`, a schema not in it is skipped. Returns the run-log rows of the passes run."""
    schemas = list(schemas)
    todo = _runs_start(run_id=run_id, schemas=schemas, known=known, now=now)
    chunk = Chunk(now=now, limit=limit, policy_keys=policy_keys)
    session = Session(statement_timeout=statement_timeout)
    done: list[tuple[RetentionSchemaRun, list]] = []
    flushed = time.monotonic()
    try:
        for schema_run in todo:
            schema_run.started_at = timezone.now()
            started = time.monotonic()
            try:
                rows = schema_pass(session, chunk, schema_run)
            except Exception as exc:
                logger.exception("retention pass failed in %s", schema_run.schema_name)
                session.lost()
                rows = []
                schema_run.status = RunStatus.FAILED
                schema_run.detail = f"{type(exc).__name__}: {exc}"[:300]
            schema_run.duration_ms = int((time.monotonic() - started) * 1000)
            schema_run.finished_at = timezone.now()
            done.append((schema_run, rows))
            if time.monotonic() - flushed > FLUSH_SECONDS:
                _runs_write(run_id, done)
                done, flushed = [], time.monotonic()
    finally:
        session.close()
    _runs_write(run_id, done)
    return todo
