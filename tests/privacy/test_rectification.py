"""A rectification changes the data, through the owning services, with an audit row, and
tells the requester what changed; it never completes without a change."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from core.models import AuditEvent
from privacy import services
from privacy.models import SubjectRequest
from prospects.models import Prospect
from tests.prospects.factories import ProspectFactory
from tests.support.tenants import in_schema

Status = SubjectRequest.Status


@pytest.fixture
def ben_request(acme, acme_member, staff):
    with in_schema(acme):
        EmailAddress.objects.create(
            user=acme_member, email=acme_member.email, primary=True, verified=True
        )
        acme_member.phone = "+33611223344"
        acme_member.save(update_fields=["phone"])
    subject_request = services.request_file_extranet(
        user=acme_member,
        schema_name=acme.schema_name,
        type="rectification",
        details="My surname is Stone-Wall and my phone +32 470 12 34 56.",
    )
    services.request_approve(subject_request=subject_request, actor=staff)
    return subject_request


def _url(subject_request, step):
    return f"/admin/privacy/subjectrequest/{subject_request.pk}/{step}/"


def _form_data(page_form_prefix, **values):
    return {f"{page_form_prefix}-{k}": v for k, v in values.items()}


def test_staff_correct_the_account_through_the_profile_service(
    acme, acme_member, ben_request, staff_client, mailoutbox
):
    change = staff_client.get(_url(ben_request, "change")).content.decode()
    assert _url(ben_request, "rectify") in change
    page = staff_client.get(_url(ben_request, "rectify")).content.decode()
    prefix = f"user-{acme.schema_name}"
    assert "+33611223344" in page and "Stone" in page and "Stone-Wall and my phone" in page
    data = _form_data(
        prefix,
        first_name="Ben",
        last_name="Stone-Wall",
        phone="+32 470 12 34 56",
        postal_address="",
        position="",
        function="",
        sector="",
    )
    response = staff_client.post(_url(ben_request, "rectify"), data)
    assert response.status_code == 302
    with in_schema(acme):
        ben = User.objects.get(pk=acme_member.pk)
        assert ben.last_name == "Stone-Wall" and ben.phone == "+32470123456"
        audit = AuditEvent.objects.get(action="profile.updated", object_id=str(ben.pk))
        assert sorted(audit.data["fields"]) == ["last_name", "phone"]
        assert audit.actor_label == "staff:staffer"
    ben_request.refresh_from_db()
    assert ben_request.status == Status.COMPLETED
    assert ben_request.outcome["rectified"][0]["fields"] == ["last name", "phone"]
    mail = [m for m in mailoutbox if m.to == [acme_member.email]][-1]
    assert "Last name: Stone-Wall" in mail.body and "Phone: +32470123456" in mail.body


def test_a_rectification_with_no_change_does_not_complete(
    acme, acme_member, ben_request, staff_client
):
    prefix = f"user-{acme.schema_name}"
    data = _form_data(prefix, first_name="Ben", last_name="Stone", phone="+33611223344", sector="")
    response = staff_client.post(_url(ben_request, "rectify"), data)
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    ben_request.refresh_from_db()
    assert ben_request.status == Status.APPROVED


def test_a_rectification_is_not_executed_blindly(ben_request, staff):
    with pytest.raises(services.RequestStateError):
        services.request_execute(subject_request=ben_request, actor=staff)
    ben_request.refresh_from_db()
    assert ben_request.status == Status.APPROVED


def test_bad_input_is_refused_and_nothing_changes(acme, acme_member, ben_request, staff_client):
    prefix = f"user-{acme.schema_name}"
    data = _form_data(prefix, first_name="Ben", last_name="Stone", phone="not a phone")
    response = staff_client.post(_url(ben_request, "rectify"), data)
    assert response.status_code == 200 and "valid phone number" in response.content.decode()
    with in_schema(acme):
        assert User.objects.get(pk=acme_member.pk).phone == "+33611223344"


def test_a_prospect_record_is_corrected_from_a_dpo_request(db, staff, staff_client, mailoutbox):
    prospect = ProspectFactory(email="pat@example.org", name="Pat Smiht", company="Old Co")
    subject_request = services.request_file_public(
        type="rectification", email="pat@example.org", details="Smith, not Smiht"
    )
    services.request_verify(subject_request=subject_request, actor=staff)
    services.request_approve(subject_request=subject_request, actor=staff)
    data = {"prospect-name": "Pat Smith", "prospect-phone": "", "prospect-company": "Old Co"}
    response = staff_client.post(_url(subject_request, "rectify"), data)
    assert response.status_code == 302
    prospect.refresh_from_db()
    assert prospect.name == "Pat Smith"
    audit = AuditEvent.objects.get(action="prospects.prospect_updated", object_id=str(prospect.pk))
    assert audit.data["fields"] == ["name"]
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    assert "Name: Pat Smith" in mailoutbox[-1].body


def test_another_type_has_no_rectify_form(db, staff, staff_client):
    subject_request = services.request_file_public(type="access", email="a@example.org")
    assert staff_client.get(_url(subject_request, "rectify")).status_code == 404
    assert Prospect.objects.count() == 0


def test_the_account_is_corrected_with_the_form_its_owner_uses():
    from django.core.exceptions import ImproperlyConfigured

    from extranet.forms import ProfileForm
    from privacy.rectification import rectification_form

    assert rectification_form(kind="user") is ProfileForm  # registered by extranet/privacy.py
    with pytest.raises(ImproperlyConfigured):
        rectification_form(kind="unknown")
