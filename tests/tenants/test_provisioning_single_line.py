"""Back office: an extranet's name is one line, at creation and on later edits."""

from django.core import mail

from accounts.models import User
from tenants.models import Extranet
from tests.support.http import host_client


def _staff_client():
    staff = User.objects.create_superuser("boss", "boss@perfony.com", "pw-for-boss-123")
    client = host_client("perfony.localhost")
    client.force_login(staff)
    return client


def test_a_new_extranet_name_loses_its_line_breaks_and_its_mail_is_sent(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _staff_client().post(
            "/admin/tenants/extranet/add/",
            {"slug": "umbrella", "name": "Umbrella\r\nCorp", "admin_email": "it@umbrella.example"},
        )
    assert response.status_code == 302
    assert Extranet.objects.get(slug="umbrella").name == "Umbrella Corp"
    assert mail.outbox[-1].subject == "Your Perfony extranet Umbrella Corp is ready"


def test_renaming_an_extranet_in_the_back_office_keeps_one_line(acme):
    response = _staff_client().post(
        f"/admin/tenants/extranet/{acme.pk}/change/",
        {
            "name": "Acme\nSA",
            "contract_start": acme.contract_start.isoformat(),
            "legal_hold_reason": "",
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "1",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
            "domains-0-id": str(acme.domains.get().pk),
            "domains-0-tenant": str(acme.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Extranet.objects.get(pk=acme.pk).name == "Acme SA"
