"""Benchmark: the retention engine against a raw SQL DELETE of the same rows.

For each size (total rows, half expired, half kept) spread over N schemas:
1. load the rows with generate_series (no ORM) into throwaway schemas `bench_purge_NN`, each with
   the real `core_auditevent` and `accounts_user` tables (LIKE ... INCLUDING ALL);
2. time the engine (`retention_run_now`, the audit-trail policy) in a separate worker process,
   and record that process's peak RSS;
3. reload a fresh copy and time one raw `DELETE ... WHERE at < cutoff` per schema (baseline);
4. print rows/s, the ratio to the baseline (target <= 1.5) and the worker's peak RSS.
Run at two sizes so that a memory growth with the number of rows would show.

Environment: BENCH_PURGE_SIZES (default "200000,2000000"), BENCH_PURGE_SCHEMAS (default 50),
BENCH_PURGE_OPEN_SNAPSHOT=1 to hold a REPEATABLE READ snapshot open on another connection
during both timings, as a nightly pg_dump does (dead index entries then cannot be removed).
Uses the database of the current settings (the embedded one under .var by default); the bench
schemas and the bench's run-log rows are removed at the end.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfony.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

PREFIX = "bench_purge_"
USERS = 10


def schema_names(count: int) -> list[str]:
    return [f"{PREFIX}{index:02d}" for index in range(count)]


def load(*, total: int, schemas: list[str]) -> int:
    """Half the rows 6 years old (expired after 5), half 1 year old, interleaved on disk, one
    second apart."""
    per_schema = total // len(schemas)
    old = timezone.now() - timedelta(days=6 * 365)
    recent = timezone.now() - timedelta(days=365)
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"')
            cursor.execute(
                f'CREATE TABLE "{schema}".core_auditevent '
                "(LIKE public.core_auditevent INCLUDING ALL)"
            )
            cursor.execute(
                f'CREATE TABLE "{schema}".accounts_user (LIKE public.accounts_user INCLUDING ALL)'
            )
            cursor.execute(
                f'INSERT INTO "{schema}".accounts_user (id, password, is_superuser, username, '
                "first_name, last_name, email, is_staff, is_active, date_joined, "
                "is_extranet_admin, avatar, phone, postal_address, position, function, sector, "
                "email_change_nonce_hash) "
                "SELECT g, '!', false, 'u' || g, '', '', "
                "'u' || g || '@bench.example', false, true, now(), false, "
                "'', '', '', '', '', '', '' "
                "FROM generate_series(1, %s) g",
                [USERS],
            )
            cursor.execute(
                f'INSERT INTO "{schema}".core_auditevent '
                "(at, actor_id, actor_label, action, object_type, object_id, data) "
                # One event a second, as a real trail has: distinct anchors, so the keyset
                # continues after each batch (a single shared timestamp would be one tie).
                "SELECT CASE WHEN g %% 2 = 0 THEN %s ELSE %s END + g * interval '1 second', "
                "1 + g %% %s, 'bench', "
                "'bench.row', 'bench.Thing', g::text, '{}'::jsonb "
                "FROM generate_series(1, %s) g",
                [old, recent, USERS, per_schema],
            )
        # Both copies start from the same settled state: hint bits set, visibility map built,
        # nothing left for autovacuum to do, no dirty buffers.
        for schema in schemas:
            cursor.execute(f'VACUUM (FREEZE, ANALYZE) "{schema}".core_auditevent')
        cursor.execute("CHECKPOINT")
    return per_schema * len(schemas)


def drop(schemas: list[str]) -> None:
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def remaining(schemas: list[str]) -> int:
    with connection.cursor() as cursor:
        union = " UNION ALL ".join(
            f'SELECT count(*) AS n FROM "{schema}".core_auditevent' for schema in schemas
        )
        cursor.execute(f"SELECT sum(n) FROM ({union}) counts")
        return int(cursor.fetchone()[0])


def worker(schemas: list[str]) -> None:
    """The engine, in its own process like a Celery worker; prints its timing and peak RSS."""
    from retention.models import RetentionRun
    from retention.services import retention_run_now

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    run = retention_run_now(schemas=schemas, policy_keys=["audit_trail"])
    seconds = time.monotonic() - started
    purged = sum(run.policy_runs.values_list("rows", flat=True))
    status = run.status
    RetentionRun.objects.filter(pk=run.pk).delete()  # bench rows are not real runs
    print(
        json.dumps(
            {
                "seconds": seconds,
                "purged": purged,
                "status": status,
                "rss_start_kb": rss_before,
                "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


class OpenSnapshot:
    """Another session with a snapshot taken before the purge, kept until the timing ends."""

    def __init__(self, schemas: list[str]) -> None:
        self.schemas = schemas if os.environ.get("BENCH_PURGE_OPEN_SNAPSHOT") == "1" else []
        self.conn = None

    def __enter__(self):
        if self.schemas:
            from django.db import connections

            self.conn = connections.create_connection("default")
            self.conn.set_autocommit(False)
            with self.conn.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute(f'SELECT count(*) FROM "{self.schemas[0]}".core_auditevent')
        return self

    def __exit__(self, *exc) -> None:
        if self.conn is not None:
            self.conn.rollback()
            self.conn.close()


def run_engine(schemas: list[str]) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", *schemas],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_baseline(schemas: list[str]) -> tuple[float, int]:
    cutoff = timezone.now() - timedelta(days=5 * 365)
    deleted = 0
    # A new connection, as the engine's worker has: the one that loaded the rows has every
    # bench schema's catalog cached already, which a nightly worker never has.
    connection.close()
    connection.ensure_connection()
    started = time.monotonic()
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DELETE FROM "{schema}".core_auditevent WHERE at < %s', [cutoff])
            deleted += cursor.rowcount
    return time.monotonic() - started, deleted


def bench_size(total: int, schemas: list[str]) -> None:
    print(
        f"\n-- size: {total:,} rows ({total // 2:,} expired, {total // 2:,} kept) "
        f"over {len(schemas)} schemas",
        flush=True,
    )
    started = time.monotonic()
    loaded = load(total=total, schemas=schemas)
    print(f"loaded {loaded:,} rows in {time.monotonic() - started:.1f} s", flush=True)
    with OpenSnapshot(schemas):
        engine = run_engine(schemas)
    kept = remaining(schemas)
    assert engine["status"] == "ok", engine
    assert kept == loaded - engine["purged"], (kept, engine)
    load(total=total, schemas=schemas)
    with OpenSnapshot(schemas):
        baseline_seconds, baseline_deleted = run_baseline(schemas)
    assert baseline_deleted == engine["purged"], (baseline_deleted, engine["purged"])
    ratio = engine["seconds"] / baseline_seconds if baseline_seconds else float("inf")
    print(
        f"engine:   {engine['purged']:,} rows in {engine['seconds']:.2f} s "
        f"= {engine['purged'] / engine['seconds']:,.0f} rows/s (batches of <= 5,000)"
    )
    print(
        f"baseline: {baseline_deleted:,} rows in {baseline_seconds:.2f} s "
        f"= {baseline_deleted / baseline_seconds:,.0f} rows/s (one DELETE per schema)"
    )
    print(
        f"ratio engine/baseline: {ratio:.2f}x (target <= 1.5x)"
        f"{'' if ratio <= 1.5 else '  ABOVE TARGET'}"
    )
    print(
        f"worker peak RSS: {engine['rss_peak_kb'] / 1024:.1f} MiB "
        f"(after start-up: {engine['rss_start_kb'] / 1024:.1f} MiB)",
        flush=True,
    )


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_PURGE_SIZES", "200000,2000000").split(",")]
    schemas = schema_names(int(os.environ.get("BENCH_PURGE_SCHEMAS", "50")))
    print(
        f"retention purge benchmark: sizes {sizes}, {len(schemas)} schemas, "
        f"database {connection.settings_dict['NAME']} (BENCH_PURGE_SIZES, BENCH_PURGE_SCHEMAS)"
        + (", snapshot held open" if os.environ.get("BENCH_PURGE_OPEN_SNAPSHOT") == "1" else "")
    )
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    try:
        for total in sizes:
            bench_size(total, schemas)
    finally:
        drop(schemas)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2:])
    else:
        sys.exit(main())
