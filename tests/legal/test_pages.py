import re

import pytest
from django.test import override_settings
from django.utils.html import escape

from consent import cookies

SECTIONS = {
    "en": ["1. Introduction", "5. Cookies", "9. Data protection officer"],
    "nl": ["1. Inleiding", "5. Cookies", "9. Functionaris voor gegevensbescherming"],
    "fr": ["1. Introduction", "5. Cookies", "9. Délégué à la protection des données"],
}


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_privacy_policy_has_nine_sections_in_each_language(public_client, language):
    html = public_client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert html.count('<h2 class="policy-section">') == 9
    for heading in SECTIONS[language]:
        assert heading in html
    assert "100" in html  # cookies never live longer than 100 days


def test_privacy_policy_is_on_extranets_too(acme_client):
    assert acme_client.get("/privacy/").status_code == 200


def test_retention_section_renders_rows_from_context(public_client, monkeypatch):
    from legal import views
    from retention.selectors import PolicyRow

    row = PolicyRow("probe", "Prospects", "Last contact", "3 years", "Deleted", "-", "<b>x</b>")
    monkeypatch.setattr(views, "retention_rows", lambda: [row])
    html = public_client.get("/privacy/").content.decode()
    assert 'id="retention-probe"' in html and "3 years" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html  # escaped


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_retention_policy_is_on_the_privacy_page(public_client, language):
    from django.utils import translation

    from retention.policies import policy_list

    html = public_client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for policy in policy_list():
        with translation.override(language):
            label = str(policy.label)
        assert f'id="retention-{policy.key}"' in html
        assert escape(label) in html, label
    if language == "nl":
        assert "Beveiligingslogboek" in html  # the table follows the page's language


@override_settings(CONSENT_GOOGLE_ANALYTICS_ID="G-TEST123")  # scripts are listed once configured
def test_cookie_policy_is_generated_from_the_registry(public_client):
    html = public_client.get("/cookies/").content.decode()
    for cookie in cookies.COOKIES:
        assert f"<code>{cookie.name}</code>" in html
    for category in cookies.CATEGORIES:
        assert f'id="cat-{category.key}"' in html
    assert "Google Analytics 4" in html


def test_legal_notice(public_client):
    html = public_client.get("/legal-notice/").content.decode()
    assert "Perfony SAS" in html and "91 rue du Faubourg Saint Honoré" in html


def test_home_links_to_every_public_page(public_client):
    html = public_client.get("/").content.decode()
    for href in ("/privacy/", "/cookies/", "/legal-notice/", "/consent/settings/"):
        assert re.search(rf'href="[^"]*{href}"', html), href
