from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from core import crypto


def field_encryption_keys(app_configs=None, **kwargs):
    """A missing or malformed key must stop start-up, not produce garbage later."""
    try:
        crypto.validate_keys(list(getattr(settings, "FIELD_ENCRYPTION_KEYS", [])))
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="core.E001")]
    return []


def field_encryption_keys_decrypt(app_configs=None, databases=None, **kwargs):
    """A well-formed but wrong key: try one stored value per encrypted field (public schema)."""
    if not databases or field_encryption_keys():
        return []
    from core.fields import encrypted_fields

    errors = []
    pending = _apps_with_pending_migrations()
    for field in encrypted_fields():
        if field.model._meta.app_label in pending:
            continue  # values may predate the migration that encrypts them; migrate first
        table = field.model._meta.db_table
        value = _sample(table, field.column)
        if value is None:
            continue
        try:
            crypto.decrypt(value, label=f"{field.model._meta.label}.{field.name}")
        except crypto.FieldDecryptionError as exc:
            errors.append(checks.Error(str(exc), id="core.E002"))
    return errors


def _apps_with_pending_migrations() -> set[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {migration.app_label for migration, _backwards in plan}


def _sample(table: str, column: str) -> str | None:
    from core.selectors import column_exists

    # Before migrate has run, the table or column may not exist yet: nothing to check then.
    if not column_exists(schema=connection.schema_name, table=table, column=column):
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\' LIMIT 1'  # noqa: S608
        )
        row = cursor.fetchone()
    return row[0] if row else None
