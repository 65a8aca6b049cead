"""The security log: every event kind, with IP and browser, kept per extranet."""

import pytest

from security.models import SecurityEvent
from tests.factories import PASSWORD, UserFactory
from tests.support.http import host_client, login_as
from tests.support.tenants import in_schema

UA = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0"


def _client(ip="203.0.113.7"):
    return host_client("acme.iperfony.localhost", REMOTE_ADDR=ip, HTTP_USER_AGENT=UA)


def _login(client, login, password=PASSWORD):
    return client.post("/accounts/login/", {"login": login, "password": password})


def _events(extranet, **filters):
    with in_schema(extranet):
        return list(SecurityEvent.objects.filter(**filters).order_by("id"))


@pytest.fixture
def consent_to_preferences(monkeypatch):
    monkeypatch.setattr(
        "consent.selectors.category_consented",
        lambda *, request, category: category in ("necessary", "preferences"),
    )


def test_login_success_records_time_full_ip_and_browser(acme, acme_member):
    assert _login(_client(), "ben").status_code == 302
    [event] = _events(acme, kind="login")
    assert event.user_id == acme_member.pk
    assert event.ip == "203.0.113.7"
    assert event.user_agent == UA
    assert event.created_at is not None


def test_failed_login_on_known_and_unknown_accounts(acme, acme_member):
    _login(_client(), "ben", "wrong")
    _login(_client(), "nobody@acme.example", "wrong")
    known, unknown = _events(acme, kind="login_failed")
    assert known.user_id == acme_member.pk
    assert unknown.user_id is None
    assert unknown.ip == "203.0.113.7"


def test_typed_login_text_is_never_stored(acme, acme_member):
    """People type their password into the login box: whatever was typed is not kept."""
    typed = "Tr0ub4dor&3-my-password"
    _login(_client(), typed, "wrong")
    _login(_client(), acme_member.email.upper(), "wrong")  # matched case-insensitively
    unknown, known = _events(acme, kind="login_failed")
    assert unknown.user_id is None and known.user_id == acme_member.pk
    for event in (unknown, known):
        stored = [str(getattr(event, f.attname)) for f in SecurityEvent._meta.concrete_fields]
        assert not any(typed in value or "BEN@" in value for value in stored)


def test_logout_and_password_change(acme, acme_member):
    client = _client()
    _login(client, "ben")
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "brand-new-pass-77",
            "password2": "brand-new-pass-77",
        },
    )
    assert response.status_code == 302
    client.post("/accounts/logout/")
    kinds = [e.kind for e in _events(acme, user=acme_member)]
    assert kinds == ["login", "password_changed", "logout"]


def test_no_new_browser_event_and_no_cookie_without_consent(acme, acme_member):
    client = _client()
    response = _login(client, "ben")
    assert "pf_bid" not in response.cookies
    assert _events(acme, kind="new_browser") == []


def test_new_browser_is_flagged_once_with_consent(acme, acme_member, consent_to_preferences):
    client = _client()
    response = _login(client, "ben")
    cookie = response.cookies["pf_bid"]
    assert cookie["httponly"] and cookie["max-age"] == 100 * 24 * 3600
    assert len(_events(acme, kind="new_browser")) == 1
    client.post("/accounts/logout/")
    _login(client, "ben")  # same browser: the cookie is known now
    assert len(_events(acme, kind="new_browser")) == 1
    other_browser = _client("198.51.100.9")
    _login(other_browser, "ben")
    assert len(_events(acme, kind="new_browser")) == 2


def test_logins_of_one_extranet_never_appear_in_another(acme, globex, acme_member):
    _login(_client(), "ben")
    _login(_client(), "ben", "wrong")
    assert _events(globex, user_agent=UA) == []
    assert _events(globex, ip="203.0.113.7") == []


def test_recent_activity_shows_my_events_only(acme, acme_member, acme_admin):
    _login(_client("203.0.113.50"), "ben")
    _login(_client("203.0.113.60"), "ann")
    client = login_as(host_client("acme.iperfony.localhost"), acme, acme_member)
    body = client.get("/activity/").content.decode()
    assert "203.0.113.50" in body and "203.0.113.60" not in body
    assert client.get("/activity/extranet/").status_code == 403


def test_admin_sees_the_whole_extranet_activity(acme, acme_member, acme_admin):
    _login(_client("203.0.113.50"), "ben")
    _login(_client("203.0.113.51"), "ghost-secret-pw", "wrong")
    _login(_client("203.0.113.52"), "ben", "wrong")
    client = login_as(host_client("acme.iperfony.localhost"), acme, acme_admin)
    body = client.get("/activity/extranet/").content.decode()
    assert "203.0.113.50" in body and "203.0.113.51" in body
    assert "unknown account" in body and "Ben Stone" in body
    assert "ghost-secret-pw" not in body  # the typed text is never shown


def test_activity_of_acme_is_not_reachable_from_globex_nor_anonymously(acme, globex, acme_member):
    _login(_client("203.0.113.50"), "ben")
    anonymous = host_client("acme.iperfony.localhost")
    response = anonymous.get("/activity/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    with in_schema(globex):
        boss = UserFactory(username="gboss", is_extranet_admin=True, pk=acme_member.pk)
    client = login_as(host_client("globex.iperfony.localhost"), globex, boss)
    for path in ("/activity/", "/activity/extranet/"):
        assert "203.0.113.50" not in client.get(path).content.decode()


def test_staff_login_on_the_public_host_does_not_break(public_client):
    UserFactory(username="staffer", is_staff=True)
    response = public_client.post(
        "/admin/login/", {"username": "staffer", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
