"""migrate_schemas migrates only the schemas that lack a migration; one failure stops nothing."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.signals import schema_migrated

from security.models import SecurityEvent
from tenants.migration_executor import schemas_pending

SCHEMAS = ["ext_acme", "ext_globex"]


@pytest.fixture
def in_process(settings):
    # The test's transaction is invisible to worker processes; one process migrates in it.
    settings.TENANT_MULTIPROCESSING_MAX_PROCESSES = 1


@pytest.fixture
def migrated_schemas():
    seen: list[str] = []

    def receiver(sender, schema_name, **kwargs):
        seen.append(schema_name)

    schema_migrated.connect(receiver)
    yield seen
    schema_migrated.disconnect(receiver)


def _unapply_security(schema: str) -> None:
    call_command(
        "migrate_schemas",
        "security",
        "zero",
        schema_name=schema,
        executor="standard",
        interactive=False,
        verbosity=0,
    )


def _has_table(schema: str, table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f"{schema}.{table}"])
        return cursor.fetchone()[0]


def test_current_schemas_are_not_pending(acme, globex):
    assert schemas_pending(schemas=SCHEMAS) == []


def test_only_the_schema_that_lacks_a_migration_is_migrated(
    acme, globex, in_process, migrated_schemas
):
    table = SecurityEvent._meta.db_table
    _unapply_security("ext_acme")
    assert not _has_table("ext_acme", table)
    assert schemas_pending(schemas=SCHEMAS) == ["ext_acme"]
    migrated_schemas.clear()  # the unapplying run above was one

    call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)

    assert migrated_schemas == ["ext_acme"]
    assert _has_table("ext_acme", table)
    assert schemas_pending(schemas=SCHEMAS) == []


def test_a_failing_schema_is_named_and_the_others_are_still_migrated(acme, globex, in_process):
    table = SecurityEvent._meta.db_table
    for schema in SCHEMAS:
        _unapply_security(schema)
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE TABLE ext_acme."{table}" (id int)')  # the migration's table

    with pytest.raises(CommandError, match="failed in 1 schema") as failure:
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)

    assert "ext_acme" in str(failure.value) and "ext_globex" not in str(failure.value)
    assert schemas_pending(schemas=SCHEMAS) == ["ext_acme"]
    assert _has_table("ext_globex", table)


def test_a_schema_without_a_migrations_table_is_pending(db):
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA ext_blank")
    assert schemas_pending(schemas=["ext_blank", "ext_acme"]) == ["ext_blank"]
