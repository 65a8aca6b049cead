from extranet.models import CompanyProfile
from tenants.models import Extranet
from tests.support.tenants import in_schema


def test_admin_edits_company_information(acme, acme_admin_client):
    response = acme_admin_client.post(
        "/preferences/company/",
        {"name": "Acme Europe SA", "postal_address": "1 Main St\nParis", "sector": "C"},
    )
    assert response.status_code == 302
    assert Extranet.objects.get(pk=acme.pk).name == "Acme Europe SA"
    with in_schema(acme):
        profile = CompanyProfile.objects.get()
    assert (profile.postal_address, profile.sector) == ("1 Main St\nParis", "C")
    assert "Acme Europe SA" in acme_admin_client.get("/preferences/company/").content.decode()


def test_company_information_of_one_extranet_is_not_in_another(acme, globex, acme_admin_client):
    acme_admin_client.post(
        "/preferences/company/", {"name": "Acme SA", "postal_address": "Secret HQ", "sector": ""}
    )
    with in_schema(globex):
        assert not CompanyProfile.objects.filter(postal_address="Secret HQ").exists()


def test_invalid_company_save_changes_nothing(acme, acme_admin_client):
    for data, message in [
        ({"name": " ", "postal_address": "New", "sector": ""}, "The company name is required."),
        ({"name": "x" * 201, "postal_address": "", "sector": ""}, "at most 200 characters"),
        ({"name": "Ok", "postal_address": "x" * 501, "sector": ""}, "at most 500 characters"),
        ({"name": "Ok", "postal_address": "New", "sector": "Q9"}, "Select a valid choice"),
    ]:
        response = acme_admin_client.post("/preferences/company/", data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert Extranet.objects.get(pk=acme.pk).name == "Acme SA"
        with in_schema(acme):
            assert not CompanyProfile.objects.exists()


def test_members_cannot_edit_company(acme, acme_member_client):
    response = acme_member_client.post("/preferences/company/", {"name": "Hacked"})
    assert response.status_code == 403
    assert Extranet.objects.get(pk=acme.pk).name == "Acme SA"
