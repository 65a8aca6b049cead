"""Failed logins are limited per (account, IP) (5 in 5 minutes) and per IP (10 in 5 minutes).

A stranger's failures from their own addresses never lock the real user out of theirs.
"""

from security.models import SecurityEvent
from tests.factories import PASSWORD
from tests.support.http import host_client
from tests.support.tenants import in_schema

MESSAGE = "Too many failed logins for this account or from your network"


def _client(ip):
    return host_client("acme.iperfony.localhost", REMOTE_ADDR=ip)


def _login(client, login, password):
    return client.post("/accounts/login/", {"login": login, "password": password})


def test_five_failures_on_one_account_block_it_from_that_ip(acme, acme_member):
    for _ in range(5):
        response = _login(_client("10.0.0.1"), "ben", "wrong")
        assert MESSAGE not in response.content.decode()
    client = _client("10.0.0.1")
    response = _login(client, "ben", PASSWORD)  # the right password, yet refused
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session
    with in_schema(acme):
        assert SecurityEvent.objects.filter(kind="login_throttled", user=acme_member).exists()


def test_five_ips_cannot_lock_the_real_user_out(acme, acme_member):
    for n in range(5):
        for _ in range(6):
            _login(_client(f"10.0.1.{n + 1}"), "ben", "wrong")
        refused = _login(_client(f"10.0.1.{n + 1}"), "ben", PASSWORD)
        assert MESSAGE in refused.content.decode()  # each attacking address is limited
    assert _login(_client("10.0.1.99"), "ben", PASSWORD).status_code == 302


def test_ten_failures_from_one_ip_block_that_ip_for_every_account(acme, acme_member):
    for n in range(10):
        _login(_client("10.1.1.1"), f"guess{n}", "wrong")
    blocked = _client("10.1.1.1")
    response = _login(blocked, "ben", PASSWORD)
    assert MESSAGE in response.content.decode()
    assert "_auth_user_id" not in blocked.session
    elsewhere = _client("10.2.2.2")
    assert _login(elsewhere, "ben", PASSWORD).status_code == 302


def test_four_failures_do_not_block(acme, acme_member):
    for _ in range(4):
        _login(_client("10.3.3.3"), "ben", "wrong")
    assert _login(_client("10.3.3.3"), "ben", PASSWORD).status_code == 302


def test_throttle_message_is_translated(acme, acme_member):
    for _ in range(5):
        _login(_client("10.4.0.1"), "ben", "wrong")
    client = _client("10.4.0.1")
    client.cookies["django_language"] = "fr"
    response = _login(client, "ben", PASSWORD)
    assert "Trop de connexions échouées" in response.content.decode()


def test_throttling_in_acme_does_not_block_globex(acme, globex, acme_member):
    for _ in range(5):
        _login(_client("10.5.5.5"), "ben", "wrong")
    globex_client = host_client("globex.iperfony.localhost", REMOTE_ADDR="10.6.6.6")
    response = globex_client.post("/accounts/login/", {"login": "ben", "password": "x"})
    assert MESSAGE not in response.content.decode()


def test_username_and_email_count_as_the_same_account(acme, acme_member):
    for _ in range(3):
        _login(_client("10.7.0.1"), "ben", "wrong")
    for _ in range(2):
        _login(_client("10.7.0.1"), "BEN@acme.example", "wrong")
    response = _login(_client("10.7.0.1"), "ben", PASSWORD)
    assert MESSAGE in response.content.decode()
