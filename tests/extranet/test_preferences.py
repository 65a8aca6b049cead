"""Every profile field: a valid value is saved, an invalid one gets a message and saves nothing."""

import pytest

from accounts.models import User
from core.models import AuditEvent
from tests.support.tenants import in_schema

VALID = {
    "first_name": "Ben",
    "last_name": "Stone",
    "phone": "+32 470 12 34 56",
    "postal_address": "Rue de la Loi 16\n1000 Bruxelles",
    "position": "Head of operations",
    "function": "Finance",
    "sector": "K",
}


def _post(client, **overrides):
    return client.post("/preferences/", {**VALID, **overrides})


def _reload(extranet, user):
    with in_schema(extranet):
        return User.objects.get(pk=user.pk)


def test_page_shows_the_current_values(acme, acme_member_client, acme_member):
    response = acme_member_client.get("/preferences/")
    assert response.status_code == 200
    assert 'value="Ben"' in response.content.decode()


def test_anonymous_is_sent_to_login(acme_client):
    response = acme_client.get("/preferences/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_valid_save_stores_every_field_and_phone_in_e164(acme, acme_member_client, acme_member):
    assert _post(acme_member_client).status_code == 302
    user = _reload(acme, acme_member)
    assert user.phone == "+32470123456"
    assert user.postal_address == VALID["postal_address"]
    assert (user.position, user.function, user.sector) == ("Head of operations", "Finance", "K")
    with in_schema(acme):
        event = AuditEvent.objects.filter(action="profile.updated", object_id=str(user.pk)).get()
    assert "phone" in event.data["fields"]
    assert "+32" not in str(event.data), "the audit trail holds field names, never values"


def test_empty_optional_fields_are_allowed(acme, acme_member_client, acme_member):
    response = _post(
        acme_member_client, phone="", postal_address="", position="", function="", sector=""
    )
    assert response.status_code == 302
    assert _reload(acme, acme_member).phone == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "  ", "Enter your first name."),
        ("last_name", "", "Enter your last name."),
        ("first_name", "x" * 151, "Ensure this value has at most 150 characters"),
        ("phone", "12345", "Enter a valid phone number, e.g."),
        ("phone", "+32 000", "Enter a valid phone number, e.g."),
        ("phone", "not a phone", "Enter a valid phone number, e.g."),
        ("postal_address", "x" * 501, "Ensure this value has at most 500 characters"),
        ("position", "x" * 151, "Ensure this value has at most 150 characters"),
        ("function", "x" * 151, "Ensure this value has at most 150 characters"),
        ("sector", "ZZ", "Select a valid choice"),
    ],
)
def test_invalid_value_gets_a_message_and_changes_nothing(
    acme, acme_member_client, acme_member, field, value, message
):
    before = _reload(acme, acme_member)
    marker = "function" if field != "function" else "position"
    response = _post(acme_member_client, **{marker: "Typed but not saved", field: value})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Typed but not saved" in body, "the form keeps what the user typed"
    after = _reload(acme, acme_member)
    for name in VALID:
        assert getattr(after, name) == getattr(before, name)


def test_error_message_is_translated(acme, acme_member_client):
    acme_member_client.cookies["django_language"] = "nl"
    response = _post(acme_member_client, phone="12345")
    assert response.status_code == 400
    assert "Voer een geldig telefoonnummer in" in response.content.decode()


def test_company_page_is_for_admins_only(acme_member_client):
    assert acme_member_client.get("/preferences/company/").status_code == 403
