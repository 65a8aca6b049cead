import re
from pathlib import Path

from django.conf import settings
from django.test import override_settings

from consent import cookies
from consent.models import ConsentRecord


def choose(client, action="accept_all", **extra):
    client.post("/consent/", {"action": action, "next": "/", **extra})


def test_first_visit_sets_no_optional_cookie(public_client, acme_client):
    for client, path in ((public_client, "/"), (acme_client, "/accounts/login/")):
        response = client.get(path)
        assert set(response.cookies) <= {"csrftoken", "sessionid"}, response.cookies


def test_language_cookie_without_consent_only_lasts_the_session(public_client):
    response = public_client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie.value == "fr"
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_language_cookie_with_preferences_consent_is_kept(public_client):
    choose(public_client, "custom", preferences="on")
    response = public_client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert response.cookies["django_language"]["max-age"] == 100 * 86400


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123")
def test_analytics_script_is_inert_until_consented(public_client):
    html = public_client.get("/").content.decode()
    tag = re.search(r'<script[^>]*data-consent-category="analytics"[^>]*>', html).group(0)
    assert 'type="text/plain"' in tag
    assert "data-src=" in tag and " src=" not in tag
    choose(public_client)
    html = public_client.get("/").content.decode()
    tag = re.search(r'<script[^>]*data-consent-category="analytics"[^>]*>', html).group(0)
    assert 'type="text/plain"' not in tag
    assert 'src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"' in tag


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123")
def test_google_analytics_is_configured_to_keep_its_cookies_100_days_at_most(public_client):
    choose(public_client)
    html = public_client.get("/").content.decode()
    tags = re.findall(r'<script[^>]*data-consent-category="analytics"[^>]*>', html)
    assert any('src="/static/js/ga-config.js?id=G-TEST123"' in tag for tag in tags)
    config = (Path(settings.BASE_DIR) / "static/js/ga-config.js").read_text()
    assert "cookie_expires: 8640000" in config  # 100 days, Google's default is 13 months
    assert str(cookies.cookie_lookup("_ga").lifetime) == "100 days"


def test_no_third_party_script_without_configuration(public_client):
    choose(public_client)
    assert "googletagmanager" not in public_client.get("/").content.decode()


def test_footer_has_cookie_settings_and_policy_links_everywhere(public_client, acme_client):
    for client, path in ((public_client, "/"), (acme_client, "/accounts/login/")):
        html = client.get(path).content.decode()
        # policy pages may be linked absolutely (public site); cookie settings are per host
        for href in ("/privacy/", "/cookies/", "/legal-notice/"):
            assert re.search(rf'href="[^"]*{href}"', html), (path, href)
        assert 'href="/consent/settings/"' in html
        assert "Cookie settings" in html


def test_settings_page_without_js_shows_withdraw_after_consent(public_client):
    assert b'value="withdraw"' not in public_client.get("/consent/settings/").content
    choose(public_client)
    html = public_client.get("/consent/settings/").content.decode()
    assert 'value="withdraw"' in html
    assert str(ConsentRecord.objects.get().consent_id) in html


def test_banner_is_translated(public_client):
    html = public_client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Alles accepteren" in html and "Alles weigeren" in html
    html = public_client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Tout accepter" in html and "Tout refuser" in html


def test_banner_hash_depends_on_the_text_shown(public_client):
    public_client.post("/consent/", {"action": "reject_all"}, HTTP_ACCEPT_LANGUAGE="fr")
    public_client.post("/consent/", {"action": "reject_all"}, HTTP_ACCEPT_LANGUAGE="en")
    public_client.post("/consent/", {"action": "reject_all"}, HTTP_SEC_GPC="1")
    hashes = {r.banner_hash for r in ConsentRecord.objects.all()}
    assert len(hashes) == 3
    assert {r.language for r in ConsentRecord.objects.all()} == {"fr", "en"}
