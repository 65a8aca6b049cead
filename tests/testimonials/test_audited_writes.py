"""A consent request is sent and recorded with its audit row, in one transaction."""

from django.core import mail

from core.models import AuditEvent
from testimonials.services import consent_request_send
from tests.testimonials.factories import QuoteFactory


def test_a_consent_request_is_recorded_with_its_audit_row(staff_user):
    testimonial = QuoteFactory()
    consent_request_send(testimonial=testimonial, actor=staff_user)
    testimonial.refresh_from_db()
    assert testimonial.consent_requested_at is not None
    assert mail.outbox[-1].to == ["claire@initech.example"]
    row = AuditEvent.objects.get(
        action="testimonials.consent_requested", object_id=str(testimonial.pk)
    )
    assert (row.actor_label, row.actor_id) == ("staff:staffer", staff_user.pk)
