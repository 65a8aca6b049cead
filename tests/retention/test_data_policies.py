"""The data policies of the other apps, each on both sides of its boundary, with their holds."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile

from careers.models import Application
from consent.models import ConsentRecord
from core.models import AuditEvent
from extranet.models import Invitation
from privacy.models import DataExport, RequestEvent, SubjectLegalHold, SubjectRequest
from prospects.models import ContactMessage, NewsletterDelivery, NewsletterSubscription, Prospect
from retention.models import ArchivedExtranet
from retention.policies import policy_get
from retention.signals import extranet_purged
from security.models import SecurityEvent
from testimonials.models import Testimonial as Quote
from testimonials.models import TestimonialConsent as QuoteConsent
from tests.prospects.factories import IssueFactory, OptInFactory, ProspectFactory
from tests.support.clock import T0
from tests.support.retention import rows_purged, run_at
from tests.support.tenants import in_schema
from tests.testimonials.factories import QuoteFactory

DAY = timedelta(days=1)
PDF = b"%PDF-1.4\n%%EOF\n"


def travel(when):
    import time_machine

    return time_machine.travel(when, tick=False)


def kept_then_gone(*, schema, policy, boundary, exists) -> None:
    """Kept by a run the day before `boundary`, gone after a run the day after."""
    run = run_at(boundary - DAY, schemas=[schema], policies=[policy])
    assert run.status == "ok" and rows_purged(run, schema, policy) == 0
    with in_schema(schema):
        assert exists()
    run = run_at(boundary + DAY, schemas=[schema], policies=[policy])
    assert run.status == "ok" and rows_purged(run, schema, policy) >= 1
    with in_schema(schema):
        assert not exists()


# --- security log -------------------------------------------------------------------------


def test_security_log_goes_after_twelve_months(acme):
    with in_schema(acme), travel(T0):
        event = SecurityEvent.objects.create(kind="login", ip="203.0.113.9")
    kept_then_gone(
        schema="ext_acme",
        policy="security_log",
        boundary=T0 + relativedelta(months=12),
        exists=SecurityEvent.objects.filter(pk=event.pk).exists,
    )


# --- consent proof ------------------------------------------------------------------------


def consent_record(*, expires_at) -> ConsentRecord:
    return ConsentRecord.objects.create(
        created_at=expires_at - timedelta(days=100),
        expires_at=expires_at,
        choices={"necessary": True},
        policy_version="1",
        banner_hash="0" * 64,
        language="en",
        method=ConsentRecord.Method.REJECT_ALL,
    )


@pytest.mark.parametrize("schema", ["public", "ext_acme"])
def test_consent_proof_goes_five_years_after_the_choice_expired(acme, schema):
    with in_schema(schema):
        record = consent_record(expires_at=T0)
    kept_then_gone(
        schema=schema,
        policy="consent_proof",
        boundary=T0 + relativedelta(years=5),
        exists=ConsentRecord.objects.filter(pk=record.pk).exists,
    )


# --- prospects ----------------------------------------------------------------------------


def prospect_with_everything(email: str) -> Prospect:
    """A prospect with a message, an opt-in, a subscription and a delivery (a grandchild)."""
    prospect = ProspectFactory(email=email, last_contact_at=T0)
    ContactMessage.objects.create(prospect=prospect, message="Call me")
    OptInFactory(prospect=prospect)
    subscription = NewsletterSubscription.objects.create(prospect=prospect, language="en")
    NewsletterDelivery.objects.create(
        issue=IssueFactory(), subscription=subscription, outcome="sent"
    )
    return prospect


def test_prospects_go_three_years_after_last_contact_with_children_and_grandchildren(db):
    prospect = prospect_with_everything("old@example.com")
    recent = prospect_with_everything("recent@example.com")
    Prospect.objects.filter(pk=recent.pk).update(last_contact_at=T0 + relativedelta(years=2))
    kept_then_gone(
        schema="public",
        policy="prospects",
        boundary=T0 + relativedelta(years=3),
        exists=Prospect.objects.filter(pk=prospect.pk).exists,
    )
    # The batch committed, so the deferred foreign keys held: every level went together.
    assert not ContactMessage.objects.filter(prospect_id=prospect.pk).exists()
    assert not prospect.opt_ins.model.objects.filter(prospect_id=prospect.pk).exists()
    assert not NewsletterSubscription.objects.filter(prospect_id=prospect.pk).exists()
    assert NewsletterDelivery.objects.count() == 1  # the recent prospect's only
    assert NewsletterDelivery.objects.get().subscription.prospect_id == recent.pk
    assert Prospect.objects.filter(pk=recent.pk).exists()


def test_a_legal_hold_on_the_person_keeps_a_prospect(db):
    prospect = prospect_with_everything("held@example.com")
    SubjectLegalHold.objects.create(email="Held@Example.com", reason="dispute")
    run_at(T0 + relativedelta(years=4), schemas=["public"], policies=["prospects"])
    assert Prospect.objects.filter(pk=prospect.pk).exists()
    assert NewsletterDelivery.objects.filter(subscription__prospect=prospect).exists()


def test_an_open_request_from_the_person_keeps_a_prospect(db):
    prospect = prospect_with_everything("asking@example.com")
    request = SubjectRequest.objects.create(
        type="access", email="asking@example.com", status="verified"
    )
    run_at(T0 + relativedelta(years=4), schemas=["public"], policies=["prospects"])
    assert Prospect.objects.filter(pk=prospect.pk).exists()
    request.closed_at = T0
    request.save(update_fields=["closed_at"])
    run_at(T0 + relativedelta(years=4), schemas=["public"], policies=["prospects"])
    assert not Prospect.objects.filter(pk=prospect.pk).exists()


# --- job applicants -----------------------------------------------------------------------


def application(*, status="applied", employment_end=None, email="jo@example.com"):
    with travel(T0):
        app = Application(
            name="Jo Applicant",
            email=email,
            phone="+33 1 23 45 67 89",
            cover_letter="Hello",
            status=status,
            employment_end=employment_end,
        )
        app.cv.save("cv.pdf", ContentFile(PDF), save=False)
        app.save()
    return app


def test_job_applicants_go_after_two_years_with_their_cv(db):
    app = application(status="rejected")
    storage, name = app.cv.storage, app.cv.name
    assert storage.exists(name)
    kept_then_gone(
        schema="public",
        policy="job_applicants",
        boundary=T0 + relativedelta(years=2),
        exists=Application.objects.filter(pk=app.pk).exists,
    )
    assert not storage.exists(name)


def test_a_hired_applicant_is_not_a_job_applicant(db):
    app = application(status="hired")
    run_at(T0 + relativedelta(years=10), schemas=["public"], policies=["job_applicants"])
    assert Application.objects.filter(pk=app.pk).exists()


def test_a_hired_applicant_without_an_end_of_employment_is_never_purged(db):
    app = application(status="hired")
    run_at(T0 + relativedelta(years=30), schemas=["public"], policies=["hired_applicants"])
    assert Application.objects.filter(pk=app.pk).exists()
    assert app.cv.storage.exists(app.cv.name)


def test_a_hired_applicant_goes_three_years_after_the_end_of_employment(db):
    app = application(status="hired", employment_end=T0.date())
    storage, name = app.cv.storage, app.cv.name
    kept_then_gone(
        schema="public",
        policy="hired_applicants",
        boundary=T0 + relativedelta(years=3),
        exists=Application.objects.filter(pk=app.pk).exists,
    )
    assert not storage.exists(name)


# --- subject requests and exports ---------------------------------------------------------


def closed_request(*, email="asker@example.com", closed_at=T0, schema="") -> SubjectRequest:
    request = SubjectRequest.objects.create(
        type="access",
        email=email,
        status="completed",
        received_at=closed_at - timedelta(days=20),
        closed_at=closed_at,
        extranet_schema=schema,
    )
    RequestEvent.objects.create(request=request, actor="system", action="completed")
    return request


def export_of(request: SubjectRequest, *, created=T0) -> DataExport:
    with travel(created):
        export = DataExport(request=request, expires_at=created + timedelta(days=7))
        export.file.save("export.zip", ContentFile(b"PK"), save=False)
        export.save()
    return export


def test_closed_requests_go_after_five_years_leaving_a_minimal_proof(db):
    request = closed_request()
    export_of(request)  # a stale export must not block the delete
    kept_then_gone(
        schema="public",
        policy="subject_requests",
        boundary=T0 + relativedelta(years=5),
        exists=SubjectRequest.objects.filter(pk=request.pk).exists,
    )
    assert not RequestEvent.objects.filter(request_id=request.pk).exists()
    assert not DataExport.objects.filter(request_id=request.pk).exists()
    proof = AuditEvent.objects.get(action="retention.purged", object_id=str(request.pk))
    assert proof.object_type == "privacy.SubjectRequest"
    assert proof.data["type"] == "access" and proof.data["status"] == "completed"
    assert proof.data["policy"] == "subject_requests"
    assert "asker@example.com" not in str(proof.data) + proof.actor_label


def test_closing_a_request_is_recorded_in_the_audit_trail(db):
    from privacy.services import request_reject

    request = SubjectRequest.objects.create(type="access", email="x@example.com")
    request_reject(subject_request=request, actor="staff:dpo", reason="Not identifiable")
    event = AuditEvent.objects.get(action="privacy.request_rejected", object_id=str(request.pk))
    assert "closed_at" in event.data["fields"]


def test_open_requests_and_held_persons_keep_their_requests(db):
    open_request = SubjectRequest.objects.create(type="access", email="open@example.com")
    held = closed_request(email="held@example.com")
    SubjectLegalHold.objects.create(email="held@example.com", reason="court case")
    run_at(T0 + relativedelta(years=20), schemas=["public"], policies=["subject_requests"])
    assert SubjectRequest.objects.filter(pk__in=[open_request.pk, held.pk]).count() == 2


def test_export_files_go_after_seven_days(db):
    export = export_of(closed_request(closed_at=T0 + relativedelta(years=1)))
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    kept_then_gone(
        schema="public",
        policy="exports",
        boundary=T0 + timedelta(days=7),
        exists=DataExport.objects.filter(pk=export.pk).exists,
    )
    assert not storage.exists(name)


def test_the_exports_policy_and_the_hourly_purge_agree():
    assert policy_get("exports").delta() == relativedelta(days=DataExport.LIFETIME_DAYS)


def test_the_exports_of_a_dropped_extranet_go_with_it(db):
    gone = export_of(closed_request(schema="ext_dropped"), created=T0)
    other = export_of(closed_request(schema="ext_acme"), created=T0)
    name = gone.file.name
    for _ in range(2):  # the signal may be sent again after an interruption
        extranet_purged.send(
            sender=ArchivedExtranet, extranet_id=99, schema_name="ext_dropped", slug="dropped"
        )
    assert not DataExport.objects.filter(pk=gone.pk).exists()
    assert not gone.file.storage.exists(name)
    assert DataExport.objects.filter(pk=other.pk).exists()
    assert other.file.storage.exists(other.file.name)
    assert AuditEvent.objects.filter(
        action="privacy.export_deleted_with_extranet", object_id=str(gone.pk)
    ).exists()


def test_requests_of_a_dropped_extranet_are_unlinked_from_its_user_ids(db):
    gone = closed_request(schema="ext_dropped")
    kept = closed_request(schema="ext_acme")
    SubjectRequest.objects.filter(pk__in=[gone.pk, kept.pk]).update(user_id=7)
    extranet_purged.send(
        sender=ArchivedExtranet, extranet_id=99, schema_name="ext_dropped", slug="dropped"
    )
    # a new extranet "dropped" would reuse user id 7 for someone else
    assert SubjectRequest.objects.get(pk=gone.pk).user_id is None
    assert SubjectRequest.objects.get(pk=kept.pk).user_id == 7


# --- testimonials and invitations ---------------------------------------------------------


def test_a_testimonial_goes_three_years_after_its_consent_was_withdrawn(db):
    with travel(T0 - relativedelta(years=1)):
        quote = QuoteFactory()
        consent = QuoteConsent.objects.create(
            testimonial=quote, signer_name="Claire", email=quote.client_email, show_quote=True
        )
    QuoteConsent.objects.filter(pk=consent.pk).update(revoked_at=T0)
    storage, logo = quote.logo.storage, quote.logo.name
    kept_then_gone(
        schema="public",
        policy="testimonials",
        boundary=T0 + relativedelta(years=3),
        exists=Quote.objects.filter(pk=quote.pk).exists,
    )
    assert not QuoteConsent.objects.filter(pk=consent.pk).exists()
    assert not storage.exists(logo)


def test_a_testimonial_with_consent_in_force_is_kept(db):
    with travel(T0):
        quote = QuoteFactory()
        QuoteConsent.objects.create(
            testimonial=quote, signer_name="Claire", email=quote.client_email
        )
    run_at(T0 + relativedelta(years=20), schemas=["public"], policies=["testimonials"])
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_an_unanswered_consent_request_goes_after_three_years(db):
    quote = QuoteFactory(consent_requested_at=T0)
    kept_then_gone(
        schema="public",
        policy="testimonials",
        boundary=T0 + relativedelta(years=3),
        exists=Quote.objects.filter(pk=quote.pk).exists,
    )


@pytest.mark.parametrize("accepted", [False, True])
def test_invitations_go_thirty_days_after_acceptance_or_expiry(acme, accepted):
    with in_schema(acme):
        invitation = Invitation.objects.create(
            email="new@acme.example",
            token_hash=f"hash-{accepted}",
            expires_at=T0 + timedelta(days=10) if accepted else T0,
            accepted_at=T0 if accepted else None,
        )
    kept_then_gone(
        schema="ext_acme",
        policy="invitations",
        boundary=T0 + timedelta(days=30),
        exists=Invitation.objects.filter(pk=invitation.pk).exists,
    )


def test_a_hold_on_the_user_who_accepted_an_invitation_keeps_it(acme):
    """Erasure matches an invitation by its address or its accepting user: so does the hold."""
    from tests.factories import UserFactory

    with in_schema(acme):
        member = UserFactory(email="changed.later@acme.example")
        invitation = Invitation.objects.create(
            email="first.address@acme.example",
            token_hash="hash-held",
            expires_at=T0 + timedelta(days=10),
            accepted_at=T0,
            accepted_user=member,
        )
    SubjectLegalHold.objects.create(email="Changed.Later@acme.example", reason="dispute")
    run_at(T0 + timedelta(days=60), schemas=["ext_acme"], policies=["invitations"])
    with in_schema(acme):
        assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_released_legal_holds_go_a_year_after_their_release(db):
    hold = SubjectLegalHold.objects.create(
        email="was.held@example.com", reason="tax audit", released_at=T0
    )
    active = SubjectLegalHold.objects.create(email="still.held@example.com", reason="dispute")
    kept_then_gone(
        schema="public",
        policy="legal_holds",
        boundary=T0 + relativedelta(years=1),
        exists=SubjectLegalHold.objects.filter(pk=hold.pk).exists,
    )
    assert SubjectLegalHold.objects.filter(pk=active.pk).exists()  # in force: never purged
