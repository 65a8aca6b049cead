"""The path beyond one machine (docs/scaling.md): Citus schema-based sharding and PgBouncer."""

import psycopg
from django.db import connection, connections
from django_tenants.utils import get_public_schema_name
from psycopg import sql

from tenants.checks import pool_mode_check
from tenants.models import Extranet

FOREIGN_KEYS = (
    "SELECT src.nspname, t.relname, con.conname, dst.nspname, r.relname "
    "FROM pg_constraint con "
    "JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace src ON src.oid = t.relnamespace "
    "JOIN pg_class r ON r.oid = con.confrelid JOIN pg_namespace dst ON dst.oid = r.relnamespace "
    "WHERE con.contype = 'f' AND src.nspname = ANY(%s)"
)


def _tenant_schemas() -> list[str]:
    from django.conf import settings

    from tenants.selectors import extranet_list

    return [*extranet_list().values_list("schema_name", flat=True), settings.TENANT_BASE_SCHEMA]


def test_no_tenant_table_references_the_public_schema(acme, globex):
    """Citus keeps a distributed schema's foreign keys only towards reference tables."""
    schemas = _tenant_schemas()
    with connection.cursor() as cursor:
        cursor.execute(FOREIGN_KEYS, [schemas])
        keys = cursor.fetchall()
    inside = [key for key in keys if key[3] == key[0]]
    crossing = [key for key in keys if key[3] != key[0]]
    assert {"ext_acme", "ext_globex"} <= {key[0] for key in inside}  # the query sees the FKs
    assert crossing == []


def test_the_foreign_key_listing_would_see_a_reference_to_public(acme):
    with connection.cursor() as cursor:
        extranets = sql.Identifier(get_public_schema_name(), Extranet._meta.db_table)
        query = sql.SQL(
            "CREATE TABLE ext_acme.scaling_probe (extranet_id bigint REFERENCES {} (id))"
        ).format(extranets)
        cursor.execute(query.as_string(connection.connection))
        cursor.execute(FOREIGN_KEYS, [["ext_acme"]])
        crossing = [key for key in cursor.fetchall() if key[3] == get_public_schema_name()]
    assert [(key[1], key[4]) for key in crossing] == [("scaling_probe", "tenants_extranet")]


def test_search_path_is_session_state_so_only_session_pooling_is_safe(acme):
    """django-tenants' SET search_path outlives the statement and any transaction: under
    transaction pooling, the server connection left with ext_acme's path would serve the next
    client's statements."""
    own = connections.create_connection("default")  # outside the test's transaction
    try:
        own.set_schema("ext_acme")
        with own.cursor() as cursor:
            cursor.execute("SELECT 1")
        raw = own.connection
        assert raw.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        with raw.cursor() as cursor:  # a statement that did not go through django-tenants
            cursor.execute("SHOW search_path")
            assert cursor.fetchone()[0].startswith("ext_acme")
    finally:
        own.close()


def test_the_settings_refuse_transaction_pooling(settings):
    assert pool_mode_check() == []
    settings.DATABASE_POOL_MODE = "transaction"
    assert [error.id for error in pool_mode_check()] == ["tenants.E001"]
