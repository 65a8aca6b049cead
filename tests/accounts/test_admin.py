"""The staff user admin: a superuser ends another staff member's sessions."""

from urllib.parse import urlsplit

from django.contrib.auth.models import Permission

from core.models import AuditEvent
from tests.accounts.staff import staff_ip_client
from tests.factories import PASSWORD, UserFactory

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


def _change_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    return {**data, **changes}


def test_changing_a_staff_account_needs_the_password_again(staff_member):
    # The address itself is read-only in the admin (an address counts only once proved), so
    # the suspended change here is the name.
    client = staff_ip_client("192.0.2.56")
    client.force_login(staff_member)  # a session, but no recent password
    before = staff_member.first_name
    url = f"{CHANGELIST}{staff_member.pk}/change/"
    response = client.post(url, _change_form(staff_member, first_name="Samira"))
    assert urlsplit(response["Location"]).path == "/accounts/reauthenticate/"
    staff_member.refresh_from_db()
    assert staff_member.first_name == before
    refused = client.post(response["Location"], {"password": "wrong"})
    assert refused.status_code == 200
    staff_member.refresh_from_db()
    assert staff_member.first_name == before
    resumed = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert resumed.status_code == 200
    staff_member.refresh_from_db()
    assert staff_member.first_name == "Samira"  # the suspended change, replayed
    assert staff_member.email == "sam@perfony.com"


def test_setting_a_staff_password_needs_the_password_again(staff_member):
    client = staff_ip_client("192.0.2.57")
    client.force_login(staff_member)
    url = f"{CHANGELIST}{staff_member.pk}/password/"
    new = "another horse battery staple"
    response = client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert urlsplit(response["Location"]).path == "/accounts/reauthenticate/"
    staff_member.refresh_from_db()
    assert staff_member.check_password(PASSWORD)
