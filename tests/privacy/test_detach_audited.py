"""Dropping an extranet unlinks the requests that named it, each with an audit row."""

import pytest
from allauth.account.models import EmailAddress

from core.models import AuditEvent
from privacy import services
from privacy.models import SubjectRequest
from tests.support.tenants import in_schema

ADDRESS = "ben@acme.example"


@pytest.fixture
def proven_ben(acme, acme_member):
    with in_schema(acme):
        EmailAddress.objects.create(user=acme_member, email=ADDRESS, primary=True, verified=True)
    return acme_member


def _detached(subject_request):
    return AuditEvent.objects.filter(
        action="privacy.request_detached_from_extranet", object_id=str(subject_request.pk)
    )


def test_each_request_unlinked_from_a_dropped_extranet_is_audited(acme, proven_ben, staff):
    from_my_data = services.request_file_extranet(
        user=proven_ben, schema_name=acme.schema_name, type="access"
    )
    public = services.request_file_public(type="access", email=ADDRESS)
    services.request_verify(subject_request=public, actor=staff)
    unrelated = services.request_file_public(type="access", email="nobody@example.org")

    assert services.requests_detach_from_extranet(schema_name=acme.schema_name) == 1

    from_my_data.refresh_from_db()
    assert from_my_data.user_id is None
    [row] = _detached(from_my_data)
    assert row.actor_label == "system:retention" and row.actor_id is None
    assert row.data["schema"] == acme.schema_name and "user_id" in row.data["fields"]
    [row] = _detached(public)
    assert row.data == {"schema": acme.schema_name, "fields": ["extranet_schemas"]}
    assert not _detached(unrelated).exists()
    assert SubjectRequest.objects.get(pk=public.pk).extranet_schemas == []


def test_a_repeated_signal_writes_no_second_row(acme, proven_ben):
    subject_request = services.request_file_extranet(
        user=proven_ben, schema_name=acme.schema_name, type="access"
    )
    services.requests_detach_from_extranet(schema_name=acme.schema_name)
    services.requests_detach_from_extranet(schema_name=acme.schema_name)
    assert _detached(subject_request).count() == 1
