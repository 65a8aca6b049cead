"""The staff user admin: a superuser ends another staff member's sessions."""

from urllib.parse import urlsplit

from django.contrib.auth.models import Permission

from core.models import AuditEvent
from tests.accounts.staff import staff_ip_client
from tests.factories import UserFactory

CHANGELIST = "/admin/accounts/user/"


def _end_sessions(client, user):
    return client.post(
        CHANGELIST, {"action": "end_sessions", "_selected_action": [user.pk]}, follow=True
    )


def test_a_superuser_ends_a_colleagues_sessions_from_the_admin(staff_member):
    colleague = UserFactory(username="cleo", email="cleo@perfony.com", is_staff=True)
    theirs = staff_ip_client("192.0.2.50")
    theirs.force_login(colleague)
    mine = staff_ip_client("192.0.2.51")
    mine.force_login(staff_member)
    response = _end_sessions(mine, colleague)
    assert response.status_code == 200
    assert "1 session ended." in response.content.decode()
    assert AuditEvent.objects.filter(action="staff.sessions_ended", actor_id=staff_member.pk)
    landed = theirs.get("/admin/")
    assert urlsplit(landed["Location"]).path in {"/admin/login/", "/accounts/login/"}
    assert mine.get("/admin/").status_code == 200


def test_ending_ones_own_sessions_keeps_the_current_one(staff_member):
    elsewhere = staff_ip_client("192.0.2.52")
    elsewhere.force_login(staff_member)
    mine = staff_ip_client("192.0.2.53")
    mine.force_login(staff_member)
    assert _end_sessions(mine, staff_member).status_code == 200
    assert mine.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302


def test_a_staff_member_who_is_not_a_superuser_has_no_such_action(staff_member):
    manager = UserFactory(username="mia", email="mia@perfony.com", is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(codename__endswith="_user"))
    victim = staff_ip_client("192.0.2.54")
    victim.force_login(staff_member)
    client = staff_ip_client("192.0.2.55")
    client.force_login(manager)
    page = client.get(CHANGELIST)
    assert page.status_code == 200 and 'value="delete_selected"' in page.content.decode()
    assert 'value="end_sessions"' not in page.content.decode()
    _end_sessions(client, staff_member)
    assert victim.get("/admin/").status_code == 200
    assert not AuditEvent.objects.filter(action="staff.sessions_ended").exists()
