"""Emailing every extranet user about a published policy change: one task per extranet, in
batches, resumable (a cursor per extranet) and idempotent (a user is never emailed twice)."""

from __future__ import annotations

from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.outbox import outbox_enqueue
from perfony.celery import app

BATCH_SIZE = 200


@app.task
def policy_change_notify(policy_id: int) -> int:
    """Runs in public: queue one notification task in each extranet's schema."""
    from tenants.selectors import extranet_list

    count = 0
    with transaction.atomic():
        for extranet in extranet_list():
            with tenant_context(extranet):  # the message carries this schema and extranet id
                outbox_enqueue(task_name=policy_change_notify_tenant.name, args=[policy_id])
            count += 1
    return count


@app.task
def policy_change_notify_tenant(policy_id: int) -> int:
    """Runs in an extranet's schema: email the next batch of its users, then queue the rest."""
    from legal.emails import policy_change_messages
    from legal.models import PolicyNoticeDelivery, PolicyVersion

    policy = PolicyVersion.objects.filter(pk=policy_id, published_at__isnull=False).first()
    if policy is None:
        return 0
    with transaction.atomic():
        delivery, _created = PolicyNoticeDelivery.objects.select_for_update().get_or_create(
            policy=policy, schema_name=connection.schema_name
        )
        if delivery.finished_at is not None:
            return 0
        users = _recipients(after_id=delivery.last_user_id)
        get_connection().send_messages(policy_change_messages(policy=policy, users=users))
        delivery.sent += len(users)
        if users:
            delivery.last_user_id = users[-1].pk
        if len(users) < BATCH_SIZE:
            delivery.finished_at = timezone.now()
        delivery.save()
        if delivery.finished_at is None:
            outbox_enqueue(task_name=policy_change_notify_tenant.name, args=[policy_id])
    return len(users)


def _recipients(*, after_id: int) -> list:
    from accounts.models import User

    users = (
        User.objects.filter(is_active=True, pk__gt=after_id)
        .exclude(email="")
        .exclude(username__startswith=User.ERASED_PREFIX)
        .order_by("pk")[:BATCH_SIZE]
    )
    return list(users)
