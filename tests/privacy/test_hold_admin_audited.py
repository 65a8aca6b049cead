"""A legal hold on a person gates their erasure: placing, changing and releasing one in the back
office each leaves an audit row, and no admin path deletes one."""

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from core.models import AuditEvent
from privacy.models import SubjectLegalHold
from tests.support.http import host_client

URL = "/admin/privacy/subjectlegalhold/"


@pytest.fixture
def officer_client(officer):
    client = host_client("perfony.localhost")
    client.force_login(officer)
    return client


def _hold_events(hold):
    return AuditEvent.objects.filter(object_type="privacy.SubjectLegalHold", object_id=str(hold.pk))


def test_placing_then_releasing_a_hold_in_the_admin_leaves_a_row_each(officer, officer_client):
    response = officer_client.post(
        f"{URL}add/", {"email": "held@example.org", "reason": "Tax audit 2026"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hold = SubjectLegalHold.objects.get(email="held@example.org")
    placed = _hold_events(hold).get()
    assert (placed.action, placed.actor_id, placed.actor_label) == (
        "privacy.legal_hold_placed",
        officer.pk,
        "staff:officer",
    )
    assert placed.data == {"released": False}
    assert "held@example.org" not in str(placed.data) + placed.actor_label

    response = officer_client.post(
        f"{URL}{hold.pk}/change/",
        {
            "email": "held@example.org",
            "reason": "Tax audit 2026",
            "released_at_0": "2026-12-01",
            "released_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hold.refresh_from_db()
    assert hold.released_at is not None
    changed = _hold_events(hold).get(action="privacy.legal_hold_changed")
    assert changed.data == {"released": True} and changed.actor_id == officer.pk


def test_no_admin_path_deletes_a_hold(officer, officer_client):
    hold = SubjectLegalHold.objects.create(email="kept@example.org", reason="Court case")
    assert officer_client.post(f"{URL}{hold.pk}/delete/", {"post": "yes"}).status_code == 403
    officer_client.post(URL, {"action": "delete_selected", "_selected_action": [hold.pk]})
    assert SubjectLegalHold.objects.filter(pk=hold.pk).exists()

    request = RequestFactory().post(URL)
    request.user = officer
    model_admin = site._registry[SubjectLegalHold]
    with pytest.raises(PermissionDenied):
        model_admin.delete_queryset(request, SubjectLegalHold.objects.all())
    with pytest.raises(PermissionDenied):
        model_admin.delete_model(request, hold)
    assert SubjectLegalHold.objects.filter(pk=hold.pk).exists()
