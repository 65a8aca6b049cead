import contextlib
from dataclasses import dataclass

from django.db import DatabaseError, models, transaction
from django_tenants.utils import get_public_schema_name

from core.audit import Actor, AuditAction
from core.models import AuditEvent
from core.selectors import column_exists


class AuditOutsideTransaction(RuntimeError):
    """audit_log was called with no transaction of the caller's own open."""


def _in_transaction() -> bool:
    connection = transaction.get_connection()
    # Django's TestCase (pytest-django's `db` fixture) runs each test inside atomic blocks
    # of its own. They are not the caller's: a service that forgot its transaction must fail
    # under test as it would in production.
    return connection.in_atomic_block and any(
        not block._from_testcase for block in connection.atomic_blocks
    )


def audit_log(
    *,
    actor: Actor,
    action: AuditAction,
    obj: models.Model | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Record one write, in the transaction of the write it describes (or it refuses)."""
    if not isinstance(actor, Actor):
        raise TypeError(f"audit_log needs an Actor, not {type(actor).__name__}")
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit_log needs an AuditAction, not {action!r}")
    if not _in_transaction():
        raise AuditOutsideTransaction(
            f"audit_log({action}) outside a transaction: open one around the write it records"
        )
    return AuditEvent.objects.create(
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action.value,
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


ROTATION = Actor.system("rotate_field_keys")


def _rotation_audit(*, count: RotationCount, actor: Actor, interrupted: bool = False) -> None:
    data = {"schema": count.schema, "field": count.field, "scanned": count.scanned}
    data |= {"rotated": count.rotated, **({"interrupted": True} if interrupted else {})}
    audit_log(actor=actor, action=AuditAction.FIELD_KEYS_ROTATED, data=data)


def _rotate_column(
    table: str, pk: str, column: str, count: RotationCount, batch_size: int, actor: Actor
) -> None:
    """Re-encrypt one column, batch by batch. Each batch commits on its own (durable: a rerun
    relies on it); the column's last batch commits its audit row, with this run's counts."""
    try:
        _rotate_batches(table, pk, column, count, batch_size, actor)
    except BaseException:
        # Batches already committed rewrote values: the trail says so before the error goes on.
        if count.rotated:
            with contextlib.suppress(DatabaseError), transaction.atomic():
                _rotation_audit(count=count, actor=actor, interrupted=True)
        raise


def _rotate_batches(
    table: str, pk: str, column: str, count: RotationCount, batch_size: int, actor: Actor
) -> None:
    from django.db import connection

    from core import crypto

    last_id = 0
    while True:
        with transaction.atomic(durable=True), connection.cursor() as cursor:
            cursor.execute(
                f'SELECT "{pk}", "{column}" FROM "{table}" '  # noqa: S608
                f'WHERE "{pk}" > %s AND "{column}" <> \'\' ORDER BY "{pk}" LIMIT %s FOR UPDATE',
                [last_id, batch_size],
            )
            rows = cursor.fetchall()
            stale = [(row_id, value) for row_id, value in rows if not crypto.is_current(value)]
            for row_id, value in stale:
                cursor.execute(
                    f'UPDATE "{table}" SET "{column}" = %s WHERE "{pk}" = %s',  # noqa: S608
                    [crypto.rotate(value), row_id],
                )
            done = len(rows) < batch_size
            if done and count.rotated + len(stale):
                final = RotationCount(
                    schema=count.schema,
                    field=count.field,
                    scanned=count.scanned + len(rows),
                    rotated=count.rotated + len(stale),
                )
                _rotation_audit(count=final, actor=actor)
        # Counted once committed, so an interruption reports only what was really rewritten.
        count.scanned += len(rows)
        count.rotated += len(stale)
        if done:
            return
        last_id = rows[-1][0]


def field_keys_rotate(*, batch_size: int = 500, actor: Actor = ROTATION) -> list[RotationCount]:
    """Re-encrypt every encrypted value of every schema under the primary key.

    Values already under the primary key are skipped, so a rerun after an interruption only
    does what is left. Each batch commits on its own. Every column with values rewritten gets
    an audit row in its schema's trail (field, values checked and rewritten by this run).
    """
    from django_tenants.utils import get_tenant_model, schema_context

    from core.fields import encrypted_fields

    # The tenant model through django-tenants, not the tenants app: core imports no app.
    public = get_public_schema_name()
    tenants = get_tenant_model().objects.exclude(schema_name=public).order_by("schema_name")
    schemas = [public, *tenants.values_list("schema_name", flat=True)]
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
                _rotate_column(table, pk, field.column, count, batch_size, actor)
                counts.append(count)
    return counts
