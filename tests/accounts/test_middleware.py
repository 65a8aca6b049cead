"""Staff on the public host: a second factor before any admin page, and session time limits."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib import admin
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse as _reverse

from tests.accounts.staff import staff_ip_client, totp_code
from tests.factories import PASSWORD
from tests.support.http import PUBLIC_HOST, host_client, login_as
from tests.support.tenants import in_schema

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def reverse(name, args=None):
    return _reverse(name, args=args, urlconf="perfony.urls_public")


def _login_page_reached(client, url):
    """Where an expired session lands: allauth's login form, with nothing left of the session."""
    response = client.get(url, follow=True)
    return response.redirect_chain and urlsplit(response.redirect_chain[-1][0]).path == (
        "/accounts/login/"
    )


def _admin_urls() -> list[str]:
    """Every page of the back office a staff member can open without an object id."""
    urls = [reverse("admin:index"), reverse("admin:password_change"), "/admin/observatory/"]
    app_labels = set()
    for model in admin.site._registry:
        opts = model._meta
        app_labels.add(opts.app_label)
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    return urls


def _password_login(client, *, next_url="/admin/"):
    return client.post("/accounts/login/", {"login": "sam", "password": PASSWORD, "next": next_url})


# --- A second factor first (production-like: STAFF_MFA_REQUIRED on) ------------------------


@override_settings(STAFF_MFA_REQUIRED=True)
def test_staff_without_a_second_factor_reach_no_admin_page(staff_member):
    client = staff_ip_client("192.0.2.10")
    assert _password_login(client).status_code == 302
    urls = _admin_urls()
    assert len(urls) > 20
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_index"), url
    enrol = client.get(reverse("mfa_index"))
    assert enrol.status_code == 200
    assert "Set up two-factor authentication" in enrol.content.decode()


@override_settings(STAFF_MFA_REQUIRED=True)
def test_staff_with_totp_log_in_with_a_code_and_reach_the_admin(staff_member, staff_totp_secret):
    client = staff_ip_client("192.0.2.11")
    response = _password_login(client)
    assert response["Location"] == reverse("mfa_authenticate")  # the password is not enough
    assert client.get("/admin/").status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(staff_totp_secret)})
    assert response["Location"] == "/admin/"
    for url in _admin_urls():
        status = client.get(url).status_code
        # Some models have no add form for anyone (e.g. requests come from the public site).
        assert status == 200 or (status == 403 and url.endswith("/add/")), url


@override_settings(STAFF_MFA_REQUIRED=True)
def test_a_wrong_totp_code_does_not_log_in(staff_member, staff_totp_secret):
    client = staff_ip_client("192.0.2.12")
    _password_login(client)
    wrong = "000000" if totp_code(staff_totp_secret) != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


@override_settings(STAFF_MFA_REQUIRED=True)
def test_staff_enrol_totp_then_reach_the_admin(staff_member):
    client = staff_ip_client("192.0.2.13")
    _password_login(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert urlsplit(response["Location"]).path == reverse("account_reauthenticate")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # the recovery codes, once
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("view", ["mfa_activate_totp", "mfa_add_webauthn"])
def test_adding_a_factor_needs_the_password_again(staff_member, view):
    client = staff_ip_client("192.0.2.14")
    _password_login(client)
    response = client.get(reverse(view))
    assert urlsplit(response["Location"]).path == reverse("account_reauthenticate")
    refused = client.post(response["Location"], {"password": "wrong"})
    assert refused.status_code == 200
    assert client.get(reverse(view)).status_code == 302


def test_removing_totp_needs_the_password_again(staff_member, staff_totp_secret):
    client = staff_ip_client("192.0.2.15")
    client.force_login(staff_member)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert urlsplit(response["Location"]).path == reverse("account_reauthenticate")
    assert staff_member.authenticator_set.filter(type="totp").exists()


def test_without_the_setting_staff_use_the_admin_before_enrolling(staff_client):
    # Local settings (the one-command demo): STAFF_MFA_REQUIRED is off.
    assert staff_client.get("/admin/").status_code == 200


# --- Session limits ---------------------------------------------------------------------------


def _logged_in_staff(ip="192.0.2.20"):
    client = staff_ip_client(ip)
    assert _password_login(client).status_code == 302
    return client


def test_a_staff_session_ends_after_30_minutes_idle(staff_member):
    with time_machine.travel(T0, tick=False):
        client = _logged_in_staff()
        key = client.session.session_key
    with time_machine.travel(T0 + timedelta(minutes=29), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(T0 + timedelta(minutes=29 + 31), tick=False):
        assert _login_page_reached(client, "/admin/")
        assert SessionStore(session_key=key).load() == {}  # expired, or deleted
    assert client.get("/admin/").status_code == 302  # not logged in again by the next request


def test_a_busy_staff_session_ends_after_12_hours(staff_member):
    with time_machine.travel(T0, tick=False):
        client = _logged_in_staff()
    for step in range(1, 29):  # active every 25 minutes, up to 11 h 40
        with time_machine.travel(T0 + step * timedelta(minutes=25), tick=False):
            assert client.get("/accounts/2fa/").status_code == 200, step
    with time_machine.travel(T0 + timedelta(hours=12, minutes=1), tick=False):
        assert _login_page_reached(client, "/admin/")
    assert "_auth_user_id" not in client.session


def test_the_session_cookie_expires_with_the_idle_limit(staff_member):
    client = _logged_in_staff()
    response = client.get("/admin/")
    assert response.cookies["sessionid"]["max-age"] == 30 * 60


def test_extranet_sessions_keep_their_lifetime(acme, acme_member):
    client = login_as(host_client("acme.iperfony.localhost"), acme, acme_member)
    with in_schema(acme):
        key = client.session.session_key
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=13), tick=False):
        response = client.get("/")
        assert response.status_code == 200
        assert "Log out (ben)" in response.content.decode()
    with in_schema(acme):
        assert Session.objects.filter(session_key=key).exists()


@pytest.mark.parametrize("path", ["/accounts/2fa/", "/accounts/2fa/totp/activate/"])
def test_extranet_hosts_expose_no_mfa_views(acme_member_client, path):
    assert acme_member_client.get(path).status_code == 404


def test_public_host_is_where_staff_log_in(db):
    assert host_client(PUBLIC_HOST).get("/accounts/login/").status_code == 200
