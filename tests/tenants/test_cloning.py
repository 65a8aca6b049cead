"""A new extranet's schema is an exact copy of the template: structure, names and rows."""

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import IntegrityError

from tenants.cloning import schema_clone
from tenants.services import extranet_create

TEMPLATE = settings.TENANT_BASE_SCHEMA


def _catalog(schema: str) -> dict:
    """Everything a migration could rely on, with the schema's own name taken out."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('search_path', %s, false)", [schema])
        cursor.execute(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            "a.attidentity, pg_get_expr(d.adbin, d.adrelid) "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
            "AND NOT a.attisdropped LEFT JOIN pg_attrdef d ON d.adrelid = c.oid "
            "AND d.adnum = a.attnum WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r' "
            "ORDER BY 1, a.attnum",
            [schema],
        )
        columns = cursor.fetchall()
        cursor.execute(
            "SELECT t.relname, con.conname, con.contype, pg_get_constraintdef(con.oid) "
            "FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid "
            "WHERE t.relnamespace = %s::regnamespace ORDER BY 1, 2",
            [schema],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT t.relname, replace(pg_get_indexdef(i.indexrelid), %s, '') "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relnamespace = %s::regnamespace ORDER BY 1, 2",
            [f" {schema}.", schema],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT s.relname FROM pg_class s WHERE s.relnamespace = %s::regnamespace "
            "AND s.relkind = 'S' ORDER BY 1",
            [schema],
        )
        sequences = cursor.fetchall()
    connection.set_schema_to_public()
    return {
        "columns": columns,
        "constraints": constraints,
        "indexes": indexes,
        "sequences": sequences,
    }


def _rows(schema: str, table: str, order: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{schema}"."{table}" ORDER BY {order}')
        return cursor.fetchall()


def test_a_new_extranet_schema_matches_the_template_exactly(db):
    extranet_create(slug="clonecheck", company_name="Clone Check", admin_email="a@clone.example")
    template, clone = _catalog(TEMPLATE), _catalog("ext_clonecheck")
    assert clone["columns"] and clone["indexes"] and clone["sequences"]
    assert {row[2] for row in clone["constraints"]} >= {"p", "f", "u", "c"}
    assert clone == template


def test_a_clone_copies_the_template_rows_and_continues_its_sequences(db):
    schema_clone(source=TEMPLATE, target="ext_clonerows")
    for table in ("django_migrations", "django_content_type", "auth_permission"):
        assert _rows("ext_clonerows", table, "id") == _rows(TEMPLATE, table, "id") != []
    with connection.cursor() as cursor:
        # A new row gets the next id after the copied ones instead of colliding with them.
        cursor.execute(
            "INSERT INTO ext_clonerows.django_content_type (app_label, model) "
            "VALUES ('bench', 'thing') RETURNING id"
        )
        new_id = cursor.fetchone()[0]
        cursor.execute("SELECT max(id) FROM tenant_template.django_content_type")
        assert new_id > cursor.fetchone()[0]


def test_a_clone_keeps_the_template_s_foreign_keys_inside_the_new_schema(db):
    schema_clone(source=TEMPLATE, target="ext_clonefk")
    # auth_permission.content_type_id must reference the clone's content types.
    with connection.cursor() as cursor, pytest.raises(IntegrityError):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "INSERT INTO ext_clonefk.auth_permission (name, content_type_id, codename) "
            "VALUES ('x', 999999, 'x')"
        )
