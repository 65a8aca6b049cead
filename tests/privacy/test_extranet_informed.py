"""The customer is told: an extranet's admins are emailed about, and see, the requests that
cover their extranet; another extranet's admins never are."""

import pytest
from allauth.account.models import EmailAddress

from privacy import services
from privacy.models import SubjectRequest
from tests.factories import UserFactory
from tests.support.http import host_client, login_as
from tests.support.tenants import in_schema

ADDRESS = "ben@acme.example"


@pytest.fixture
def globex_admin(globex):
    with in_schema(globex):
        return UserFactory(username="gia", email="gia@globex.example", is_extranet_admin=True)


@pytest.fixture
def proven_ben(acme, acme_member):
    with in_schema(acme):
        EmailAddress.objects.create(user=acme_member, email=ADDRESS, primary=True, verified=True)
    return acme_member


def _page(client) -> str:
    response = client.get("/privacy-requests/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_extranet_admin_is_emailed_and_sees_the_request_another_is_not(
    acme, globex, acme_admin, globex_admin, proven_ben, staff, mailoutbox
):
    subject_request = services.request_file_public(
        type="erasure", email=ADDRESS, details="secret details"
    )
    assert not [m for m in mailoutbox if acme_admin.email in m.to], "unproven: nobody is told"
    services.request_verify(subject_request=subject_request, actor=staff)
    subject_request.refresh_from_db()
    assert subject_request.extranet_schemas == [acme.schema_name]
    to_admins = [m for m in mailoutbox if acme_admin.email in m.to]
    assert len(to_admins) == 1
    assert f"#{subject_request.pk}" in to_admins[0].body
    assert "acme.iperfony.localhost/privacy-requests/" in to_admins[0].body
    assert "secret details" not in to_admins[0].body
    assert not [m for m in mailoutbox if globex_admin.email in m.to]

    acme_page = _page(login_as(host_client("acme.iperfony.localhost"), acme, acme_admin))
    assert f'id="privacy-request-{subject_request.pk}"' in acme_page
    assert "secret details" not in acme_page
    globex_page = _page(login_as(host_client("globex.iperfony.localhost"), globex, globex_admin))
    assert f'id="privacy-request-{subject_request.pk}"' not in globex_page

    services.request_reject(subject_request=subject_request, actor=staff, reason="Contract")
    assert len([m for m in mailoutbox if acme_admin.email in m.to]) == 2
    assert not [m for m in mailoutbox if globex_admin.email in m.to]


def test_a_request_from_my_data_is_listed_open_then_closed(acme, acme_admin, proven_ben, staff):
    services.request_file_extranet(user=proven_ben, schema_name=acme.schema_name, type="access")
    subject_request = SubjectRequest.objects.get()
    admin = login_as(host_client("acme.iperfony.localhost"), acme, acme_admin)
    page = _page(admin)
    open_part, closed_part = page.split('id="closed-requests"')
    assert f"privacy-request-{subject_request.pk}" in open_part
    services.request_cancel(subject_request=subject_request, actor="requester")
    open_part, closed_part = _page(admin).split('id="closed-requests"')
    assert f"privacy-request-{subject_request.pk}" in closed_part
    assert f"privacy-request-{subject_request.pk}" not in open_part


def test_members_cannot_see_the_page(acme, acme_member_client):
    assert acme_member_client.get("/privacy-requests/").status_code == 403


def test_a_dropped_extranet_leaves_no_request_to_its_successor(acme, proven_ben, staff):
    subject_request = services.request_file_public(type="access", email=ADDRESS)
    services.request_verify(subject_request=subject_request, actor=staff)
    services.requests_detach_from_extranet(schema_name=acme.schema_name)
    subject_request.refresh_from_db()
    assert subject_request.extranet_schemas == []


def test_an_admin_who_files_about_themselves_gets_no_admin_copy(acme, acme_admin, mailoutbox):
    services.request_file_extranet(user=acme_admin, schema_name=acme.schema_name, type="access")
    assert [m.subject for m in mailoutbox if m.to == [acme_admin.email]] == [
        "We received your request"
    ]
