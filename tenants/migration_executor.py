# ruff: noqa: S608 -- schema names are quoted by _quote() and _literal()
"""`migrate_schemas` that skips the extranets that are current and migrates the others in parallel.

django-tenants' standard executor runs Django's whole `migrate` command in every schema, one
after another, even when nothing is pending: about 0.3 s per schema on this machine, 5 minutes
at 1,000 extranets. Here one query compares every schema's django_migrations rows with the
migration graph; only the schemas that lack a migration are migrated, in
TENANT_MULTIPROCESSING_MAX_PROCESSES worker processes. A schema whose migration fails stops
nothing else: the others go on, and the command fails at the end naming every failed schema.

It is the default (settings GET_EXECUTOR_FUNCTION); `--executor=standard` still picks
django-tenants' own, which the benchmark uses as its baseline.
"""

from __future__ import annotations

import logging
import multiprocessing
import traceback

from django.conf import settings
from django.core.management import CommandError
from django.core.management.base import BaseCommand
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.migration_executors import get_executor as django_tenants_get_executor
from django_tenants.migration_executors.base import MigrationExecutor, run_migrations

logger = logging.getLogger(__name__)

# Options that ask migrate for something other than "bring every schema to the latest state":
# with them, every schema goes through django-tenants' standard path.
_SPECIAL_OPTIONS = (
    "app_label",
    "migration_name",
    "fake",
    "fake_initial",
    "plan",
    "prune",
    "check_unapplied",
    "run_syncdb",
)


def get_executor(codename: str | None = None):
    """settings.GET_EXECUTOR_FUNCTION: this executor unless another is named (--executor)."""
    if codename in (None, SkipCurrentExecutor.codename):
        return SkipCurrentExecutor
    return django_tenants_get_executor(codename)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def migrations_expected() -> list[str]:
    """Every migration of the graph, as 'app.name'; migrate records all of them in each schema."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return sorted(f"{app}.{name}" for app, name in graph.nodes)


def schemas_pending(*, schemas: list[str], database: str = "default") -> list[str]:
    """The schemas, in the given order, whose django_migrations lacks a migration of the graph."""
    if not schemas:
        return []
    connection = connections[database]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind = 'r' AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        with_table = {row[0] for row in cursor.fetchall()}
        pending = set(schemas) - with_table
        if with_table:
            # One statement for every schema; it returns only the schemas that lack something.
            checks = " UNION ALL ".join(
                f"SELECT {_literal(schema)} FROM expected WHERE NOT expected.names <@ ARRAY("
                f"SELECT app || '.' || name FROM {_quote(schema)}.django_migrations)"
                for schema in sorted(with_table)
            )
            cursor.execute(
                f"WITH expected AS (SELECT %s::text[] AS names) {checks}",
                [migrations_expected()],
            )
            pending |= {row[0] for row in cursor.fetchall()}
    return [schema for schema in schemas if schema in pending]


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _migrate_one(args, options, codename: str, schema_name: str) -> str | None:
    """Migrate one schema; the error as text instead of an exception, so the others go on."""
    connection = connections[options.get("database") or "default"]
    try:
        if connection.in_atomic_block:
            # Called inside a transaction (tests): a savepoint keeps a failure to this schema.
            with transaction.atomic(using=connection.alias):
                run_migrations(args, options, codename, schema_name, allow_atomic=True)
        else:
            run_migrations(args, options, codename, schema_name, allow_atomic=False)
    except Exception as exc:
        logger.error("migrations failed in schema %s\n%s", schema_name, traceback.format_exc())
        connection.set_schema_to_public()
        return f"{type(exc).__name__}: {exc}"
    return None


def _migrate_one_in_worker(job: tuple) -> tuple[str, str | None]:
    args, options, codename, schema_name = job
    error = _migrate_one(args, options, codename, schema_name)
    connections.close_all()  # a worker never carries one schema's catalog cache to the next
    return schema_name, error


class SkipCurrentExecutor(MigrationExecutor):
    codename = "skip-current"

    def _processes(self) -> int:
        return max(1, int(getattr(settings, "TENANT_MULTIPROCESSING_MAX_PROCESSES", 2)))

    def run_migrations(self, tenants=None):
        tenants = list(tenants or [])
        if self.PUBLIC_SCHEMA_NAME in tenants:
            run_migrations(self.args, self.options, self.codename, self.PUBLIC_SCHEMA_NAME)
            tenants.remove(self.PUBLIC_SCHEMA_NAME)
        if not tenants:
            return
        if any(self.options.get(option) for option in _SPECIAL_OPTIONS):
            django_tenants_get_executor("standard")(self.args, self.options).run_migrations(
                tenants=tenants
            )
            return
        database = self.options.get("database") or self.TENANT_DB_ALIAS
        pending = schemas_pending(schemas=tenants, database=database)
        verbosity = int(self.options.get("verbosity", 1))
        if verbosity >= 1:
            print(f"{len(tenants) - len(pending)} schemas current, {len(pending)} to migrate")
        if not pending:
            return
        if not self.options.get("skip_checks"):
            BaseCommand().check(databases=[database])  # once here, not once per schema
        options = {**self.options, "skip_checks": True}
        failures = self._migrate(pending, options)
        if failures:
            for schema_name, error in failures:
                print(f"migrations failed in {schema_name}: {error}")
            names = ", ".join(name for name, _error in failures)
            raise CommandError(f"Migrations failed in {len(failures)} schema(s): {names}")

    def _migrate(self, schemas: list[str], options: dict) -> list[tuple[str, str]]:
        processes = min(self._processes(), len(schemas))
        connection = connections[options.get("database") or self.TENANT_DB_ALIAS]
        if processes == 1 or connection.in_atomic_block:
            results = [
                (name, _migrate_one(self.args, options, self.codename, name)) for name in schemas
            ]
        else:
            connections.close_all()  # forked workers must not share the parent's socket
            context = multiprocessing.get_context("fork")
            jobs = [(self.args, options, self.codename, name) for name in schemas]
            with context.Pool(processes=processes) as pool:
                results = list(pool.imap_unordered(_migrate_one_in_worker, jobs, chunksize=1))
        return [(name, error) for name, error in results if error]

    def run_multi_type_migrations(self, tenants):
        raise CommandError("Perfony has one tenant type; multi-type migrations do not apply.")
