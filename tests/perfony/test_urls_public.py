"""The staff back office logs in through allauth: rate limited per IP and per (account, IP)."""

from urllib.parse import urlsplit

from tests.accounts.staff import staff_ip_client
from tests.factories import PASSWORD

MESSAGE = "Too many failed logins for this account or from your network"


def _login(client, login, password):
    return client.post(
        "/accounts/login/", {"login": login, "password": password, "next": "/admin/"}
    )


def test_the_admin_sends_anonymous_staff_to_allauths_login(public_client):
    response = public_client.get("/admin/")
    assert response.status_code == 302
    login = public_client.get(response["Location"])
    if login.status_code == 302:  # /admin/login/ hands over to allauth's login
        login = public_client.get(login["Location"])
    assert login.status_code == 200
    assert "Log in to the Perfony back office" in login.content.decode()


def test_the_admins_own_login_form_does_not_log_in(staff_member):
    client = staff_ip_client("192.0.2.1")
    response = client.post("/admin/login/?next=/admin/", {"username": "sam", "password": PASSWORD})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_the_right_password_logs_staff_in_to_the_admin(staff_member):
    client = staff_ip_client("192.0.2.2")
    response = _login(client, "sam", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_who_open_the_login_page_directly_land_in_the_admin(staff_member):
    client = staff_ip_client("192.0.2.7")
    response = client.post("/accounts/login/", {"login": "sam", "password": PASSWORD})
    assert response["Location"] == "/admin/"


def test_15_wrong_passwords_then_the_right_one_is_refused(staff_member):
    client = staff_ip_client("192.0.2.3")
    for _ in range(15):
        assert _login(client, "sam", "wrong").status_code == 200
    response = _login(client, "sam", PASSWORD)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_five_ips_cannot_lock_a_staff_member_out(staff_member):
    for n in range(1, 6):
        attacker = staff_ip_client(f"198.51.100.{n}")
        for _ in range(6):
            _login(attacker, "sam", "wrong")
        refused = _login(attacker, "sam", PASSWORD)
        assert MESSAGE in refused.content.decode()  # each address is limited on its own
        assert "_auth_user_id" not in attacker.session
    real_user = staff_ip_client("203.0.113.7")
    assert _login(real_user, "sam", PASSWORD).status_code == 302
    assert real_user.get("/admin/").status_code == 200


def test_one_ip_guessing_many_accounts_is_limited(staff_member):
    spray = staff_ip_client("192.0.2.4")
    for n in range(10):
        _login(spray, f"guess{n}", "wrong")
    response = _login(spray, "sam", PASSWORD)
    assert MESSAGE in response.content.decode()
    assert _login(staff_ip_client("192.0.2.5"), "sam", PASSWORD).status_code == 302


def test_a_logged_in_non_staff_user_gets_no_admin_page(db):
    from tests.factories import UserFactory

    UserFactory(username="visitor")
    client = staff_ip_client("192.0.2.6")
    assert _login(client, "visitor", PASSWORD).status_code == 302
    assert client.get("/admin/", follow=True).status_code == 403  # not a login form again
