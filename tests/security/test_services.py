"""security.services from plain values: no request goes in, the browser id to set comes out."""

from security.browser import browser_hash
from security.models import KnownBrowser, SecurityEvent
from security.services import login_record, login_throttled_record, security_event_record
from tests.support.tenants import in_schema

CLIENT = {"ip": "203.0.113.7", "user_agent": "TestBrowser/1.0"}
BROWSER_ID = "b" * 32


def test_an_event_keeps_the_ip_and_a_capped_user_agent(acme, acme_member):
    with in_schema(acme):
        event = security_event_record(
            kind="logout", user=acme_member, ip="2001:db8::1", user_agent="x" * 500
        )
        assert (event.ip, len(event.user_agent)) == ("2001:db8::1", 300)
        assert security_event_record(kind="logout", user=None, ip="", user_agent="").ip is None


def test_nothing_is_logged_on_the_public_host(staff_user):
    # The public schema has no security tables at all: writing would fail, not just leak.
    assert security_event_record(kind="login", user=staff_user, **CLIENT) is None
    kept = login_record(user=staff_user, **CLIENT, preferences_consented=True, browser_id="")
    assert kept is None


def test_without_consent_no_browser_is_computed_or_set(acme, acme_member):
    with in_schema(acme):
        kept = login_record(
            user=acme_member, **CLIENT, preferences_consented=False, browser_id=BROWSER_ID
        )
        assert kept is None and not KnownBrowser.objects.exists()
        assert list(SecurityEvent.objects.values_list("kind", flat=True)) == ["login"]


def test_a_new_browser_is_flagged_once_and_its_id_renewed(acme, acme_member):
    with in_schema(acme):
        for _ in range(2):
            kept = login_record(
                user=acme_member, **CLIENT, preferences_consented=True, browser_id=BROWSER_ID
            )
            assert kept == BROWSER_ID
        assert KnownBrowser.objects.get().browser_hash == browser_hash(BROWSER_ID)
        kinds = sorted(SecurityEvent.objects.values_list("kind", flat=True))
        assert kinds == ["login", "login", "new_browser"]


def test_a_cookie_we_could_not_have_set_gets_a_fresh_id(acme, acme_member):
    with in_schema(acme):
        kept = login_record(
            user=acme_member, **CLIENT, preferences_consented=True, browser_id="<script>"
        )
        assert kept and kept != "<script>" and len(kept) >= 20


def test_a_throttled_login_names_the_account_not_the_typed_text(acme, acme_member):
    with in_schema(acme):
        login_throttled_record(login=acme_member.email.upper(), **CLIENT)
        event = SecurityEvent.objects.get(kind="login_throttled")
        assert event.user_id == acme_member.pk and event.ip == CLIENT["ip"]
