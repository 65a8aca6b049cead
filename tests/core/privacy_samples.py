from django.db import transaction

from core.audit import Actor, AuditAction
from core.services import audit_log
from tests.privacy.samples import sample_builder


@sample_builder("core.AuditEvent")
def build_audit_event(person):
    with transaction.atomic():
        audit_log(
            actor=Actor.user(person.user), action=AuditAction.PROFILE_UPDATED, obj=person.user
        )
