from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from core.audit import Actor, AuditAction
from core.mailing import messages_send_until_failure
from core.outbox import outbox_enqueue
from core.services import audit_log
from legal.emails import policy_change_messages
from legal.models import PolicyNoticeDelivery, PolicyVersion
from legal.selectors import WORKING_DAYS_NOTICE, earliest_effective_date, policy_notice_recipients
from tenants.selectors import extranet_list

# The tasks these services queue, by name: services never import their tasks (legal/tasks.py
# imports this module), and these are the names outbox messages already in the table carry.
POLICY_CHANGE_NOTIFY_TASK = "legal.tasks.policy_change_notify"
POLICY_CHANGE_NOTIFY_TENANT_TASK = "legal.tasks.policy_change_notify_tenant"
POLICY_NOTICE_BATCH_SIZE = 200


def policy_effective_date_validate(*, change: str, effective_at: date, published_on: date) -> None:
    """A material change is announced at least 30 French working days before it applies."""
    if change != PolicyVersion.Change.MATERIAL:
        if effective_at < published_on:
            raise ValidationError(
                {"effective_at": _("A new version cannot take effect before it is published.")}
            )
        return
    earliest = earliest_effective_date(published_on=published_on)
    if effective_at < earliest:
        raise ValidationError(
            {
                "effective_at": _(
                    "A material change must be announced %(days)s French working days ahead "
                    "(weekends and French public holidays do not count). Published on "
                    "%(published)s, it can take effect on %(earliest)s at the earliest."
                )
                % {
                    "days": WORKING_DAYS_NOTICE,
                    "published": formats.date_format(published_on),
                    "earliest": formats.date_format(earliest),
                }
            }
        )


@transaction.atomic
def policy_version_publish(
    *, policy: PolicyVersion, actor, now: datetime | None = None
) -> PolicyVersion:
    """Publish a draft: it is announced at once, and every extranet user is emailed."""
    if policy.published_at is not None:
        raise ValidationError(_("This version is already published."))
    now = now or timezone.now()
    policy_effective_date_validate(
        change=policy.change, effective_at=policy.effective_at, published_on=timezone.localdate(now)
    )
    policy.published_at = now
    policy.save(update_fields=["published_at"])
    audit_log(
        actor=Actor.of(actor),
        action=AuditAction.POLICY_PUBLISHED,
        obj=policy,
        data={"kind": policy.kind},
    )
    policy_id = policy.pk
    outbox_enqueue(task_name=POLICY_CHANGE_NOTIFY_TASK, args=[policy_id])  # commits with it
    return policy


def policy_change_notify_extranets(*, policy_id: int) -> int:
    """In public: queue one notification task in each extranet's schema; returns how many."""
    count = 0
    with transaction.atomic():
        for extranet in extranet_list():
            with tenant_context(extranet):  # the message carries this schema and extranet id
                outbox_enqueue(task_name=POLICY_CHANGE_NOTIFY_TENANT_TASK, args=[policy_id])
            count += 1
    return count


def policy_change_notify_batch(*, policy_id: int) -> int:
    """In an extranet's schema: email the next batch of its users, then queue the rest.

    Resumable and idempotent: the delivery row (locked) holds a cursor, moved past each user
    whose email went out. When a send fails, the cursor is committed up to the user before it
    and the error is raised afterwards, so the task's retry starts at that user and nobody is
    emailed twice. Returns how many emails this run sent.
    """
    policy = PolicyVersion.objects.filter(pk=policy_id, published_at__isnull=False).first()
    if policy is None:
        return 0
    with transaction.atomic():
        delivery, _created = PolicyNoticeDelivery.objects.select_for_update().get_or_create(
            policy=policy, schema_name=connection.schema_name
        )
        if delivery.finished_at is not None:
            return 0
        users = policy_notice_recipients(
            after_id=delivery.last_user_id, limit=POLICY_NOTICE_BATCH_SIZE
        )
        messages = policy_change_messages(policy=policy, users=users)
        count, failure = messages_send_until_failure(messages=messages)
        sent = users[:count]
        delivery.sent += count
        if sent:
            delivery.last_user_id = sent[-1].pk
        if failure is None and len(users) < POLICY_NOTICE_BATCH_SIZE:
            delivery.finished_at = timezone.now()
        delivery.save()
        if failure is None and delivery.finished_at is None:
            outbox_enqueue(task_name=POLICY_CHANGE_NOTIFY_TENANT_TASK, args=[policy_id])
    if failure is not None:
        raise failure
    return count
