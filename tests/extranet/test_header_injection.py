"""A CR or LF in a company name never reaches a mail header: stripped at input, flattened."""

from django.core import mail

from extranet.models import Invitation
from tenants.models import Extranet
from tests.support.tenants import in_schema


def test_company_name_is_stored_on_one_line(acme, acme_admin_client):
    response = acme_admin_client.post(
        "/preferences/company/",
        {"name": "Acme\r\nBcc: victim@example.org", "postal_address": "1 Main St\nParis"},
    )
    assert response.status_code == 302
    assert Extranet.objects.get(pk=acme.pk).name == "Acme Bcc: victim@example.org"


def test_company_name_of_only_control_characters_is_refused(acme, acme_admin_client):
    response = acme_admin_client.post("/preferences/company/", {"name": "\r\n\t"})
    assert response.status_code == 400
    assert "The company name is required." in response.content.decode()
    assert Extranet.objects.get(pk=acme.pk).name == "Acme SA"


def test_invitation_is_sent_even_when_an_old_company_name_holds_a_newline(
    acme, acme_admin_client, django_capture_on_commit_callbacks
):
    Extranet.objects.filter(pk=acme.pk).update(name="Acme\r\nBcc: victim@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = acme_admin_client.post("/members/", {"email": "new@acme.example"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "You are invited to the Acme Bcc: victim@example.org extranet"
    assert message.to == ["new@acme.example"]
    assert "victim@example.org" not in message.message().get_all("Bcc", [])
    with in_schema(acme):
        assert Invitation.objects.filter(email="new@acme.example").exists()


def test_profile_names_are_stored_on_one_line_and_the_address_keeps_its_lines(
    acme, acme_member_client, acme_member
):
    from accounts.models import User

    response = acme_member_client.post(
        "/preferences/",
        {
            "first_name": "Ben\r\nBcc: x@example.org",
            "last_name": "Stone\t",
            "phone": "",
            "postal_address": "Rue de la Loi 16\n1000 Bruxelles",
            "position": "Head\nof operations",
            "function": "Fin\x00ance",
            "sector": "",
        },
    )
    assert response.status_code == 302
    with in_schema(acme):
        user = User.objects.get(pk=acme_member.pk)
    assert (user.first_name, user.last_name) == ("Ben Bcc: x@example.org", "Stone")
    assert (user.position, user.function) == ("Head of operations", "Fin ance")
    assert user.postal_address == "Rue de la Loi 16\n1000 Bruxelles"
