import csv
import io

import pytest

from core.models import AuditEvent
from privacy.services import suppression_add
from prospects.models import PartnerExport, Prospect
from tests.prospects.factories import OptInFactory, ProspectFactory

pytestmark = pytest.mark.django_db


def export(staff_client, prospects):
    return staff_client.post(
        "/admin/prospects/prospect/",
        {"action": "export_partner_csv", "_selected_action": [p.pk for p in prospects]},
    )


def test_export_only_opted_in_contacts_who_never_objected(staff_client, staff_user):
    agreed = OptInFactory(prospect=ProspectFactory(email="yes@example.com")).prospect
    objected = OptInFactory(prospect=ProspectFactory(email="objected@example.com")).prospect
    suppression_add(email=objected.email, reason="objection_partners")
    withdrawn = OptInFactory(prospect=ProspectFactory(email="withdrawn@example.com"))
    withdrawn.withdrawn_at = withdrawn.created_at
    withdrawn.save()
    OptInFactory(prospect=ProspectFactory(email="news-only@example.com"), purpose="newsletter")
    never = ProspectFactory(email="never@example.com")

    response = export(staff_client, Prospect.objects.all())

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["email"] for r in rows] == [agreed.email]
    assert never.email not in response.content.decode()
    log = PartnerExport.objects.get()
    assert (log.created_by, log.contact_count) == (staff_user, 1)
    event = AuditEvent.objects.get(action="prospects.partner_export")
    assert event.data["count"] == 1
    assert agreed.email not in str(event.data)


def test_every_export_is_logged(staff_client):
    OptInFactory()
    export(staff_client, Prospect.objects.all())
    export(staff_client, Prospect.objects.none() | Prospect.objects.all())
    assert PartnerExport.objects.count() == 2


def test_csv_cells_cannot_run_formulas(staff_client):
    OptInFactory(prospect=ProspectFactory(name='=HYPERLINK("http://evil")'))
    response = export(staff_client, Prospect.objects.all())
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["name"].startswith("'=")


def test_export_needs_staff(public_client):
    OptInFactory()
    response = public_client.post(
        "/admin/prospects/prospect/", {"action": "export_partner_csv", "_selected_action": [1]}
    )
    assert response.status_code == 302
    assert not PartnerExport.objects.exists()


def test_csv_keeps_a_plain_phone_number_readable(staff_client):
    OptInFactory(prospect=ProspectFactory(phone="+33612345678", company="-1+cmd"))
    response = export(staff_client, Prospect.objects.all())
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["phone"], row["company"]) == ("+33612345678", "'-1+cmd")
