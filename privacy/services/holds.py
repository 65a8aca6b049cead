"""Legal holds on a person, serialised with their erasure."""

from django.db import connection, transaction

from core.audit import Actor, AuditAction
from core.services import audit_log
from privacy.models import (
    SubjectLegalHold,
)

SUBJECT_LOCK_CLASS = 7_208  # advisory lock: a person's holds against their erasure


def subject_lock(*, email: str) -> None:
    """Serialise a person's erasure with any hold placed on them, until the transaction ends.

    A row lock cannot stop a new hold row from being inserted, so both sides take this lock.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
            [SUBJECT_LOCK_CLASS, email.strip().lower()],
        )


def legal_hold_save(*, hold: SubjectLegalHold, actor) -> SubjectLegalHold:
    """Place, change or release a hold on a person. Waits for an erasure of theirs under way."""
    with transaction.atomic():
        subject_lock(email=hold.email)
        created = hold.pk is None
        hold.save()
        audit_log(
            actor=Actor.of(actor),
            action=AuditAction.LEGAL_HOLD_PLACED if created else AuditAction.LEGAL_HOLD_CHANGED,
            obj=hold,
            data={"released": hold.released_at is not None},
        )
    return hold
