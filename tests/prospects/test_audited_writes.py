"""Each prospects write that audits opens its own transaction, whoever calls it."""

from core.models import AuditEvent
from prospects.services import opt_in_record, prospect_touch, prospect_update
from tests.prospects.factories import ProspectFactory


def _row(obj):
    return AuditEvent.objects.get(object_type=obj._meta.label, object_id=str(obj.pk))


def test_a_prospect_touched_by_a_public_form_is_audited_as_the_form(db):
    prospect = prospect_touch(email="Ana@Example.org", name="Ana")
    row = _row(prospect)
    assert (row.action, row.actor_label, row.actor_id) == (
        "prospects.prospect_created",
        "requester:public form",
        None,
    )
    assert row.data == {"fields": ["email", "name"]}


def test_an_opt_in_is_audited_with_its_purpose(db):
    proof = opt_in_record(
        prospect=ProspectFactory(),
        purpose="partners",
        text_shown="Share my details with partners",
        language="en",
        source="contact",
        ip="192.0.2.7",
    )
    row = _row(proof)
    assert (row.action, row.data) == ("prospects.opt_in_given", {"purpose": "partners"})


def test_a_staff_edit_is_audited_under_the_staff_label(staff_user):
    prospect = ProspectFactory(name="Old")
    prospect.name = "New"
    prospect_update(prospect=prospect, changed=["name"], actor=staff_user)
    row = AuditEvent.objects.get(action="prospects.prospect_updated", object_id=str(prospect.pk))
    assert (row.actor_label, row.actor_id, row.data) == (
        "staff:staffer",
        staff_user.pk,
        {"fields": ["name"]},
    )
