"""The run log, the purge forecast and the upcoming extranet drops need a permission."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from tenants.models import Extranet


@pytest.fixture
def ending_contract(acme):
    # A contract that ended long ago: the extranet is in the drop forecast.
    Extranet.objects.filter(pk=acme.pk).update(contract_end=date(2020, 1, 31))


def _staff(*, group=None):
    user = User.objects.create_user("plain-staff", "ps@perfony.com", "pw-ps-123456", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def test_staff_without_permission_sees_no_forecast_nor_drops(public_client, ending_contract):
    public_client.force_login(_staff())
    response = public_client.get("/admin/retention/retentionrun/")
    assert response.status_code == 403
    assert "Acme SA" not in response.content.decode()
    assert "/admin/retention/" not in public_client.get("/admin/").content.decode()


def test_privacy_officer_sees_the_forecast_and_drops(public_client, ending_contract):
    public_client.force_login(_staff(group="privacy officer"))
    response = public_client.get("/admin/retention/retentionrun/")
    assert response.status_code == 200
    assert [e.slug for e, _when in response.context["drops"]] == ["acme"]
    assert "Acme SA (acme)" in response.content.decode()
