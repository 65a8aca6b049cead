"""The backend's table list: the same rows as Django's, found without scanning the catalog."""

from django.db import connection
from django.db.backends.postgresql.introspection import DatabaseIntrospection

from tenants.postgresql_backend.base import SchemaIntrospection
from tests.support.tenants import in_schema


def _stock(cursor) -> list:
    """Django's own query (every pg_class row, each asked if visible), in the same schema."""
    from django_tenants.postgresql_backend.introspection import (
        DatabaseSchemaIntrospectionSearchPathContext,
    )

    with DatabaseSchemaIntrospectionSearchPathContext(cursor=cursor, connection=connection):
        return DatabaseIntrospection.get_table_list(connection.introspection, cursor)


def test_the_connection_uses_the_schema_introspection(db):
    assert isinstance(connection.introspection, SchemaIntrospection)


def test_an_extranet_lists_its_own_tables_as_django_would(acme, globex):
    with in_schema(acme), connection.cursor() as cursor:
        ours = sorted(connection.introspection.get_table_list(cursor))
        assert ours == sorted(_stock(cursor))
    names = {table.name for table in ours}
    assert {"core_auditevent", "accounts_user", "django_migrations"} <= names
    assert "tenants_extranet" not in names  # a public table


def test_public_lists_its_own_tables_as_django_would(db):
    with connection.cursor() as cursor:
        ours = sorted(connection.introspection.get_table_list(cursor))
        assert ours == sorted(_stock(cursor))
    assert "tenants_extranet" in {table.name for table in ours}
