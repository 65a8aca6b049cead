from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.audit import Actor, AuditAction
from core.outbox import outbox_enqueue
from core.services import audit_log
from legal.models import PolicyVersion
from legal.selectors import WORKING_DAYS_NOTICE, earliest_effective_date


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
    from legal.tasks import policy_change_notify

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
    outbox_enqueue(task_name=policy_change_notify.name, args=[policy_id])  # commits with it
    return policy
