from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from core.models import AuditEvent


def _actor_label(actor) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor
    return actor.pk, actor.get_username()


def audit_log(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Record one write. Call it in the same transaction as the write it describes."""
    actor_id, label = _actor_label(actor)
    return AuditEvent.objects.create(
        actor_id=actor_id,
        actor_label=label,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
    )


@dataclass
class RotationCount:
    schema: str
    field: str
    scanned: int = 0
    rotated: int = 0


def _rotate_column(table: str, pk: str, column: str, count: RotationCount, batch_size: int) -> None:
    from django.db import connection

    from core import crypto

    last_id = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f'SELECT "{pk}", "{column}" FROM "{table}" '  # noqa: S608
                f'WHERE "{pk}" > %s AND "{column}" <> \'\' ORDER BY "{pk}" LIMIT %s FOR UPDATE',
                [last_id, batch_size],
            )
            rows = cursor.fetchall()
            for row_id, value in rows:
                count.scanned += 1
                if not crypto.is_current(value):
                    cursor.execute(
                        f'UPDATE "{table}" SET "{column}" = %s WHERE "{pk}" = %s',  # noqa: S608
                        [crypto.rotate(value), row_id],
                    )
                    count.rotated += 1
        if len(rows) < batch_size:
            return
        last_id = rows[-1][0]


def field_keys_rotate(*, batch_size: int = 500) -> list[RotationCount]:
    """Re-encrypt every encrypted value of every schema under the primary key.

    Values already under the primary key are skipped, so a rerun after an interruption only
    does what is left. Each batch commits on its own.
    """
    from django_tenants.utils import schema_context

    from core.fields import encrypted_fields
    from tenants.selectors import extranet_list

    schemas = ["public", *extranet_list().values_list("schema_name", flat=True)]
    counts = []
    for schema in schemas:
        with schema_context(schema):
            for field in encrypted_fields():
                table = field.model._meta.db_table
                if not column_exists(schema=schema, table=table, column=field.column):
                    continue
                count = RotationCount(
                    schema=schema, field=field.model._meta.label + "." + field.name
                )
                pk = field.model._meta.pk.column
                assert pk is not None  # a concrete primary key has a column
                _rotate_column(table, pk, field.column, count, batch_size)
                counts.append(count)
    return counts


def column_exists(*, schema: str, table: str, column: str) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s AND column_name = %s",
            [schema, table, column],
        )
        return cursor.fetchone() is not None
