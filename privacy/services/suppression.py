"""The suppression list: addresses we must never write to, or share, again."""

from django.db import transaction

from core.audit import Actor, AuditAction
from core.services import audit_log
from privacy.models import (
    SuppressedEmail,
)
from privacy.selectors import email_hmac, suppression_entries


@transaction.atomic
def suppression_add(*, email: str, reason: str, actor=None) -> SuppressedEmail:
    """Written under the primary key; an entry under an older key already counts."""
    existing = suppression_entries(email=email).filter(reason=reason).first()
    if existing is not None:
        return existing
    entry, created = SuppressedEmail.objects.get_or_create(
        email_hmac=email_hmac(email=email), reason=reason
    )
    if created:
        audit_log(
            actor=Actor.of(actor),
            action=AuditAction.SUPPRESSION_ADDED,
            obj=entry,
            data={"reason": reason},
        )
    return entry
