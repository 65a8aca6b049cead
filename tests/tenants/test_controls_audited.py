"""An extranet's legal hold and contract end gate erasure and the schema drop: every change of
them, from the back office or the service, leaves an audit row in the same transaction."""

import datetime

import pytest

from accounts.models import User
from core.audit import Actor
from core.models import AuditEvent
from tenants.models import Extranet
from tenants.services import extranet_update
from tests.support.http import host_client


@pytest.fixture
def boss(db):
    return User.objects.create_superuser("boss", "boss@perfony.com", "pw-for-boss-123")


def _change(acme, boss, **fields):
    client = host_client("perfony.localhost")
    client.force_login(boss)
    data = {
        "name": acme.name,
        "contract_start": acme.contract_start.isoformat(),
        "contract_end": "",
        "legal_hold_reason": "",
        "domains-TOTAL_FORMS": "1",
        "domains-INITIAL_FORMS": "1",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
        "domains-0-id": str(acme.domains.get().pk),
        "domains-0-tenant": str(acme.pk),
        **fields,
    }
    if not data.get("legal_hold"):
        data.pop("legal_hold", None)  # an unticked box is absent from the POST
    response = client.post(f"/admin/tenants/extranet/{acme.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _events(acme):
    rows = AuditEvent.objects.filter(object_type="tenants.Extranet", object_id=str(acme.pk))
    return rows.exclude(action="extranet.created")  # the fixture's provisioning


def test_a_legal_hold_set_and_released_in_the_back_office_is_audited(acme, boss):
    _change(acme, boss, legal_hold="on", legal_hold_reason="Labour court 2026-17")
    assert Extranet.objects.get(pk=acme.pk).legal_hold is True
    placed = _events(acme).get(action="extranet.legal_hold_set")
    assert (placed.actor_id, placed.actor_label) == (boss.pk, "staff:boss")
    assert placed.data == {"fields": ["legal_hold", "legal_hold_reason"], "legal_hold": True}

    acme.refresh_from_db()
    _change(acme, boss, legal_hold="", legal_hold_reason="")
    assert Extranet.objects.get(pk=acme.pk).legal_hold is False
    released = _events(acme).get(action="extranet.legal_hold_released")
    assert released.data["legal_hold"] is False and released.actor_label == "staff:boss"


def test_a_contract_end_set_in_the_back_office_is_audited_with_both_dates(acme, boss):
    _change(acme, boss, contract_end="2026-06-30")
    assert Extranet.objects.get(pk=acme.pk).contract_end == datetime.date(2026, 6, 30)
    [event] = _events(acme).filter(action="extranet.contract_changed")
    assert event.data == {
        "fields": ["contract_end"],
        "from": {"contract_end": None},
        "to": {"contract_end": "2026-06-30"},
    }
    assert not _events(acme).filter(action__startswith="extranet.legal_hold").exists()


def test_a_save_that_changes_nothing_writes_no_row(acme, boss):
    _change(acme, boss)
    assert not _events(acme).exists()


def test_the_change_and_its_audit_row_commit_together(acme):
    # An actor audit_log refuses makes the whole change roll back: no hold without its row.
    with pytest.raises(TypeError):
        extranet_update(extranet=acme, actor="staff:someone", data={"legal_hold": True})
    assert Extranet.objects.get(pk=acme.pk).legal_hold is False
    assert not _events(acme).exists()


def test_the_service_refuses_fields_it_does_not_control(acme):
    with pytest.raises(ValueError, match="schema_name"):
        extranet_update(extranet=acme, actor=Actor.system("t"), data={"schema_name": "public"})
    assert Extranet.objects.get(pk=acme.pk).schema_name == acme.schema_name


def test_no_admin_path_deletes_an_extranet(acme, boss):
    from django.contrib.admin.sites import site
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    client = host_client("perfony.localhost")
    client.force_login(boss)
    response = client.post(f"/admin/tenants/extranet/{acme.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    client.post(
        "/admin/tenants/extranet/", {"action": "delete_selected", "_selected_action": [acme.pk]}
    )
    request = RequestFactory().post("/admin/tenants/extranet/")
    request.user = boss
    with pytest.raises(PermissionDenied):
        site._registry[Extranet].delete_queryset(request, Extranet.objects.filter(pk=acme.pk))
    assert Extranet.objects.filter(pk=acme.pk).exists()
