"""Emailing every extranet user about a published policy change. Thin: legal.services does the
work (one task per extranet, in batches, resumable and idempotent)."""

from __future__ import annotations

from legal import services
from perfony.celery import EMAIL_TASK_OPTIONS, app


@app.task(name=services.POLICY_CHANGE_NOTIFY_TASK)
def policy_change_notify(policy_id: int) -> int:
    """Runs in public: queue one notification task in each extranet's schema."""
    return services.policy_change_notify_extranets(policy_id=policy_id)


@app.task(name=services.POLICY_CHANGE_NOTIFY_TENANT_TASK, **EMAIL_TASK_OPTIONS)
def policy_change_notify_tenant(policy_id: int) -> int:
    """Runs in an extranet's schema: email the next batch of its users, then queue the rest."""
    return services.policy_change_notify_batch(policy_id=policy_id)
