"""consent.services records a choice from plain values: no request goes in."""

from django.utils import translation

from consent import cookies
from consent.inputs import ConsentInput
from consent.selectors import NO_CONSENT, banner_hash
from consent.services import consent_record
from core.models import AuditEvent
from tests.support.tenants import in_schema


def _record(**overrides):
    values = {
        "data": ConsentInput(action="accept_all", choices={}),
        "previous": NO_CONSENT,
        "version": "2026.1+abc",
        "gpc": False,
        "ip": "203.0.113.9",
        "user_agent": "Browser/1.0",
        "language": "fr",
        "user": None,
    }
    return consent_record(**{**values, **overrides})


def test_the_proof_holds_the_values_it_was_given(db):
    outcome = _record(gpc=True)
    record = outcome.record
    assert record.ip_truncated == "203.0.113.0/24"
    assert (record.user_agent, record.language, record.policy_version) == (
        "Browser/1.0",
        "fr",
        "2026.1+abc",
    )
    assert record.gpc is True
    assert all(not record.choices[key] for key in cookies.GPC_REFUSED)
    # The hash is of the banner in the language given, whatever language is active here.
    with translation.override("fr"):
        assert record.banner_hash == banner_hash(gpc=True, version="2026.1+abc")
    with translation.override("en"):
        assert record.banner_hash != banner_hash(gpc=True, version="2026.1+abc")


def test_a_second_choice_keeps_the_consent_id_and_reports_what_was_withdrawn(db):
    first = _record()
    second = _record(data=ConsentInput(action="withdraw", choices={}), previous=first.state)
    assert second.record.consent_id == first.record.consent_id
    assert second.record.method == "withdrawal"
    assert set(second.withdrawn) == set(cookies.OPTIONAL_KEYS)


def test_a_member_is_linked_and_audited_in_an_extranet(acme, acme_member):
    with in_schema(acme):
        record = _record(user=acme_member).record
        assert record.user == acme_member
        assert AuditEvent.objects.filter(action="consent.recorded", object_id=str(record.pk))


def test_staff_on_the_public_site_are_never_linked(staff_user):
    record = _record(user=staff_user).record
    assert record.user is None
