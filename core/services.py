from typing import Any

from django.db import models

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
