"""Every request type does what it says, and leaves the suppression list exactly as it should:
only objections, the newsletter and partner withdrawals, and erasure add to it, and only for
an address its owner proved."""

import pytest

from privacy import services
from privacy.models import SubjectRequest, SuppressedEmail
from privacy.selectors import email_hmacs
from tests.prospects.factories import ProspectFactory

Type = SubjectRequest.Type
Status = SubjectRequest.Status
EXPECTED = [
    (Type.ACCESS, "", set()),
    (Type.PORTABILITY, "", set()),
    (Type.RECTIFICATION, "", set()),
    (Type.ERASURE, "", {"erasure"}),
    (Type.OBJECTION_PROSPECTING, "", {"objection_prospecting"}),
    (Type.OBJECTION_PARTNERS, "", {"objection_partners"}),
    (Type.WITHDRAW_CONSENT, "newsletter", {"unsubscribe"}),
    (Type.WITHDRAW_CONSENT, "partners", {"objection_partners"}),
    (Type.QUESTION, "", set()),
]


def test_the_table_covers_every_request_type():
    assert {t for t, _c, _e in EXPECTED} == set(Type.values)


def _reasons(email: str) -> set[str]:
    return set(
        SuppressedEmail.objects.filter(email_hmac__in=email_hmacs(email=email)).values_list(
            "reason", flat=True
        )
    )


def _carry_out(subject_request, staff):
    services.request_approve(subject_request=subject_request, actor=staff)
    if subject_request.type == Type.RECTIFICATION:
        services.request_rectify(
            subject_request=subject_request, actor=staff, changes=_any_change(subject_request)
        )
    else:
        services.request_execute(subject_request=subject_request, actor=staff)


def _any_change(subject_request):
    from privacy.rectification import rectification_targets

    target = rectification_targets(subject_request=subject_request)[0]
    field = "name" if target.kind == "prospect" else "last_name"
    return {target.key: {field: "Corrected"}}


@pytest.mark.parametrize(("type", "consent", "expected"), EXPECTED)
def test_a_proven_address_is_suppressed_as_its_request_says(
    db, staff, type, consent, expected, django_capture_on_commit_callbacks
):
    email = "someone@example.org"
    ProspectFactory(email=email, name="Some One")
    bystander = "bystander@example.org"
    services.suppression_add(email=bystander, reason="objection_prospecting")
    subject_request = services.request_file_public(type=type, email=email, consent=consent)
    services.request_verify(subject_request=subject_request, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        _carry_out(subject_request, staff)
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    assert _reasons(email) == expected
    assert _reasons(bystander) == {"objection_prospecting"}
    assert SuppressedEmail.objects.count() == len(expected) + 1


@pytest.mark.parametrize(("type", "consent", "expected"), EXPECTED)
def test_an_unproven_address_is_never_suppressed(
    acme, acme_member, staff, type, consent, expected, django_capture_on_commit_callbacks
):
    subject_request = services.request_file_extranet(
        user=acme_member, schema_name=acme.schema_name, type=type, consent=consent
    )
    assert not subject_request.email_verified
    with django_capture_on_commit_callbacks(execute=True):
        _carry_out(subject_request, staff)
    subject_request.refresh_from_db()
    assert subject_request.status == Status.COMPLETED
    assert _reasons(acme_member.email) == set()
    assert not SuppressedEmail.objects.exists()


def test_a_cookie_consent_is_withdrawn_in_the_cookie_settings_not_at_dpo(public_client):
    page = public_client.get("/dpo/").content.decode()
    assert 'href="/consent/settings/"' in page
    assert 'value="analytics"' not in page and 'value="partners"' in page
    response = public_client.post(
        "/dpo/", {"type": "withdraw_consent", "consent": "analytics", "email": "c@example.org"}
    )
    assert response.status_code == 200
    assert not SubjectRequest.objects.exists()
