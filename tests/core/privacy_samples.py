from core.services import audit_log
from tests.privacy.samples import sample_builder


@sample_builder("core.AuditEvent")
def build_audit_event(person):
    audit_log(actor=person.user, action="accounts.profile_changed", obj=person.user, data={})
